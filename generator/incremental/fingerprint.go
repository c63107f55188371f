package incremental

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/maphash"
	"io/fs"
	"math"
	"strconv"
	"time"
	"unsafe"

	"github.com/govdoc/govdoc/generator/check"
	"github.com/govdoc/govdoc/generator/render"
	"github.com/govdoc/govdoc/generator/search"
	"github.com/govdoc/govdoc/generator/site"
)

// A page's fingerprint hashes everything the built-in theme shows on it, so
// that a session re-renders only the pages whose fingerprint changed. It
// follows the built-in templates; a site with templates of its own renders
// every page every time.
//
// What a page shows of one document is hashed once per prototype (see
// printed) and once per rendered body (rendered.self); a page's fingerprint
// is made of these parts and of what this build links the document to:
// its section, neighbours, backlinks, matrix and scorecard.

// hasher hashes values with separators as they come.
type hasher struct{ maphash.Hash }

func newHasher(seed maphash.Seed) *hasher {
	h := &hasher{}
	h.SetSeed(seed)
	return h
}

func (h *hasher) s(vs ...string) {
	for _, v := range vs {
		h.WriteString(v)
		h.WriteByte(0)
	}
}

func (h *hasher) n(vs ...int) {
	for _, v := range vs {
		h.u(uint64(v))
	}
}

// u adds a number, such as the hash of a part, in 8 bytes.
func (h *hasher) u(v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	h.Write(b[:])
}

// printed is what pages show of a document prototype's own fields, hashed
// once: in a table of documents (listed), as a neighbour (nav) and as a
// backlink (cited).
type printed struct {
	listed, nav, cited uint64
	link               uint64 // what references to it resolve by (linkHash)
	// updated is its Last Update, read (dated) or not.
	updated time.Time
	dated   bool
}

func newPrinted(seed maphash.Seed, d *site.Document) printed {
	h := newHasher(seed)
	listed(h, d)
	p := printed{listed: h.Sum64()}
	h.Reset()
	h.s(d.Title, d.URL)
	p.nav = h.Sum64()
	h.Reset()
	h.s(d.Title, d.ID, d.URL)
	p.cited = h.Sum64()
	p.link = linkHash(seed, d)
	p.updated, p.dated = check.ParseDate(d.LastUpdate)
	return p
}

// selfHash hashes what a document's page shows of the document itself: its
// metadata, its rendered body (body, bodyHash) and its history rows.
func selfHash(seed maphash.Seed, d *site.Document, body uint64) uint64 {
	h := newHasher(seed)
	h.s(d.ID, d.Title, d.TitleID, d.Owner, d.Version, d.Status, d.Classification, d.LastUpdate, d.URL)
	h.s(d.NextReview, d.Review, d.ApprovedBy, d.ApprovalDate, d.SupersedesID)
	h.n(len(d.Tags))
	h.s(d.Tags...)
	h.u(body)
	h.n(len(d.History))
	for _, r := range d.History {
		h.s(r.Version, r.Date, r.Author, r.Changes)
	}
	return h.Sum64()
}

// Fingerprints computes page fingerprints for one build.
type Fingerprints struct {
	seed   maphash.Seed
	c      *Cache
	global uint64 // what every page shows: configuration, theme, top navigation
	roles  uint64 // the roles' names and pages, which matrices show
	raci   uint64 // what the responsibility pages show
	index  uint64 // what the page of all documents shows
	// all is what a table of every published document shows (listed),
	// of site, for the pages that list them all.
	all  uint64
	site *site.Site
	side map[*site.Section]uint64
	// sections holds what breadcrumbs and the sidebar show around each
	// section. The maps are filled before pages are fingerprinted, and only
	// read after, in parallel.
	sections map[*site.Section]uint64
	// backlinks holds what each document's backlinks show, or nil.
	backlinks *backlinks
}

