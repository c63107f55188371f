// Package refs resolves references between documents: Markdown links and
// raw HTML links to documents, sections and files, relative or from
// content/ (site-absolute), wiki links by Document-ID or file name, and bare
// document file names, written in documents and in sections' _index.md
// alike. It maps each to its page or file in the output, records which
// document refers to which, and reports broken, ambiguous and restricted
// references and missing anchors. It does not parse or render Markdown.
package refs

import (
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// Index finds documents, sections and files.
type Index struct {
	all  []*site.Document // published, then left out
	pub  int              // how many of all are published
	once sync.Once
	made atomic.Pointer[Names] // indexed when first needed: a build that renders no body need not
	// sections maps a content/... folder to its section, assets tells the
	// content/... paths of static files, and static the output paths of
	// the files of a static/ folder.
	sections map[string]*site.Section
	assets   map[string]bool
	static   map[string]bool
	rel      func(from, to string) string
}

// Names is what an Index finds documents by: their paths, lower-case file
// names and Document-IDs, each naming documents by their place among the
// site's documents, published then left out. Every site whose documents
// have the same paths and IDs, in the same order, and are published alike
// has the same Names, so that one's serve another's Index (see Use).
type Names struct {
	byPath map[string]int   // content/... -> document, published or not
	byName map[string][]int // lower-case file name -> documents
	byID   map[string][]int // lower-case Document-ID -> documents
	// names and ids are the file names and Document-IDs of the published
	// documents, which "did you mean" may suggest.
	names, ids []string
}

// NewIndex indexes every document of s, published or left out, its
// sections, its content files and its static files. rel makes the link from
// one output path to another.
func NewIndex(s *site.Site, rel func(from, to string) string) *Index {
	ix := &Index{
		all: append(slices.Clip(s.Documents), s.Excluded...), pub: len(s.Documents), sections: map[string]*site.Section{},
		assets: make(map[string]bool, len(s.Assets)), static: make(map[string]bool, len(s.Static)), rel: rel,
	}
	ix.sections[s.Root.Dir] = s.Root
	for _, sec := range s.Sections() {
		ix.sections[sec.Dir] = sec
	}
	for _, a := range s.Assets {
		ix.assets[a] = true
	}
	for _, f := range s.Static {
		ix.static[f] = true
	}
	return ix
}

// Use gives the index the names of the documents of a site that has the
// same paths and IDs in the same order, published alike; call it before
// the index is used.
func (ix *Index) Use(names *Names) {
	ix.once.Do(func() { ix.made.Store(names) })
}

// Names returns the index's names, or nil if it has had no need of them.
func (ix *Index) Names() *Names { return ix.made.Load() }

// documents indexes the documents' names, once.
func (ix *Index) documents() *Names {
	ix.once.Do(func() {
		n := &Names{byPath: make(map[string]int, len(ix.all)), byName: make(map[string][]int, len(ix.all)), byID: make(map[string][]int, len(ix.all))}
		for i, d := range ix.all {
			n.byPath[d.Path] = i
			name := strings.ToLower(d.FileName())
			n.byName[name] = append(n.byName[name], i)
			if d.ID != "" {
				id := strings.ToLower(d.ID)
				n.byID[id] = append(n.byID[id], i)
			}
		}
		for _, d := range ix.all[:ix.pub] {
			n.names = append(n.names, d.FileName())
			if d.ID != "" {
				n.ids = append(n.ids, d.ID)
			}
		}
		ix.made.Store(n)
	})
	return ix.made.Load()
}

// Document returns the document at a path from the site root, or nil.
func (ix *Index) Document(path string) *site.Document {
	d, _ := ix.at(path)
	return d
}

// at returns the document at a path from the site root.
func (ix *Index) at(path string) (*site.Document, bool) {
	i, ok := ix.documents().byPath[path]
	if !ok || i >= len(ix.all) {
		return nil, false
	}
	return ix.all[i], true
}

// with returns the documents at the places in.
func (ix *Index) with(in []int) []*site.Document {
	var out []*site.Document
	for _, i := range in {
		if i < len(ix.all) {
			out = append(out, ix.all[i])
		}
	}
	return out
}

// Section returns the section of a folder from the site root, or nil.
func (ix *Index) Section(dir string) *site.Section { return ix.sections[dir] }

// AssetURL is the output path of a static file under content/.
func AssetURL(p string) string { return strings.TrimPrefix(p, source.ContentDir+"/") }

// Linker resolves the references written in one file, a document or a
// section's _index.md, for one page. It is not safe for concurrent use;
// each file gets its own.
type Linker struct {
	ix   *Index
	file string         // where the references are written, from the site root
	page string         // the output page they are written into
	doc  *site.Document // the document they are written in, or nil
	sec  *site.Section  // else the section whose _index.md they are in
	pos  func(int) finding.Position
	// published is whether the page is published: only a published page
	// warns of a link to a document left out.
	published bool
	// hints is what is left of the file's work for "did you mean" hints.
	hints int

	// What the references resolved to: the problems, the documents and
	// sections referred to (for anchors and backlinks), the files under
	// content/ used, and the http(s) links.
	Findings finding.List
	Refs     []site.Reference
	Files    []string
	External []site.ExternalLink
}

// For returns a Linker for the references of document d, written into its
// page.
func (ix *Index) For(d *site.Document) *Linker {
	return &Linker{ix: ix, file: d.Path, page: d.URL, doc: d, pos: d.Pos, published: !d.Excluded, hints: hintWork}
}

// ForSection returns a Linker for the references of a section's _index.md,
// written into the output page at page: the section's own page, or the page
// that shows its introduction on a card.
func (ix *Index) ForSection(sec *site.Section, page string) *Linker {
	file := sec.Dir + "/" + source.IndexFile
	if sec.Source != nil {
		file = sec.Source.Path
	}
	return &Linker{ix: ix, file: file, page: page, sec: sec, pos: sec.Pos, published: true, hints: hintWork}
}

// Resolve implements markdown.Resolver.
func (l *Linker) Resolve(r markdown.Ref) markdown.Target {
	pos := l.pos(r.Offset)
	switch r.Kind {
	case markdown.KindWiki, markdown.KindBare:
		return l.named(r, pos)
	}
	return l.link(r, pos)
}

// named resolves a wiki link or bare name: by Document-ID, then by file
// name (with or without .md), then by path under content/.
func (l *Linker) named(r markdown.Ref, pos finding.Position) markdown.Target {
	name, frag, _ := strings.Cut(r.Dest, "#")
	if text, err := url.PathUnescape(frag); err == nil {
		frag = text
	}
	if id := markdown.Slug(frag); id != "" {
		frag = id // [[0010_framework.md#Roles & Escalation]] names the heading by its text
	}
	key := strings.ToLower(strings.TrimSpace(name))
	what := "Document-ID or file name"
	if r.Kind == markdown.KindBare {
		what = "file name"
	}
	var found []*site.Document
	if r.Kind == markdown.KindWiki {
		found = l.ix.with(l.ix.documents().byID[key])
	}
	if len(found) == 0 {
		found = l.ix.with(l.ix.documents().byName[key])
		if len(found) == 0 && !strings.HasSuffix(key, ".md") {
			found = l.ix.with(l.ix.documents().byName[key+".md"])
		}
	}
	if len(found) == 0 && strings.Contains(key, "/") {
		if d, ok := l.ix.at(path.Join(source.ContentDir, name)); ok {
			found = []*site.Document{d}
		}
	}
	switch len(found) {
	case 0:
		l.Findings.Errorf(finding.BrokenRef, pos, "no document has the %s %q%s", what, name, l.suggestName(strings.TrimSpace(name), r.Kind == markdown.KindWiki))
		return markdown.Target{Broken: true}
	case 1:
	default:
		var paths []string
		for _, d := range found {
			paths = append(paths, d.Path)
		}
		l.Findings.Errorf(finding.AmbiguousRef, pos, "%q names %d documents: %s; use a path or the Document-ID", name, len(found), strings.Join(paths, ", "))
		return markdown.Target{Broken: true}
	}
	return l.to(found[0], frag, pos)
}

// hintWork bounds the work of the "did you mean" hints of one file, in
// letters compared: past it, a file's further broken references get no
// hint, so that a document of a million broken links costs no more than a
// few. Names longer than hintLetters get none either.
const (
	hintWork    = 20_000_000
	hintLetters = 100
)

// suggestName names the published document whose Document-ID (for a wiki
// link) or file name is a slip away from name, as a hint, or "".
func (l *Linker) suggestName(name string, byID bool) string {
	letters := utf8.RuneCountInString(name)
	names := l.ix.documents()
	cost := (len(names.names) + len(names.ids)) * (letters + 8)
	if letters > hintLetters || cost > l.hints {
		l.hints = 0
		return ""
	}
	l.hints -= cost
	limit := max(1, min(3, letters/4))
	if byID {
		if best, ok := finding.Near(name, names.ids, limit); ok {
			return finding.DidYouMean(best)
		}
	}
	file := name
	if !strings.HasSuffix(strings.ToLower(file), ".md") {
		file += ".md"
	}
	if best, ok := finding.Near(file, names.names, limit); ok {
		return finding.DidYouMean(best)
	}
	return ""
}

// to links to a document, or marks the link restricted when the document is
// left out of this build. Either way its anchor is checked.
func (l *Linker) to(d *site.Document, frag string, pos finding.Position) markdown.Target {
	l.Refs = append(l.Refs, site.Reference{Target: d, Fragment: frag, Pos: pos})
	if d.Excluded {
		if l.published {
			l.Findings.Warnf(finding.RestrictedLink, pos, "links to a document left out of this build (%s); it shows as \"restricted document\"", describe(d))
		}
		return markdown.Target{Restricted: true}
	}
	dest := l.ix.rel(l.page, d.URL)
	if frag != "" {
		if d == l.doc {
			dest = "" // #frag on this page
		}
		dest += "#" + frag
	}
	return markdown.Target{Dest: dest, Label: d.Title}
}

// toSection links to a section's page, or marks the link restricted when
// the section holds only documents left out of this build.
func (l *Linker) toSection(sec *site.Section, frag string, pos finding.Position) markdown.Target {
	l.Refs = append(l.Refs, site.Reference{Section: sec, Fragment: frag, Pos: pos})
	if sec.Excluded {
		if l.published {
			l.Findings.Warnf(finding.RestrictedLink, pos, "links to a section whose documents are all left out of this build; it shows as \"restricted document\"")
		}
		return markdown.Target{Restricted: true}
	}
	dest := l.ix.rel(l.page, sec.URL)
	if frag != "" {
		dest += "#" + frag
	}
	return markdown.Target{Dest: dest}
}

// link resolves a Markdown or raw HTML link or image written as a path:
// relative to the file, or from content/ when it starts with "/".
func (l *Linker) link(r markdown.Ref, pos finding.Position) markdown.Target {
	dest := r.Dest
	if dest == "" {
		return markdown.Target{}
	}
	u, err := url.Parse(dest)
	if err != nil {
		l.Findings.Errorf(finding.BrokenLink, pos, "%q is not a valid link: %v", dest, err)
		return markdown.Target{}
	}
	if u.Scheme == "http" || u.Scheme == "https" {
		l.External = append(l.External, site.ExternalLink{URL: dest, Pos: pos})
		return markdown.Target{}
	}
	if u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return markdown.Target{} // mailto:, tel:, //host/ and the like
	}
	if u.Path == "" { // #anchor on this page
		if u.Fragment != "" {
			l.Refs = append(l.Refs, site.Reference{Target: l.doc, Section: l.sec, Fragment: u.Fragment, Pos: pos})
		}
		return markdown.Target{}
	}
	absolute := strings.HasPrefix(u.Path, "/")
	p := path.Join(path.Dir(l.file), u.Path)
	if absolute {
		p = path.Join(source.ContentDir, u.Path)
	}
	if p != source.ContentDir && !strings.HasPrefix(p, source.ContentDir+"/") {
		l.Findings.Errorf(finding.BrokenLink, pos, "%q points outside the site's content", dest)
		return markdown.Target{}
	}
	if d, ok := l.ix.at(p); ok && r.Kind == markdown.KindLink {
		return l.to(d, u.Fragment, pos)
	}
	frag := ""
	if u.Fragment != "" {
		frag = "#" + u.Fragment
	}
	if sec, ok := l.ix.section(p); ok && r.Kind == markdown.KindLink {
		return l.toSection(sec, u.Fragment, pos)
	}
	if l.ix.assets[p] {
		l.Files = append(l.Files, p)
		return markdown.Target{Dest: l.ix.rel(l.page, AssetURL(p)) + frag}
	}
	if absolute {
		// A page by its address (/standards/x/ for content/standards/x.md),
		// or a file of static/.
		page := strings.TrimSuffix(p, "/index.html")
		if d, ok := l.ix.at(page + ".md"); ok && r.Kind == markdown.KindLink {
			return l.to(d, u.Fragment, pos)
		}
		if sec, ok := l.ix.section(page); ok && r.Kind == markdown.KindLink {
			return l.toSection(sec, u.Fragment, pos)
		}
		if out := AssetURL(p); l.ix.static[out] {
			return markdown.Target{Dest: l.ix.rel(l.page, out) + frag}
		}
		l.Findings.Errorf(finding.BrokenLink, pos, "%q names no file: neither %s nor static%s exists", dest, p, path.Clean(u.Path))
		return markdown.Target{}
	}
	l.Findings.Errorf(finding.BrokenLink, pos, "%s does not exist", p)
	return markdown.Target{}
}

