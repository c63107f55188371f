// Package incremental keeps what one build computed so that the next can
// reuse it: the memory of a live-preview session. Each result is kept with
// everything it depends on, so a reused result is the result a fresh build
// would compute. The stages reach it through their Memo interfaces.
package incremental

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"html/template"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/govdoc/govdoc/generator/check"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/internal/parallel"
	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/raci"
	"github.com/govdoc/govdoc/generator/refs"
	"github.com/govdoc/govdoc/generator/render"
	"github.com/govdoc/govdoc/generator/search"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
	"github.com/govdoc/govdoc/generator/write"
)

// Cache is a session's memory of its builds. A nil *Cache remembers
// nothing. Its methods are safe for concurrent use within a build.
type Cache struct {
	// gen counts the builds; what a build uses is marked with its gen, and
	// Prune forgets what the last build did not mark.
	gen uint64
	// changedAt holds, for each site file that changed and for the top
	// folder of each ("templates/"), the last build it changed before;
	// allAt is the last build before which any file may have changed. A
	// result made by build g is out of date when what it read changed
	// before a later build, whether or not that build got to it.
	changedAt map[string]uint64
	allAt     uint64

	mu     sync.RWMutex
	parsed map[string]*parsedFile // by path
	// sections holds the current build's section keys, each interned:
	// one pointer per key.
	sections map[*site.Section]*string
	interned map[string]*string
	// roles is the current build's roles, and rolesKey encodes them.
	roles    *raci.Roles
	rolesKey string
	// csv and json are the last responsibilities.csv and scorecards.json,
	// by the hash of what they show.
	csv, json *kept[uint64, []byte]
	// control holds the last files of the document control record
	// (register.csv, register.json, reviews.ics) by name.
	control map[string]*kept[uint64, []byte]
	// conflicts holds what raci.Conflicts found in the last build, and of
	// which matrices.
	conflicts *kept[conflictsKey, finding.List]
	// reads holds the files scorecards read, and cards counts the builds
	// in which one of them changed: a scorecard that read files is reused
	// within one count.
	reads map[string]bool
	cards uint64
	// theme is the hash of the built-in templates and whether the site
	// has templates of its own, kept while templates/ is unchanged.
	theme struct {
		known, custom bool
		hash, gen     uint64
	}
	// parsedTheme is the theme last parsed, with its findings, kept while
	// templates/ is unchanged.
	parsedTheme struct {
		theme    *render.Theme
		findings finding.List
		gen      uint64
	}
	// files is the last listing of content/; listed tells whether there
	// is one, and pending holds the files under content/ changed since it
	// was made or checked (all: any may have).
	files    source.Files
	listed   bool
	pending  map[string]bool
	allFiles bool
	docs     map[docKey]*assembled
	bodies   map[*assembled]*rendered // by the document's prototype
	// origin maps each document of the current build to its prototype.
	origin map[*site.Document]*assembled
	pages  map[string]*cachedPage // by output path
	// names holds the names of the documents indexed for links, by the
	// link context.
	names *kept[uint64, *refs.Names]
	// outputNames is the set of the output's files.
	outputNames write.Names
	// linked holds the hashes of the backlinks Backlinks made.
	linked *backlinks
	// linkDocs holds the documents in the order of the build's link
	// context, and linkPos their places, made when first needed; linkBodies
	// and linkCited hold, by place, the body given to each this build and
	// what its backlinks show of it (printed.cited).
	linkDocs   []*site.Document
	linkPos    map[*site.Document]int
	linkBodies []*rendered
	linkCited  []uint64
	// linkContext is the build's link context, and referrers what
	// Backlinks found in the last build.
	linkContext uint64
	referrers   *referrers
	// placeOf holds the places of the documents whose backlinks were last
	// made, by document.
	placeOf map[*site.Document]int
	// outputList is the memory of the last build's list of output files,
	// emptied, for the next build to list its own in.
	outputList []write.Page
	// scripts holds the search index's chunk scripts, by name.
	scripts map[string]*cachedScript
	seed    maphash.Seed
	ev      *placeholder.Evaluator
}

