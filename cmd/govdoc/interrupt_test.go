package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain lets a test run this binary as govdoc itself: with
// GOVDOC_AS_MAIN set, it runs the command line instead of the tests.
func TestMain(m *testing.M) {
	if os.Getenv("GOVDOC_AS_MAIN") != "" {
		ctx, stop := signalContext()
		code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	// The tests' caches (links, git history) go to a folder of their own;
	// the go command a test runs keeps the user's build cache.
	if os.Getenv("GOCACHE") == "" {
		if out, err := exec.Command("go", "env", "GOCACHE").Output(); err == nil {
			os.Setenv("GOCACHE", strings.TrimSpace(string(out)))
		}
	}
	cache, err := os.MkdirTemp("", "govdoc-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	// Every test, and every govdoc it starts, runs on the same day, so that
	// dated fixtures do not turn review-overdue as the calendar moves on.
	os.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	code := m.Run()
	os.RemoveAll(cache)
	os.Exit(code)
}

// tree reads every file under dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			files[rel] = "symlink to " + target
			return err
		}
		data, err := os.ReadFile(p)
		files[rel] = string(data)
		return err
	}))
	return files
}

// interruptedBuild starts a build of a large site in a child process, waits
// until it writes, and sends it sig.
func interruptedBuild(t *testing.T, sig syscall.Signal) {
	dir := t.TempDir()
	files := map[string]string{"site.yaml": "title: Benchmark Handbook\naudience: Restricted\nmetadata: {review_after: 0}\n"}
	para := strings.Repeat("Governance text that makes the page a realistic size. ", 40)
	// Enough documents that the build is caught writing; under the race
	// detector, which slows the build, fewer do.
	n := 1500
	if raceEnabled {
		n = 300
	}
	for i := range n {
		files[fmt.Sprintf("content/s%d/d%04d.md", i%10, i)] = fmt.Sprintf("---\nDocument-ID: d-%04d\nOwner: x\nVersion: '1'\nStatus: Approved\nClassification: Internal\nLast Update: 2026-10-01\n---\n# Document %d\n\n## Scope\n\n%s\n\n## Rules\n\n%s\n", i, i, para, para)
	}
	write(t, dir, files)
	// The first, good build.
	code, _, stderr := runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	out := filepath.Join(dir, "public")
	before := tree(t, out)
	require.NotEmpty(t, before)

	// Change every page, then interrupt the build while it writes.
	site, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(strings.Replace(string(site), "title: Benchmark Handbook", "title: Changed Handbook", 1)), 0o644))
	exe, err := os.Executable()
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, "build", "--source", dir)
	cmd.Env = append(os.Environ(), "GOVDOC_AS_MAIN=1")
	require.NoError(t, cmd.Start())
	staging := ""
	for staging == "" && ctx.Err() == nil {
		matches, _ := filepath.Glob(filepath.Join(dir, ".public.building-*", "*", "*", "index.html"))
		if len(matches) > 20 {
			staging = matches[0]
		}
		time.Sleep(time.Millisecond)
	}
	require.NotEmpty(t, staging, "the build never started writing")
	require.NoError(t, cmd.Process.Signal(sig))
	_ = cmd.Wait()
	assert.Equal(t, before, tree(t, out), "the old site is whole")

	// The next build publishes the new site whole.
	code, _, stderr = runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	after := tree(t, out)
	assert.Contains(t, after["index.html"], "Changed Handbook")
	assert.Equal(t, len(before), len(after))
}

func TestKilledBuildLeavesTheOldSiteWhole(t *testing.T) {
	interruptedBuild(t, syscall.SIGKILL)
}

func TestInterruptedBuildLeavesTheOldSiteWhole(t *testing.T) {
	interruptedBuild(t, syscall.SIGINT)
}

func TestNothingOutsideTheSiteIsReadAndTheSourceIsNeverWritten(t *testing.T) {
	outside := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("zqxoutsidesecret"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(outside, "dir"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(outside, "dir", "x.css"), []byte("zqxoutsidesecret"), 0o644))

	dir := t.TempDir()
	write(t, dir, map[string]string{
		"site.yaml":    siteYAML,
		"content/a.md": strings.Replace(good, "# Alpha", "# Alpha\n\n[up](../../../../secret.txt) [abs](/etc/passwd) ![pic](linked.txt)", 1),
	})
	require.NoError(t, os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "content", "linked.txt")))
	require.NoError(t, os.Symlink(filepath.Join(outside, "dir"), filepath.Join(dir, "content", "linkeddir")))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "static"), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(outside, "dir"), filepath.Join(dir, "static", "css2")))
	require.NoError(t, os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "static", "secret.txt")))
	require.NoError(t, os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "content", "b.md")))
	source := func() map[string]string {
		files := tree(t, dir)
		for name := range files {
			if strings.HasPrefix(name, "public"+string(filepath.Separator)) {
				delete(files, name)
			}
		}
		return files
	}
	before := source()

	code, _, stderr := runGovdoc(t, "build", "--source", dir)
	assert.Equal(t, 1, code, "the links out of the site are errors")
	assert.Contains(t, stderr, `"../../../../secret.txt" points outside the site's content [broken-link]`)
	assert.Contains(t, stderr, "content/linked.txt does not exist [broken-link]", "a symlink is not a file of the site")
	code, out := checkFormat(t, dir, "text")
	assert.Equal(t, 1, code, out)

	// Without the bad links the site builds, and nothing from outside is published.
	write(t, dir, map[string]string{"content/a.md": good})
	code, _, stderr = runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	for name, text := range tree(t, filepath.Join(dir, "public")) {
		assert.NotContains(t, text, "zqxoutsidesecret", name)
	}
	assert.NoFileExists(t, filepath.Join(dir, "public", "secret.txt"))
	assert.NoDirExists(t, filepath.Join(dir, "public", "css2"))
	assert.NoDirExists(t, filepath.Join(dir, "public", "linkeddir"))
	after := source()
	delete(before, filepath.Join("content", "a.md"))
	delete(after, filepath.Join("content", "a.md"))
	assert.Equal(t, before, after, "the build wrote nothing into the site's sources")
}
