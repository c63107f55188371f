// Package refs resolves references between documents: relative Markdown
// links to documents, sections and files, wiki links by Document-ID or file
// name, and bare document file names. It maps each to its page or file in
// the output, records which document refers to which, and reports broken,
// ambiguous and restricted references and missing anchors. It does not
// parse or render Markdown.
package refs

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// Index finds documents, sections and content files.
type Index struct {
	byPath   map[string]*site.Document   // content/... -> document, published or not
	byName   map[string][]*site.Document // lower-case file name -> documents
	byID     map[string][]*site.Document // lower-case Document-ID -> documents
	sections map[string]*site.Section    // content/... folder -> section
	assets   map[string]bool             // content/... -> is a static file
	rel      func(from, to string) string
}

// NewIndex indexes every document of s, published or left out, its
// sections and its content files. rel makes the link from one output path
// to another.
func NewIndex(s *site.Site, rel func(from, to string) string) *Index {
	all := append(slices.Clip(s.Documents), s.Excluded...)
	ix := &Index{
		byPath: make(map[string]*site.Document, len(all)), byName: make(map[string][]*site.Document, len(all)),
		byID: make(map[string][]*site.Document, len(all)), sections: map[string]*site.Section{},
		assets: make(map[string]bool, len(s.Assets)), rel: rel,
	}
	for _, d := range all {
		ix.byPath[d.Path] = d
		ix.byName[strings.ToLower(d.FileName())] = append(ix.byName[strings.ToLower(d.FileName())], d)
		if d.ID != "" {
			ix.byID[strings.ToLower(d.ID)] = append(ix.byID[strings.ToLower(d.ID)], d)
		}
	}
	ix.sections[s.Root.Dir] = s.Root
	for _, sec := range s.Sections() {
		ix.sections[sec.Dir] = sec
	}
	for _, a := range s.Assets {
		ix.assets[a] = true
	}
	return ix
}

// Document returns the document at a path from the site root, or nil.
func (ix *Index) Document(path string) *site.Document { return ix.byPath[path] }

// AssetURL is the output path of a static file under content/.
func AssetURL(p string) string { return strings.TrimPrefix(p, source.ContentDir+"/") }

// Linker resolves the references of one document. It is not safe for
// concurrent use; each document gets its own.
type Linker struct {
	ix       *Index
	from     *site.Document
	Findings finding.List
}

// For returns a Linker for the references of document d. Resolved
// references are appended to d.Refs.
func (ix *Index) For(d *site.Document) *Linker { return &Linker{ix: ix, from: d} }