// Evaluator returns the placeholder evaluator, kept across builds for the
// placeholders it has parsed.
func (c *Cache) Evaluator() *placeholder.Evaluator {
	if c == nil {
		return placeholder.New()
	}
	return c.ev
}

// New returns an empty Cache.
func New() *Cache {
	return &Cache{changedAt: map[string]uint64{}, pending: map[string]bool{}, interned: map[string]*string{}, parsed: map[string]*parsedFile{}, docs: map[docKey]*assembled{},
		bodies: map[*assembled]*rendered{}, origin: map[*site.Document]*assembled{}, pages: map[string]*cachedPage{}, scripts: map[string]*cachedScript{}, reads: map[string]bool{}, seed: maphash.MakeSeed(), ev: placeholder.New()}
}

// Prune forgets what the last build did not use, so that a long session
// does not grow.
func (c *Cache) Prune() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, a := range c.docs {
		if a.gen != c.gen {
			delete(c.docs, k)
			delete(c.bodies, a)
		}
	}
	used := make(map[*string]bool, len(c.sections))
	for _, k := range c.sections {
		used[k] = true
	}
	for key, k := range c.interned {
		if !used[k] {
			delete(c.interned, key)
		}
	}
	for p, f := range c.parsed {
		if f.used.Load() != c.gen { // every file of the build is parsed or reused
			delete(c.parsed, p)
		}
	}
	for url, p := range c.pages {
		if p.used.Load() != c.gen {
			delete(c.pages, url)
		}
	}
	for name, sc := range c.scripts {
		if sc.gen != c.gen {
			delete(c.scripts, name)
		}
	}
}

// Next starts a build after the given files changed (nil: any may have).
func (c *Cache) Next(changed []string) {
	c.gen++
	c.sections = map[*site.Section]*string{}
	clear(c.origin)
	c.roles = nil
	if changed == nil {
		c.allAt = c.gen
		c.cards++
		c.allFiles = true
	}
	for _, p := range changed {
		c.changedAt[p] = c.gen
		if !strings.Contains(strings.TrimSuffix(p, "/"), "/") {
			c.changedAt[strings.TrimSuffix(p, "/")+"/"] = c.gen // a top folder named alone: what is in it
		}
		if strings.HasPrefix(p, source.ContentDir+"/") {
			c.pending[p] = true
		}
		if top, _, ok := strings.Cut(p, "/"); ok {
			c.changedAt[top+"/"] = c.gen
		}
		if c.reads[p] {
			c.cards++
		}
	}
}

