package serve_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/serve"
)

// debounce is short, to keep the tests fast, and long enough for a few
// writes in a row to fall in one window on a busy machine.
const debounce = 200 * time.Millisecond

// watch watches a site folder until the test ends and returns the batches
// of changes it reports.
func watch(t *testing.T, dir string) <-chan []string {
	t.Helper()
	return watchEvery(t, dir, debounce)
}

// watchEvery is watch with a debounce period of its own.
func watchEvery(t *testing.T, dir string, period time.Duration) <-chan []string {
	t.Helper()
	w, err := serve.NewWatcher(dir, serve.WatchOptions{Debounce: period})
	require.NoError(t, err)
	batches := make(chan []string, 32)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		assert.NoError(t, w.Run(ctx, func(changed []string) { batches <- changed }))
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		w.Close()
	})
	return batches
}

// siteDir writes the test site into a temporary folder.
func siteDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, siteFiles())
	return dir
}

func next(t *testing.T, batches <-chan []string) []string {
	t.Helper()
	select {
	case b := <-batches:
		return b
	case <-time.After(5 * time.Second):
		require.FailNow(t, "no change reported within 5s")
		return nil
	}
}

// nextWith waits for a batch that holds file, and returns it.
func nextWith(t *testing.T, batches <-chan []string, file string) []string {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case b := <-batches:
			if b == nil || slices.Contains(b, file) {
				return b
			}
		case <-timeout:
			require.FailNow(t, "no change of "+file+" reported within 5s")
		}
	}
}

// quiet checks that no more changes come within a few debounce periods.
func quiet(t *testing.T, batches <-chan []string) {
	t.Helper()
	select {
	case b := <-batches:
		assert.Fail(t, "an extra batch of changes", "%q", b)
	case <-time.After(4 * debounce):
	}
}

func TestWatchSeesFoldersMadeAfterStart(t *testing.T) {
	dir := siteDir(t)
	batches := watch(t, dir)

	require.NoError(t, os.Mkdir(filepath.Join(dir, "content/newsec"), 0o755))
	writeFiles(t, dir, map[string]string{"content/newsec/a.md": doc("n", "New.")})
	assert.Equal(t, []string{"content/newsec/a.md"}, nextWith(t, batches, "content/newsec/a.md"))

	writeFiles(t, dir, map[string]string{"content/newsec/a.md": doc("n", "Newer.")})
	assert.Equal(t, []string{"content/newsec/a.md"}, next(t, batches), "the new folder is watched")

	// Files made in a new folder before its watch is in place are found.
	writeFiles(t, dir, map[string]string{"content/x/y/z/deep.md": doc("d", "Deep.")})
	assert.Equal(t, []string{"content/x/y/z/deep.md"}, nextWith(t, batches, "content/x/y/z/deep.md"))

	// A folder that did not exist at start, at the top.
	writeFiles(t, dir, map[string]string{"templates/document.html": "{{ define \"main\" }}{{ end }}"})
	assert.Equal(t, []string{"templates/document.html"}, nextWith(t, batches, "templates/document.html"))
	writeFiles(t, dir, map[string]string{"templates/document.html": "{{ define \"main\" }}x{{ end }}"})
	assert.Equal(t, []string{"templates/document.html"}, next(t, batches))
}

func TestWatchRenameSave(t *testing.T) {
	dir := siteDir(t)
	batches := watch(t, dir)
	a := filepath.Join(dir, "content/a.md")
	require.NoError(t, os.WriteFile(a+".tmp", []byte(doc("a", "Renamed over.")), 0o644))
	require.NoError(t, os.Rename(a+".tmp", a))
	assert.Equal(t, []string{"content/a.md"}, next(t, batches))
	quiet(t, batches)

	// The replaced file is still watched.
	require.NoError(t, os.WriteFile(a, []byte(doc("a", "In place.")), 0o644))
	assert.Equal(t, []string{"content/a.md"}, next(t, batches))
}

func TestWatchVimSave(t *testing.T) {
	dir := siteDir(t)
	batches := watch(t, dir)
	a := filepath.Join(dir, "content/a.md")
	// vim's backupcopy=no: probe with 4913, rename the original away,
	// write a new one, remove the backup.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content/4913"), nil, 0o644))
	require.NoError(t, os.Remove(filepath.Join(dir, "content/4913")))
	require.NoError(t, os.Rename(a, a+"~"))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content/.a.md.swp"), []byte("x"), 0o644))
	require.NoError(t, os.WriteFile(a, []byte(doc("a", "Vim text.")), 0o644))
	require.NoError(t, os.Remove(a+"~"))
	assert.Equal(t, []string{"content/a.md"}, next(t, batches))
	quiet(t, batches)

	require.NoError(t, os.WriteFile(a, []byte(doc("a", "Again.")), 0o644))
	assert.Equal(t, []string{"content/a.md"}, next(t, batches), "the new file is watched")
}

