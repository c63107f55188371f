package incremental

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/raci"
	"github.com/govdoc/govdoc/generator/scorecard"
	"github.com/govdoc/govdoc/generator/site"
)

// The results of the stages after assembly that depend on one document
// alone and on little else, kept with the document's prototype: each is
// the result a fresh build computes as long as its prototype and its key
// (what else it depends on) are the same.

// kept is a result and the key of what, besides the document's prototype,
// it was made from.
type kept[K any, V any] struct {
	key K
	val V
}

// Metadata returns the findings of check for a document, kept with its
// prototype for the same rules.
func (c *Cache) Metadata(d *site.Document, rules string, check func() finding.List) finding.List {
	c.mu.RLock()
	a := c.origin[d]
	var m *kept[string, finding.List]
	if a != nil {
		m = a.meta
	}
	c.mu.RUnlock()
	if a == nil {
		return check()
	}
	if m != nil && m.key == rules {
		return m.val
	}
	f := check()
	c.mu.Lock()
	a.meta = &kept[string, finding.List]{rules, f}
	c.mu.Unlock()
	return f
}

// keyOfRoles encodes site.yaml's roles, once per build.
func (c *Cache) keyOfRoles(roles *raci.Roles) string {
	c.mu.RLock()
	if c.roles == roles {
		defer c.mu.RUnlock()
		return c.rolesKey
	}
	c.mu.RUnlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.roles != roles {
		configs := make([]any, len(roles.All))
		for i, r := range roles.All {
			configs[i] = r.Role
		}
		data, err := json.Marshal(configs)
		c.roles, c.rolesKey = roles, string(data)
		if err != nil {
			c.rolesKey = fmt.Sprintf("unencodable %p", roles) // never reused
		}
	}
	return c.rolesKey
}

// roleIndex returns the index of each role in all.
func roleIndex(all []*site.Role) map[*site.Role]int {
	ix := make(map[*site.Role]int, len(all))
	for i, r := range all {
		ix[r] = i
	}
	return ix
}

// matrix is a document's responsibility matrix with its roles by their
// index in site.yaml, and the findings of reading it.
type matrix struct {
	activities []activity
	findings   finding.List
	print      uint64 // what pages show of it (matrixHash)
}

type activity struct {
	name       string
	pos        finding.Position
	r, a, c, i []int
}

// RACI gives a document its matrix, read by parse or kept with its
// prototype for the same roles, and returns the findings of reading it.
func (c *Cache) RACI(d *site.Document, roles *raci.Roles, parse func() finding.List) finding.List {
	key := c.keyOfRoles(roles)
	c.mu.RLock()
	a := c.origin[d]
	var k *kept[string, *matrix]
	if a != nil {
		k = a.raci
	}
	c.mu.RUnlock()
	if a == nil {
		return parse()
	}
	if k != nil && k.key == key {
		k.val.give(d, roles.All)
		return k.val.findings
	}
	f := parse()
	m := &matrix{findings: f, print: matrixHash(c.seed, d.RACI, roles.All)}
	ix := roleIndex(roles.All)
	indexes := func(rs []*site.Role) []int {
		out := make([]int, len(rs))
		for i, r := range rs {
			out[i] = ix[r]
		}
		return out
	}
	for _, act := range d.RACI {
		m.activities = append(m.activities, activity{name: act.Name, pos: act.Pos, r: indexes(act.R), a: indexes(act.A), c: indexes(act.C), i: indexes(act.I)})
	}
	c.mu.Lock()
	a.raci = &kept[string, *matrix]{key, m}
	c.mu.Unlock()
	return f
}

// same reports whether two matrices are alike: activities of the same
// names at the same places, with the same roles.
func (m *matrix) same(o *matrix) bool {
	return m == o || slices.EqualFunc(m.activities, o.activities, func(a, b activity) bool {
		return a.name == b.name && a.pos == b.pos && slices.Equal(a.r, b.r) && slices.Equal(a.a, b.a) && slices.Equal(a.c, b.c) && slices.Equal(a.i, b.i)
	})
}

