package incremental

import (
	"bytes"
	"encoding/json"
	"hash/maphash"
	"io/fs"
	"strconv"

	"github.com/govdoc/govdoc/generator/render"
	"github.com/govdoc/govdoc/generator/site"
)

// A page's fingerprint hashes everything the built-in theme shows on it, so
// that a session re-renders only the pages whose fingerprint changed. It
// follows the built-in templates; a site with templates of its own renders
// every page every time.

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
	var b [24]byte
	for _, v := range vs {
		h.Write(append(strconv.AppendInt(b[:0], int64(v), 10), 0))
	}
}

// Fingerprints computes page fingerprints for one build.
type Fingerprints struct {
	seed   maphash.Seed
	body   func(*site.Document) uint64 // the hash of a document's rendered body
	global uint64                      // what every page shows: configuration, theme, top navigation
	raci   uint64                      // what the responsibility pages show
	index  uint64                      // what the page of all documents shows
	side   map[*site.Section]uint64
}

func newFingerprints(seed maphash.Seed, s *site.Site, theme uint64, body func(*site.Document) uint64) *Fingerprints {
	f := &Fingerprints{seed: seed, side: map[*site.Section]uint64{}, body: body}
	h := f.hash()
	cfg, _ := json.Marshal(s.Config)
	h.Write(cfg)
	h.s(s.Version, strconv.FormatUint(theme, 16), strconv.FormatBool(s.HasResponsibilities()), strconv.FormatBool(len(s.Tags) > 0))
	if s.Commit != nil {
		h.s(s.Commit.Hash, s.Commit.Date.String())
	}
	for _, sec := range s.Root.Sections {
		h.s(sec.Title, sec.URL)
	}
	f.global = h.Sum64()

	h = f.hash()
	for _, r := range s.Roles {
		h.s(r.ID, r.Name, r.Slug, r.URL)
		h.s(r.Aliases...)
		h.n(len(r.A), len(r.R), len(r.C), len(r.I), r.Count())
	}
	for _, d := range s.Documents {
		if len(d.RACI) == 0 {
			continue
		}
		h.s(d.Path, d.Title, d.URL, d.ID, d.Section.Dir, d.Section.Title)
		for _, a := range d.RACI {
			h.s(a.Name)
			for _, r := range s.Roles {
				h.s(a.Letters(r))
			}
		}
	}
	f.raci = h.Sum64()

	h = f.hash()
	h.s(s.Statuses()...)
	h.s(s.Levels()...)
	for _, d := range s.Documents {
		listed(h, d)
	}
	for _, t := range s.Tags {
		h.s(t.Name)
	}
	f.index = h.Sum64()
	for _, top := range s.Root.Sections {
		h := f.hash()
		for _, d := range top.Documents {
			h.s(d.Title, d.URL)
		}
		for _, sub := range top.Sections {
			h.s(sub.Title, sub.URL)
		}
		f.side[top] = h.Sum64()
	}
	return f
}

func (f *Fingerprints) hash() *hasher { return newHasher(f.seed) }

// sidebar is what the sidebar shows of a top-level section when open.
// The map is filled before pages are fingerprinted in parallel.
func (f *Fingerprints) sidebar(top *site.Section) uint64 { return f.side[top] }

