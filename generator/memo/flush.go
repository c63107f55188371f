package memo

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// maxSegments is how many files a stage may have before Flush merges them.
const maxSegments = 8

// staleTemp is the age after which a temporary file is taken to be left by
// a process that was killed while writing it.
const staleTemp = time.Hour

// Flush writes the results stored since the last Flush, and keeps the
// store small:
//   - A stage that this run used drops, when less than half of its files
//     hold results this run used, the results it did not use: they belong
//     to documents since changed or removed. Stages the run did not touch
//     are kept as they are, so that a check does not drop what only a
//     build reads.
//   - A stage whose files number more than a few is merged into one file.
//   - When the files would be over Options.MaxBytes, files of stages this
//     run did not touch go first, oldest first, then the results of this
//     run least recently stored.
//   - Files of other identities, and temporary files left by a killed
//     process, are removed.
//
// Flush writes each file under a temporary name and renames it when it is
// complete, so that a process killed at any moment leaves files that read
// as they were written or not at all. The error is about files that could
// not be written; the results stay in the store and are written by the
// next Flush.
func (s *Store) Flush() error {
	if s == nil || s.closed.Load() {
		return nil
	}
	s.flushMu.Lock()
	defer s.flushMu.Unlock()
	s.mu.Lock()
	stages := slices.Collect(maps.Values(s.stages))
	s.mu.Unlock()
	if len(stages) == 0 {
		return nil // the run used no result: nothing to say about them
	}
	slices.SortFunc(stages, func(a, b *stage) int { return strings.Compare(a.name, b.name) })

	plans := make([]*plan, len(stages))
	for i, st := range stages {
		st.recheck()
		plans[i] = st.plan()
	}
	others := s.sweep(stages)
	s.bound(plans, others)

	var errs []error
	for _, p := range plans {
		err := s.carry(p)
		if err != nil {
			errs = append(errs, err)
		}
		if p.pending == nil {
			continue
		}
		if err == nil {
			p.pending.discard() // its results are in a segment now
			continue
		}
		p.st.mu.Lock()
		p.st.retired = append(p.st.retired, p.pending) // read by the next Flush
		p.st.mu.Unlock()
	}
	return errors.Join(errs...)
}

// Keep counts every result of the stages read so far as used, so that the
// next Flush drops none for not being used: for a run that stopped before
// it asked for all it would have.
func (s *Store) Keep() {
	if s == nil {
		return
	}
	s.mu.Lock()
	stages := slices.Collect(maps.Values(s.stages))
	s.mu.Unlock()
	for _, st := range stages {
		st.mu.RLock()
		for _, e := range st.entries {
			e.used.Store(true)
		}
		st.mu.RUnlock()
	}
}

// plan is what Flush does with a stage.
type plan struct {
	st      *stage
	segs    []*segment // the stage's files
	live    []*entry   // the results to keep: used, and readable
	fresh   []*entry   // those of live in no segment yet
	pending *segment   // the pending file that holds fresh results, if any
	dropped map[*entry]bool
	compact bool // replace segs by one file holding live
}

