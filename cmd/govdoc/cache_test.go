package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/internal/testtool"
)

// cachedSite is a site in git, with git placeholders, whose document links
// to srv: a check with --external and a build both have something to keep.
func cachedSite(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	dir := gitSite(t)
	write(t, dir, map[string]string{"content/a.md": gitDoc + "\n[portal](" + srv.URL + "/ok)\n"})
	return dir
}

// countingServer answers 200 to every request, and counts them.
func countingServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { requests.Add(1) }))
	t.Cleanup(srv.Close)
	return srv, &requests
}

// userCache is a new, empty user cache folder for the test.
func userCache(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", home)
	return home
}

func TestCacheNamesTheFolderOfEveryCache(t *testing.T) {
	srv, _ := countingServer(t)
	dir := cachedSite(t, srv)
	home := userCache(t)
	cache := filepath.Join(t.TempDir(), "handbook-cache")
	before := tree(t, dir)

	code, stdout, stderr := runGovdoc(t, "check", "--source", dir, "--external", "--cache", cache)
	assert.Equal(t, 0, code, stdout)
	assert.Empty(t, stderr)
	code, stdout, stderr = runGovdoc(t, "build", "--source", dir, "--out", t.TempDir(), "--cache", cache)
	assert.Equal(t, 0, code, stdout)
	assert.Empty(t, stderr)

	links, err := os.ReadFile(filepath.Join(cache, "links.json"))
	require.NoError(t, err)
	assert.Contains(t, string(links), srv.URL+"/ok")
	assert.FileExists(t, filepath.Join(cache, "git-history.gob"))
	segments, err := filepath.Glob(filepath.Join(cache, "results", "*", "seg-*.seg"))
	require.NoError(t, err)
	assert.NotEmpty(t, segments, "the stages' results")
	for name := range tree(t, cache) {
		name = filepath.ToSlash(name)
		assert.True(t, name == "links.json" || name == "git-history.gob" || strings.HasPrefix(name, "results/"), "only caches in the folder: %s", name)
	}
	assert.Empty(t, tree(t, home), "nothing in the user cache folder")
	assert.Equal(t, before, tree(t, dir), "nothing in the site")
}

func TestServeKeepsItsCachesInTheCacheFolder(t *testing.T) {
	dir := gitSite(t)
	home := userCache(t)
	cache := t.TempDir()
	p := startServe(t, "--source", dir, "--cache", cache)
	code, _ := fetch(t, p.url)
	assert.Equal(t, http.StatusOK, code)
	assert.FileExists(t, filepath.Join(cache, "git-history.gob"))
	assert.Empty(t, tree(t, home), "nothing in the user cache folder")
}

func TestNoCacheKeepsNothing(t *testing.T) {
	srv, requests := countingServer(t)
	dir := cachedSite(t, srv)
	home := userCache(t)
	before := tree(t, dir)

	for range 2 {
		code, stdout, stderr := runGovdoc(t, "check", "--source", dir, "--external", "--no-cache")
		assert.Equal(t, 0, code, stdout)
		assert.Empty(t, stderr)
	}
	assert.Equal(t, int32(2), requests.Load(), "the link is asked each time")
	out := t.TempDir()
	code, stdout, _ := runGovdoc(t, "build", "--source", dir, "--out", out, "--no-cache")
	assert.Equal(t, 0, code, stdout)
	assert.Empty(t, tree(t, home), "no cache anywhere")
	assert.Equal(t, before, tree(t, dir))
	fresh := tree(t, out)

	// Without the flag, the same runs keep their caches, and a build from
	// them is the same.
	code, _, _ = runGovdoc(t, "check", "--source", dir, "--external")
	assert.Equal(t, 0, code)
	site := filepath.Join(home, "govdoc", strings.ReplaceAll(strings.Trim(dir, "/"), "/", "_"))
	assert.FileExists(t, filepath.Join(site, "links.json"), "the default folder, per site")
	assert.FileExists(t, filepath.Join(site, "git-history.gob"))
	assert.DirExists(t, filepath.Join(site, "results"))
	for range 2 {
		code, stdout, _ = runGovdoc(t, "build", "--source", dir, "--out", out)
		assert.Equal(t, 0, code, stdout)
		assert.Equal(t, fresh, tree(t, out))
	}
}

func TestCacheAndNoCacheTogetherAreAUsageError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good})
	for _, cmd := range []string{"check", "build", "serve"} {
		code, _, stderr := runGovdoc(t, cmd, "--source", dir, "--cache", t.TempDir(), "--no-cache")
		assert.Equal(t, 2, code, cmd)
		assert.Contains(t, stderr, "[cache no-cache] were all set", cmd)
	}
}

func TestCacheNamingAFileIsTheLinkCacheAsBefore(t *testing.T) {
	srv, requests := countingServer(t)
	dir := cachedSite(t, srv)
	home := userCache(t)
	file := filepath.Join(t.TempDir(), "links.json")

	for range 2 {
		code, stdout, stderr := runGovdoc(t, "check", "--source", dir, "--external", "--cache", file)
		assert.Equal(t, 0, code, stdout)
		assert.Equal(t, "govdoc check: --cache "+file+" names a file, which is deprecated: name a folder, where govdoc keeps links.json and its other caches\n", stderr)
	}
	assert.Equal(t, int32(1), requests.Load(), "the second check takes the answer from the file")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Contains(t, string(data), srv.URL+"/ok")
	site := filepath.Join(home, "govdoc", strings.ReplaceAll(strings.Trim(dir, "/"), "/", "_"))
	assert.FileExists(t, filepath.Join(site, "git-history.gob"), "the other caches stay in the default folder")
	assert.NoFileExists(t, filepath.Join(site, "links.json"))

	// An existing file, whatever its name.
	other := filepath.Join(t.TempDir(), "linkcache")
	require.NoError(t, os.WriteFile(other, nil, 0o600))
	code, _, stderr := runGovdoc(t, "check", "--source", dir, "--external", "--cache", other)
	assert.Equal(t, 0, code)
	assert.Contains(t, stderr, "--cache "+other+" names a file")
	data, err = os.ReadFile(other)
	require.NoError(t, err)
	assert.Contains(t, string(data), srv.URL+"/ok")
}

