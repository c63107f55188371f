package search_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/internal/browsertest"
	"github.com/govdoc/govdoc/generator/internal/corpus"
)

// TestSearchLoadsEveryChunkBrowser builds a handbook whose index is split
// into several chunks and searches it from file://: every chunk is loaded,
// the results keep the documents' reading order across chunks, and a word
// far beyond the opening the index holds of a text is found.
func TestSearchLoadsEveryChunkBrowser(t *testing.T) {
	dir := t.TempDir()
	files := corpus.Generate(600, 1)
	names := slices.Sorted(maps.Keys(files))
	deep := names[len(names)/2]
	files[deep] = append(files[deep], "\n\n"+strings.Repeat("Filler text of the appendix. ", 400)+"The Zanzibarian clause applies.\n"...)
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, data, 0o644))
	}
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()
	opts := generator.Options{Source: root.FS(), Theme: govdoc.Theme, Version: "test", Now: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}
	res, out, err := generator.Publish(context.Background(), opts, dir, filepath.Join(dir, "public"))
	require.NoError(t, err)
	chunks, err := filepath.Glob(filepath.Join(out, "search-index", "*.js"))
	require.NoError(t, err)
	require.Greater(t, len(chunks), 2, "the index of 600 documents has several chunks")
	browser := browsertest.New(t) // after the build, which its deadline does not bound

	// One page searches for each query in turn, so the index loads once.
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	require.NoError(t, chromedp.Do(tab, chromedp.Navigate("file://"+filepath.ToSlash(out)+"/index.html")))
	search := func(query string) {
		t.Helper()
		_, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(document.getElementById("site-search-input").value = "") === ""`))
		require.NoError(t, err)
		require.NoError(t, chromedp.Do(tab, chromedp.SendKeys("#site-search-input", query)))
		want := fmt.Sprintf(`document.getElementById("site-search-status").textContent.includes(%q)`, "“"+query+"”")
		_, err = chromedp.Run(tab, chromedp.Poll[bool](want, chromedp.WithPollingInterval(25*time.Millisecond), chromedp.WithPollingTimeout(2*time.Minute)))
		require.NoError(t, err, "no results for %q", query)
	}
	titles := func() []string {
		t.Helper()
		v, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#site-search-results [role=option] .site-search-title")].map(e => e.textContent)`))
		require.NoError(t, err)
		return v
	}
	status := func() string {
		t.Helper()
		v, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("site-search-status").textContent`))
		require.NoError(t, err)
		return v
	}

	search("purpose") // a heading of every document
	assert.Equal(t, "600 documents match “purpose”; the first 20 are shown.", status(), "the entries of every chunk")
	var first []string
	for _, d := range res.Site.Documents[:20] {
		first = append(first, d.Title)
	}
	assert.Equal(t, first, titles(), "equal matches in reading order")

	search("zanzibar")
	assert.Equal(t, "1 document matches “zanzibar”.", status(), "a word 12 KB into a text")
	for _, d := range res.Site.Documents {
		if d.Path == deep {
			assert.Equal(t, []string{d.Title}, titles())
		}
	}

	last := res.Site.Documents[len(res.Site.Documents)-1]
	search(last.ID)
	require.NotEmpty(t, titles())
	assert.Equal(t, last.Title, titles()[0], "the last document, in the last chunk")
}