func newFingerprints(c *Cache, s *site.Site, theme uint64) *Fingerprints {
	f := &Fingerprints{seed: c.seed, c: c, side: map[*site.Section]uint64{}, sections: map[*site.Section]uint64{}}
	h := f.hash()
	cfg, _ := json.Marshal(s.Config)
	h.Write(cfg)
	h.s(s.Version, strconv.FormatUint(theme, 16), strconv.FormatBool(s.HasResponsibilities()), strconv.FormatBool(len(s.Tags) > 0))
	h.s(s.Today.Format(site.DateLayout)) // which review states are measured against
	if s.Commit != nil {
		h.s(s.Commit.Hash, s.Commit.Date.String())
	}
	for _, sec := range s.Root.Sections {
		h.s(sec.Title, sec.URL)
	}
	f.global = h.Sum64()

	h = f.hash()
	for _, r := range s.Roles {
		h.s(r.Name, r.Slug, r.URL)
	}
	f.roles = h.Sum64()

	h = f.hash()
	for _, r := range s.Roles {
		h.s(r.ID, r.Name, r.Slug, r.URL)
		h.s(r.Aliases...)
		h.n(len(r.A), len(r.R), len(r.C), len(r.I), r.Count())
	}
	c.mu.RLock()
	for _, d := range s.Documents {
		if len(d.RACI) == 0 {
			continue
		}
		h.u(c.printedLocked(d).link) // its path, title, page and ID
		h.s(d.Section.Dir, d.Section.Title)
		print, ok := c.matrixPrintLocked(d)
		if !ok {
			print = matrixHash(f.seed, d.RACI, s.Roles)
		}
		h.u(print)
	}
	c.mu.RUnlock()
	f.raci = h.Sum64()

	h = f.hash()
	h.s(s.Statuses()...)
	h.s(s.Levels()...)
	// What the page of all documents shows of each, and what the sidebar
	// of a top section shows of its own documents, in one pass.
	sides := make(map[*site.Section]*hasher, len(s.Root.Sections))
	for _, top := range s.Root.Sections {
		sides[top] = f.hash()
	}
	all := f.hash()
	all.n(len(s.Documents))
	c.mu.RLock()
	for _, d := range s.Documents {
		p := c.printedLocked(d)
		h.u(p.listed)
		all.u(p.listed)
		if side := sides[d.Section]; side != nil {
			side.u(p.nav)
		}
	}
	c.mu.RUnlock()
	for _, t := range s.Tags {
		h.s(t.Name)
	}
	f.index = h.Sum64()
	f.all, f.site = all.Sum64(), s
	for _, top := range s.Root.Sections {
		h := sides[top]
		for _, sub := range top.Sections {
			h.s(sub.Title, sub.URL)
		}
		f.side[top] = h.Sum64()
	}
	c.mu.RLock()
	if c.linked != nil && c.linked.gen == c.gen {
		f.backlinks = c.linked
	}
	c.mu.RUnlock()
	f.sections[s.Root] = f.section(s.Root)
	for _, sec := range s.Sections() {
		f.sections[sec] = f.section(sec)
	}
	return f
}

func (f *Fingerprints) hash() *hasher { return newHasher(f.seed) }