// recheck forgets the stage's files that another store has removed since
// they were read: the results in them that this run used are read from the
// file still open and written again, the others are forgotten.
func (st *stage) recheck() {
	st.mu.RLock()
	var gone []*segment
	for _, seg := range st.segs {
		if _, err := os.Stat(seg.path); isNotExist(err) {
			gone = append(gone, seg)
		}
	}
	st.mu.RUnlock()
	if len(gone) == 0 {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.segs = slices.DeleteFunc(st.segs, func(seg *segment) bool { return slices.Contains(gone, seg) })
	for k, e := range st.entries {
		p := e.at.Load()
		if p == nil || !slices.Contains(gone, p.seg) {
			continue
		}
		delete(st.entries, k)
		if !e.used.Load() || e.bad.Load() {
			continue
		}
		value := e.value
		if value == nil {
			var err error
			if value, err = p.seg.readAt(p.off, e.size); err != nil {
				continue
			}
		}
		again := &entry{key: e.key, dict: e.dict, types: e.types, value: value, size: e.size, crc: e.crc, gen: st.gen + 1}
		again.used.Store(true)
		st.entries[k] = again
	}
	for _, seg := range gone {
		seg.close()
	}
}

// plan decides what Flush does with a stage.
func (st *stage) plan() *plan {
	st.mu.Lock()
	defer st.mu.Unlock()
	// Results stored from now on go to a new pending file.
	p := &plan{st: st, segs: slices.Clone(st.segs), pending: st.pending, dropped: map[*entry]bool{}}
	st.pending = nil
	var fileBytes, liveBytes int64
	damaged := false
	for _, seg := range p.segs {
		fileBytes += seg.size
		damaged = damaged || seg.damaged.Load()
	}
	for _, e := range st.entries {
		if !e.used.Load() || e.bad.Load() {
			continue
		}
		p.live = append(p.live, e)
		if e.segment() == nil {
			p.fresh = append(p.fresh, e)
		} else {
			liveBytes += valueCost(e)
		}
	}
	byKey := func(a, b *entry) int { return compareKeys(a.key, b.key) }
	slices.SortFunc(p.live, byKey)
	slices.SortFunc(p.fresh, byKey)
	files := len(p.segs)
	if len(p.fresh) > 0 {
		files++
	}
	p.compact = damaged || files > maxSegments || liveBytes*2 < fileBytes
	return p
}

func compareKeys(a, b Key) int { return strings.Compare(string(a[:]), string(b[:])) }

// valueCost bounds the bytes a result takes in a file.
func valueCost(e *entry) int64 { return int64(e.size + maxValueRecord) }

// size bounds the bytes of the stage's files once p is carried out.
func (p *plan) size() int64 {
	if p.compact {
		return p.newFileSize(p.live)
	}
	var n int64
	for _, seg := range p.segs {
		n += seg.size
	}
	if len(p.fresh) > 0 {
		n += p.newFileSize(p.fresh)
	}
	return n
}

// newFileSize bounds the size of a file holding es, less those dropped.
func (p *plan) newFileSize(es []*entry) int64 {
	n := int64(maxSegmentOverhead + len(p.st.name))
	types := map[*dictionary]int{}
	for _, e := range es {
		if p.dropped[e] {
			continue
		}
		n += valueCost(e)
		types[e.dict] = max(types[e.dict], len(e.types))
	}
	if len(types) == 0 {
		return 0 // no file
	}
	for _, t := range types {
		n += int64(t + 2*binary.MaxVarintLen64 + 4)
	}
	return n
}

// otherFile is a file of this identity that no stage of this store holds:
// of a stage this run did not touch, or written by another store.
type otherFile struct {
	path string
	size int64
	mod  time.Time
}

// sweep removes other identities' files and stale temporary files, and
// lists the files of this identity that stages does not hold.
func (s *Store) sweep(stages []*stage) []otherFile {
	known := map[string]bool{}
	for _, st := range stages {
		st.mu.RLock()
		for _, seg := range st.segs {
			known[seg.path] = true
		}
		st.mu.RUnlock()
	}
	dirs, _ := os.ReadDir(s.dir)
	var others []otherFile
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		dir := filepath.Join(s.dir, d.Name())
		files, _ := os.ReadDir(dir)
		for _, f := range files {
			name, path := f.Name(), filepath.Join(dir, f.Name())
			info, err := f.Info()
			if err != nil {
				continue
			}
			switch {
			case strings.HasPrefix(name, tmpPrefix):
				if time.Since(info.ModTime()) > staleTemp {
					os.Remove(path)
				}
			case !strings.HasSuffix(name, segSuffix) || known[path]:
			case !strings.HasPrefix(name, s.idPrefix):
				os.Remove(path) // another govdoc's: this folder now holds this one's
			default:
				others = append(others, otherFile{path: path, size: info.Size(), mod: info.ModTime()})
			}
		}
	}
	slices.SortFunc(others, func(a, b otherFile) int { return a.mod.Compare(b.mod) })
	return others
}

