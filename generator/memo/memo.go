// Package memo keeps the results of a build's stages between runs, so that a
// run over a site with a few changed documents redoes the work of those
// documents only. A result is stored under a Key that the caller builds from
// everything the result depends on; the store adds its format and the
// identity of the govdoc that computed it, so that another govdoc never
// reuses it. A result that cannot be read back (another version, a damaged
// file, a type that no longer matches) is a miss, never an error.
//
// It does not decide what is worth keeping or what a result depends on:
// the stages do. It keeps results on disk only; a nil *Store keeps nothing.
//
// On disk, a store is a folder with a folder per stage, each holding a few
// segment files (segment.go) that are written once, by renaming a finished
// temporary file. A stage's files are opened when it is first asked for.
// The first few megabytes of files a run opens are read whole, in one read
// each; past those, only a file's index is read then, and each result is
// read from its file when it is asked for: a run holds in memory the
// results it decoded and a bounded part of the stored bytes, not all of
// them besides, and the small stages that every run reads cost a few reads,
// not one per document. The results a run stores go to a temporary file of
// their stage as they are stored, and from there into a segment at Flush.
package memo

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// DefaultMaxBytes is the size a store's files are kept within when Options
// give no other.
const DefaultMaxBytes = 512 << 20

// DefaultWholeBytes is how many bytes of files a store reads whole when
// Options give no other bound: the small stages every run reads, such as
// parsed files, not a build's HTML.
const DefaultWholeBytes = 32 << 20

// Options configure a store.
type Options struct {
	// Identity names the program computing the results: results stored
	// under another identity are never read. govdoc gives its version and
	// the revision it was built from, or a hash of its executable.
	Identity string
	// MaxBytes bounds the size of the store's files after a Flush; 0
	// means DefaultMaxBytes. What goes first is said at Flush.
	MaxBytes int64
	// WholeBytes bounds the bytes of files the store reads whole, each in
	// one read, and holds until it is closed; past it, a file's results
	// are read one by one as they are asked for. 0 means DefaultWholeBytes;
	// a negative bound reads every file result by result.
	WholeBytes int64
}

// Store keeps stage results in a folder. Its methods are safe for use by
// many goroutines at once, and several stores, in one process or several,
// may use one folder: a result one of them writes may be lost to another,
// but none reads a result that was not stored under its key.
//
// A nil *Store is a store that keeps nothing: Get misses and Put, Flush and
// Close do nothing, so that callers need not check for one.
type Store struct {
	dir      string
	id       Key    // the hash of the format and the identity
	idPrefix string // the start of the names of this identity's files
	maxBytes int64

	mu     sync.RWMutex
	stages map[string]*stage

	encMu    sync.Mutex
	encoders []*encoder  // idle
	raw      *dictionary // of the values PutBytes stores

	flushMu sync.Mutex
	closed  atomic.Bool

	whole atomic.Int64 // how many more bytes of files may be read whole

	hits, misses, puts atomic.Int64
}

// stage holds one stage's results.
type stage struct {
	name, dir string
	load      sync.Once

	mu      sync.RWMutex
	entries map[Key]*entry
	segs    []*segment // this stage's files that this store read or wrote
	gen     uint64     // the highest generation of segs
	// pending is the temporary file the results this run stores go to
	// as they are stored, until Flush writes them into a segment; retired
	// are earlier ones whose results a Flush failed to write.
	pending *segment
	retired []*segment
}

// segment is a file of a stage.
type segment struct {
	path    string
	size    int64
	gen     uint64
	damaged atomic.Bool // a value failed its checksum: rewrite the stage

	mu   sync.RWMutex
	file *os.File // open from when it is read or written until it is removed or the store closed; nil when read whole

	// A pending segment is no segment yet: a temporary file that values
	// are appended to, through w, as they are stored.
	pending bool
	w       *bufio.Writer
	end     int64 // where the next value goes
}

// readAt reads n bytes at off of the segment's file.
func (seg *segment) readAt(off int64, n int) ([]byte, error) {
	if seg.pending {
		seg.mu.Lock() // to write out what w holds
		defer seg.mu.Unlock()
		if seg.file == nil {
			return nil, fs.ErrClosed
		}
		if err := seg.w.Flush(); err != nil {
			return nil, err
		}
	} else {
		seg.mu.RLock()
		defer seg.mu.RUnlock()
	}
	if seg.file == nil {
		return nil, fs.ErrClosed
	}
	b := make([]byte, n)
	if _, err := seg.file.ReadAt(b, off); err != nil {
		return nil, err
	}
	return b, nil
}

// close closes the segment's file; its values can no longer be read.
func (seg *segment) close() {
	seg.mu.Lock()
	defer seg.mu.Unlock()
	if seg.file != nil {
		seg.file.Close()
		seg.file = nil
	}
}