// Page returns a page's fingerprint, and false for pages rendered every time.
func (f *Fingerprints) Page(p *render.Page) (uint64, bool) {
	if f == nil {
		return 0, false
	}
	var hh hasher
	hh.SetSeed(f.seed)
	h := &hh
	h.u(f.global)
	h.s(p.Kind, p.Title, p.URL)
	switch p.Kind {
	case render.KindDocument:
		h.u(f.around(p.Section))
		f.document(h, p.Doc, p.Site)
	case render.KindSection:
		h.u(f.around(p.Section))
		h.s(string(p.Section.Intro), string(p.Section.TitleHTML))
		f.listed(h, p.Section.Documents)
		for _, sub := range p.Section.Sections {
			h.s(sub.Title, sub.URL, string(sub.CardIntro))
			h.n(sub.Count())
		}
	case render.KindResponsibilities, render.KindRoles:
		h.u(f.raci)
	case render.KindRole:
		h.u(f.raci)
		f.owner(h, p.Owner)
	case render.KindOwner:
		f.owner(h, p.Owner)
	case render.KindScorecard, render.KindPresent:
		// A scorecard's period page or presentation, or the presentation
		// of every scorecard.
		h.u(f.raci) // whether owners link to role pages
		if p.Section != nil {
			h.u(f.around(p.Section))
		}
		h.s(p.Period)
		scorecards := []*site.Scorecard{p.Scorecard}
		if p.Scorecard == nil {
			scorecards = p.Site.Scorecards()
		}
		h.n(len(scorecards))
		for _, sc := range scorecards {
			h.s(sc.Doc.Title, sc.Doc.URL, sc.Doc.ID)
			scorecardHash(h, sc)
		}
	case render.KindDocuments, render.KindTags:
		h.u(f.index)
		for _, t := range p.Site.Tags {
			h.s(t.Name, t.URL)
			h.n(len(t.Documents))
		}
	case render.KindTag:
		h.s(p.Tag.Name, p.Tag.URL)
		f.listed(h, p.Tag.Documents)
	case render.Kind404:
		// what every page shows, and words of its own
	case render.KindHome:
		root := p.Site.Root
		h.s(string(root.Intro))
		h.n(len(p.Site.Documents), len(root.Sections))
		for _, sec := range root.Sections {
			h.s(sec.Title, sec.URL, string(sec.CardIntro))
			h.n(sec.Count())
		}
		f.listed(h, root.Documents)
		f.listed(h, p.Recent)
		var due []*site.Document // the reviews due that it lists
		for _, d := range p.Site.Documents {
			if d.Review != "" && !d.Retired() {
				due = append(due, d)
				h.s(d.Review)
			}
		}
		f.listed(h, due)
		for _, d := range p.Recent {
			h.s(search.Section(d))
		}
	case render.KindRedline:
		h.u(f.around(p.Section))
		redline(h, p.Redline)
	case render.KindChanges:
		h.n(len(p.Site.Changes))
		for _, c := range p.Site.Changes {
			h.s(c.Date, c.Doc.URL, c.Doc.Title, c.Doc.ID, c.From, c.To, c.Summary, c.Commit, c.Author, c.Hash, strconv.FormatBool(c.Edit))
		}
	case render.KindRegister, render.KindReviews:
		// Every document's control record, and what the approver and the
		// replaced document link to.
		h.u(f.roles)
		if p.Site == f.site {
			h.u(f.all) // made once for both pages
		} else {
			f.listed(h, p.Site.Documents)
		}
		for _, d := range p.Site.Documents {
			if sup := d.Supersedes; sup != nil {
				h.s(d.URL, sup.ID, sup.Title)
			}
		}
	case render.KindOwners:
		h.u(f.raci) // whether owners link to role pages
		h.n(len(p.Site.Owners))
		for _, o := range p.Site.Owners {
			h.s(strconv.FormatBool(o.Role != nil))
			f.owner(h, o)
		}
	case render.KindHealth:
		h.n(len(p.Site.Health))
		for _, r := range p.Site.Health {
			f.health(h, r)
		}
	case render.KindScorecards:
		for _, sc := range p.Site.Scorecards() {
			h.s(sc.Doc.Title, sc.Doc.URL, sc.Doc.ID)
			scorecardHash(h, sc)
		}
		for _, r := range p.Site.Health {
			healthFigures(h, r)
		}
	default:
		return 0, false
	}
	return h.Sum64(), true
}

// owner adds what a role's or owner's page shows of what it owns: its
// documents, their reviews, its KPIs and their health.
func (f *Fingerprints) owner(h *hasher, o *site.Owner) {
	if o == nil {
		h.n(-1)
		return
	}
	h.s(o.Name, o.Slug, o.URL)
	f.listed(h, o.Documents)
	h.n(len(o.Reviews))
	for _, r := range o.Reviews {
		h.s(r.Doc.URL, r.Doc.Title, r.Doc.ID, r.Due, r.State)
	}
	h.n(len(o.KPIs))
	for _, k := range o.KPIs {
		h.s(k.Metric.Name, k.Scorecard.Doc.Title, k.Scorecard.Doc.URL, k.Scorecard.Period)
		scorecardHash(h, k.Scorecard)
	}
	if r := o.Health; r != nil {
		healthFigures(h, r)
	} else {
		h.n(-1)
	}
}