func TestWatchDebounces(t *testing.T) {
	dir := siteDir(t)
	// A period long enough that a busy machine cannot pause between two
	// writes of the burst for longer.
	const period = 500 * time.Millisecond
	batches := watchEvery(t, dir, period)
	for i := range 5 {
		writeFiles(t, dir, map[string]string{
			"content/a.md":     doc("a", fmt.Sprint("Write ", i)),
			"content/sec/b.md": doc("b", fmt.Sprint("Write ", i)),
		})
	}
	assert.Equal(t, []string{"content/a.md", "content/sec/b.md"}, next(t, batches), "one batch for the whole burst")
	select {
	case b := <-batches:
		assert.Fail(t, "an extra batch of changes", "%q", b)
	case <-time.After(4 * period):
	}
}

// editorFiles are the temporary, swap, lock and backup files editors and
// systems leave beside the files they save.
var editorFiles = []string{
	"content/.a.md.swp", "content/.a.md.swo", "content/.a.md.swx", // vim's swap files, hidden
	"content/a.md.swp", "content/a.md.swo", "static/x.swn", "content/4913", // vim's, elsewhere, and its probe
	"content/a.md~", "templates/page.html~", // backups
	"content/#a.md#", "content/sec/#b.md#", // Emacs' auto-saves
	"content/.DS_Store", "static/.DS_Store", // macOS
	"content/a.md.tmp", "static/logo.svg.tmp", // many editors' and tools' temporary files
	"content/a.md___jb_tmp___", "content/a.md___jb_old___", // JetBrains IDEs' safe write
	"content/a.md.crswap", // VS Code for the Web
}

// TestWatchIgnoresWhatIsNotBuiltFrom writes files a site is not built from,
// then one it is: the first batch holds that one only. A batch comes after
// the events before it, so a file that were not ignored would be in it or
// in a batch before it.
func TestWatchIgnoresWhatIsNotBuiltFrom(t *testing.T) {
	dir := siteDir(t)
	batches := watch(t, dir)
	files := map[string]string{
		"README.md":            "not part of the site",
		"public/index.html":    "the output",
		"content/.hidden/x.md": "hidden",
	}
	for _, name := range editorFiles {
		files[name] = "an editor's"
	}
	writeFiles(t, dir, files)
	require.NoError(t, os.Symlink("user@host.1234:1700000000", filepath.Join(dir, "content/.#a.md")), "Emacs' lock")
	writeFiles(t, dir, map[string]string{"site.yaml": siteYAML + "\n"})
	assert.Equal(t, []string{"site.yaml"}, next(t, batches))
}

// TestWatchEditorSaves saves content/a.md as editors do, each with its
// temporary files: one change of content/a.md is reported, and nothing
// else.
func TestWatchEditorSaves(t *testing.T) {
	for _, tc := range []struct {
		name string
		save func(t *testing.T, dir, a string)
	}{
		{"Emacs", func(t *testing.T, dir, a string) {
			require.NoError(t, os.Symlink("user@host.1234:1700000000", filepath.Join(dir, "content/.#a.md")))
			for i := range 3 {
				require.NoError(t, os.WriteFile(filepath.Join(dir, "content/#a.md#"), []byte(fmt.Sprint("auto-save ", i)), 0o644))
			}
			require.NoError(t, os.Rename(a, a+"~"))
			require.NoError(t, os.WriteFile(a, []byte(doc("a", "Emacs text.")), 0o644))
			require.NoError(t, os.Remove(filepath.Join(dir, "content/#a.md#")))
			require.NoError(t, os.Remove(filepath.Join(dir, "content/.#a.md")))
		}},
		{"JetBrains safe write", func(t *testing.T, dir, a string) {
			require.NoError(t, os.WriteFile(a+"___jb_tmp___", []byte(doc("a", "IDE text.")), 0o644))
			require.NoError(t, os.Rename(a, a+"___jb_old___"))
			require.NoError(t, os.Rename(a+"___jb_tmp___", a))
			require.NoError(t, os.Remove(a+"___jb_old___"))
		}},
		{"VS Code for the Web", func(t *testing.T, dir, a string) {
			require.NoError(t, os.WriteFile(a+".crswap", []byte(doc("a", "Web text.")), 0o644))
			require.NoError(t, os.Rename(a+".crswap", a))
		}},
		{"vim with its swap file beside", func(t *testing.T, dir, a string) {
			require.NoError(t, os.WriteFile(a+".swo", []byte("swap"), 0o644))
			require.NoError(t, os.WriteFile(a, []byte(doc("a", "Vim text.")), 0o644))
			require.NoError(t, os.Remove(a+".swo"))
		}},
		{"macOS", func(t *testing.T, dir, a string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "content/.DS_Store"), []byte("finder"), 0o644))
			require.NoError(t, os.WriteFile(a, []byte(doc("a", "Mac text.")), 0o644))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := siteDir(t)
			batches := watch(t, dir)
			tc.save(t, dir, filepath.Join(dir, "content/a.md"))
			assert.Equal(t, []string{"content/a.md"}, next(t, batches))
		})
	}
}

