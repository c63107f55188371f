package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tree reads every file under dir, by slash-separated path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	}))
	return files
}

// names lists the entries of dir, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var list []string
	for _, e := range entries {
		list = append(list, e.Name())
	}
	return list
}

// write creates files under dir.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
}

// stage starts a build of the site files into parent/public.
func stage(t *testing.T, parent string, files map[string]string) *Dir {
	t.Helper()
	d, err := NewDir(filepath.Join(parent, "site"), filepath.Join(parent, "public"))
	require.NoError(t, err)
	for name, text := range files {
		require.NoError(t, d.WriteFile(name, []byte(text)))
	}
	return d
}

// wait waits for d's removals, for at most a minute.
func wait(t *testing.T, d *Dir) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	require.NoError(t, d.Wait(ctx))
}

// publish builds the site files into parent/public and waits for the
// previous site's removal.
func publish(t *testing.T, parent string, files map[string]string) {
	t.Helper()
	d := stage(t, parent, files)
	require.NoError(t, d.Commit())
	wait(t, d)
}

// published is what the output holds once files are published.
func published(files map[string]string) map[string]string {
	out := map[string]string{Marker: "This folder is written by govdoc build and replaced on every build.\n"}
	for name, text := range files {
		out[name] = text
	}
	return out
}

// trashFolders lists the trash folders in parent.
func trashFolders(t *testing.T, parent string) []string {
	t.Helper()
	var list []string
	for _, name := range names(t, parent) {
		if strings.HasPrefix(name, ".public.old-") {
			list = append(list, name)
		}
	}
	return list
}

var (
	first  = map[string]string{"index.html": "home 1", "a/index.html": "a 1", "b/index.html": "b 1", "b/c/index.html": "c 1", "css/site.css": "css 1"}
	second = map[string]string{"index.html": "home 2", "a/index.html": "a 2", "d/index.html": "d 2", "css/site.css": "css 2"}
	third  = map[string]string{"index.html": "home 3", "e/index.html": "e 3"}
)

func TestCommitReplacesTheOutputWholeAndLeavesNothingBeside(t *testing.T) {
	parent := t.TempDir()
	publish(t, parent, first)
	assert.Equal(t, published(first), tree(t, filepath.Join(parent, "public")))
	publish(t, parent, second)
	assert.Equal(t, published(second), tree(t, filepath.Join(parent, "public")), "b/ is gone with the previous site")
	assert.Equal(t, []string{"public"}, names(t, parent), "no staging or trash folder is left")
}

func TestTheOutputIsWholeWhileThePreviousSiteIsRemoved(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	publish(t, parent, first)

	d := stage(t, parent, second)
	// Hold the removal at the first file, until the removal is stopped;
	// that file is removed then, and the removal stops at the next one.
	held := make(chan struct{})
	var hold sync.Once
	d.removing = func(ctx context.Context, p string) {
		if info, err := os.Lstat(p); err == nil && info.Mode().IsRegular() {
			hold.Do(func() {
				close(held)
				<-ctx.Done()
			})
		}
	}
	// Commit returns while the previous site's removal is held.
	require.NoError(t, d.Commit())
	<-held
	assert.Equal(t, published(second), tree(t, out), "the new site is whole while the old one is removed")
	trash := trashFolders(t, parent)
	require.Len(t, trash, 1, "the previous site is in a trash folder")
	assert.FileExists(t, filepath.Join(parent, trash[0], Marker), "the trash folder keeps its mark until the end")

	// Stop the removal as a process that exits would: the trash folder
	// stays half removed, and the output whole.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, d.Wait(ctx), context.Canceled)
	assert.Equal(t, published(second), tree(t, out))
	require.DirExists(t, filepath.Join(parent, trash[0]))
	assert.FileExists(t, filepath.Join(parent, trash[0], Marker))
	assert.NotEqual(t, published(first), tree(t, filepath.Join(parent, trash[0])), "half removed")

	// The next build removes it by the time it has published.
	next := stage(t, parent, third)
	require.NoError(t, next.Commit())
	assert.NoDirExists(t, filepath.Join(parent, trash[0]), "removed by the next build")
	assert.Equal(t, published(third), tree(t, out))
	wait(t, next)
	assert.Equal(t, []string{"public"}, names(t, parent))
}

