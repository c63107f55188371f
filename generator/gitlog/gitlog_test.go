package gitlog_test

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/internal/testtool"
)

// repo is a throwaway git repository whose commits have set dates and
// authors.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	testtool.Git(t)
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

// paths lists the files a commit changed, as git log --name-only names
// them: none for a merge.
func paths(c *gitlog.Commit) []string {
	var p []string
	if c.Merge() {
		return nil
	}
	for _, ch := range c.Changes {
		p = append(p, ch.Path)
	}
	return p
}

func TestReadGivesEachCommitItsChanges(t *testing.T) {
	r := newRepo(t)
	r.commit("J. Smith", "2026-01-10T09:00:00Z", "Initial handbook", map[string]string{
		"site.yaml": "title: T\n", "content/a.md": "a1\n", "content/b b.md": "b1\n", "content/gone.md": "g\n"})
	r.commit("A. Müller", "2026-03-05T10:30:00+01:00", "Update a", map[string]string{"content/a.md": "a2\n", "content/gone.md": ""})
	r.commit("R. Okafor", "2026-06-01T12:00:00Z", "Update a and b\n\nWith a body.", map[string]string{"content/a.md": "a3\n", "content/b b.md": "b2\n"})

	log, err := gitlog.Read(context.Background(), r.dir, gitlog.Options{})
	require.NoError(t, err)
	require.Len(t, log.Commits, 3)
	assert.False(t, log.Shallow)
	require.NotNil(t, log.Head)
	assert.Equal(t, "R. Okafor", log.Head.Author)
	assert.Equal(t, "Update a and b", log.Head.Subject)
	assert.Equal(t, log.Commits[0].Hash, log.Head.Hash)
	assert.Equal(t, []string{log.Commits[1].Hash}, log.Head.Parents)

	newest, middle, first := log.Commits[0], log.Commits[1], log.Commits[2]
	assert.Equal(t, "R. Okafor", newest.Author)
	assert.Equal(t, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC), newest.Date.UTC())
	assert.Equal(t, []gitlog.Change{{Status: 'M', Path: "content/a.md"}, {Status: 'M', Path: "content/b b.md"}}, newest.Changes, "names with spaces")
	assert.Equal(t, []string{middle.Hash}, newest.Parents)
	assert.Equal(t, time.Date(2026, 3, 5, 9, 30, 0, 0, time.UTC), middle.Date.UTC())
	assert.Equal(t, []gitlog.Change{{Status: 'M', Path: "content/a.md"}, {Status: 'D', Path: "content/gone.md"}}, middle.Changes)
	assert.Empty(t, first.Parents)
	assert.Equal(t, []gitlog.Change{{Status: 'A', Path: "content/a.md"}, {Status: 'A', Path: "content/b b.md"},
		{Status: 'A', Path: "content/gone.md"}, {Status: 'A', Path: "site.yaml"}}, first.Changes)
}

func TestReadInASubfolderOfARepository(t *testing.T) {
	r := newRepo(t)
	r.commit("J. Smith", "2026-01-10T09:00:00Z", "Both", map[string]string{"handbook/content/a.md": "a\n", "other/x.txt": "x\n"})
	r.commit("A. Müller", "2026-02-10T09:00:00Z", "Other only", map[string]string{"other/x.txt": "y\n"})
	r.commit("L. Chen", "2026-03-10T09:00:00Z", "Move a", map[string]string{"handbook/content/a.md": "", "handbook/content/b.md": "a\n"})
	log, err := gitlog.Read(context.Background(), filepath.Join(r.dir, "handbook"), gitlog.Options{})
	require.NoError(t, err)
	require.Len(t, log.Commits, 2, "only commits that touch the site")
	assert.Equal(t, []gitlog.Change{{Status: 'A', Path: "content/a.md"}}, log.Commits[1].Changes, "paths from the site root")
	assert.Equal(t, []gitlog.Change{{Status: 'R', From: "content/a.md", Path: "content/b.md"}}, log.Commits[0].Changes)
	assert.Equal(t, []string{log.Commits[1].Hash}, log.Commits[0].Parents, "the parent is the last commit that touched the site")
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
	require.Len(t, log.Commits, 1, "a shallow clone has part of the history")
	assert.Equal(t, []gitlog.Change{{Status: 'A', Path: "content/a.md"}}, log.Commits[0].Changes, "its oldest commit adds what it has")

	empty := newRepo(t)
	log, err = gitlog.Read(context.Background(), empty.dir, gitlog.Options{})
	require.NoError(t, err, "a repository without commits")
	assert.Empty(t, log.Commits)
	assert.Nil(t, log.Head)
}

// testCache mirrors the cache file, so that a test can mark what came from it.
type testCache struct {
	Version      int
	Head, Prefix string
	Commits      []struct {
		Hash, Author, Subject string
		Date                  time.Time
		Parents               []string
		Changes               []gitlog.Change
	}
}