// describe says why a document is left out, without naming it.
func describe(d *site.Document) string {
	if d.Classification == "" {
		return "no classification"
	}
	return "classified " + d.Classification
}

// section finds a section by its folder or its _index.md.
func (ix *Index) section(p string) (*site.Section, bool) {
	if strings.HasSuffix(p, "/"+source.IndexFile) {
		p = path.Dir(p)
	}
	sec, ok := ix.sections[p]
	return sec, ok
}

// CheckAnchors reports references whose #anchor is no heading ID of the
// page they land on: a document's, or a section's, whose headings are its
// introduction's. Run it after the headings of every document and section
// are known. A suggestion never names a heading of a document left out to a
// published page's author.
func CheckAnchors(docs []*site.Document, sections []*site.Section) finding.List {
	var findings finding.List
	sorted := map[any][]anchor{} // each page's anchors, in order, once
	check := func(file string, published bool, refs []site.Reference) {
		hints := hintWork
		for _, r := range refs {
			if r.Fragment == "" {
				continue
			}
			var anchors map[string]bool
			var where string
			var page any = r.Section
			switch {
			case r.Target != nil:
				page = r.Target
				anchors, where = r.Target.Anchors, "in "+r.Target.Path
				if r.Target.Path == file {
					where = "in this document"
				}
			case r.Section != nil:
				anchors, where = r.Section.Anchors, "on the page of the section "+r.Section.Dir
				if r.Section.Source == nil {
					where += ", which has no " + source.IndexFile
				} else if r.Section.Source.Path == file {
					where = "in this " + source.IndexFile
				}
			default:
				continue
			}
			if anchors[r.Fragment] {
				continue
			}
			hint := ""
			if r.Target == nil || !r.Target.Excluded || !published {
				if _, ok := sorted[page]; !ok {
					sorted[page] = sortAnchors(anchors)
				}
				hint = closest(r.Fragment, sorted[page], &hints)
			}
			findings.Errorf(finding.BrokenAnchor, r.Pos, "#%s is no heading %s%s", r.Fragment, where, hint)
		}
	}
	for _, d := range docs {
		check(d.Path, !d.Excluded, d.Refs)
	}
	for _, sec := range sections {
		if sec.Source != nil {
			check(sec.Source.Path, true, sec.Refs)
		}
	}
	return findings
}