func TestTheTrashFolderKeepsItsMarkToTheEnd(t *testing.T) {
	parent := t.TempDir()
	publish(t, parent, first)
	d := stage(t, parent, second)
	var mu sync.Mutex
	var removed []string
	d.removing = func(_ context.Context, p string) {
		mu.Lock()
		defer mu.Unlock()
		trash := filepath.Dir(p)
		for filepath.Base(filepath.Dir(trash)) != filepath.Base(parent) {
			trash = filepath.Dir(trash)
		}
		if _, err := os.Stat(filepath.Join(trash, Marker)); err != nil {
			t.Errorf("the mark was removed before %s", p)
		}
		rel, _ := filepath.Rel(trash, p)
		removed = append(removed, filepath.ToSlash(rel))
	}
	require.NoError(t, d.Commit())
	wait(t, d)
	slices.Sort(removed)
	assert.Equal(t, []string{"a", "a/index.html", "b", "b/c", "b/c/index.html", "b/index.html", "css", "css/site.css", "index.html"}, removed)
	assert.Equal(t, []string{"public"}, names(t, parent))
}

func TestOnlyFoldersGovdocNamedAndMarkedAreRemoved(t *testing.T) {
	parent := t.TempDir()
	write(t, parent, map[string]string{
		".public.old-1234/" + Marker:          "mark",
		".public.old-1234/a/index.html":       "left by a process that ended",
		".public.old-5678/keep.txt":           "no mark: not govdoc's",
		".public.old-x/" + Marker:             "mark",
		".public.old-x/keep.txt":              "not of govdoc's naming",
		".other.old-1234/" + Marker:           "mark",
		".other.old-1234/keep.txt":            "another output's",
		"target/" + Marker:                    "mark",
		"target/keep.txt":                     "reached through a link",
		".public.building-1234/a.html":        "a build may still be writing it",
		".public.building-2345/a.html":        "left by a killed build",
		".public.building-3456.old/" + Marker: "mark",
		"public.txt":                          "a file",
	})
	require.NoError(t, os.Mkdir(filepath.Join(parent, ".public.old-42"), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(parent, "target"), filepath.Join(parent, ".public.old-77")))
	hourAgo := time.Now().Add(-time.Hour)
	for _, name := range []string{".public.building-2345", ".public.building-3456.old", ".public.old-5678", ".public.old-x", ".other.old-1234"} {
		require.NoError(t, os.Chtimes(filepath.Join(parent, name), hourAgo, hourAgo))
	}
	d := stage(t, parent, first)
	require.NoError(t, d.Commit())
	wait(t, d)

	assert.Equal(t, []string{
		".other.old-1234", ".public.building-1234", ".public.old-5678", ".public.old-77", ".public.old-x",
		"public", "public.txt", "target",
	}, names(t, parent))
	assert.Equal(t, map[string]string{"keep.txt": "no mark: not govdoc's"}, tree(t, filepath.Join(parent, ".public.old-5678")))
	assert.Equal(t, map[string]string{Marker: "mark", "keep.txt": "reached through a link"}, tree(t, filepath.Join(parent, "target")))
	assert.Equal(t, published(first), tree(t, filepath.Join(parent, "public")))
}

func TestATrashFolderWithoutTheMarkIsLeftAsItIs(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, ".public.old-1")
	write(t, dir, map[string]string{"notes/keep.txt": "mine"})
	err := removeTrash(context.Background(), dir, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "it has no "+Marker+" file")
	assert.Equal(t, map[string]string{"notes/keep.txt": "mine"}, tree(t, dir))
}

func TestAnEmptyOutputWithoutTheMarkIsReplaced(t *testing.T) {
	parent := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(parent, "public"), 0o755))
	publish(t, parent, first)
	assert.Equal(t, published(first), tree(t, filepath.Join(parent, "public")))
	assert.Equal(t, []string{"public"}, names(t, parent))
}

