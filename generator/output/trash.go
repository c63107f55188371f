package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Beside an output folder NAME, govdoc builds in staging folders
// .NAME.building-N and moves each previous site to a trash folder
// .NAME.old-N to remove it, N being a number. Nothing else is removed.

// stagingPrefix is the name of a staging folder of out, but its number.
func stagingPrefix(out string) string { return "." + filepath.Base(out) + ".building-" }

// trashPrefix is the name of a trash folder of out, but its number.
func trashPrefix(out string) string { return "." + filepath.Base(out) + ".old-" }

// afterNumber reports whether name is prefix followed by a number, and
// returns what follows the number.
func afterNumber(name, prefix string) (rest string, ok bool) {
	s, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return "", false
	}
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return s[i:], i > 0
}

// staleAfter is how old a staging folder must be before a build takes it
// for the leftover of a build that was killed, and removes it. Trash
// folders are never written to, and are removed whatever their age.
const staleAfter = 10 * time.Minute

// left is what earlier builds left beside an output folder.
type left struct {
	trash   []string // trash folders
	staging []string // staging folders of killed builds
}

// leftovers lists what earlier builds left beside out: every trash folder,
// whatever its age, and the staging folders old enough that no build is
// still writing them, with the previous sites that a build without an
// atomic swap held beside them (.NAME.building-N.old). Only folders of
// govdoc's own naming are listed; a symbolic link never is.
func leftovers(out string, now time.Time) left {
	parent := filepath.Dir(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return left{}
	}
	var l left
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if rest, ok := afterNumber(e.Name(), trashPrefix(out)); ok && rest == "" {
			l.trash = append(l.trash, filepath.Join(parent, e.Name()))
			continue
		}
		if rest, ok := afterNumber(e.Name(), stagingPrefix(out)); ok && (rest == "" || rest == ".old") {
			if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > staleAfter {
				l.staging = append(l.staging, filepath.Join(parent, e.Name()))
			}
		}
	}
	return l
}

// remove removes the folders of l, until ctx is done. It goes on past a
// folder it cannot remove.
func (l left) remove(ctx context.Context) {
	for _, dir := range l.trash {
		_ = removeTrash(ctx, dir, nil)
	}
	for _, dir := range l.staging {
		_ = removeTree(ctx, dir)
	}
}

// removeTrash removes a trash folder: all it holds but the marker, then
// the marker, then the folder, so that a folder left half removed by a
// process that ended still has its marker, and the next build removes the
// rest. A folder without the marker is removed only when empty: it is not
// one that govdoc wrote. A symbolic link is removed, not what it links to.
// removing, if not nil, is called with ctx and each path before it is
// removed.
func removeTrash(ctx context.Context, dir string, removing func(context.Context, string)) error {
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil // another build removed it
	case err != nil:
		return err
	case !info.IsDir():
		return os.Remove(dir)
	}
	if marker, err := os.Lstat(filepath.Join(dir, Marker)); err != nil || !marker.Mode().IsRegular() {
		if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s was left as it is: it has no %s file, so govdoc did not write it", dir, Marker)
		}
		return nil
	}
	r := &remover{ctx: ctx, removing: removing, slots: make(chan struct{}, removers-1)}
	if err := r.contents(dir, Marker); err != nil {
		return err
	}
	for _, p := range []string{filepath.Join(dir, Marker), dir} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// removeTree removes dir and all it holds, until ctx is done.
func removeTree(ctx context.Context, dir string) error {
	r := &remover{ctx: ctx, slots: make(chan struct{}, removers-1)}
	return r.tree(dir)
}

// removers is how many goroutines remove a folder's files at once: a disk
// removes files faster when it is given several at a time.
const removers = 4

// remover removes folders with up to removers goroutines.
type remover struct {
	ctx      context.Context
	removing func(context.Context, string) // see removeTrash
	slots    chan struct{}                 // one for each goroutine but the first
}

// tree removes dir and all it holds. A folder that is gone already
// (another build removing it too) is no error.
func (r *remover) tree(dir string) error {
	if err := r.contents(dir, ""); err != nil {
		return err
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// contents removes all that dir holds but the entry named keep, handing
// folders to other goroutines while there are slots for them. It stops
// when r.ctx is done.
func (r *remover) contents(dir, keep string) error {
	f, err := os.Open(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(entries))
	for _, e := range entries {
		if e.Name() == keep {
			continue
		}
		if err := r.ctx.Err(); err != nil {
			errs <- err
			break
		}
		p := filepath.Join(dir, e.Name())
		if r.removing != nil {
			r.removing(r.ctx, p)
		}
		if !e.IsDir() {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs <- err
				break
			}
			continue
		}
		select {
		case r.slots <- struct{}{}:
			wg.Go(func() {
				defer func() { <-r.slots }()
				if err := r.tree(p); err != nil {
					errs <- err
				}
			})
		default:
			if err := r.tree(p); err != nil {
				errs <- err
			}
		}
		if len(errs) > 0 {
			break
		}
	}
	wg.Wait()
	close(errs)
	return <-errs // nil when there is none
}

// removal is a removal running in the background.
type removal struct {
	stop func()        // stops it at its next file
	done chan struct{} // closed when it has ended
	err  error         // its error, once done
}

// startRemoval runs remove in the background.
func startRemoval(remove func(ctx context.Context) error) *removal {
	ctx, cancel := context.WithCancel(context.Background())
	r := &removal{stop: cancel, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		defer cancel()
		r.err = remove(ctx)
	}()
	return r
}