// Backlinks fills each document's ReferencedBy with the published documents
// that refer to it, in reading order.
func Backlinks(docs []*site.Document) {
	// Counted first, so that all the lists share one array.
	type count struct {
		n    int
		last *site.Document // the last document counted as referring
	}
	counts := make(map[*site.Document]*count, len(docs))
	total := 0
	refers := func(d *site.Document, each func(t *site.Document)) {
		for _, r := range d.Refs {
			if t := r.Target; t != nil && t != d && !t.Excluded {
				each(t)
			}
		}
	}
	for _, d := range docs {
		d.ReferencedBy = nil
		refers(d, func(t *site.Document) {
			c := counts[t]
			if c == nil {
				c = &count{}
				counts[t] = c
			}
			if c.last != d {
				c.last = d
				c.n++
				total++
			}
		})
	}
	all := make([]*site.Document, total)
	for t, c := range counts {
		t.ReferencedBy, all = all[:0:c.n], all[c.n:]
	}
	for _, d := range docs {
		refers(d, func(t *site.Document) {
			// d is the last to refer to t if it has already: a document's
			// references are gone through together.
			if n := len(t.ReferencedBy); n == 0 || t.ReferencedBy[n-1] != d {
				t.ReferencedBy = append(t.ReferencedBy, d)
			}
		})
	}
}