func TestAbortLeavesTheOutputAsItWas(t *testing.T) {
	parent := t.TempDir()
	publish(t, parent, first)
	d := stage(t, parent, second)
	require.NoError(t, d.Abort())
	wait(t, d)
	assert.Equal(t, published(first), tree(t, filepath.Join(parent, "public")))
	assert.Equal(t, []string{"public"}, names(t, parent))
}

func TestCommitWithoutAnAtomicExchange(t *testing.T) {
	parent := t.TempDir()
	publish(t, parent, first)
	d := stage(t, parent, second)
	d.exchange = func(a, b string) error { return errors.New("not supported") }
	require.NoError(t, d.Commit())
	wait(t, d)
	assert.Equal(t, published(second), tree(t, filepath.Join(parent, "public")))
	assert.Equal(t, []string{"public"}, names(t, parent))
}

func TestConcurrentBuildsPublishOneWholeSite(t *testing.T) {
	sites := make([]map[string]string, 4)
	for i := range sites {
		sites[i] = map[string]string{"index.html": fmt.Sprintf("home %d", i), fmt.Sprintf("only-%d.html", i): "x", "shared/page.html": fmt.Sprintf("page %d", i)}
		for j := range 20 {
			sites[i][fmt.Sprintf("s%d/index.html", j)] = fmt.Sprintf("section %d of %d", j, i)
		}
	}
	for _, previous := range []bool{false, true} {
		t.Run(fmt.Sprintf("previous output %v", previous), func(t *testing.T) {
			parent := t.TempDir()
			if previous {
				publish(t, parent, first)
			}
			var wg, written sync.WaitGroup
			written.Add(len(sites))
			errs := make([]error, len(sites))
			for i, files := range sites {
				wg.Go(func() {
					d, err := NewDir(filepath.Join(parent, "site"), filepath.Join(parent, "public"))
					for name, text := range files {
						if err == nil {
							err = d.WriteFile(name, []byte(text))
						}
					}
					// All commit at once.
					written.Done()
					written.Wait()
					if err != nil {
						errs[i] = err
						return
					}
					if errs[i] = d.Commit(); errs[i] != nil {
						return
					}
					ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
					defer cancel()
					errs[i] = d.Wait(ctx)
				})
			}
			wg.Wait()
			for i, err := range errs {
				assert.NoError(t, err, "build %d", i)
			}
			got := tree(t, filepath.Join(parent, "public"))
			assert.True(t, slices.ContainsFunc(sites, func(files map[string]string) bool {
				return assert.ObjectsAreEqual(published(files), got)
			}), "the output is one build's site, whole: %v", got)
			assert.Equal(t, []string{"public"}, names(t, parent), "no staging or trash folder is left")
		})
	}
}

func TestWriteFileKeepsNoData(t *testing.T) {
	parent := t.TempDir()
	d := stage(t, parent, nil)
	m := NewMemory()
	for _, w := range []Writer{d, m} {
		buf := []byte("first")
		require.NoError(t, w.WriteFile("a/index.html", buf))
		copy(buf, "XXXXX") // a pooled buffer, reused
	}
	require.NoError(t, d.Commit())
	wait(t, d)
	assert.Equal(t, published(map[string]string{"a/index.html": "first"}), tree(t, filepath.Join(parent, "public")))
	got, ok := m.File("a/index.html")
	assert.True(t, ok)
	assert.Equal(t, "first", string(got))
}

func TestWriteFileRefusesPathsOutsideTheOutput(t *testing.T) {
	parent := t.TempDir()
	d := stage(t, parent, nil)
	for _, w := range []Writer{d, NewMemory()} {
		for _, name := range []string{"", "/etc/x", "../x", "a/../../x", "a//b", "./a", "a\\b"} {
			err := w.WriteFile(name, []byte("x"))
			require.Error(t, err, "%q", name)
			assert.Equal(t, fmt.Sprintf("invalid output path %q", name), err.Error())
		}
	}
	require.NoError(t, d.Abort())
	assert.Equal(t, []string{}, append([]string{}, names(t, parent)...))
}
