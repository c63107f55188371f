// Package output writes a built site. A Writer takes files by their path in
// the output; Memory keeps them for tests and live preview, and Dir builds a
// fresh folder beside the output and swaps it in only when the build
// succeeds, so a failed or interrupted build leaves the previous site whole.
// Dir removes the previous site in the background, after the swap. It never
// deletes a folder that govdoc did not write.
package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Marker is the file govdoc leaves in every output folder it writes; a
// folder without it is never replaced or cleaned.
const Marker = ".govdoc-output"

// Writer receives the files of a built site. Its WriteFile may be called
// from many goroutines at once.
type Writer interface {
	// WriteFile stores data at name, a slash-separated path in the output.
	// It keeps nothing of data once it returns: the caller may reuse or
	// change it, a pooled buffer for example.
	WriteFile(name string, data []byte) error
}

// Memory is a Writer that keeps files in memory. It is safe for concurrent use.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile stores a copy of data.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := validName(name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = append([]byte(nil), data...)
	return nil
}

// File returns a written file and whether it exists.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[name]
	return b, ok
}

// Names returns the written files, sorted.
func (m *Memory) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	names := make([]string, 0, len(m.files))
	for n := range m.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func validName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || filepath.IsAbs(name) {
		return fmt.Errorf("invalid output path %q", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." || part == "." || part == "" {
			return fmt.Errorf("invalid output path %q", name)
		}
	}
	return nil
}

// Dir writes into a staging folder beside the output folder. Commit swaps it
// in; Abort removes it and leaves the output as it was. The previous site,
// and what earlier builds left beside the output, are removed in the
// background; Wait waits for that.
type Dir struct {
	out     string // the output folder, absolute
	staging string
	mu      sync.Mutex
	made    map[string]bool

	exchange func(a, b string) error // swaps two folders in one step
	sweep    *removal                // of what earlier builds left, started by NewDir
	old      *removal                // of the previous site, started by Commit; nil before
	// removing, if set, is called with each path that the removal of the
	// previous site is about to remove, and with the removal's context:
	// tests hold the removal there.
	removing func(ctx context.Context, path string)
}

// ErrUnsafeOutput is returned for an output folder govdoc must not replace.
var ErrUnsafeOutput = errors.New("unsafe output folder")

// Check refuses an output folder that would overwrite the site itself: the
// site root, one of its source folders (content, templates, static), a folder
// that holds any of them or a folder inside them; and an existing folder that
// govdoc did not write.
func Check(siteRoot, out string) error {
	root, err := filepath.Abs(siteRoot)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	root, abs = resolve(root), resolve(abs)
	for _, dir := range []string{"", "content", "templates", "static"} {
		protected := filepath.Join(root, dir)
		what := "the site root"
		if dir != "" {
			what = "the site's " + dir + "/ folder"
		}
		switch {
		case abs == protected:
			return fmt.Errorf("%w: %s is %s; choose another output folder", ErrUnsafeOutput, out, what)
		case within(abs, protected):
			return fmt.Errorf("%w: %s holds %s; choose another output folder", ErrUnsafeOutput, out, what)
		case dir != "" && within(protected, abs):
			return fmt.Errorf("%w: %s is inside %s; choose another output folder", ErrUnsafeOutput, out, what)
		}
	}
	return owned(abs, out)
}

// owned accepts a folder that does not exist, is empty, or holds govdoc's
// marker file.
func owned(abs, name string) error {
	entries, err := os.ReadDir(abs)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		if info, statErr := os.Stat(abs); statErr == nil && !info.IsDir() {
			return fmt.Errorf("%w: %s is a file, not a folder", ErrUnsafeOutput, name)
		}
		return err
	case len(entries) == 0:
		return nil
	}
	if _, err := os.Stat(filepath.Join(abs, Marker)); err != nil {
		return fmt.Errorf("%w: %s exists and was not written by govdoc (it has no %s file); move it away or choose another output folder", ErrUnsafeOutput, name, Marker)
	}
	return nil
}

