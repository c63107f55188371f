package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInitThenCheckStrictAndBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "handbook")
	code, stdout, stderr := runGovdoc(t, "init", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "govdoc init: wrote a new handbook to "+dir+"\n")
	assert.Contains(t, stdout, "  content/governance/0010_governance_framework.md\n")
	assert.Contains(t, stdout, "  site.yaml\n")
	assert.Contains(t, stdout, "cd "+shellQuote(dir)+" && govdoc serve\n")
	assert.Contains(t, stdout, "govdoc new content/governance/0030_risk_management.md\n")

	code, stdout, stderr = runGovdoc(t, "check", "--strict", "--source", dir)
	assert.Equal(t, 0, code, stdout+stderr)
	assert.Equal(t, "2 documents checked: no problems found\n", stdout)

	code, stdout, stderr = runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "govdoc build: 2 documents, ")
	assert.Contains(t, stdout, "1 RACI matrix (2 activities)")
	assert.FileExists(t, filepath.Join(dir, "public/index.html"))
	assert.FileExists(t, filepath.Join(dir, "public/governance/0020_roles_and_responsibilities/index.html"))
}

func TestInitRefusesAFolderWithAHandbook(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"content/a.md": good})
	code, stdout, stderr := runGovdoc(t, "init", dir)
	assert.Equal(t, 2, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "govdoc init: "+dir+" already holds a handbook: it has content; nothing was written")
	assert.NoFileExists(t, filepath.Join(dir, "site.yaml"))

	write(t, dir, map[string]string{"site.yaml": siteYAML})
	require.NoError(t, os.RemoveAll(filepath.Join(dir, "content")))
	code, _, stderr = runGovdoc(t, "init", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "it has site.yaml")
	data, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	require.NoError(t, err)
	assert.Equal(t, siteYAML, string(data))
}

func TestInitWantsOneFolder(t *testing.T) {
	code, _, stderr := runGovdoc(t, "init")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "govdoc init: want one folder")
	code, _, _ = runGovdoc(t, "init", t.TempDir(), t.TempDir())
	assert.Equal(t, 2, code)
}

func TestInitTakesAFolderNamedLikeAFlagAfterDashDash(t *testing.T) {
	t.Chdir(t.TempDir())
	code, stdout, stderr := runGovdoc(t, "init", "--", "-handbook")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "cd ./-handbook && govdoc serve")
	assert.FileExists(t, filepath.Join("-handbook", "site.yaml"))
}

func TestShellQuote(t *testing.T) {
	assert.Equal(t, "handbook", shellQuote("handbook"))
	assert.Equal(t, "/tmp/a-b_c.d", shellQuote("/tmp/a-b_c.d"))
	assert.Equal(t, "'my handbook'", shellQuote("my handbook"))
	assert.Equal(t, `'it'\''s'`, shellQuote("it's"))
	assert.Equal(t, "./-hb", shellQuote("-hb"))
}