// anchor is a heading ID and its length in letters.
type anchor struct {
	id      string
	letters int
}

func sortAnchors(anchors map[string]bool) []anchor {
	out := make([]anchor, 0, len(anchors))
	for _, id := range slices.Sorted(maps.Keys(anchors)) {
		out = append(out, anchor{id, utf8.RuneCountInString(id)})
	}
	return out
}

// closest suggests the anchor nearest to a missing one: the fewest edits
// (finding.Distance: an edit adds, drops, changes or swaps two letters;
// case does not count), then the longest common start, then the first in
// order. It suggests nothing when even the nearest needs more edits than a
// third of the fragment's letters: a guess that far off would mislead. It
// takes the letters it compares from budget, and suggests nothing once
// the budget is spent.
func closest(frag string, anchors []anchor, budget *int) string {
	want := strings.ToLower(frag)
	letters := utf8.RuneCountInString(want)
	if letters > hintLetters {
		return ""
	}
	limit := max(1, letters/3)
	best, bestD, bestP := "", -1, 0
	for _, a := range anchors {
		cost := 1
		if abs(a.letters-letters) <= limit {
			cost = letters * a.letters
		}
		if *budget -= cost; *budget < 0 {
			*budget = 0
			return ""
		}
		d := limit + 1
		if cost > 1 {
			d = finding.DistanceAtMost(want, a.id, limit)
		}
		p := commonPrefix(want, a.id)
		if bestD < 0 || d < bestD || d == bestD && (p > bestP || p == bestP && a.id < best) {
			best, bestD, bestP = a.id, d, p
		}
	}
	if bestD < 0 || bestD >= letters || bestD > limit {
		return ""
	}
	return " (did you mean #" + best + "?)"
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