// markCache prefixes every subject in the cache file with "cached: ".
func markCache(t *testing.T, path string) {
	data, err := os.ReadFile(path)
	require.NoError(t, err, "the cache was written")
	var c testCache
	require.NoError(t, gob.NewDecoder(bytes.NewReader(data)).Decode(&c))
	for i := range c.Commits {
		c.Commits[i].Subject = "cached: " + c.Commits[i].Subject
	}
	var out bytes.Buffer
	require.NoError(t, gob.NewEncoder(&out).Encode(&c))
	require.NoError(t, os.WriteFile(path, out.Bytes(), 0o600))
}

func subjects(log *gitlog.Log) []string {
	var s []string
	for _, c := range log.Commits {
		s = append(s, c.Subject)
	}
	return s
}

func TestCacheReadsOnlyNewCommits(t *testing.T) {
	r := newRepo(t)
	r.commit("J. Smith", "2026-01-10T09:00:00Z", "One", map[string]string{"content/a.md": "a1\n", "content/b.md": "b1\n"})
	r.commit("A. Müller", "2026-02-10T09:00:00Z", "Two", map[string]string{"content/a.md": "a2\n"})
	opts := gitlog.Options{Cache: filepath.Join(t.TempDir(), "history.cache")}
	read := func() *gitlog.Log {
		log, err := gitlog.Read(context.Background(), r.dir, opts)
		require.NoError(t, err)
		plain, err := gitlog.Read(context.Background(), r.dir, gitlog.Options{})
		require.NoError(t, err)
		require.Len(t, log.Commits, len(plain.Commits))
		for i, c := range plain.Commits {
			assert.Equal(t, c.Hash, log.Commits[i].Hash)
			assert.Equal(t, c.Changes, log.Commits[i].Changes)
			assert.Equal(t, c.Parents, log.Commits[i].Parents)
			assert.True(t, c.Date.Equal(log.Commits[i].Date))
		}
		return log
	}
	assert.Equal(t, []string{"Two", "One"}, subjects(read()), "the first read reads git")

	markCache(t, opts.Cache)
	assert.Equal(t, []string{"cached: Two", "cached: One"}, subjects(read()), "at the same HEAD, the cache is the log")

	r.commit("R. Okafor", "2026-03-10T09:00:00Z", "Three", map[string]string{"content/b.md": "b2\n"})
	log := read()
	assert.Equal(t, []string{"Three", "cached: Two", "cached: One"}, subjects(log), "only the new commit is read")
	assert.Equal(t, "R. Okafor", log.Commits[0].Author)
	assert.Equal(t, []gitlog.Change{{Status: 'M', Path: "content/b.md"}}, log.Commits[0].Changes)
	assert.Equal(t, "Three", log.Head.Subject)

	// A rewritten history is read whole again.
	markCache(t, opts.Cache)
	r.git("-c", "user.name=X", "-c", "user.email=x@example.org", "commit", "-q", "--amend", "-m", "Three, amended")
	assert.Equal(t, []string{"Three, amended", "Two", "One"}, subjects(read()))

	// So is a history with a merge since.
	markCache(t, opts.Cache)
	r.git("checkout", "-q", "-b", "side", "HEAD~1")
	r.commit("J. Smith", "2026-04-01T09:00:00Z", "Side", map[string]string{"content/c.md": "c\n"})
	r.git("checkout", "-q", "main")
	r.git("-c", "user.name=X", "-c", "user.email=x@example.org", "merge", "-q", "--no-edit", "side")
	for _, s := range subjects(read()) {
		assert.NotContains(t, s, "cached: ")
	}
}