// Page returns a page's fingerprint, and false for pages rendered every time.
func (f *Fingerprints) Page(p *render.Page) (uint64, bool) {
	if f == nil {
		return 0, false
	}
	h := f.hash()
	h.n(int(f.global))
	h.s(p.Kind, p.Title, p.URL)
	switch p.Kind {
	case render.KindDocument:
		f.section(h, p.Section)
		f.document(h, p.Doc, p.Site)
	case render.KindSection:
		f.section(h, p.Section)
		h.s(string(p.Section.Intro), string(p.Section.TitleHTML))
		for _, d := range p.Section.Documents {
			listed(h, d)
		}
		for _, sub := range p.Section.Sections {
			h.s(sub.Title, sub.URL, string(sub.CardIntro))
			h.n(sub.Count())
		}
	case render.KindResponsibilities, render.KindRoles, render.KindRole:
		h.n(int(f.raci))
	case render.KindDocuments, render.KindTags:
		h.n(int(f.index))
		for _, t := range p.Site.Tags {
			h.s(t.Name, t.URL)
			h.n(len(t.Documents))
		}
	case render.KindTag:
		h.s(p.Tag.Name, p.Tag.URL)
		for _, d := range p.Tag.Documents {
			listed(h, d)
		}
	case render.KindScorecards:
		for _, sc := range p.Site.Scorecards() {
			cur := sc.Current()
			h.s(sc.Doc.Title, sc.Doc.URL, sc.Doc.ID, sc.Period)
			h.n(cur.Percent(), cur.Green, cur.Amber, cur.Red, cur.Grey)
		}
		for _, r := range p.Site.Health {
			h.s(r.Kind, r.Name, r.URL)
			h.n(r.Total, r.Approved, r.Complete, r.Reviewed, r.Linked, r.RACIValid)
		}
	default:
		return 0, false
	}
	return h.Sum64(), true
}

// listed adds what a table of documents shows of one.
func listed(h *hasher, d *site.Document) {
	h.s(d.ID, d.Title, d.URL, d.Owner, d.Status, d.Version, d.LastUpdate, d.Classification)
}

// section adds what breadcrumbs and the sidebar show around a section.
func (f *Fingerprints) section(h *hasher, sec *site.Section) {
	h.s(sec.Title, sec.URL, strconv.FormatBool(sec.IsRoot()))
	top := sec
	for _, a := range sec.Ancestors() {
		h.s(a.Title, a.URL)
		if top == sec {
			top = a
		}
	}
	if !sec.IsRoot() {
		h.n(int(f.sidebar(top)))
	}
}

// document adds everything a document's page shows of it.
func (f *Fingerprints) document(h *hasher, d *site.Document, s *site.Site) {
	h.s(d.ID, d.Title, d.TitleID, d.Owner, d.Version, d.Status, d.Classification, d.LastUpdate, d.URL)
	h.s(d.Tags...)
	h.n(int(f.body(d)))
	for _, r := range d.History {
		h.s(r.Version, r.Date, r.Author, r.Changes)
	}
	if d.Git != nil {
		for _, c := range d.Git.Recent {
			h.s(c.Hash, c.Author, c.Subject, c.Date.String())
		}
	}
	for _, r := range d.ReferencedBy {
		h.s(r.Title, r.ID, r.URL)
	}
	for _, n := range []*site.Document{d.Prev, d.Next} {
		if n != nil {
			h.s(n.Title, n.URL)
		} else {
			h.s("")
		}
	}
	if len(d.RACI) > 0 {
		for _, r := range s.Roles {
			h.s(r.Name, r.Slug, r.URL)
		}
		for _, a := range d.RACI {
			h.s(a.Name)
			for _, r := range s.Roles {
				h.s(a.Letters(r))
			}
		}
	}
	if sc := d.Scorecard; sc != nil {
		for _, m := range sc.Metrics {
			h.s(m.ID, m.Name, m.Unit, m.Better, m.OwnerName, render.Num(m.Target), render.Num(m.Amber), render.Num(m.Weight), strconv.FormatBool(m.HasAmber))
			for _, pt := range m.Points {
				h.s(pt.Period, render.Num(pt.Value), strconv.FormatBool(pt.Has), pt.Status)
			}
		}
		h.s(sc.Period, sc.Source)
		h.s(sc.Periods...)
		for _, p := range sc.Periods {
			v := sc.Scores[p]
			h.n(v.Percent(), v.Green, v.Amber, v.Red, v.Grey)
		}
		for _, m := range sc.Metrics {
			if m.Owner != nil {
				h.s(m.Owner.Name, m.Owner.URL)
			}
		}
	}
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