func TestWatchRemovedFolderRebuildsEverything(t *testing.T) {
	dir := siteDir(t)
	batches := watch(t, dir)
	require.NoError(t, os.RemoveAll(filepath.Join(dir, "content/sec")))
	assert.Nil(t, next(t, batches), "nil: anything may have changed")
	quiet(t, batches)

	// The folder made again is watched again.
	writeFiles(t, dir, map[string]string{"content/sec/b.md": doc("b", "Back.")})
	assert.Equal(t, []string{"content/sec/b.md"}, nextWith(t, batches, "content/sec/b.md"))
	writeFiles(t, dir, map[string]string{"content/sec/b.md": doc("b", "Back again.")})
	assert.Equal(t, []string{"content/sec/b.md"}, next(t, batches))
}

// TestWatchedChangesAreBuilt runs the watcher with a server, as serve does:
// a folder made after start is built.
func TestWatchedChangesAreBuilt(t *testing.T) {
	dir := siteDir(t)
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	t.Cleanup(func() { root.Close() })
	session := generator.NewSession(generator.Options{Source: root.FS(), Theme: govdoc.Theme, Now: testNow})
	srv := serve.New(session, serve.Options{})
	t.Cleanup(srv.Close)
	_, err = srv.Rebuild(context.Background(), nil)
	require.NoError(t, err)

	w, err := serve.NewWatcher(dir, serve.WatchOptions{Debounce: debounce})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = w.Run(ctx, func(changed []string) { _, _ = srv.Rebuild(ctx, changed) })
	}()
	t.Cleanup(func() { cancel(); <-done; w.Close() })

	require.NoError(t, os.Mkdir(filepath.Join(dir, "content/newsec"), 0o755))
	writeFiles(t, dir, map[string]string{"content/newsec/a2.md": doc("a2", "Brand new.")})
	eventually(t, func() bool {
		page, ok := session.File("newsec/a2/index.html")
		return ok && strings.Contains(string(page), "Brand new.")
	}, "the new document is built")

	writeFiles(t, dir, map[string]string{"content/newsec/a2.md": doc("a2", "Edited.")})
	eventually(t, func() bool {
		page, _ := session.File("newsec/a2/index.html")
		return strings.Contains(string(page), "Edited.")
	}, "an edit in the new folder is built")
}

// TestEditorFilesTriggerNoRebuild runs the watcher with a server, as serve
// does: editors' files trigger no rebuild and are not in the log; the save
// that follows them is one rebuild and one line.
func TestEditorFilesTriggerNoRebuild(t *testing.T) {
	dir := siteDir(t)
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	t.Cleanup(func() { root.Close() })
	session := generator.NewSession(generator.Options{Source: root.FS(), Theme: govdoc.Theme, Now: testNow})
	var log strings.Builder
	at := time.Date(2026, 11, 24, 12, 4, 5, 0, time.UTC)
	srv := serve.New(session, serve.Options{Log: &log, Now: func() time.Time { return at }})
	t.Cleanup(srv.Close)
	_, err = srv.Rebuild(context.Background(), nil)
	require.NoError(t, err)
	log.Reset()

	w, err := serve.NewWatcher(dir, serve.WatchOptions{Debounce: debounce})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	rebuilt := make(chan []string, 8)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = w.Run(ctx, func(changed []string) {
			_, _ = srv.Rebuild(ctx, changed)
			rebuilt <- changed // after the rebuild has written its line
		})
	}()
	t.Cleanup(func() { cancel(); <-done; w.Close() })

	files := map[string]string{}
	for _, name := range editorFiles {
		files[name] = "an editor's"
	}
	writeFiles(t, dir, files)
	require.NoError(t, os.Symlink("user@host.1234:1700000000", filepath.Join(dir, "content/.#a.md")), "Emacs' lock")
	writeFiles(t, dir, map[string]string{"content/a.md": doc("a", "Saved text.")})
	select {
	case changed := <-rebuilt:
		assert.Equal(t, []string{"content/a.md"}, changed, "the first rebuild is the save's")
	case <-time.After(10 * time.Second):
		require.FailNow(t, "no rebuild within 10 s")
	}
	assert.Regexp(t, `^12:04:05 content/a.md changed: \d+ pages? rendered in \d+ ms; no problems\n$`, log.String())
	page, _ := session.File("a/index.html")
	assert.Contains(t, string(page), "Saved text.")
}