// bound keeps the files within the store's size, doing no more than it
// must: it merges the files of stages that hold results this run did not
// use, then removes the other files, oldest first, then drops the results
// stored longest ago.
func (s *Store) bound(plans []*plan, others []otherFile) {
	total := func() int64 {
		var n int64
		for _, p := range plans {
			n += p.size()
		}
		for _, o := range others {
			n += o.size
		}
		return n
	}
	if total() <= s.maxBytes {
		return
	}
	for _, p := range plans {
		if !p.compact && p.newFileSize(p.live) < p.size() {
			p.compact = true
		}
	}
	for len(others) > 0 && total() > s.maxBytes {
		os.Remove(others[0].path)
		others = others[1:]
	}
	n := total()
	if n <= s.maxBytes {
		return
	}
	type result struct {
		p *plan
		e *entry
	}
	var all []result
	for _, p := range plans {
		for _, e := range p.live {
			all = append(all, result{p, e})
		}
	}
	slices.SortStableFunc(all, func(a, b result) int { return cmpUint(a.e.gen, b.e.gen) })
	// Dropping a result makes its stage's file smaller by at most its
	// cost, so n stays an upper bound of the files' size.
	for _, r := range all {
		if n <= s.maxBytes {
			break
		}
		if !r.p.compact {
			n += r.p.newFileSize(r.p.live) - r.p.size()
			r.p.compact = true
		}
		r.p.dropped[r.e] = true
		n -= valueCost(r.e)
	}
}

// carry carries out a plan.
func (s *Store) carry(p *plan) error {
	st := p.st
	if !p.compact {
		if len(p.fresh) == 0 {
			return nil
		}
		seg, err := s.write(st, p.fresh)
		if err != nil {
			return err
		}
		st.mu.Lock()
		st.segs = append(st.segs, seg)
		st.mu.Unlock()
		return nil
	}
	var keep []*entry
	for _, e := range p.live {
		if !p.dropped[e] {
			keep = append(keep, e)
		}
	}
	var seg *segment
	if len(keep) > 0 {
		var err error
		if seg, err = s.write(st, keep); err != nil {
			return err
		}
	}
	gone := map[*segment]bool{}
	for _, old := range p.segs {
		old.close() // what it held that is kept is in seg now
		if err := os.Remove(old.path); err == nil || isNotExist(err) {
			gone[old] = true
		}
	}
	kept := map[*entry]bool{}
	for _, e := range keep {
		kept[e] = true
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.segs = slices.DeleteFunc(st.segs, func(old *segment) bool { return slices.Contains(p.segs, old) })
	if seg != nil {
		st.segs = append(st.segs, seg)
	}
	for k, e := range st.entries {
		switch {
		case kept[e]:
		case p.dropped[e], gone[e.segment()]:
			// Dropped, or not used and in a file no more.
			delete(st.entries, k)
		}
	}
	return nil
}

// write writes a new file of st holding es, and records it as each one's.
func (s *Store) write(st *stage, es []*entry) (*segment, error) {
	st.mu.RLock()
	gen := st.gen + 1
	st.mu.RUnlock()
	f := &segFile{stage: st.name, gen: gen}
	index := map[*dictionary]int{}
	for _, e := range es {
		i, ok := index[e.dict]
		if !ok {
			i = len(f.types)
			index[e.dict] = i
			f.types = append(f.types, nil)
		}
		// A stream's values each hold a prefix of its definitions: the
		// longest serves them all.
		if len(e.types) > len(f.types[i]) {
			f.types[i] = e.types
		}
		f.vals = append(f.vals, segValue{key: e.key, types: i, crc: e.crc})
	}
	// A value in a file is copied from there as it is, damaged or not.
	load := func(i int) ([]byte, error) {
		e := es[i]
		if p := e.at.Load(); e.value == nil && p != nil {
			return p.seg.readAt(p.off, e.size)
		}
		return e.value, nil
	}
	if err := os.MkdirAll(st.dir, 0o700); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(st.dir, tmpPrefix+"*")
	if err != nil {
		return nil, err
	}
	var name [8]byte
	_, _ = rand.Read(name[:])
	path := filepath.Join(st.dir, s.idPrefix+hex.EncodeToString(name[:])+segSuffix)
	size, err := writeSegment(tmp, s.id, f, load)
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	seg := &segment{path: path, size: size, gen: gen}
	// Opened again to read the values from: one that fails to open leaves
	// those held in memory readable, and the others a miss.
	if file, err := os.Open(path); err == nil {
		seg.file = file
	}
	st.mu.Lock()
	st.gen = max(st.gen, gen)
	st.mu.Unlock()
	for i, e := range es {
		e.at.Store(&place{seg: seg, off: f.vals[i].off})
	}
	return seg, nil
}
