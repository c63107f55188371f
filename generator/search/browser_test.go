package search_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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
// and the results keep the documents' reading order across chunks.
func TestSearchLoadsEveryChunkBrowser(t *testing.T) {
	browser := browsertest.New(t)
	dir := t.TempDir()
	for name, data := range corpus.Generate(600, 1) {
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

	var tab context.Context
	search := func(query string) {
		t.Helper()
		var cancel context.CancelFunc
		tab, cancel = chromedp.NewContext(browser)
		t.Cleanup(cancel)
		require.NoError(t, chromedp.Do(tab, chromedp.Navigate("file://"+filepath.ToSlash(out)+"/index.html"), chromedp.SendKeys("#site-search-input", query)))
		want := fmt.Sprintf(`document.getElementById("site-search-status").textContent.includes(%q)`, "“"+query+"”")
		_, err := chromedp.Run(tab, chromedp.Poll[bool](want, chromedp.WithPollingInterval(25*time.Millisecond), chromedp.WithPollingTimeout(2*time.Minute)))
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

	last := res.Site.Documents[len(res.Site.Documents)-1]
	search(last.ID)
	require.NotEmpty(t, titles())
	assert.Equal(t, last.Title, titles()[0], "the last document, in the last chunk")
}