// Files returns the files of content/ as discover lists them: those the
// last listing found, when every file changed since is one it found and
// still a regular file, so that no file was added or removed; else a new
// listing.
func (c *Cache) Files(fsys fs.FS, discover func() (source.Files, error)) (source.Files, error) {
	if c == nil {
		return discover()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	same := c.listed && !c.allFiles
	for p := range c.pending {
		if !same {
			break
		}
		info, err := fs.Lstat(fsys, p)
		same = err == nil && info.Mode().IsRegular() && c.files.Has(p)
	}
	clear(c.pending)
	c.allFiles = false
	if same {
		return c.files, nil
	}
	files, err := discover()
	c.files, c.listed = files, err == nil
	return files, err
}

// changedSince reports whether the file or top folder ("templates/") at
// key may have changed after build gen started.
func (c *Cache) changedSince(key string, gen uint64) bool {
	return c.allAt > gen || c.changedAt[key] > gen
}

// parsedFile is a parsed file, the build that parsed it and the last that
// used it.
type parsedFile struct {
	doc  *source.Document
	gen  uint64
	used atomic.Uint64
}

// Parsed returns the parsed file at path when it may be reused.
func (c *Cache) Parsed(path string) (*source.Document, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	f, ok := c.parsed[path]
	if !ok || c.changedSince(path, f.gen) {
		return nil, false
	}
	f.used.Store(c.gen)
	return f.doc, true
}

// KeepParsed remembers a parsed file.
func (c *Cache) KeepParsed(d *source.Document) {
	if c == nil {
		return
	}
	f := &parsedFile{doc: d, gen: c.gen}
	f.used.Store(c.gen)
	c.mu.Lock()
	c.parsed[d.Path] = f
	c.mu.Unlock()
}

// docKey is what a document's assembly depends on: its parsed file and the
// meta and defaults of its section.
type docKey struct {
	src     *source.Document
	section *string        // the section's folder, meta and cascade, encoded and interned
	git     *gitlog.Commit // the last commit of the document the build may show
}

// assembled is a document as the assemble stage made it, before any later
// stage filled it in, with the findings it had.
type assembled struct {
	proto    site.Document
	findings finding.List
	print    printed // what pages show of its fields, hashed
	gen      uint64  // the last build that used it
	// What later stages found of documents of this prototype, each with
	// what else it depends on; nil until one did. See stages.go.
	meta *kept[string, finding.List] // check.Metadata, by rules
	raci *kept[string, *matrix]      // raci.Parse, by roles
	card *kept[string, *card]        // scorecard.Parse, by roles
	// doc is the document made of it for the last build that used it,
	// which the next one makes again in the same memory, and refs the
	// array of references it had, which a kept body fills again.
	doc  *site.Document
	refs []site.Reference
}

// sectionKey encodes what a section gives its documents, once per section
// and build, as one pointer per key; c.mu is held.
func (c *Cache) sectionKey(sec *site.Section) *string {
	if k, ok := c.sections[sec]; ok {
		return k
	}
	data, err := json.Marshal([]any{sec.Dir, sec.Meta, sec.Cascade})
	key := string(data)
	if err != nil {
		key = fmt.Sprintf("unencodable %p", sec) // never reused
	}
	k, ok := c.interned[key]
	if !ok {
		k = &key
		c.interned[key] = k
	}
	c.sections[sec] = k
	return k
}

// rendered is a document body as the link stage made it.
type rendered struct {
	context   uint64 // the link context and options it was made in
	body      template.HTML
	parts     []site.BodyPart
	headings  []markdown.Heading
	titleID   string
	titleHTML template.HTML
	anchors   map[string]bool
	refs      []cachedRef
	targets   int     // how many documents of the link context refs need
	named     []int32 // the places of the documents refs name, in order: what backlinks read
	external  []site.ExternalLink
	files     []string
	findings  finding.List
	hash      uint64       // of what the document's page shows of its body
	self      uint64       // of what the page shows of the document itself (selfHash)
	entry     *searchEntry // made when first asked for
}

// LinkContext fingerprints what resolving references depends on besides a
// document's own text: every document's path, file name, ID, title, page
// and exclusion, the sections, the content and static files, and whether
// HTML is made. It keeps the documents in the order it hashes them, by
// which kept bodies name the documents they refer to.
func (c *Cache) LinkContext(s *site.Site, html bool) uint64 {
	if c == nil {
		return 0
	}
	h := newHasher(c.seed)
	fmt.Fprint(h, html, s.Config.RawHTML, len(s.Documents), len(s.Excluded))
	c.mu.Lock()
	defer c.mu.Unlock()
	c.linkDocs, c.linkPos = append(slices.Clip(s.Documents), s.Excluded...), nil
	defer func() { c.linkContext = h.Sum64() }()
	c.linkBodies, c.linkCited = make([]*rendered, len(c.linkDocs)), make([]uint64, len(c.linkDocs))
	for _, docs := range [][]*site.Document{s.Documents, s.Excluded} {
		for _, d := range docs {
			if a := c.origin[d]; a != nil {
				h.u(a.print.link)
			} else {
				h.u(linkHash(c.seed, d))
			}
		}
		h.WriteByte(1)
	}
	for _, sec := range s.Sections() {
		h.s(sec.Dir)
	}
	for _, files := range [][]string{s.Assets, s.Static} {
		h.s(files...)
		h.WriteByte(1)
	}
	return h.Sum64()
}

// Names returns the names of the documents indexed in the same link
// context, or nil.
func (c *Cache) Names(context uint64) *refs.Names {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.names != nil && c.names.key == context {
		return c.names.val
	}
	return nil
}

// KeepNames remembers the names of the documents indexed in a link context.
func (c *Cache) KeepNames(context uint64, names *refs.Names) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.names = &kept[uint64, *refs.Names]{context, names}
}

