package main

import (
	"os"
	"os/exec"
	"path/filepath"
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
