package external_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/external"
)

type cachedEntry struct {
	Status  int    `json:"status"`
	Checked string `json:"checked"`
}

func readCache(t *testing.T, path string) map[string]cachedEntry {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var c map[string]cachedEntry
	require.NoError(t, json.Unmarshal(data, &c), "cache file is JSON: %s", data)
	return c
}

func cacheKeys(t *testing.T, path string) []string {
	t.Helper()
	return slices.Sorted(maps.Keys(readCache(t, path)))
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

var start = time.Date(2026, 3, 1, 9, 30, 15, 0, time.UTC)

func TestCache(t *testing.T) {
	var h hits
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		if r.URL.Path == "/bad" {
			w.WriteHeader(http.StatusNotFound)
		}
	})
	dir := t.TempDir()
	now := start
	opts := fast()
	opts.CacheFile = filepath.Join(dir, "cache", "links.json") // folder created on save
	opts.Now = func() time.Time { return now }
	links := []external.Link{{URL: srv.URL + "/good", Pos: at(1)}, {URL: srv.URL + "/bad", Pos: at(2)}}
	want := []string{srv.URL + "/bad answered 404 Not Found"}

	// First run: both requested; only the good answer is remembered.
	got, err := external.Check(t.Context(), links, opts)
	require.NoError(t, err)
	assert.Equal(t, want, messages(got))
	assert.Equal(t, 1, h.get("HEAD /good"))
	assert.Equal(t, 1, h.get("HEAD /bad"))
	assert.Equal(t, map[string]cachedEntry{
		srv.URL + "/good": {Status: 200, Checked: "2026-03-01T09:30:15Z"},
	}, readCache(t, opts.CacheFile))
	assert.Equal(t, []string{"links.json"}, dirNames(t, filepath.Dir(opts.CacheFile)), "no temporary file left")

	// Within the TTL: the good URL is not requested, the bad one is.
	h.reset()
	now = start.Add(23 * time.Hour)
	got, err = external.Check(t.Context(), links, opts)
	require.NoError(t, err)
	assert.Equal(t, want, messages(got))
	assert.Equal(t, 0, h.get("HEAD /good"))
	assert.Equal(t, 1, h.get("HEAD /bad"))

	// After the TTL: requested again and stamped anew.
	h.reset()
	now = start.Add(24 * time.Hour)
	got, err = external.Check(t.Context(), links, opts)
	require.NoError(t, err)
	assert.Equal(t, want, messages(got))
	assert.Equal(t, 1, h.get("HEAD /good"))
	assert.Equal(t, "2026-03-02T09:30:15Z", readCache(t, opts.CacheFile)[srv.URL+"/good"].Checked)
	assert.Equal(t, []string{"links.json"}, dirNames(t, filepath.Dir(opts.CacheFile)))
}

func TestCacheDropsExpiredAndKeepsFreshEntries(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {})
	path := filepath.Join(t.TempDir(), "links.json")
	require.NoError(t, os.WriteFile(path, []byte(`{
  "https://old.example/": {"status": 200, "checked": "2026-02-27T09:00:00Z"},
  "https://recent.example/": {"status": 301, "checked": "2026-03-01T08:00:00Z"},
  "https://bad.example/": {"status": 404, "checked": "2026-03-01T08:00:00Z"}
}`), 0o644))
	opts := fast()
	opts.CacheFile = path
	opts.Now = func() time.Time { return start }
	links := []external.Link{
		{URL: "https://recent.example/", Pos: at(1)}, // fresh in the cache: never requested
		{URL: srv.URL, Pos: at(2)},
	}
	got, err := external.Check(t.Context(), links, opts)
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.ElementsMatch(t, []string{"https://recent.example/", srv.URL}, cacheKeys(t, path))
}

func TestCorruptCacheIgnored(t *testing.T) {
	var h hits
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { h.add(r) })
	for name, content := range map[string]string{
		"not JSON":     "{not json",
		"wrong shape":  `["a", "b"]`,
		"bad time":     `{"` + srv.URL + `": {"status": 200, "checked": "yesterday"}}`,
		"empty file":   "",
		"JSON null":    "null",
		"wrong fields": `{"` + srv.URL + `": {"status": "ok"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			h.reset()
			path := filepath.Join(t.TempDir(), "links.json")
			require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
			opts := fast()
			opts.CacheFile = path
			got, err := external.Check(t.Context(), []external.Link{{URL: srv.URL, Pos: at(1)}}, opts)
			require.NoError(t, err)
			assert.Empty(t, got)
			assert.Equal(t, 1, h.total())
			assert.Equal(t, []string{srv.URL}, cacheKeys(t, path), "rewritten as a good cache")
		})
	}
}

func TestUnreadableCacheIsAnError(t *testing.T) {
	opts := fast()
	opts.CacheFile = t.TempDir() // a folder, not a file
	_, err := external.Check(t.Context(), nil, opts)
	assert.ErrorContains(t, err, "reading link cache")
}

func TestCacheSavedWhenLinksFail(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bad" {
			w.WriteHeader(http.StatusGone)
		}
	})
	path := filepath.Join(t.TempDir(), "links.json")
	opts := fast()
	opts.CacheFile = path
	got, err := external.Check(t.Context(), []external.Link{
		{URL: srv.URL + "/bad", Pos: at(1)}, {URL: srv.URL + "/ok", Pos: at(2)},
	}, opts)
	require.NoError(t, err)
	assert.Len(t, got, 1)
	assert.Equal(t, []string{srv.URL + "/ok"}, cacheKeys(t, path))
}