// Backlinks fills each published document's ReferencedBy as refs.Backlinks
// does, from the references of the bodies kept this build, by place in the
// link context: a document's backlinks are the published documents whose
// references name it, in reading order, each once. It hashes what they
// show for page fingerprints. It reports false, and does nothing, when a
// body of the build is not kept.
func (c *Cache) Backlinks(docs []*site.Document) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.linked = nil
	n := len(docs)
	if n > len(c.linkDocs) {
		return false // not the documents the bodies' references name
	}
	// The bodies given to the documents this build, by place (see given).
	bodies, cited := c.linkBodies, c.linkCited
	// The referrers are gone through in parts, in parallel: part k counts,
	// then writes, those of its range of places, after the earlier parts'.
	parts := min(max(runtime.GOMAXPROCS(0), 1), 8, max(n, 1))
	from := func(k int) int { return k * n / parts }
	counts := make([][]int32, parts) // by part and referred place; then where the part's referrers go
	last := make([][]int32, parts)   // the last referrer seen, plus one
	bad := make([]bool, parts)
	each := func(k int, fn func(p, t int)) {
		for p := from(k); p < from(k+1); p++ {
			for _, t := range bodies[p].named {
				// Not itself, not a document left out, and once.
				if t := int(t); t != p && t < n && last[k][t] != int32(p+1) {
					last[k][t] = int32(p + 1)
					fn(p, t)
				}
			}
		}
	}
	parallel.Do(context.Background(), parts, parts, func(k int) {
		counts[k], last[k] = make([]int32, n), make([]int32, n)
		for p := from(k); p < from(k+1); p++ {
			if c.linkDocs[p] != docs[p] || bodies[p] == nil {
				bad[k] = true
				return
			}
		}
		each(k, func(_, t int) { counts[k][t]++ })
	})
	if slices.Contains(bad, true) {
		return false
	}
	if c.sameReferrers(docs) {
		return true
	}
	// Each document's referrers are all[start[t]:start[t+1]], in order.
	start := make([]int, n+1)
	for t := range n {
		at := start[t]
		for k := range parts {
			at, counts[k][t] = at+int(counts[k][t]), int32(at)
		}
		start[t+1] = at
	}
	all := make([]*site.Document, start[n])
	places := make([]int32, start[n])
	parallel.Do(context.Background(), parts, parts, func(k int) {
		clear(last[k])
		each(k, func(p, t int) {
			all[counts[k][t]], places[counts[k][t]] = docs[p], int32(p)
			counts[k][t]++
		})
	})
	b := &backlinks{gen: c.gen, at: c.backlinkAt(docs), hashes: make([]uint64, n)}
	parallel.Do(context.Background(), parts, parts, func(k int) {
		for t := from(k); t < from(k+1); t++ {
			var h uint64
			for _, p := range places[start[t]:start[t+1]] {
				h = (h^cited[p])*0x100000001b3 + 0x9e3779b97f4a7c15
			}
			b.hashes[t] = h
			docs[t].ReferencedBy = nil
			if start[t+1] > start[t] {
				docs[t].ReferencedBy = all[start[t]:start[t+1]:start[t+1]]
			}
		}
	})
	c.linked = b
	named := make([][]int32, n)
	for p := range n {
		named[p] = bodies[p].named
	}
	c.referrers = &referrers{context: c.linkContext, named: named, places: places, start: start, hashes: b.hashes, all: all}
	return true
}