// healthFigures adds a health row's name, anchor and figures.
func healthFigures(h *hasher, r *site.HealthRow) {
	h.s(r.Kind, r.Name, r.URL, r.ID)
	h.n(r.Total, r.Active, r.Approved, r.Complete, r.Reviewed, r.Linked, r.RACIValid, r.Healthy)
}

// health adds what the health page shows of a row: its figures and each
// of its documents with the criteria it meets.
func (f *Fingerprints) health(h *hasher, r *site.HealthRow) {
	healthFigures(h, r)
	h.n(len(r.Docs))
	f.c.mu.RLock()
	defer f.c.mu.RUnlock()
	for _, d := range r.Docs {
		h.u(f.c.printedLocked(d.Doc).listed)
		var met uint64
		for i, b := range []bool{d.Retired, d.Approved, d.Complete, d.Reviewed, d.Linked, d.RACIValid} {
			if b {
				met |= 1 << i
			}
		}
		h.u(met)
	}
}

// redline adds what a redline page shows: its document's title and
// versions, the comparisons its menu links, and its own.
func redline(h *hasher, r *site.Redline) {
	d := r.Doc
	h.s(d.Title, d.URL, string(r.Body), r.URL)
	h.n(r.Inserted, r.Deleted, len(d.Versions), len(d.Redlines))
	version := func(v *site.Version) {
		if v == nil {
			h.s("")
			return
		}
		h.s(v.Version)
		if c := v.Commit; c != nil {
			h.s(c.Hash, c.Author, c.Subject, c.Date.String())
		}
	}
	version(r.From)
	version(r.To)
	for _, v := range d.Versions {
		version(v)
	}
	for _, o := range d.Redlines {
		h.s(o.URL)
		version(o.From)
		version(o.To)
	}
}

// listed adds what a table of documents shows of one.
func listed(h *hasher, d *site.Document) {
	h.s(d.ID, d.Title, d.URL, d.Owner, d.Status, d.Version, d.LastUpdate, d.Classification, d.NextReview, d.Review)
	h.s(d.ApprovedBy, d.ApprovalDate, d.SupersedesID)
}

// listed adds what a table of documents shows of each of docs.
func (f *Fingerprints) listed(h *hasher, docs []*site.Document) {
	h.n(len(docs))
	f.c.mu.RLock()
	defer f.c.mu.RUnlock()
	for _, d := range docs {
		h.u(f.c.printedLocked(d).listed)
	}
}

// around returns what breadcrumbs and the sidebar show around a section.
func (f *Fingerprints) around(sec *site.Section) uint64 {
	if v, ok := f.sections[sec]; ok {
		return v
	}
	return f.section(sec)
}

// section hashes what breadcrumbs and the sidebar show around a section.
func (f *Fingerprints) section(sec *site.Section) uint64 {
	h := f.hash()
	h.s(sec.Title, sec.URL, strconv.FormatBool(sec.IsRoot()))
	top := sec
	for _, a := range sec.Ancestors() {
		h.s(a.Title, a.URL)
		if top == sec {
			top = a
		}
	}
	if !sec.IsRoot() {
		h.u(f.side[top])
	}
	return h.Sum64()
}

// document adds everything a document's page shows of it.
func (f *Fingerprints) document(h *hasher, d *site.Document, s *site.Site) {
	c := f.c
	c.mu.RLock()
	h.u(c.selfLocked(d))
	h.n(len(d.ReferencedBy))
	if v, ok := f.backlinks.of(d); ok {
		h.u(v)
	} else {
		for _, r := range d.ReferencedBy {
			h.u(c.printedLocked(r).cited)
		}
	}
	for _, n := range []*site.Document{d.Prev, d.Next} {
		if n != nil {
			h.u(c.printedLocked(n).nav)
		} else {
			h.u(0)
		}
	}
	for _, n := range append([]*site.Document{d.Supersedes}, d.SupersededBy...) {
		if n != nil {
			h.u(c.printedLocked(n).cited)
		} else {
			h.u(0)
		}
	}
	c.mu.RUnlock()
	if r := d.ApprovedRole; r != nil {
		h.s(r.Name, r.URL)
	}
	if d.Git != nil {
		h.n(len(d.Git.Recent))
		for _, c := range d.Git.Recent {
			h.s(c.Hash, c.Author, c.Subject, c.Date.String())
		}
	}
	if len(d.RACI) > 0 {
		h.u(f.roles)
		h.u(f.matrix(d, s.Roles))
	}
	if sc := d.Scorecard; sc != nil {
		scorecardHash(h, sc)
	}
}

