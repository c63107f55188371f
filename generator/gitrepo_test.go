package generator_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/internal/testtool"
)

// gitRepo is a site in a throwaway git repository whose commits have set
// authors and dates.
type gitRepo struct {
	t   *testing.T
	dir string
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	testtool.Git(t)
	r := &gitRepo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *gitRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Merger", "-c", "user.email=m@example.org"}, args...)...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null",
		"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
	out, err := cmd.CombinedOutput()
	require.NoError(r.t, err, "git %v: %s", args, out)
	return strings.TrimSpace(string(out))
}

// write writes files ("" removes one); moves, old path to new, go first.
func (r *gitRepo) write(files map[string]string, moves ...[2]string) {
	r.t.Helper()
	for _, m := range moves {
		require.NoError(r.t, os.Rename(filepath.Join(r.dir, m[0]), filepath.Join(r.dir, m[1])))
	}
	for name, text := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(name))
		if text == "" {
			require.NoError(r.t, os.Remove(p))
			continue
		}
		require.NoError(r.t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(r.t, os.WriteFile(p, []byte(text), 0o644))
	}
}

// read returns a file of the site.
func (r *gitRepo) read(name string) string {
	r.t.Helper()
	data, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(name)))
	require.NoError(r.t, err)
	return string(data)
}

// commit commits everything as author at date (YYYY-MM-DD) and returns the
// commit's hash.
func (r *gitRepo) commit(author, date, msg string) string {
	r.t.Helper()
	r.git("add", "-A")
	cmd := exec.Command("git", "-c", "user.name="+author, "-c", "user.email=a@example.org", "commit", "-q", "--allow-empty", "-m", msg)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null",
		"GIT_AUTHOR_DATE="+date+"T10:00:00Z", "GIT_COMMITTER_DATE="+date+"T10:00:00Z")
	out, err := cmd.CombinedOutput()
	require.NoError(r.t, err, "%s", out)
	return r.git("rev-parse", "HEAD")
}

// merge merges branch into the current one as author at date.
func (r *gitRepo) merge(branch, author, date, msg string) string {
	r.t.Helper()
	cmd := exec.Command("git", "-c", "user.name="+author, "-c", "user.email=a@example.org", "merge", "-q", "--no-ff", "-m", msg, branch)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null",
		"GIT_AUTHOR_DATE="+date+"T10:00:00Z", "GIT_COMMITTER_DATE="+date+"T10:00:00Z")
	out, err := cmd.CombinedOutput()
	require.NoError(r.t, err, "%s", out)
	return r.git("rev-parse", "HEAD")
}

// archive returns a txtar site's files by name.
func archive(site string) map[string]string {
	files := map[string]string{}
	for _, f := range txtar.Parse([]byte(site)).Files {
		files[f.Name] = string(f.Data)
	}
	return files
}

// build builds the site in memory for audience ("" for site.yaml's), with
// its git history.
func (r *gitRepo) build(audience string) *built {
	r.t.Helper()
	read := func(<-chan struct{}) (*gitlog.Log, error) {
		return gitlog.Read(context.Background(), r.dir, gitlog.Options{})
	}
	out := output.NewMemory()
	res, err := generator.Build(context.Background(), generator.Options{Source: os.DirFS(r.dir), Theme: govdoc.Theme,
		Version: "test", Now: testNow, Audience: audience, Git: read}, out)
	require.NoError(r.t, err)
	require.Zero(r.t, res.Findings.Errors(), "%s: %v", audience, res.Findings)
	return &built{t: r.t, res: res, out: out}
}