// backlinkAt returns the places of the documents, in the map the last
// build's backlinks used, made again; c.mu is held.
func (c *Cache) backlinkAt(docs []*site.Document) map[*site.Document]int {
	at := c.placeOf
	if at == nil {
		at = make(map[*site.Document]int, len(docs))
		c.placeOf = at
	}
	clear(at)
	for t, d := range docs {
		at[d] = t
	}
	return at
}

// referrers is what Backlinks found: the referrers of each document by
// place, all[start[t]:start[t+1]] for the document at t, and the hashes of
// what they show; and the places each document's references named, and
// the link context, which the documents' places and what they show
// (printed.cited) depend on.
type referrers struct {
	context uint64
	named   [][]int32
	places  []int32
	start   []int
	hashes  []uint64
	// all holds the referrers, all[i] the document at places[i]; each
	// build writes its own documents into it.
	all []*site.Document
}

// sameReferrers gives the documents the backlinks the last build found,
// if the link context is the same and each body of this build names the
// same places as the body of the same place then; c.mu is held.
func (c *Cache) sameReferrers(docs []*site.Document) bool {
	last := c.referrers
	if last == nil || last.context != c.linkContext || len(last.named) != len(docs) {
		return false
	}
	for p := range docs {
		named := c.linkBodies[p].named
		if len(named) != len(last.named[p]) || len(named) > 0 && &named[0] != &last.named[p][0] && !slices.Equal(named, last.named[p]) {
			return false
		}
	}
	all := last.all
	for i, p := range last.places {
		all[i] = docs[p]
	}
	b := &backlinks{gen: c.gen, at: c.backlinkAt(docs), hashes: last.hashes}
	for t, d := range docs {
		d.ReferencedBy = nil
		if last.start[t+1] > last.start[t] {
			d.ReferencedBy = all[last.start[t]:last.start[t+1]:last.start[t+1]]
		}
	}
	for p := range docs {
		last.named[p] = c.linkBodies[p].named // the same places, and kept alive
	}
	c.linked = b
	return true
}

// linkHash hashes what references to a document resolve by.
func linkHash(seed maphash.Seed, d *site.Document) uint64 {
	h := newHasher(seed)
	h.s(d.Path, d.ID, d.Title, d.URL, d.Classification)
	return h.Sum64()
}

// Body returns, for a document whose text and link context are unchanged,
// a function that gives it its rendered body and returns its findings.
func (c *Cache) Body(d *site.Document, at int, context uint64) (func(ix *refs.Index) finding.List, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	a := c.origin[d]
	r, ok := c.bodies[a]
	if !ok || a == nil || r.context != context || r.targets > len(c.linkDocs) {
		return nil, false
	}
	c.given(at, d, a, r)
	docs, kept := c.linkDocs, a.refs
	return func(ix *refs.Index) finding.List {
		r.apply(d, docs, ix, kept)
		return r.findings
	}, true
}