// Resolve implements markdown.Resolver.
func (l *Linker) Resolve(r markdown.Ref) markdown.Target {
	pos := l.from.Pos(r.Offset)
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
		found = l.ix.byID[key]
	}
	if len(found) == 0 {
		found = l.ix.byName[key]
		if len(found) == 0 && !strings.HasSuffix(key, ".md") {
			found = l.ix.byName[key+".md"]
		}
	}
	if len(found) == 0 && strings.Contains(key, "/") {
		if d, ok := l.ix.byPath[path.Join(source.ContentDir, name)]; ok {
			found = []*site.Document{d}
		}
	}
	switch len(found) {
	case 0:
		l.Findings.Errorf(finding.BrokenRef, pos, "no document has the %s %q", what, name)
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

// to links to a document, or marks the link restricted when the document is
// left out of this build.
func (l *Linker) to(d *site.Document, frag string, pos finding.Position) markdown.Target {
	if d.Excluded {
		if !l.from.Excluded {
			l.Findings.Warnf(finding.RestrictedLink, pos, "links to a document left out of this build (%s); it shows as \"restricted document\"", describe(d))
		}
		return markdown.Target{Restricted: true}
	}
	l.from.Refs = append(l.from.Refs, site.Reference{Target: d, Fragment: frag, Pos: pos})
	dest := l.ix.rel(l.from.URL, d.URL)
	if d == l.from {
		dest = ""
	}
	if frag != "" {
		dest += "#" + frag
	}
	return markdown.Target{Dest: dest, Label: d.Title}
}

// link resolves a Markdown link or image written as a relative path.
func (l *Linker) link(r markdown.Ref, pos finding.Position) markdown.Target {
	dest := r.Dest
	if dest == "" || strings.HasPrefix(dest, "/") {
		return markdown.Target{}
	}
	u, err := url.Parse(dest)
	if err != nil {
		l.Findings.Errorf(finding.BrokenLink, pos, "%q is not a valid link: %v", dest, err)
		return markdown.Target{}
	}
	if u.Scheme == "http" || u.Scheme == "https" {
		l.from.External = append(l.from.External, site.ExternalLink{URL: dest, Pos: pos})
		return markdown.Target{}
	}
	if u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return markdown.Target{} // mailto:, tel: and the like
	}
	if u.Path == "" { // #anchor in this document
		if u.Fragment != "" {
			l.from.Refs = append(l.from.Refs, site.Reference{Target: l.from, Fragment: u.Fragment, Pos: pos})
		}
		return markdown.Target{}
	}
	p := path.Join(path.Dir(l.from.Path), u.Path)
	if p != source.ContentDir && !strings.HasPrefix(p, source.ContentDir+"/") {
		l.Findings.Errorf(finding.BrokenLink, pos, "%q points outside the site's content", dest)
		return markdown.Target{}
	}
	if d, ok := l.ix.byPath[p]; ok && r.Kind == markdown.KindLink {
		return l.to(d, u.Fragment, pos)
	}
	frag := ""
	if u.Fragment != "" {
		frag = "#" + u.Fragment
	}
	if sec, ok := l.ix.section(p); ok {
		return markdown.Target{Dest: l.ix.rel(l.from.URL, sec.URL) + frag}
	}
	if l.ix.assets[p] {
		l.from.Files = append(l.from.Files, p)
		return markdown.Target{Dest: l.ix.rel(l.from.URL, AssetURL(p)) + frag}
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

// CheckAnchors reports references whose #anchor is no heading ID of their
// target. Run it after every document's headings are known.
func CheckAnchors(docs []*site.Document) finding.List {
	var findings finding.List
	for _, d := range docs {
		for _, r := range d.Refs {
			if r.Fragment == "" || r.Target.Anchors[r.Fragment] {
				continue
			}
			where := "in " + r.Target.Path
			if r.Target == d {
				where = "in this document"
			}
			findings.Errorf(finding.BrokenAnchor, r.Pos, "#%s is no heading %s%s", r.Fragment, where, closest(r.Fragment, r.Target.Anchors))
		}
	}
	return findings
}

// Backlinks fills each document's ReferencedBy with the published documents
// that refer to it, in reading order.
func Backlinks(docs []*site.Document) {
	for _, d := range docs {
		d.ReferencedBy = nil
	}
	for _, d := range docs {
		for _, r := range d.Refs {
			t := r.Target
			if t == d || t.Excluded || slices.Contains(t.ReferencedBy, d) {
				continue
			}
			t.ReferencedBy = append(t.ReferencedBy, d)
		}
	}
}

// closest suggests the anchor nearest to a missing one: the fewest edits
// (an edit adds, drops, changes or swaps two letters; case does not
// count), then the longest common start, then the first in order. It
// suggests nothing when even the nearest needs more edits than a third of
// the fragment's letters: a guess that far off would mislead.
func closest(frag string, anchors map[string]bool) string {
	want := []rune(strings.ToLower(frag))
	best, bestD, bestP := "", -1, 0
	for a := range anchors {
		d, p := editDistance(want, []rune(a)), commonPrefix(string(want), a)
		if bestD < 0 || d < bestD || d == bestD && (p > bestP || p == bestP && a < best) {
			best, bestD, bestP = a, d, p
		}
	}
	if bestD < 0 || bestD >= len(want) || bestD > max(1, len(want)/3) {
		return ""
	}
	return " (did you mean #" + best + "?)"
}

// editDistance is the number of edits that turn a into b, where an edit
// adds, drops or changes a letter or swaps two neighbours (the optimal
// string alignment distance).
func editDistance(a, b []rune) int {
	rows := [3][]int{make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)}
	for j := range rows[1] {
		rows[1][j] = j
	}
	for i := 1; i <= len(a); i++ {
		before, prev, cur := rows[0], rows[1], rows[2]
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], before[j-2]+1)
			}
		}
		rows = [3][]int{prev, cur, before}
	}
	return rows[1][len(b)]
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
