package generator_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/output"
)

// writeSite writes a txtar site into a new folder and returns it.
func writeSite(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, f.Data, 0o644))
	}
	return dir
}

func publish(t *testing.T, dir, out string) (*generator.Result, error) {
	t.Helper()
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()
	res, _, err := generator.Publish(context.Background(), generator.Options{Source: root.FS(), Theme: govdoc.Theme, Version: "test", Now: testNow}, dir, out)
	return res, err
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
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

const goodDoc = "-- content/a.md --\n---\nDocument-ID: a\nOwner: x\nVersion: \"1\"\nStatus: Approved\nClassification: Internal\nLast Update: 2026-10-01\n---\n# Alpha\n"

func TestFailedBuildLeavesThePreviousSiteAsItWas(t *testing.T) {
	dir := writeSite(t, siteYAML+goodDoc)
	_, err := publish(t, dir, "")
	require.NoError(t, err)
	out := filepath.Join(dir, "public")
	before := snapshot(t, out)
	require.Contains(t, before["a/index.html"], "Alpha")
	require.Contains(t, before, output.Marker)

	// Break the document: the build fails and public/ stays as it was.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content/a.md"), []byte("---\nDocument-ID: a\nOwner: {{ meta.nobody }}\n---\n# Changed\n"), 0o644))
	res, err := publish(t, dir, "")
	require.ErrorIs(t, err, generator.ErrFindings)
	assert.NotZero(t, res.Findings.Errors())
	assert.Equal(t, before, snapshot(t, out))
	assertNoStaging(t, dir)

	// Fix it: the new site replaces the old one whole.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content/a.md"), []byte(goodDoc[len("-- content/a.md --\n"):len(goodDoc)-len("# Alpha\n")]+"# Omega\n"), 0o644))
	_, err = publish(t, dir, "")
	require.NoError(t, err)
	after := snapshot(t, out)
	assert.Contains(t, after["a/index.html"], "Omega")
	assertNoStaging(t, dir)
}

func TestPublishReplacesStaleFiles(t *testing.T) {
	dir := writeSite(t, siteYAML+goodDoc+"-- content/b.md --\n---\nDocument-ID: b\nOwner: x\nVersion: \"1\"\nStatus: Approved\nClassification: Internal\nLast Update: 2026-10-01\n---\n# Beta\n")
	_, err := publish(t, dir, "")
	require.NoError(t, err)
	require.FileExists(t, filepath.Join(dir, "public/b/index.html"))
	require.NoError(t, os.Remove(filepath.Join(dir, "content/b.md")))
	_, err = publish(t, dir, "")
	require.NoError(t, err)
	assert.NoFileExists(t, filepath.Join(dir, "public/b/index.html"), "a removed document's page goes too")
}

func assertNoStaging(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.NotContains(t, e.Name(), ".building-", "staging folder left behind")
	}
}

func TestDangerousOutputFoldersAreRefused(t *testing.T) {
	dir := writeSite(t, siteYAML+goodDoc+"-- static/logo.txt --\nlogo\n-- notes/keep.txt --\nmine\n")
	before := snapshot(t, dir)
	for name, out := range map[string]string{
		"site root":          dir,
		"content":            filepath.Join(dir, "content"),
		"inside content":     filepath.Join(dir, "content", "out"),
		"static":             filepath.Join(dir, "static"),
		"parent of the site": filepath.Dir(dir),
		"not written by us":  filepath.Join(dir, "notes"),
		"relative parent":    filepath.Join(dir, "content", ".."),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := publish(t, dir, out)
			require.Error(t, err)
			assert.True(t, errors.Is(err, output.ErrUnsafeOutput), "%v", err)
		})
	}
	assert.Equal(t, before, snapshot(t, dir), "no file of the site changed")
}

func TestOutputFromSiteYAML(t *testing.T) {
	dir := writeSite(t, siteYAML+"output: build/site\n"+goodDoc)
	_, err := publish(t, dir, "")
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(dir, "build/site/a/index.html"))
}
