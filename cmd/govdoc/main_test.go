package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
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
	})
	hourAgo := time.Now().Add(-time.Hour)
	for _, name := range []string{".public.building-1234", ".other.building-1234"} {
		require.NoError(t, os.Chtimes(filepath.Join(dir, name), hourAgo, hourAgo))
	}
	code, _, stderr := runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	assert.NoDirExists(t, filepath.Join(dir, ".public.building-1234"), "left by a killed build")
	assert.DirExists(t, filepath.Join(dir, ".public.building-5678"), "a build may still be writing it")
	assert.DirExists(t, filepath.Join(dir, ".other.building-1234"), "another output's")
	assert.FileExists(t, filepath.Join(dir, "public/a/index.html"))
}