// newPending creates a pending segment in dir.
func newPending(dir string) (*segment, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, tmpPrefix+"*")
	if err != nil {
		return nil, err
	}
	return &segment{path: f.Name(), file: f, pending: true, w: bufio.NewWriterSize(f, 1<<16)}, nil
}

// add appends b to a pending segment and returns its offset, or false when
// it cannot.
func (seg *segment) add(b []byte) (int64, bool) {
	seg.mu.Lock()
	defer seg.mu.Unlock()
	if seg.file == nil {
		return 0, false
	}
	off := seg.end
	if _, err := seg.w.Write(b); err != nil {
		return 0, false
	}
	seg.end += int64(len(b))
	return off, true
}

// discard closes and removes a pending segment.
func (seg *segment) discard() {
	seg.close()
	os.Remove(seg.path)
}

// keep stores ent in st: its value goes to the stage's pending file, and
// is held in memory only when it cannot.
func (st *stage) keep(ent *entry) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.pending == nil {
		st.pending, _ = newPending(st.dir)
	}
	if st.pending != nil && len(ent.value) > 0 {
		if off, ok := st.pending.add(ent.value); ok {
			ent.at.Store(&place{seg: st.pending, off: off})
			ent.value = nil
		}
	}
	ent.gen = st.gen + 1
	st.entries[ent.key] = ent
}

// entry is a result.
type entry struct {
	key   Key
	dict  *dictionary
	types []byte // the type definitions value needs
	value []byte // held in memory: when its file was read whole, or no file could take it
	size  int    // the length of the value
	crc   uint32
	gen   uint64                // its file's generation; while in none, above the stage's
	at    atomic.Pointer[place] // the file holding it; nil until flushed
	used  atomic.Bool
	bad   atomic.Bool // did not decode: never read again
}

// place is where a value lies in a file.
type place struct {
	seg *segment
	off int64
}

// segment returns the segment holding e, or nil: nil too while it is in a
// pending file only.
func (e *entry) segment() *segment {
	if p := e.at.Load(); p != nil && !p.seg.pending {
		return p.seg
	}
	return nil
}

// load returns e's value, read from its file unless it is held in memory,
// and checked against its CRC. The bytes are the caller's unless e holds
// them (shared reports which). A value that fails its CRC marks e bad, and
// its file damaged.
func (e *entry) load() (value []byte, shared, ok bool) {
	if e.value != nil || e.size == 0 {
		value, shared = e.value, true
	} else {
		p := e.at.Load()
		if p == nil {
			return nil, false, false
		}
		var err error
		if value, err = p.seg.readAt(p.off, e.size); err != nil {
			return nil, false, false // removed or closed: a miss, not damage
		}
	}
	if checksum(value) != e.crc {
		e.bad.Store(true)
		if seg := e.segment(); seg != nil {
			seg.damaged.Store(true)
		}
		return nil, false, false
	}
	return value, shared, true
}

// Open returns the store in dir for results computed by the program named
// identity, with the default options. It creates nothing and reads nothing
// yet: a stage is read when it is first asked for, and files are written
// by Flush.
func Open(dir, identity string) (*Store, error) {
	return OpenWith(dir, Options{Identity: identity})
}