// scorecardHash adds everything a scorecard shows, on its page and in
// scorecards.json: numbers as shown and exactly.
func scorecardHash(h *hasher, sc *site.Scorecard) {
	num := func(x float64) {
		h.s(render.Num(x))
		h.u(math.Float64bits(x))
	}
	h.n(len(sc.Metrics))
	for _, m := range sc.Metrics {
		h.s(m.ID, m.Name, m.Unit, m.Better, m.OwnerName, m.Group, strconv.FormatBool(m.HasAmber))
		num(m.Target)
		num(m.Amber)
		num(m.Weight)
		h.n(len(m.Points))
		for _, pt := range m.Points {
			h.s(pt.Period, strconv.FormatBool(pt.Has), pt.Status)
			num(pt.Value)
		}
		if m.Owner != nil {
			h.s(m.Owner.Name, m.Owner.URL)
		} else {
			h.s("")
		}
	}
	h.s(sc.Period, sc.Source)
	h.n(len(sc.Periods))
	h.s(sc.Periods...)
	for _, p := range sc.Periods {
		v := sc.Scores[p]
		h.n(v.Percent(), v.Green, v.Amber, v.Red, v.Grey)
		h.u(math.Float64bits(v.Value))
	}
}

// matrix hashes a document's matrix: each activity's name and every role's
// part in it.
func (f *Fingerprints) matrix(d *site.Document, roles []*site.Role) uint64 {
	if v, ok := f.c.matrixPrint(d); ok {
		return v
	}
	return matrixHash(f.seed, d.RACI, roles)
}

func matrixHash(seed maphash.Seed, activities []*site.Activity, roles []*site.Role) uint64 {
	h := newHasher(seed)
	h.n(len(activities))
	for _, a := range activities {
		h.s(a.Name)
		for _, r := range roles {
			h.s(a.Letters(r))
		}
	}
	return h.Sum64()
}

// sameString reports whether two strings are the same bytes in memory,
// which a reused value is.
func sameString(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}

// themeHash hashes the built-in templates and reports whether the site has
// templates of its own that differ from them.
func themeHash(seed maphash.Seed, builtin, override fs.FS) (uint64, bool) {
	var h maphash.Hash
	h.SetSeed(seed)
	custom := false
	read := func(fsys fs.FS, each func(name string, data []byte)) {
		if fsys == nil {
			return
		}
		_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if data, err := fs.ReadFile(fsys, p); err == nil {
					each(p, data)
				}
			}
			return nil
		})
	}
	read(builtin, func(name string, data []byte) { h.WriteString(name); h.Write(data) })
	read(override, func(name string, data []byte) {
		if same, err := fs.ReadFile(builtin, name); err != nil || !bytes.Equal(same, data) {
			custom = true
		}
	})
	return h.Sum64(), custom
}

// backlinks is what the backlinks of each published document show: the
// titles, IDs and pages (printed.cited) of the documents that refer to it,
// hashed when the document's ReferencedBy is made (Cache.Backlinks).
type backlinks struct {
	gen    uint64 // the build
	at     map[*site.Document]int
	hashes []uint64
}

// of returns the hash of what a document's backlinks show, and false if it
// is not known.
func (b *backlinks) of(d *site.Document) (uint64, bool) {
	if b == nil {
		return 0, false
	}
	p, ok := b.at[d]
	if !ok {
		return 0, false
	}
	return b.hashes[p], true
}
