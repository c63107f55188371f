package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gitIn runs git in dir with a fixed author and date.
func gitIn(t *testing.T, dir, author, date string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=" + author, "-c", "user.email=x@example.org"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
}

const gitDoc = "---\nDocument-ID: a\nOwner: '{{ meta.owner }}'\nVersion: '1.0'\nStatus: Approved\nClassification: Internal\nLast Update: '{{ git.date | default \"2026-01-01\" }}'\n---\n# Alpha\n\nLast changed by {{ git.author | default \"nobody yet\" }} in {{ git.commit | default \"no commit\" }}.\n"

func TestGitPlaceholdersFollowTheRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": gitDoc, ".gitignore": "public/\n"})
	gitIn(t, dir, "J. Smith", "2026-03-01T10:00:00Z", "init", "-q", "-b", "main")
	gitIn(t, dir, "J. Smith", "2026-03-01T10:00:00Z", "add", "-A")
	gitIn(t, dir, "J. Smith", "2026-03-01T10:00:00Z", "commit", "-q", "-m", "First")
	write(t, dir, map[string]string{"content/a.md": gitDoc + "\nMore.\n"})
	gitIn(t, dir, "A. Müller", "2026-05-20T08:00:00Z", "commit", "-q", "-am", "Second")

	code, _, stderr := runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	page, err := os.ReadFile(filepath.Join(dir, "public/a/index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "2026-05-20", "Last Update follows the repository")
	assert.Contains(t, string(page), "Last changed by A. Müller in ")
	assert.Regexp(t, `from commit <code title="[0-9a-f]{40}">[0-9a-f]{12}</code>`, string(page))

	// A shallow clone still builds, with what history it has.
	clone := filepath.Join(t.TempDir(), "clone")
	out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+dir, clone).CombinedOutput()
	require.NoError(t, err, "%s", out)
	code, _, stderr = runGovdoc(t, "build", "--source", clone)
	require.Equal(t, 0, code, stderr)
	page, err = os.ReadFile(filepath.Join(clone, "public/a/index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "Last changed by A. Müller")
}

func TestWithoutGitTheSiteStillBuilds(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": gitDoc})
	code, _, stderr := runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	page, err := os.ReadFile(filepath.Join(dir, "public/a/index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "Last changed by nobody yet in no commit.")
	assert.Contains(t, string(page), "2026-01-01")
	assert.NotContains(t, string(page), "from commit")
}

// versioned is a document with a Version and a history table.
func versioned(id, version, body string, rows ...string) string {
	s := "---\nDocument-ID: " + id + "\nOwner: x\nVersion: '" + version + "'\nStatus: Approved\nClassification: Internal\nLast Update: 2026-11-01\n---\n# " + id + "\n\n" + body + "\n\n| Version | Date | Author | Changes |\n|---|---|---|---|\n"
	for _, r := range rows {
		s += r + "\n"
	}
	return s
}

func TestCheckSinceIsTheVersionGate(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	row10 := "| 1.0 | 2026-11-01 | J. Smith | Initial |"
	write(t, dir, map[string]string{
		"site.yaml":            siteYAML,
		"content/unbumped.md":  versioned("unbumped", "1.0", "Old text.", row10),
		"content/bumped.md":    versioned("bumped", "1.0", "Old text.", row10),
		"content/norow.md":     versioned("norow", "1.0", "Old text.", row10),
		"content/frontonly.md": versioned("frontonly", "1.0", "Same text.", row10),
		"content/untouched.md": versioned("untouched", "1.0", "Same.", row10),
	})
	gitIn(t, dir, "J. Smith", "2026-11-01T10:00:00Z", "init", "-q", "-b", "main")
	gitIn(t, dir, "J. Smith", "2026-11-01T10:00:00Z", "add", "-A")
	gitIn(t, dir, "J. Smith", "2026-11-01T10:00:00Z", "commit", "-q", "-m", "Base")

	row11 := "| 1.1 | 2026-11-20 | J. Smith | Reworded |"
	write(t, dir, map[string]string{
		"content/unbumped.md":  versioned("unbumped", "1.0", "New text.", row10),
		"content/bumped.md":    versioned("bumped", "1.1", "New text.", row10, row11),
		"content/norow.md":     versioned("norow", "1.1", "Old text.", row10),
		"content/frontonly.md": strings.Replace(versioned("frontonly", "1.0", "Same text.", row10), "Owner: x", "Owner: y", 1),
		"content/new.md":       versioned("new", "1.0", "Brand new.", row10),
	})
	code, out := checkFormat(t, dir, "text", "--since", "main")
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "content/unbumped.md:4:10: error: the document changed since the base revision but its Version is still 1.0: raise it and add a Document History row [version-not-bumped]")
	assert.Contains(t, out, "content/norow.md:4:10: warning: Version changed from 1.0 to 1.1 without a new Document History row [history-not-updated]")
	assert.NotContains(t, out, "content/bumped.md")
	assert.NotContains(t, out, "frontonly.md")
	assert.NotContains(t, out, "new.md")
	assert.NotContains(t, out, "untouched.md")

	code, _, stderr := runGovdoc(t, "check", "--source", dir, "--since", "no-such-rev")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "not a revision")
	code, _, stderr = runGovdoc(t, "check", "--source", t.TempDir(), "--since", "main")
	assert.Equal(t, 2, code)
}