// KeepBody remembers a document's rendered body.
func (c *Cache) KeepBody(d *site.Document, at int, context uint64, findings finding.List) {
	if c == nil {
		return
	}
	r := &rendered{context: context, body: d.Body, parts: d.Parts, headings: d.Headings, titleID: d.TitleID, titleHTML: d.TitleHTML,
		anchors: d.Anchors, external: d.External, files: d.Files, findings: findings, hash: bodyHash(c.seed, d)}
	r.self = selfHash(c.seed, d, r.hash)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.linkPos == nil {
		c.linkPos = make(map[*site.Document]int, len(c.linkDocs))
		for i, d := range c.linkDocs {
			c.linkPos[d] = i
		}
	}
	for _, ref := range d.Refs {
		cr := cachedRef{target: -1, fragment: ref.Fragment, pos: ref.Pos}
		if ref.Target != nil {
			at, ok := c.linkPos[ref.Target]
			if !ok {
				return // not a document of this build's context: not kept
			}
			cr.target = at
			r.targets = max(r.targets, at+1)
			r.named = append(r.named, int32(at))
		} else {
			cr.section = ref.Section.Dir
		}
		r.refs = append(r.refs, cr)
	}
	if a := c.origin[d]; a != nil {
		c.bodies[a] = r
		c.given(at, d, a, r)
	}
}

// given records that the document at a place of the link context has the
// body r this build; c.mu is held, for reading at least, and each place is
// given once.
func (c *Cache) given(at int, d *site.Document, a *assembled, r *rendered) {
	if at >= 0 && at < len(c.linkDocs) && c.linkDocs[at] == d {
		c.linkBodies[at], c.linkCited[at] = r, a.print.cited
	}
}

// searchEntry is a document's search index entry, kept with its rendered
// body, and what else it was made of.
type searchEntry struct {
	section string
	limit   int
	entry   search.Entry
}

// SearchEntry returns a published document's search index entry: the one
// kept with its rendered body, if it was made with the same section title
// and length of text.
func (c *Cache) SearchEntry(d *site.Document, limit int) search.Entry {
	if c == nil {
		return search.NewEntry(d, searchText(d, limit))
	}
	section := search.Section(d)
	c.mu.RLock()
	r, ok := c.bodies[c.origin[d]]
	var e *searchEntry
	if ok {
		e = r.entry
	}
	c.mu.RUnlock()
	// The body kept is the document's: it was given it, or made of it.
	ok = ok && sameString(string(r.body), string(d.Body)) && r.titleID == d.TitleID && unsafe.SliceData(r.headings) == unsafe.SliceData(d.Headings)
	if ok && e != nil && e.section == section && e.limit == limit {
		return e.entry
	}
	entry := search.NewEntry(d, searchText(d, limit))
	if ok {
		c.mu.Lock()
		r.entry = &searchEntry{section, limit, entry}
		c.mu.Unlock()
	}
	return entry
}

// searchText returns the text of a document's body for the search index,
// up to limit bytes: the text its rendering gave, when it was cut to that
// length.
func searchText(d *site.Document, limit int) string {
	if d.SearchLimit == limit {
		return d.SearchText
	}
	return search.Text(d.Body, d.TitleID, limit)
}

// cachedScript is a chunk script of the search index and the entries it
// was made of.
type cachedScript struct {
	entries []search.Entry
	script  []byte
	gen     uint64 // the last build that used it
}