// give gives a document of this build the matrix, with this build's roles.
func (m *matrix) give(d *site.Document, all []*site.Role) {
	d.RACI = nil
	if len(m.activities) == 0 {
		return
	}
	d.RACI = make([]*site.Activity, len(m.activities))
	acts := make([]site.Activity, len(m.activities))
	n := 0
	for _, act := range m.activities {
		n += len(act.r) + len(act.a) + len(act.c) + len(act.i)
	}
	backing := make([]*site.Role, 0, n) // one array for every list
	roles := func(ix []int) []*site.Role {
		if len(ix) == 0 {
			return nil
		}
		start := len(backing)
		for _, n := range ix {
			backing = append(backing, all[n])
		}
		return backing[start:len(backing):len(backing)]
	}
	for i, act := range m.activities {
		acts[i] = site.Activity{Name: act.name, Doc: d, Pos: act.pos, R: roles(act.r), A: roles(act.a), C: roles(act.c), I: roles(act.i)}
		d.RACI[i] = &acts[i]
	}
}

// matrixPrint returns the hash of what pages show of a document's matrix,
// kept with it for this build's roles.
func (c *Cache) matrixPrint(d *site.Document) (uint64, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.matrixPrintLocked(d)
}

// matrixPrintLocked is matrixPrint with c.mu held.
func (c *Cache) matrixPrintLocked(d *site.Document) (uint64, bool) {
	if a := c.origin[d]; a != nil && a.raci != nil && c.roles != nil && a.raci.key == c.rolesKey {
		return a.raci.val.print, true
	}
	return 0, false
}

// conflictsKey is what raci.Conflicts finds conflicts among: the roles,
// and the matrices of the documents, in order.
type conflictsKey struct {
	roles    string
	matrices []*matrix
}

// Conflicts returns the findings of conflicts, kept from the last build if
// its documents had alike matrices in the same order, with the same roles.
func (c *Cache) Conflicts(docs []*site.Document, roles *raci.Roles, conflicts func() finding.List) finding.List {
	key := c.keyOfRoles(roles)
	c.mu.RLock()
	matrices := make([]*matrix, 0, len(docs))
	ok := true
	for _, d := range docs {
		if len(d.RACI) == 0 {
			continue // no activity, no conflict
		}
		a := c.origin[d]
		if a == nil || a.raci == nil || a.raci.key != key {
			ok = false
			break
		}
		matrices = append(matrices, a.raci.val)
	}
	last := c.conflicts
	c.mu.RUnlock()
	if !ok {
		return conflicts()
	}
	if last != nil && last.key.roles == key && slices.EqualFunc(last.key.matrices, matrices, (*matrix).same) {
		return last.val
	}
	f := conflicts()
	c.mu.Lock()
	c.conflicts = &kept[conflictsKey, finding.List]{conflictsKey{key, matrices}, f}
	c.mu.Unlock()
	return f
}

// card is a document's scorecard with its metrics' owners by their index
// in site.yaml (-1 for none), the findings of reading it, and whether it
// read files.
type card struct {
	scorecard *site.Scorecard // nil for none
	owners    []int
	findings  finding.List
	read      bool
	cards     uint64 // Cache.cards when it was read
}

// Scorecard gives a document its scorecard, read by parse or kept with its
// prototype for the same roles and files, and returns the findings of
// reading it.
func (c *Cache) Scorecard(d *site.Document, roles *raci.Roles, read scorecard.Reader, parse func(scorecard.Reader) finding.List) finding.List {
	key := c.keyOfRoles(roles)
	c.mu.RLock()
	a, cards := c.origin[d], c.cards
	var k *kept[string, *card]
	if a != nil {
		k = a.card
	}
	c.mu.RUnlock()
	if a == nil {
		return parse(read)
	}
	if k != nil && k.key == key && (!k.val.read || k.val.cards == cards) {
		k.val.give(d, roles.All)
		return k.val.findings
	}
	var files []string
	f := parse(func(name string) ([]byte, error) {
		files = append(files, name)
		return read(name)
	})
	cd := &card{findings: f, read: len(files) > 0, cards: cards}
	if sc := d.Scorecard; sc != nil {
		// Kept without this build's document and roles, which it must not
		// hold on to.
		ix := roleIndex(roles.All)
		kept := *sc
		kept.Doc, kept.Metrics = nil, make([]*site.Metric, len(sc.Metrics))
		for i, m := range sc.Metrics {
			n, ok := ix[m.Owner]
			if !ok {
				n = -1
			}
			cd.owners = append(cd.owners, n)
			mm := *m
			mm.Owner = nil
			kept.Metrics[i] = &mm
		}
		cd.scorecard = &kept
	}
	c.mu.Lock()
	for _, name := range files {
		c.reads[name] = true
	}
	a.card = &kept[string, *card]{key, cd}
	c.mu.Unlock()
	return f
}