func TestResolveCaches(t *testing.T) {
	home := userCache(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	site := filepath.Join(home, "govdoc", "handbook")
	t.Chdir("/")
	for _, tt := range []struct {
		name string
		opts cacheOptions
		want caches
		note bool
	}{
		{"default", cacheOptions{}, caches{filepath.Join(site, "links.json"), filepath.Join(site, "git-history.gob"), filepath.Join(site, "results")}, false},
		{"folder", cacheOptions{dir: dir}, caches{filepath.Join(dir, "links.json"), filepath.Join(dir, "git-history.gob"), filepath.Join(dir, "results")}, false},
		{"new folder", cacheOptions{dir: filepath.Join(dir, "new")}, caches{filepath.Join(dir, "new", "links.json"), filepath.Join(dir, "new", "git-history.gob"), filepath.Join(dir, "new", "results")}, false},
		{"json file", cacheOptions{dir: "x.JSON"}, caches{"x.JSON", filepath.Join(site, "git-history.gob"), filepath.Join(site, "results")}, true},
		{"existing file", cacheOptions{dir: file}, caches{file, filepath.Join(site, "git-history.gob"), filepath.Join(site, "results")}, true},
		{"none", cacheOptions{none: true}, caches{}, false},
	} {
		var stderr bytes.Buffer
		assert.Equal(t, tt.want, tt.opts.resolve("handbook", "govdoc check", &stderr), tt.name)
		assert.Equal(t, tt.note, stderr.Len() > 0, tt.name)
	}
}

func TestTheDefaultCacheFolderIsPerSite(t *testing.T) {
	home := userCache(t)
	a, b := defaultCacheDir("/srv/handbook"), defaultCacheDir("/srv/other")
	assert.Equal(t, filepath.Join(home, "govdoc", "srv_handbook"), a)
	assert.NotEqual(t, a, b)
	long := "/" + strings.Repeat("very-long-folder-name/", 10)
	la, lb := defaultCacheDir(long+"a"), defaultCacheDir(long+"b")
	assert.NotEqual(t, la, lb)
	assert.LessOrEqual(t, len(filepath.Base(la)), 100, "a name any file system takes")
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("HOME", "")
	assert.Empty(t, defaultCacheDir("/srv/handbook"), "no user cache folder, no cache")
}

func TestTheResultCacheIsOpenedInTheCacheFolder(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	s := openResults(caches{results: filepath.Join(dir, "results")}, "govdoc build", &stderr)
	require.NotNil(t, s)
	assert.Equal(t, filepath.Join(dir, "results"), s.Dir())
	assert.Empty(t, stderr.String())
	closeResults(context.Background(), s, "govdoc build", &stderr)
	assert.Empty(t, stderr.String())

	assert.Nil(t, openResults(caches{}, "govdoc build", &stderr), "no cache")
	file := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	assert.Nil(t, openResults(caches{results: file}, "govdoc build", &stderr))
	assert.Equal(t, "govdoc build: result cache: "+file+" is not a folder; running without it\n", stderr.String())
}

func TestTheIdentityOfABuild(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	exe := func() string { return "EXE" }
	const rev = "0123456789abcdef0123456789abcdef01234567"
	for _, tt := range []struct {
		name    string
		info    *debug.BuildInfo
		withExe bool
	}{
		{"release", &debug.BuildInfo{Main: debug.Module{Path: "github.com/govdoc/govdoc", Version: "v1.4.0"}}, false},
		{"clean commit", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs.revision", rev, "vcs.modified", "false")}, false},
		{"changed commit", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs.revision", rev, "vcs.modified", "true")}, true},
		{"dirty pseudo-version", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261130100000-0123456789ab+dirty"}}, true},
		{"no version control", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true},
		{"no build information", nil, true},
	} {
		id, ok := identityOf("", tt.info, exe)
		assert.True(t, ok, tt.name)
		assert.Equal(t, tt.withExe, strings.Contains(id, "executable EXE"), tt.name)
		if tt.info != nil {
			assert.Contains(t, id, tt.info.String(), tt.name)
		}
		_, ok = identityOf("", tt.info, func() string { return "" })
		assert.Equal(t, !tt.withExe, ok, "%s: an executable that cannot be read", tt.name)
	}
	a, _ := identityOf("", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, exe)
	b, _ := identityOf("", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.1"}}, exe)
	c, _ := identityOf("v1.4.1", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, exe)
	assert.NotEqual(t, a, b)
	assert.NotEqual(t, a, c)
}

func TestTheExecutableIsIdentifiedByItsGoBuildID(t *testing.T) {
	testtool.Need(t, "install Go", "go")
	exe, err := os.Executable()
	require.NoError(t, err)
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	require.NoError(t, err)
	id := executableID()
	if goBuildID(exe) == "" {
		assert.Regexp(t, `^sha256 [0-9a-f]{64}$`, id, "not ELF: the content's hash")
		return
	}
	assert.Equal(t, "go build ID "+strings.TrimSpace(string(out)), id)
}