// SearchScript returns the script of a chunk of the search index, reusing
// the one an earlier build made of the same entries.
func (c *Cache) SearchScript(chunk search.Chunk) []byte {
	if c == nil {
		return chunk.Script()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if sc, ok := c.scripts[chunk.Name]; ok && slices.EqualFunc(sc.entries, chunk.Entries, sameEntry) {
		sc.gen = c.gen
		return sc.script
	}
	sc := &cachedScript{entries: chunk.Entries, script: chunk.Script(), gen: c.gen}
	c.scripts[chunk.Name] = sc
	return sc.script
}

// sameEntry reports whether two entries are the same bytes in memory, as a
// reused entry is.
func sameEntry(a, b search.Entry) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// apply gives a document of this build its remembered body; docs are the
// documents of the build in the order of its link context. Its references
// are written into refs, the array the document's memory had, when they
// fit.
func (r *rendered) apply(d *site.Document, docs []*site.Document, ix *refs.Index, refs []site.Reference) {
	d.Body, d.Parts, d.Headings, d.TitleID, d.TitleHTML, d.Anchors, d.External, d.Files = r.body, r.parts, r.headings, r.titleID, r.titleHTML, r.anchors, r.external, r.files
	if cap(refs) >= len(r.refs) && len(r.refs) > 0 {
		d.Refs = refs[:len(r.refs)]
	} else {
		d.Refs = make([]site.Reference, len(r.refs))
	}
	for i, ref := range r.refs {
		if ref.target >= 0 {
			d.Refs[i] = site.Reference{Target: docs[ref.target], Fragment: ref.fragment, Pos: ref.pos}
		} else {
			d.Refs[i] = site.Reference{Section: ix.Section(ref.section), Fragment: ref.fragment, Pos: ref.pos}
		}
	}
}

// cachedRef is a reference by its target's place among the documents in
// the order of the link context, which is the same for every build of the
// same context, or else by its section's folder.
type cachedRef struct {
	target            int // -1 for a section
	section, fragment string
	pos               finding.Position
}

// cachedPage is a rendered page, the fingerprint of what it shows and the
// links found on it.
type cachedPage struct {
	fingerprint uint64
	html        []byte
	links       *write.Links
	checked     *write.Checked
	used        atomic.Uint64 // the last build that used it
}

// OutputNames returns the set of the output's files kept from build to
// build, or nil outside a session.
func (c *Cache) OutputNames() *write.Names {
	if c == nil {
		return nil
	}
	return &c.outputNames
}

// OutputList returns an empty list of output files with room for n: in
// the memory of the list the last build gave back (KeepOutputList) when it
// has the room, so that a rebuild does not make a list as long as the site
// again. Outside a session, a new list.
func (c *Cache) OutputList(n int) []write.Page {
	if c == nil {
		return make([]write.Page, 0, n)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	list := c.outputList
	c.outputList = nil // one build's at a time
	if cap(list) < n {
		return make([]write.Page, 0, n)
	}
	return list[:0]
}

// KeepOutputList takes back a build's list of output files once they are
// written, emptied, so that it holds on to nothing of the build, for the
// next build's OutputList.
func (c *Cache) KeepOutputList(list []write.Page) {
	if c == nil {
		return
	}
	list = list[:cap(list)]
	clear(list)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.outputList = list[:0]
}

// Theme returns the theme load parses, or the one it parsed for an earlier
// build while the site's templates/ has not changed since: the built-in
// templates are the session's.
func (c *Cache) Theme(load func() (*render.Theme, finding.List)) (*render.Theme, finding.List) {
	if c == nil {
		return load()
	}
	c.mu.Lock()
	kept := c.parsedTheme
	c.mu.Unlock()
	if kept.theme != nil && !c.changedSince("templates/", kept.gen) {
		kept.theme.Renew()
		return kept.theme, kept.findings
	}
	t, findings := load()
	c.mu.Lock()
	c.parsedTheme.theme, c.parsedTheme.findings, c.parsedTheme.gen = t, findings, c.gen
	c.mu.Unlock()
	return t, findings
}

// Fingerprints returns the page fingerprints of this build, or nil when
// pages are not reused: outside a session, or when the site has templates
// of its own (override), which can show anything of the site on any page.
// builtin is the built-in theme's templates.
func (c *Cache) Fingerprints(builtin, override fs.FS, s *site.Site) *Fingerprints {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	if !c.theme.known || c.changedSince("templates/", c.theme.gen) {
		c.theme.hash, c.theme.custom = themeHash(c.seed, builtin, override)
		c.theme.known, c.theme.gen = true, c.gen
	}
	theme, custom := c.theme.hash, c.theme.custom
	c.mu.Unlock()
	if custom {
		return nil
	}
	return newFingerprints(c, s, theme)
}

// Page returns a page rendered by an earlier build with the same
// fingerprint, its links and what checking it found.
func (c *Cache) Page(url string, fingerprint uint64, known bool) ([]byte, *write.Links, *write.Checked, bool) {
	if c == nil || !known {
		return nil, nil, nil, false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	p, ok := c.pages[url]
	if !ok || p.fingerprint != fingerprint {
		return nil, nil, nil, false
	}
	p.used.Store(c.gen)
	return p.html, p.links, p.checked, true
}

// KeepChecked remembers what checking a page found.
func (c *Cache) KeepChecked(url string, checked *write.Checked) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.pages[url]; p != nil {
		p.checked = checked
	}
}

// KeepPage remembers a rendered page, its fingerprint and its links.
func (c *Cache) KeepPage(url string, fingerprint uint64, html []byte, links *write.Links) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := &cachedPage{fingerprint: fingerprint, html: html, links: links}
	p.used.Store(c.gen)
	c.pages[url] = p
}

// bodyHash hashes what a document's page shows of its rendered body: its
// parts and headings.
func bodyHash(seed maphash.Seed, d *site.Document) uint64 {
	h := newHasher(seed)
	h.s(string(d.TitleHTML))
	for _, part := range d.Parts {
		h.s(string(part.HTML), part.Block, part.After)
	}
	for _, hd := range d.Headings {
		h.n(hd.Level)
		h.s(hd.Text, hd.ID)
	}
	return h.Sum64()
}

// selfLocked returns the hash of what a document's page shows of the
// document itself, kept with its rendered body; c.mu is held.
func (c *Cache) selfLocked(d *site.Document) uint64 {
	if r, ok := c.bodies[c.origin[d]]; ok && sameString(string(r.body), string(d.Body)) && r.titleID == d.TitleID {
		return r.self
	}
	return selfHash(c.seed, d, bodyHash(c.seed, d))
}

// Updated returns a document's Last Update as check.ParseDate reads it,
// read once for its prototype.
func (c *Cache) Updated(d *site.Document) (time.Time, bool) {
	if c == nil {
		return check.ParseDate(d.LastUpdate)
	}
	p := c.printed(d)
	return p.updated, p.dated
}

// printed returns what pages show of a document's own fields, hashed once
// for its prototype.
func (c *Cache) printed(d *site.Document) printed {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.printedLocked(d)
}

// printedLocked returns what pages show of a document's own fields,
// hashed once for its prototype; c.mu is held.
func (c *Cache) printedLocked(d *site.Document) printed {
	if a := c.origin[d]; a != nil {
		return a.print
	}
	return newPrinted(c.seed, d)
}

// Document returns the document build assembles from src in sec with git
// as its last commit, adding its findings to findings: a copy of the one an
// earlier build assembled from the same parsed file, section and commit.
func (c *Cache) Document(src *source.Document, sec *site.Section, git *gitlog.Commit, build func(*finding.List) *site.Document, findings *finding.List) *site.Document {
	if c == nil {
		return build(findings)
	}
	c.mu.RLock()
	sk, known := c.sections[sec]
	a, ok := c.docs[docKey{src, sk, git}]
	c.mu.RUnlock()
	if !known {
		c.mu.Lock()
		sk = c.sectionKey(sec)
		a, ok = c.docs[docKey{src, sk, git}]
		c.mu.Unlock()
	}
	key := docKey{src, sk, git}
	if !ok {
		var f finding.List
		d := build(&f)
		a = &assembled{proto: *d, findings: f, print: newPrinted(c.seed, d)}
		a.proto.Section = nil // each build's own; a prototype must not hold on to a build's site
		c.mu.Lock()
		c.docs[key] = a
		c.mu.Unlock()
	}
	*findings = append(*findings, a.findings...)
	c.mu.Lock()
	defer c.mu.Unlock()
	d := a.doc
	if d == nil || a.gen == c.gen {
		d = new(site.Document)
	}
	a.doc, a.refs = d, d.Refs[:0]
	*d = a.proto
	d.Section = sec
	c.origin[d] = a
	a.gen = c.gen
	return d
}
