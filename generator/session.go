package generator

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/govdoc/govdoc/generator/incremental"
)

// Session builds a site again and again, as live preview does. It keeps the
// output of the last build without errors, so that a broken edit never
// takes the preview away, and tells what each rebuild changed. Its output
// is always the output a full Build of the same files gives.
type Session struct {
	opts  Options
	cache *incremental.Cache
	build sync.Mutex // one rebuild at a time: they share the cache

	mu     sync.RWMutex
	files  map[string][]byte // the last good output
	failed *Result           // the last rebuild, when it had errors
	// spare is an empty map for the next rebuild's output: the one the
	// output before the last was in.
	spare map[string][]byte
}

// NewSession returns a Session for a site; nothing is built until Rebuild.
func NewSession(opts Options) *Session {
	c := incremental.New()
	opts.cache = c
	return &Session{opts: opts, cache: c, files: map[string][]byte{}}
}

// Update says what a rebuild did.
type Update struct {
	// Result is the rebuild's result. Its Site shares memory with the
	// session's later rebuilds, which make its documents again in place:
	// read it before the next Rebuild.
	Result *Result
	// Changed lists the output files that are new or different, Removed
	// those that are gone, both sorted. They are empty when the rebuild
	// had errors: the last good output stays.
	Changed, Removed []string
	// Rendered is how many pages were rendered.
	Rendered int
	Duration time.Duration
}

// StyleOnly reports whether only stylesheets changed, so that a browser
// can swap them without reloading the page.
func (u *Update) StyleOnly() bool {
	if len(u.Changed) == 0 || len(u.Removed) > 0 {
		return false
	}
	for _, f := range u.Changed {
		if !strings.HasSuffix(f, ".css") {
			return false
		}
	}
	return true
}

// Failed reports whether the rebuild had errors.
func (u *Update) Failed() bool { return u.Result == nil || u.Result.Findings.Errors() > 0 }

// Rebuild builds the site again. changed names the files that changed,
// from the site root with forward slashes; nil means anything may have.
// Calls wait for each other. Errors in site.yaml make a failed update, as
// errors in documents do; an error is returned only when the site could not
// be read at all.
func (s *Session) Rebuild(ctx context.Context, changed []string) (*Update, error) {
	s.build.Lock()
	defer s.build.Unlock()
	start := time.Now()
	s.cache.Next(changed)
	out := &keep{files: s.spare}
	s.spare = nil
	if out.files == nil {
		out.files = make(map[string][]byte, len(s.files))
	}
	res, err := Build(ctx, s.opts, out)
	if res != nil && res.Site != nil {
		s.cache.Prune() // not after a build that stopped at site.yaml: keep what it could not reach
	}
	u := &Update{Result: res, Duration: time.Since(start)}
	if errors.Is(err, ErrConfig) && res != nil {
		err = nil // a failed update, below
	}
	if err != nil {
		s.spare = clearFiles(out.files)
		return u, err
	}
	u.Rendered = res.Rendered
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.Failed() {
		s.failed = res
		s.spare = clearFiles(out.files)
		return u, nil
	}
	s.failed = nil
	kept := 0 // the files of the last output that this one has
	for name, data := range out.files {
		old, ok := s.files[name]
		if ok {
			kept++
		}
		if !ok || !same(old, data) {
			u.Changed = append(u.Changed, name)
		}
	}
	for name := range s.files {
		if kept == len(s.files) {
			break // every one
		}
		if _, ok := out.files[name]; !ok {
			u.Removed = append(u.Removed, name)
		}
	}
	slices.Sort(u.Changed)
	slices.Sort(u.Removed)
	s.files, s.spare = out.files, clearFiles(s.files) // no reader holds the old map: s.mu is held
	return u, nil
}

// clearFiles empties a map of output files for another rebuild.
func clearFiles(files map[string][]byte) map[string][]byte {
	clear(files)
	return files
}

// keep is the output of a session's build: it keeps the files as they are,
// without copying, since a build never changes a file after writing it.
type keep struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (k *keep) WriteFile(name string, data []byte) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.files[name] = data
	return nil
}

// same reports whether two file contents are equal, at once when they are
// the same bytes, as a reused page is.
func same(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return bytes.Equal(a, b)
}

// File returns a file of the last good output.
func (s *Session) File(name string) ([]byte, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, ok := s.files[name]
	return data, ok
}

// Names returns the files of the last good output, sorted.
func (s *Session) Names() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Sorted(maps.Keys(s.files))
}

// Failed returns the last rebuild when it had errors, else nil.
func (s *Session) Failed() *Result {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.failed
}