// give gives a document of this build the scorecard, with this build's
// roles; its values are shared, as nothing changes them once read.
func (cd *card) give(d *site.Document, all []*site.Role) {
	d.Scorecard = nil
	if cd.scorecard == nil {
		return
	}
	sc := *cd.scorecard
	sc.Doc = d
	sc.Metrics = make([]*site.Metric, len(cd.scorecard.Metrics))
	for i, m := range cd.scorecard.Metrics {
		mm := *m
		if n := cd.owners[i]; n >= 0 {
			mm.Owner = all[n]
		}
		sc.Metrics[i] = &mm
	}
	d.Scorecard = &sc
}

// ResponsibilitiesCSV returns responsibilities.csv of the published site
// s as build makes it: kept while the roles, and each published matrix and
// what the file shows of its document, are the same.
func (c *Cache) ResponsibilitiesCSV(s *site.Site, build func() []byte) []byte {
	if c == nil {
		return build()
	}
	h := newHasher(c.seed)
	for _, r := range s.Roles {
		h.s(r.Name)
	}
	h.WriteByte(1)
	c.mu.RLock()
	for _, d := range s.Documents {
		if len(d.RACI) == 0 {
			continue
		}
		h.u(c.printedLocked(d).link) // its path, title and ID
		h.s(d.Section.Title)
		print, ok := c.matrixPrintLocked(d)
		if !ok {
			print = matrixHash(c.seed, d.RACI, s.Roles)
		}
		h.u(print)
	}
	c.mu.RUnlock()
	return c.file(&c.csv, h.Sum64(), build)
}

// ScorecardsJSON returns scorecards.json of the published site s as build
// makes it: kept while each published scorecard, what the file shows of
// its document, and the documentation health are the same.
func (c *Cache) ScorecardsJSON(s *site.Site, build func() []byte) []byte {
	if c == nil {
		return build()
	}
	h := newHasher(c.seed)
	for _, sc := range s.Scorecards() {
		h.s(sc.Doc.Path, sc.Doc.ID, sc.Doc.Title, sc.Doc.URL)
		scorecardHash(h, sc)
	}
	h.WriteByte(1)
	for _, r := range s.Health {
		healthFigures(h, r)
	}
	return c.file(&c.json, h.Sum64(), build)
}

// Control returns the files of the document control record of the
// published site s (the register as CSV and JSON, the review calendar) by
// name, each as its function in build makes it: kept while the
// configuration, the build's date, the roles and what tables of documents
// show of each document are the same.
func (c *Cache) Control(s *site.Site, build map[string]func() []byte) map[string][]byte {
	files := make(map[string][]byte, len(build))
	if c == nil {
		for name, f := range build {
			files[name] = f()
		}
		return files
	}
	h := newHasher(c.seed)
	cfg, _ := json.Marshal(s.Config)
	h.Write(cfg)
	h.s(s.Today.String())
	for _, r := range s.Roles {
		h.s(r.ID, r.Name, r.URL)
		h.s(r.Aliases...)
	}
	h.WriteByte(1)
	c.mu.RLock()
	for _, d := range s.Documents {
		h.s(d.Path)
		h.u(c.printedLocked(d).listed)
	}
	c.mu.RUnlock()
	key := h.Sum64()
	c.mu.RLock()
	for name := range build {
		if k := c.control[name]; k != nil && k.key == key {
			files[name] = k.val
		}
	}
	c.mu.RUnlock()
	for name, f := range build { // made without the lock, which pages read meanwhile
		if _, ok := files[name]; !ok {
			files[name] = f()
			c.mu.Lock()
			if c.control == nil {
				c.control = map[string]*kept[uint64, []byte]{}
			}
			c.control[name] = &kept[uint64, []byte]{key, files[name]}
			c.mu.Unlock()
		}
	}
	return files
}

// file returns the file kept in *slot if it was made of the same key, or
// else builds it and keeps it.
func (c *Cache) file(slot **kept[uint64, []byte], key uint64, build func() []byte) []byte {
	c.mu.Lock()
	k := *slot
	c.mu.Unlock()
	if k != nil && k.key == key {
		return k.val
	}
	data := build()
	c.mu.Lock()
	*slot = &kept[uint64, []byte]{key, data}
	c.mu.Unlock()
	return data
}
