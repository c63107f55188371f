package gitlog_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/gitlog"
)

// repo is a throwaway git repository whose commits have set dates and
// authors.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
	out, err := cmd.CombinedOutput()
	require.NoError(r.t, err, "git %v: %s", args, out)
	return string(out)
}

// commit writes files and commits them as author at date.
func (r *repo) commit(author, date, msg string, files map[string]string) {
	r.t.Helper()
	for name, text := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(name))
		require.NoError(r.t, os.MkdirAll(filepath.Dir(p), 0o755))
		if text == "" {
			require.NoError(r.t, os.Remove(p))
		} else {
			require.NoError(r.t, os.WriteFile(p, []byte(text), 0o644))
		}
	}
	r.git("add", "-A")
	cmd := exec.Command("git", "-c", "user.name="+author, "-c", "user.email="+author+"@example.org", "commit", "-q", "-m", msg)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	require.NoError(r.t, err, "%s", out)
}

func TestReadGivesEachFileItsLastAndRecentCommits(t *testing.T) {
	r := newRepo(t)
	r.commit("J. Smith", "2026-01-10T09:00:00Z", "Initial handbook", map[string]string{
		"site.yaml": "title: T\n", "content/a.md": "a1\n", "content/b b.md": "b1\n"})
	r.commit("A. Müller", "2026-03-05T10:30:00+01:00", "Update a", map[string]string{"content/a.md": "a2\n"})
	r.commit("R. Okafor", "2026-06-01T12:00:00Z", "Update a and b\n\nWith a body.", map[string]string{"content/a.md": "a3\n", "content/b b.md": "b2\n"})

	log, err := gitlog.Read(context.Background(), r.dir, gitlog.Options{Recent: 2})
	require.NoError(t, err)
	require.Len(t, log.Commits, 3)
	assert.False(t, log.Shallow)
	require.NotNil(t, log.Head)
	assert.Equal(t, "R. Okafor", log.Head.Author)
	assert.Equal(t, "Update a and b", log.Head.Subject)

	a := log.Files["content/a.md"]
	require.NotNil(t, a)
	assert.Equal(t, "R. Okafor", a.Last.Author)
	assert.Equal(t, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC), a.Last.Date.UTC())
	require.Len(t, a.Recent, 2, "at most Recent commits")
	assert.Equal(t, "A. Müller", a.Recent[1].Author)
	assert.Equal(t, time.Date(2026, 3, 5, 9, 30, 0, 0, time.UTC), a.Recent[1].Date.UTC())

	b := log.Files["content/b b.md"]
	require.NotNil(t, b, "names with spaces")
	assert.Len(t, b.Recent, 2)
	assert.Equal(t, "J. Smith", log.Files["site.yaml"].Last.Author)
	assert.Equal(t, []string{"content/a.md", "content/b b.md"}, log.Commits[0].Files)
}

func TestReadInASubfolderOfARepository(t *testing.T) {
	r := newRepo(t)
	r.commit("J. Smith", "2026-01-10T09:00:00Z", "Both", map[string]string{"handbook/content/a.md": "a\n", "other/x.txt": "x\n"})
	r.commit("A. Müller", "2026-02-10T09:00:00Z", "Other only", map[string]string{"other/x.txt": "y\n"})
	log, err := gitlog.Read(context.Background(), filepath.Join(r.dir, "handbook"), gitlog.Options{})
	require.NoError(t, err)
	require.Contains(t, log.Files, "content/a.md", "paths from the site root")
	assert.NotContains(t, log.Files, "other/x.txt")
	assert.Len(t, log.Commits, 1, "only commits that touch the site")
}

func TestNoGitAndShallowClones(t *testing.T) {
	_, err := gitlog.Read(context.Background(), t.TempDir(), gitlog.Options{})
	assert.ErrorIs(t, err, gitlog.ErrNoGit, "a folder outside git")

	r := newRepo(t)
	for i, d := range []string{"2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"} {
		r.commit("J. Smith", d, "c", map[string]string{"content/a.md": string(rune('a'+i)) + "\n"})
	}
	clone := filepath.Join(t.TempDir(), "shallow")
	out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+r.dir, clone).CombinedOutput()
	require.NoError(t, err, "%s", out)
	log, err := gitlog.Read(context.Background(), clone, gitlog.Options{})
	require.NoError(t, err)
	assert.True(t, log.Shallow)
	assert.Len(t, log.Commits, 1, "a shallow clone has part of the history")
	assert.NotNil(t, log.Files["content/a.md"])

	empty := newRepo(t)
	log, err = gitlog.Read(context.Background(), empty.dir, gitlog.Options{})
	require.NoError(t, err, "a repository without commits")
	assert.Empty(t, log.Commits)
	assert.Nil(t, log.Head)
}
