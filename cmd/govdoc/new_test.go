package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
)

// exampleSite copies the example handbook into a folder.
func exampleSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, govdoc.Example))
	return dir
}

func read(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	return string(data)
}

func TestNewInTheExampleHandbook(t *testing.T) {
	dir := exampleSite(t)
	today := testToday // SOURCE_DATE_EPOCH: see TestMain
	code, stdout, stderr := runGovdoc(t, "new", "--source", dir, "content/security/0400_access_control.md")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "govdoc new: wrote content/security/0400_access_control.md\n  Document-ID iso-27001-0400, Draft, Internal: \"Access Control\"\n", stdout)
	text := read(t, filepath.Join(dir, "content/security/0400_access_control.md"))
	assert.Contains(t, text, "---\nDocument-ID: iso-27001-0400\nOwner: {{ meta.owner }}\nVersion: \"0.1\"\nStatus: Draft\nClassification: Internal\nLast Update: "+today+"\n---\n\n# Access Control\n\n## Purpose\n")
	assert.Contains(t, text, "| 0.1 | "+today+" | {{ meta.author }} | Initial draft |\n")

	// Without a number in the file name, the next number; 0400 is now taken.
	code, stdout, stderr = runGovdoc(t, "new", "content/security/access_review.md", "--source", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "Document-ID iso-27001-0401")

	// A new section gets an _index.md with a title.
	code, stdout, stderr = runGovdoc(t, "new", "--source", dir, "content/people/0700_onboarding.md")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "govdoc new: wrote content/people/_index.md\ngovdoc new: wrote content/people/0700_onboarding.md\n")
	assert.Contains(t, stdout, "Document-ID iso-38500-0700")
	assert.Equal(t, "---\ntitle: People\n---\n", read(t, filepath.Join(dir, "content/people/_index.md")))

	code, stdout, stderr = runGovdoc(t, "check", "--source", dir)
	assert.Equal(t, 0, code, stdout+stderr)
	assert.Contains(t, stdout, "21 documents checked")
	assert.NotContains(t, stdout, "0400_access_control.md")
	assert.NotContains(t, stdout, "access_review.md")
	assert.NotContains(t, stdout, "0700_onboarding.md")
}

func TestNewInASkeletonChecksStrict(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "handbook")
	code, _, stderr := runGovdoc(t, "init", dir)
	require.Equal(t, 0, code, stderr)
	for _, tt := range []struct{ path, id string }{
		{"content/governance/0030_risk_management.md", "GOV-0030"},
		{"content/security/password_policy.md", "GOV-0031"},
	} {
		code, stdout, stderr := runGovdoc(t, "new", "--source", dir, tt.path)
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, "Document-ID "+tt.id+",")
	}
	code, stdout, stderr := runGovdoc(t, "check", "--strict", "--source", dir)
	assert.Equal(t, 0, code, stdout+stderr)
	assert.Equal(t, "4 documents checked: no problems found\n", stdout)
}

func TestNewTakesAPathFromTheWorkingFolder(t *testing.T) {
	parent := t.TempDir()
	code, _, stderr := runGovdoc(t, "init", filepath.Join(parent, "hb"))
	require.Equal(t, 0, code, stderr)
	t.Chdir(parent)
	code, stdout, stderr := runGovdoc(t, "new", "--source", "hb", filepath.Join("hb", "content", "governance", "0030_it_strategy.md"))
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "wrote content/governance/0030_it_strategy.md")
	assert.FileExists(t, filepath.Join(parent, "hb/content/governance/0030_it_strategy.md"))
}

func TestNewRefuses(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good})
	for _, tt := range []struct {
		args []string
		says string
	}{
		{[]string{"content/a.md"}, "content/a.md: file already exists: govdoc new does not overwrite a file"},
		{[]string{"notes/b.md"}, "notes/b.md: not a document path: documents live under content/"},
		{[]string{"content/../../b.md"}, "not a document path: documents live under content/"},
		{[]string{"content/b.txt"}, "content/b.txt: not a document path: a document is a Markdown file ending in .md"},
		{[]string{"content/x/_index.md"}, "gives a section its title and introduction"},
		{[]string{}, "govdoc new: want one path"},
		{[]string{"content/b.md", "content/c.md"}, "govdoc new: want one path"},
	} {
		code, stdout, stderr := runGovdoc(t, append([]string{"new", "--source", dir}, tt.args...)...)
		assert.Equal(t, 2, code, tt.args)
		assert.Empty(t, stdout, tt.args)
		assert.Contains(t, stderr, tt.says, tt.args)
	}
	assert.Equal(t, good, read(t, filepath.Join(dir, "content/a.md")), "not overwritten")
	assert.NoDirExists(t, filepath.Join(dir, "content/x"))

	code, _, stderr := runGovdoc(t, "new", "--source", t.TempDir(), "content/b.md")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "no site.yaml found")

	bad := t.TempDir()
	write(t, bad, map[string]string{"site.yaml": "title: T\ntitel: typo\n"})
	code, _, stderr = runGovdoc(t, "new", "--source", bad, "content/b.md")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "site.yaml:2:1: error: unknown key \"titel\"")
	assert.NoFileExists(t, filepath.Join(bad, "content/b.md"))
}