// OpenWith is Open with options.
func OpenWith(dir string, opts Options) (*Store, error) {
	if dir == "" {
		return nil, errors.New("no folder for the result cache")
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	h := sha256.New()
	fmt.Fprintf(h, "govdoc memo %d\n%s", formatVersion, opts.Identity)
	s := &Store{dir: dir, maxBytes: opts.MaxBytes, stages: map[string]*stage{}, raw: &dictionary{}}
	h.Sum(s.id[:0])
	switch {
	case opts.WholeBytes == 0:
		s.whole.Store(DefaultWholeBytes)
	case opts.WholeBytes > 0:
		s.whole.Store(opts.WholeBytes)
	}
	s.idPrefix = "seg-" + hex.EncodeToString(s.id[:8]) + "-"
	if s.maxBytes <= 0 {
		s.maxBytes = DefaultMaxBytes
	}
	return s, nil
}

// Dir is the store's folder.
func (s *Store) Dir() string {
	if s == nil {
		return ""
	}
	return s.dir
}

// Get decodes the result of stage stored under k into v, a pointer, and
// reports whether there was one. On a miss v is left as it was. A result
// that does not decode into v's type is a miss, and is not read again.
func (s *Store) Get(stage string, k Key, v any) bool {
	if s == nil || s.closed.Load() {
		return false
	}
	st := s.stage(stage)
	st.mu.RLock()
	e := st.entries[k]
	st.mu.RUnlock()
	if e == nil || e.bad.Load() || string(e.types) == rawTypes || !s.decode(e, v) {
		s.misses.Add(1)
		return false
	}
	e.used.Store(true)
	s.hits.Add(1)
	return true
}

// decode decodes e into v.
func (s *Store) decode(e *entry, v any) bool {
	dst, ok := newValue(v)
	if !ok {
		return false
	}
	value, _, ok := e.load()
	if !ok {
		return false
	}
	if !e.dict.decode(e.types, value, dst.Interface()) {
		e.bad.Store(true)
		return false
	}
	reflect.ValueOf(v).Elem().Set(dst.Elem())
	return true
}

// Put stores v, a value gob can encode, as the result of stage under k. It
// encodes v at once: v may change after. A value gob cannot encode is not
// stored. A result already on disk under k is kept, as the result under a
// key is the same whoever computes it, unless it failed to decode. What Put
// stores goes to a temporary file at once, and into the store's files at
// Flush.
//
// A stage name is best kept to lower-case letters, digits, '.', '-' and
// '_': it then names the stage's folder as it is.
func (s *Store) Put(stage string, k Key, v any) {
	if s == nil || s.closed.Load() {
		return
	}
	st := s.stage(stage)
	st.mu.RLock()
	old := st.entries[k]
	st.mu.RUnlock()
	if old != nil && old.segment() != nil && !old.bad.Load() && string(old.types) != rawTypes {
		old.used.Store(true)
		s.puts.Add(1)
		return
	}
	e := s.takeEncoder()
	types, value, err := e.encode(v)
	if err != nil {
		return // e is dropped: see encoder.encode
	}
	s.giveEncoder(e)
	ent := &entry{key: k, dict: e.dict, types: types, value: value, size: len(value), crc: checksum(value)}
	ent.used.Store(true)
	st.keep(ent)
	s.puts.Add(1)
}

// Bytes returns the bytes stored by PutBytes for stage under k, and reports
// whether there were some. They skip gob: a stage that keeps its results in
// a form of its own pays no more to read one than a copy.
func (s *Store) Bytes(stage string, k Key) ([]byte, bool) {
	if s == nil || s.closed.Load() {
		return nil, false
	}
	st := s.stage(stage)
	st.mu.RLock()
	e := st.entries[k]
	st.mu.RUnlock()
	if e == nil || e.bad.Load() || string(e.types) != rawTypes {
		s.misses.Add(1)
		return nil, false
	}
	value, shared, ok := e.load()
	if !ok {
		s.misses.Add(1)
		return nil, false
	}
	if shared {
		value = bytes.Clone(value)
	}
	e.used.Store(true)
	s.hits.Add(1)
	return value, true
}

// PutBytes stores b as the result of stage under k, as Put stores a value,
// for Bytes to give back; Get misses it.
func (s *Store) PutBytes(stage string, k Key, b []byte) {
	if s == nil || s.closed.Load() {
		return
	}
	st := s.stage(stage)
	st.mu.RLock()
	old := st.entries[k]
	st.mu.RUnlock()
	if old != nil && old.segment() != nil && !old.bad.Load() && string(old.types) == rawTypes {
		old.used.Store(true)
		s.puts.Add(1)
		return
	}
	value := bytes.Clone(b)
	ent := &entry{key: k, dict: s.raw, types: []byte(rawTypes), value: value, size: len(value), crc: checksum(value)}
	ent.used.Store(true)
	st.keep(ent)
	s.puts.Add(1)
}

// rawTypes stands, in a segment, for the type definitions of the values
// stored by PutBytes: it can be no gob stream's, as gob never writes a
// message of length 0.
const rawTypes = "\x00raw"

func (s *Store) takeEncoder() *encoder {
	s.encMu.Lock()
	defer s.encMu.Unlock()
	if n := len(s.encoders); n > 0 {
		e := s.encoders[n-1]
		s.encoders = s.encoders[:n-1]
		return e
	}
	return newEncoder()
}

func (s *Store) giveEncoder(e *encoder) {
	s.encMu.Lock()
	s.encoders = append(s.encoders, e)
	s.encMu.Unlock()
}

// Stats count what a store did since it was opened.
type Stats struct {
	// Hits and Misses count the calls of Get that found a result and
	// those that did not; Puts counts the results stored.
	Hits, Misses, Puts int64
}

// Stats returns what the store did since it was opened.
func (s *Store) Stats() Stats {
	if s == nil {
		return Stats{}
	}
	return Stats{Hits: s.hits.Load(), Misses: s.misses.Load(), Puts: s.puts.Load()}
}

// Close writes what was stored, as Flush does, and closes the store: later
// calls of Get miss and Put does nothing.
func (s *Store) Close() error {
	if s == nil || s.closed.Load() {
		return nil
	}
	err := s.Flush()
	s.closed.Store(true)
	s.mu.Lock()
	stages := s.stages
	s.stages = map[string]*stage{}
	s.mu.Unlock()
	for _, st := range stages {
		st.mu.Lock()
		for _, seg := range st.segs {
			seg.close()
		}
		for _, seg := range append(st.retired, st.pending) {
			if seg != nil {
				seg.discard()
			}
		}
		st.pending, st.retired = nil, nil
		st.mu.Unlock()
	}
	return err
}

// stageDir is the folder of a stage's files: its name, or for a name that
// could not be a folder's, "~" and a hash of it.
func stageDir(name string) string {
	if plainName(name) {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	return "~" + hex.EncodeToString(sum[:12])
}

// stage returns the stage named name, read from disk on first use.
func (s *Store) stage(name string) *stage {
	s.mu.RLock()
	st := s.stages[name]
	s.mu.RUnlock()
	if st == nil {
		s.mu.Lock()
		if st = s.stages[name]; st == nil {
			st = &stage{name: name, dir: filepath.Join(s.dir, stageDir(name)), entries: map[Key]*entry{}}
			s.stages[name] = st
		}
		s.mu.Unlock()
	}
	st.load.Do(func() { s.read(st) })
	return st
}

// read reads a stage's files of this store's identity. A file that is not
// a segment of this stage is removed: every file is written whole before it
// gets its name, so it is damaged, and what this run stores replaces it.
func (s *Store) read(st *stage) {
	files, err := os.ReadDir(st.dir)
	if err != nil {
		return
	}
	var segs []*segment
	var contents []*segFile
	for _, f := range files {
		name := f.Name()
		if !strings.HasPrefix(name, s.idPrefix) || !strings.HasSuffix(name, segSuffix) {
			continue
		}
		path := filepath.Join(st.dir, name)
		file, err := os.Open(path)
		if err != nil {
			continue // removed by another store since it was listed
		}
		info, err := file.Stat()
		if err != nil {
			file.Close()
			continue
		}
		var sf *segFile
		if s.takeWhole(info.Size()) {
			data := make([]byte, info.Size())
			_, rerr := io.ReadFull(io.NewSectionReader(file, 0, info.Size()), data)
			file.Close()
			file = nil
			if rerr != nil {
				continue
			}
			sf, err = parseSegment(data, s.id)
		} else {
			sf, err = readSegment(file, info.Size(), s.id)
		}
		if errors.Is(err, errOtherIdentity) {
			if file != nil {
				file.Close()
			}
			continue
		}
		if err != nil || sf.stage != st.name {
			if file != nil {
				file.Close()
			}
			os.Remove(path)
			continue
		}
		segs = append(segs, &segment{path: path, size: info.Size(), gen: sf.gen, file: file})
		contents = append(contents, sf)
	}
	order := make([]int, len(segs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmpUint(segs[a].gen, segs[b].gen); c != 0 {
			return c
		}
		return strings.Compare(segs[a].path, segs[b].path)
	})
	dicts := map[Key]*dictionary{} // one per distinct type definitions
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, i := range order {
		seg, sf := segs[i], contents[i]
		ds := make([]*dictionary, len(sf.types))
		for j, t := range sf.types {
			sum := sha256.Sum256(t)
			if dicts[sum] == nil {
				dicts[sum] = &dictionary{}
			}
			ds[j] = dicts[sum]
		}
		for _, v := range sf.vals {
			e := &entry{key: v.key, dict: ds[v.types], types: sf.types[v.types], value: v.val, size: v.n, crc: v.crc, gen: seg.gen}
			e.at.Store(&place{seg: seg, off: v.off})
			st.entries[v.key] = e
		}
		st.segs = append(st.segs, seg)
		st.gen = max(st.gen, seg.gen)
	}
}

// takeWhole reports whether a file of size bytes is to be read whole, and
// if so counts it against what the store reads whole.
func (s *Store) takeWhole(size int64) bool {
	for {
		left := s.whole.Load()
		if size > left {
			return false
		}
		if s.whole.CompareAndSwap(left, left-size) {
			return true
		}
	}
}

// plainName reports whether a stage name is up to 64 lower-case letters,
// digits, '.', '-' and '_', starting with a letter or digit: a name that
// any file system takes as a folder's.
func plainName(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	for i, c := range name {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case i > 0 && (c == '.' || c == '-' || c == '_'):
		default:
			return false
		}
	}
	return true
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// segSuffix ends the names of segment files; tmpPrefix starts those of
// files being written.
const (
	segSuffix = ".seg"
	tmpPrefix = ".tmp-"
)

// isNotExist reports whether err says a file is gone.
func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
