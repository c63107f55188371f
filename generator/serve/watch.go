package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/govdoc/govdoc/generator/source"
)

// DefaultDebounce is how long a site's files must stay quiet before their
// changes are reported: one save that an editor makes in several steps
// is one change.
const DefaultDebounce = 75 * time.Millisecond

// WatchOptions configure a Watcher.
type WatchOptions struct {
	// Debounce is how long the files must stay quiet before a batch of
	// changes is reported; zero means DefaultDebounce. Changes that never
	// go quiet are reported at least every 20 debounce periods.
	Debounce time.Duration
	// Log gets what could not be watched. Nil discards it.
	Log io.Writer
}

// Watcher watches what a site is built from (site.yaml, content/,
// templates/ and static/, with every folder below them, including folders
// made later) and reports the files that changed, in batches.
type Watcher struct {
	root string
	fs   *fsnotify.Watcher
	opts WatchOptions
	dirs map[string]bool // the folders watched, by absolute path; only Run touches it once running
}

// NewWatcher starts watching the site in root. Changes made once it
// returns are reported by Run; Close stops it.
func NewWatcher(root string, opts WatchOptions) (*Watcher, error) {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", root, err)
	}
	w := &Watcher{root: abs, fs: fw, opts: opts, dirs: map[string]bool{}}
	// The root itself, for site.yaml and for the folders made later.
	if err := fw.Add(abs); err != nil {
		fw.Close()
		return nil, fmt.Errorf("watching %s: %w", root, err)
	}
	for _, dir := range []string{"content", "templates", "static"} {
		w.addTree(filepath.Join(abs, dir), nil)
	}
	return w, nil
}

// Close stops watching; Run returns.
func (w *Watcher) Close() error { return w.fs.Close() }

// Run calls fn with the files that changed, from the site root with
// forward slashes and sorted, once they have been quiet for the debounce
// period; with nil when it cannot tell which (the system dropped events,
// or a folder went away). fn runs on Run's goroutine, so its calls never
// overlap; changes made meanwhile make the next batch. Run returns when ctx
// is done or the watcher is closed; call it once.
func (w *Watcher) Run(ctx context.Context, fn func(changed []string)) error {
	b := batch{files: map[string]bool{}}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fs.Events:
			if !ok {
				return nil
			}
			if w.handle(ev, &b) {
				timer.Reset(b.wait(time.Now(), w.opts.Debounce))
			}
		case err, ok := <-w.fs.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(w.opts.Log, "govdoc serve: watching: %v\n", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				b.all = true
				timer.Reset(b.wait(time.Now(), w.opts.Debounce))
			}
		case <-timer.C:
			changed := b.take()
			if ctx.Err() == nil {
				fn(changed)
			}
		}
	}
}

// batch gathers the changes between two reports.
type batch struct {
	files map[string]bool
	all   bool      // anything may have changed
	since time.Time // the first change of the batch
}

// wait is how long to wait for quiet after a change at now.
func (b *batch) wait(now time.Time, debounce time.Duration) time.Duration {
	if b.since.IsZero() {
		b.since = now
	}
	if late := b.since.Add(20 * debounce).Sub(now); late < debounce {
		return max(late, 0)
	}
	return debounce
}

// take returns the batch's files, nil for anything, and empties it.
func (b *batch) take() []string {
	var changed []string
	if !b.all {
		changed = make([]string, 0, len(b.files))
		for f := range b.files {
			changed = append(changed, f)
		}
		slices.Sort(changed)
	}
	clear(b.files)
	b.all, b.since = false, time.Time{}
	return changed
}

// handle adds what an event changed to the batch, and reports whether it
// changed anything that is built from.
//
// Editors save in many ways. Writing in place is a Write. Writing a temp
// file and renaming it over the original is a Create of the original (the
// temp file is ignored). Renaming the original away, writing a new one and
// removing the backup (vim) is a Rename and a Create of the original, both
// the same change. The watches are on folders, so a file that is replaced
// stays watched; a folder that is replaced gets a new watch.
func (w *Watcher) handle(ev fsnotify.Event, b *batch) bool {
	rel, ok := w.rel(ev.Name)
	if !ok || !inSite(rel) || ignored(path.Base(rel)) {
		return false
	}
	switch {
	case ev.Has(fsnotify.Create):
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			// A new folder, made or moved here: watch it, and report the
			// files it already has, made before the watch.
			n := len(b.files)
			w.addTree(ev.Name, func(rel string) { b.files[rel] = true })
			return len(b.files) > n
		}
		b.files[rel] = true
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		if w.dirs[ev.Name] {
			// A folder went away with files that are not known here.
			w.forget(ev.Name)
			b.all = true
			return true
		}
		b.files[rel] = true
	case ev.Has(fsnotify.Write):
		b.files[rel] = true
	default:
		return false // Chmod: nothing that is built from changed
	}
	return true
}

// rel is a watched path from the site root with forward slashes.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// inSite reports whether a site is built from a path.
func inSite(rel string) bool {
	if rel == "site.yaml" {
		return true
	}
	top, _, _ := strings.Cut(rel, "/")
	return top == "content" || top == "templates" || top == "static"
}

// ignored reports whether a file or folder name is hidden (.git, .DS_Store)
// or one of the files editors leave beside the files they save
// (source.EditorFile): a change to one is no change of the site.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || source.EditorFile(name)
}

// addTree watches a folder and every folder below it, except hidden ones,
// and calls found, when not nil, with each file it holds. A folder that is
// not there is skipped; one that cannot be watched is logged.
func (w *Watcher) addTree(dir string, found func(rel string)) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				fmt.Fprintf(w.opts.Log, "govdoc serve: not watching %s: %v\n", p, err)
			}
			return nil
		}
		if p != dir && ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := w.fs.Add(p); err != nil {
				fmt.Fprintf(w.opts.Log, "govdoc serve: not watching %s: %v\n", p, err)
				return filepath.SkipDir
			}
			w.dirs[p] = true
			return nil
		}
		if found != nil {
			if rel, ok := w.rel(p); ok {
				found(rel)
			}
		}
		return nil
	})
}

// forget stops watching a folder that went away and every folder below it.
func (w *Watcher) forget(dir string) {
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, dir+string(filepath.Separator)) {
			_ = w.fs.Remove(d) // the system may have dropped it already
			delete(w.dirs, d)
		}
	}
}