// within reports whether child is strictly inside parent.
func within(parent, child string) bool {
	rel, err := filepath.Rel(parent, child)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// resolve follows symlinks in the part of p that exists.
func resolve(p string) string {
	rest := ""
	for cur := p; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return p
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// NewDir checks out (see Check) and creates a staging folder beside it. It
// starts removing, in the background, what earlier builds left beside the
// output: their trash folders, and staging folders old enough that no
// build is still writing them (see leftovers).
func NewDir(siteRoot, out string) (*Dir, error) {
	if err := Check(siteRoot, out); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	left := leftovers(abs, time.Now())
	staging, err := os.MkdirTemp(parent, stagingPrefix(abs))
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return nil, err
	}
	d := &Dir{out: abs, staging: staging, made: map[string]bool{}, exchange: exchange}
	d.sweep = startRemoval(func(ctx context.Context) error {
		left.remove(ctx)
		return nil // best effort: another build may be removing them too
	})
	return d, nil
}

// WriteFile writes a file into the staging folder. It is safe for
// concurrent use, and keeps nothing of data.
func (d *Dir) WriteFile(name string, data []byte) error {
	if err := validName(name); err != nil {
		return err
	}
	p := filepath.Join(d.staging, filepath.FromSlash(name))
	dir := filepath.Dir(p)
	d.mu.Lock()
	made := d.made[dir]
	d.mu.Unlock()
	if !made {
		if err := d.mkdir(dir); err != nil {
			return err
		}
		d.mu.Lock()
		d.made[dir] = true
		d.mu.Unlock()
	}
	return createFile(p, data)
}

// mkdir makes a folder of the staging folder; one system call when its
// parent was made already, as for all but the first page of a section.
func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	parentMade := d.made[filepath.Dir(dir)] || filepath.Dir(dir) == d.staging
	d.mu.Unlock()
	if parentMade && os.Mkdir(dir, 0o755) == nil {
		return nil
	}
	return os.MkdirAll(dir, 0o755) // and a folder that is there already
}

// Commit makes the staging folder the output folder. The previous output,
// if any, is swapped out in one step where the system allows it, renamed
// to a trash folder beside the output (.NAME.old-N for an output NAME) and
// removed in the background: Commit does not wait for that, Wait does. A
// process that ends first leaves the trash folder, and the next build
// removes it. Commit does wait for the removal of what earlier builds
// left, which NewDir started, so that at most one previous site waits to
// be removed at any time; it has had the whole build to run.
func (d *Dir) Commit() error {
	if err := os.WriteFile(filepath.Join(d.staging, Marker), []byte("This folder is written by govdoc build and replaced on every build.\n"), 0o644); err != nil {
		return err
	}
	if err := syncDir(d.staging); err != nil {
		return err
	}
	if err := d.swap(); err != nil {
		return err
	}
	<-d.sweep.done
	return nil
}

// swap puts the staging folder in the output's place, and starts removing
// the previous output.
func (d *Dir) swap() error {
	if _, err := os.Lstat(d.out); errors.Is(err, os.ErrNotExist) {
		err := os.Rename(d.staging, d.out)
		if _, statErr := os.Lstat(d.out); err == nil || statErr != nil {
			return err
		}
		// Another build published first: replace its output as below.
	}
	// Check again just before replacing: the folder may have changed since.
	if err := owned(d.out, d.out); err != nil {
		return err
	}
	if err := d.exchange(d.staging, d.out); err == nil {
		d.discard(d.staging) // now holds the previous site
		return nil
	}
	old := d.staging + ".old"
	if err := os.Rename(d.out, old); err != nil {
		return err
	}
	if err := os.Rename(d.staging, d.out); err != nil {
		_ = os.Rename(old, d.out)
		return err
	}
	d.discard(old)
	return nil
}

// discard renames the previous site at p to a trash folder and starts
// removing it. The trash folder's name is the staging folder's, with .old-
// for .building-; should that be taken, the site is removed where it is.
func (d *Dir) discard(p string) {
	number := strings.TrimPrefix(filepath.Base(d.staging), stagingPrefix(d.out))
	trash := filepath.Join(filepath.Dir(d.out), trashPrefix(d.out)+number)
	if err := os.Rename(p, trash); err != nil {
		trash = p
	}
	removing := d.removing
	r := startRemoval(func(ctx context.Context) error { return removeTrash(ctx, trash, removing) })
	d.mu.Lock()
	d.old = r
	d.mu.Unlock()
}

// Wait waits for the removals that d runs in the background to end: that
// of the previous output, which Commit starts, and that of what earlier
// builds left beside the output, which NewDir starts. It returns an error
// if the previous output could not be removed. If ctx is done first, Wait
// stops the removals at their next file, waits until they have stopped
// and returns ctx's error: the next build removes what is left.
func (d *Dir) Wait(ctx context.Context) error {
	d.mu.Lock()
	removals := []*removal{d.sweep, d.old}
	d.mu.Unlock()
	for _, r := range removals {
		if r == nil {
			continue
		}
		select {
		case <-r.done:
			continue // ended, even if ctx is done too
		default:
		}
		select {
		case <-r.done:
		case <-ctx.Done():
			for _, r := range removals {
				if r != nil {
					r.stop()
					<-r.done
				}
			}
			return ctx.Err()
		}
	}
	if removals[1] != nil {
		return removals[1].err
	}
	return nil
}

// Abort removes the staging folder; the output stays as it was.
func (d *Dir) Abort() error { return os.RemoveAll(d.staging) }

// Out returns the output folder.
func (d *Dir) Out() string { return d.out }

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	_ = f.Sync() // best effort: not every file system syncs folders
	return nil
}