// gitLog is what git log itself says of the folder dir: each commit's hash
// followed by the files it changed, newest first.
func gitLog(t *testing.T, dir string) []string {
	t.Helper()
	cmd := exec.Command("git", "log", "--no-renames", "--name-only", "--format=commit %H", "--relative", "--", ".")
	cmd.Dir = dir
	out, err := cmd.Output()
	require.NoError(t, err)
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

func TestReadSharesTheWorkAmongProcessesAndKeepsGitLogsOrder(t *testing.T) {
	r := newRepo(t)
	r.commit("J. Smith", "2026-01-01T09:00:00Z", "Import", map[string]string{
		"handbook/site.yaml": "title: T\n", "handbook/content/a.md": "a\n", "handbook/content/b b.md": "b\n", "tools/x.sh": "x\n"})
	for i := range 14 {
		date := fmt.Sprintf("2026-02-%02dT09:00:00Z", i+1)
		files := map[string]string{fmt.Sprintf("handbook/content/%c.md", 'a'+i%5): fmt.Sprintf("%d\n", i)}
		if i%4 == 3 {
			files = map[string]string{"tools/x.sh": fmt.Sprintf("%d\n", i)} // outside the site
		}
		r.commit(fmt.Sprintf("Author %d", i%3), date, fmt.Sprintf("Change %d", i), files)
		if i == 6 {
			r.git("checkout", "-q", "-b", "side", "HEAD~2")
			r.commit("R. Okafor", "2026-02-07T12:00:00Z", "Side", map[string]string{"handbook/content/side.md": "s\n"})
			r.git("checkout", "-q", "main")
			r.git("-c", "user.name=X", "-c", "user.email=x@example.org", "merge", "-q", "--no-edit", "side")
		}
	}
	r.commit("J. Smith", "2026-03-01T09:00:00Z", "Remove b", map[string]string{"handbook/content/b b.md": ""})
	site := filepath.Join(r.dir, "handbook")

	defer gitlog.SetBatch(2)()
	want := gitLog(t, site)
	hurried := make(chan struct{})
	close(hurried)
	for _, tc := range []struct {
		name string
		opts gitlog.Options
	}{
		{"three processes", gitlog.Options{Processes: 3}},
		{"one process in the background", gitlog.Options{Processes: 3, Hurry: make(chan struct{})}},
		{"three processes once hurried", gitlog.Options{Processes: 3, Hurry: hurried}},
		{"one process", gitlog.Options{Processes: 1}},
	} {
		for range 3 { // the processes take the batches in a different order each time
			log, err := gitlog.Read(context.Background(), site, tc.opts)
			require.NoError(t, err, tc.name)
			var got []string
			for _, c := range log.Commits {
				got = append(got, "commit "+c.Hash)
				got = append(got, paths(c)...)
			}
			require.Greater(t, len(log.Commits), 3*2, "more batches than processes")
			require.Equal(t, want, got, "%s: the commits and their files, in git log's order", tc.name)
		}
	}
	log, err := gitlog.Read(context.Background(), site, gitlog.Options{})
	require.NoError(t, err)
	assert.Equal(t, "Remove b", log.Commits[0].Subject)
	assert.Equal(t, []gitlog.Change{{Status: 'D', Path: "content/b b.md"}}, log.Commits[0].Changes)
	for _, c := range log.Commits {
		if c.Merge() {
			require.Len(t, c.Parents, 2)
			assert.Equal(t, []gitlog.Change{{Status: 'A', Path: "content/side.md", Parent: 0},
				{Status: 'M', Path: "content/a.md", Parent: 1}, {Status: 'M', Path: "content/b.md", Parent: 1}}, c.Changes,
				"a merge's changes against each parent: what the other side brought")
		}
	}
}

// A repository that git refuses to read, such as one owned by another user
// in a CI container, has a history that cannot be had: that is an error
// with git's reason, not the silence of a site outside git.
func TestARepositoryGitRefusesIsAnError(t *testing.T) {
	r := newRepo(t)
	r.commit("J. Smith", "2026-01-10T09:00:00Z", "First", map[string]string{"content/a.md": "a\n"})
	t.Setenv("GIT_CONFIG_GLOBAL", "/dev/null") // no safe.directory of this machine's
	t.Setenv("GIT_CONFIG_SYSTEM", "/dev/null")
	t.Setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")

	_, err := gitlog.Read(context.Background(), r.dir, gitlog.Options{})
	require.Error(t, err)
	assert.NotErrorIs(t, err, gitlog.ErrNoGit)
	assert.Contains(t, err.Error(), "git: detected dubious ownership in repository at ")
	assert.Contains(t, err.Error(), "git config --global --add safe.directory "+r.dir, "how to allow it")

	_, err = gitlog.Changed(context.Background(), r.dir, "HEAD")
	require.Error(t, err)
	assert.NotErrorIs(t, err, gitlog.ErrNoGit)
	assert.Contains(t, err.Error(), "dubious ownership")
}

// A cache an earlier govdoc wrote, without parents or changes, is read
// again from git.
func TestACacheOfTheEarlierFormatIsReadAgain(t *testing.T) {
	r := newRepo(t)
	r.commit("J. Smith", "2026-01-10T09:00:00Z", "One", map[string]string{"content/a.md": "a1\n"})
	opts := gitlog.Options{Cache: filepath.Join(t.TempDir(), "history.cache")}
	_, err := gitlog.Read(context.Background(), r.dir, opts)
	require.NoError(t, err)
	markCache(t, opts.Cache)
	data, err := os.ReadFile(opts.Cache)
	require.NoError(t, err)
	var c testCache
	require.NoError(t, gob.NewDecoder(bytes.NewReader(data)).Decode(&c))
	log, err := gitlog.Read(context.Background(), r.dir, opts)
	require.NoError(t, err)
	require.Equal(t, []string{"cached: One"}, subjects(log), "the cache of this format is used")

	c.Version = 1
	var out bytes.Buffer
	require.NoError(t, gob.NewEncoder(&out).Encode(&c))
	require.NoError(t, os.WriteFile(opts.Cache, out.Bytes(), 0o600))
	log, err = gitlog.Read(context.Background(), r.dir, opts)
	require.NoError(t, err)
	assert.Equal(t, []string{"One"}, subjects(log))
	assert.Equal(t, []gitlog.Change{{Status: 'A', Path: "content/a.md"}}, log.Commits[0].Changes)
}
