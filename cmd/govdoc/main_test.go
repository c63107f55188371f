package main

import (
	"bytes"
	"context"
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

// runGovdoc runs the command in-process and returns its exit code and output.
func runGovdoc(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
}

const siteYAML = "title: T\nmeta: {owner: Office of the CIO}\naudience: Internal\n"
const good = "---\nDocument-ID: a\nOwner: '{{ meta.owner }}'\nVersion: '1.0'\nStatus: Approved\nClassification: Internal\nLast Update: 2026-11-01\n---\n# Alpha\n"

func TestBuildTheExampleHandbook(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := runGovdoc(t, "build", "--source", "../..", "--out", out)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "govdoc build: 18 documents")
	assert.Contains(t, stdout, "0 errors")
	assert.FileExists(t, filepath.Join(out, "index.html"))
	assert.FileExists(t, filepath.Join(out, "governance/0230_it_management_responsibilities/index.html"))
}

func TestBuildWithErrorsExitsOneAndNamesThePlace(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good, "content/b.md": "---\nOwner: {{ meta.nobody }}\n---\n"})
	code, _, stderr := runGovdoc(t, "build", "--source", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "content/b.md:2:8: error: {{ meta.nobody }}: undefined key \"nobody\" [unresolved-placeholder]")
	assert.Contains(t, stderr, "content/b.md:1:1: error: required metadata \"Document-ID\" is missing [missing-metadata]")
	assert.NoDirExists(t, filepath.Join(dir, "public"), "a failed build publishes nothing")
}

func TestBuildCouldNotRunExitsTwo(t *testing.T) {
	empty := t.TempDir()
	code, _, stderr := runGovdoc(t, "build", "--source", empty)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "no site.yaml")

	bad := t.TempDir()
	write(t, bad, map[string]string{"site.yaml": "title: T\ntitel: typo\n"})
	code, _, stderr = runGovdoc(t, "build", "--source", bad)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "site.yaml:2:1: error: unknown key \"titel\" in site.yaml (did you mean \"title\"?) [config]")

}

func TestBuildRefusesToOverwriteTheSite(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good})
	code, _, stderr := runGovdoc(t, "build", "--source", dir, "--out", filepath.Join(dir, "content"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "unsafe output folder")
	assert.FileExists(t, filepath.Join(dir, "content/a.md"))
}

func TestBuildRemovesWhatAKilledBuildLeftBehind(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"site.yaml": siteYAML, "content/a.md": good,
		".public.building-1234/a/index.html": "half a page",
		".public.building-5678/a/index.html": "being written",
		".other.building-1234/x":             "not govdoc's",
		// Previous sites that a build moved aside and had not removed yet
		// when it ended, whatever their age.
		".public.old-4321/.govdoc-output": "",
		".public.old-4321/a/index.html":   "the previous site",
		".public.old-8765/.govdoc-output": "",
		".public.old-8765/b/c/index.html": "half removed",
		".public.old-9999/notes/keep.txt": "no mark: not govdoc's",
		".other.old-4321/.govdoc-output":  "",
		".other.old-4321/a/index.html":    "another output's",
	})
	hourAgo := time.Now().Add(-time.Hour)
	for _, name := range []string{".public.building-1234", ".other.building-1234", ".public.old-9999", ".other.old-4321"} {
		require.NoError(t, os.Chtimes(filepath.Join(dir, name), hourAgo, hourAgo))
	}
	code, _, stderr := runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	assert.NoDirExists(t, filepath.Join(dir, ".public.building-1234"), "left by a killed build")
	assert.DirExists(t, filepath.Join(dir, ".public.building-5678"), "a build may still be writing it")
	assert.DirExists(t, filepath.Join(dir, ".other.building-1234"), "another output's")
	assert.NoDirExists(t, filepath.Join(dir, ".public.old-4321"), "a previous site")
	assert.NoDirExists(t, filepath.Join(dir, ".public.old-8765"), "a previous site")
	assert.Equal(t, map[string]string{"notes/keep.txt": "no mark: not govdoc's"}, tree(t, filepath.Join(dir, ".public.old-9999")))
	assert.DirExists(t, filepath.Join(dir, ".other.old-4321"), "another output's")
	assert.FileExists(t, filepath.Join(dir, "public/a/index.html"))
}

// siteTree builds the site in dir into a folder of its own and reads it.
func siteTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	code, _, stderr := runGovdoc(t, "build", "--source", dir, "--out", out)
	require.Equal(t, 0, code, stderr)
	return tree(t, out)
}

func TestARebuildReplacesTheOutputWhole(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good, "content/b.md": strings.ReplaceAll(good, "Document-ID: a", "Document-ID: b")})
	code, _, stderr := runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	require.FileExists(t, filepath.Join(dir, "public/b/index.html"))

	require.NoError(t, os.Remove(filepath.Join(dir, "content/b.md")))
	write(t, dir, map[string]string{"content/a.md": strings.Replace(good, "# Alpha", "# Omega", 1)})
	want := siteTree(t, dir)
	code, _, stderr = runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	// The previous site may still be being removed: the output is whole.
	assert.Equal(t, want, tree(t, filepath.Join(dir, "public")))
	assert.Contains(t, want["a/index.html"], "Omega")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.NotContains(t, e.Name(), ".building-", "staging folder left behind")
	}
}

func TestConcurrentBuildsIntoOneOutputPublishOneWholeSite(t *testing.T) {
	var sites []string
	var want []map[string]string
	for _, title := range []string{"Alpha", "Beta", "Gamma"} {
		dir := t.TempDir()
		write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": strings.Replace(good, "# Alpha", "# "+title, 1), "content/" + strings.ToLower(title) + ".md": strings.ReplaceAll(good, "Document-ID: a", "Document-ID: "+strings.ToLower(title))})
		sites = append(sites, dir)
		want = append(want, siteTree(t, dir))
	}
	out := filepath.Join(t.TempDir(), "public")
	for round := range 2 { // into no output, then over one
		codes := make([]int, len(sites))
		stderrs := make([]string, len(sites))
		var wg sync.WaitGroup
		for i, dir := range sites {
			wg.Go(func() { codes[i], _, stderrs[i] = runGovdoc(t, "build", "--source", dir, "--out", out) })
		}
		wg.Wait()
		for i := range sites {
			assert.Equal(t, 0, codes[i], "round %d, build %d: %s", round, i, stderrs[i])
		}
		got := tree(t, out)
		assert.True(t, slices.ContainsFunc(want, func(w map[string]string) bool { return assert.ObjectsAreEqual(w, got) }),
			"round %d: the output is one build's site, whole", round)
	}
}
