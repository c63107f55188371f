package serve_test

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/internal/browsertest"
	"github.com/govdoc/govdoc/generator/serve"
)

// TestLivePreviewInTheBrowser edits a site on disk while Chromium shows one
// of its pages, as an author does: the page reloads by itself, shows the
// errors of a broken edit over the last good version, and the fixed text
// once the edit is fixed.
func TestLivePreviewInTheBrowser(t *testing.T) {
	browser := browsertest.New(t)
	dir := t.TempDir()
	const page = "content/security/0310_access_control_policy.md"
	writeFiles(t, dir, map[string]string{
		"site.yaml":                "title: Live Handbook\nmeta: {owner: Office of the CIO}\naudience: Internal\n",
		page:                       doc("sec-0310", "First paragraph text."),
		"content/security/0300.md": doc("sec-0300", "Another document."),
	})
	base := startPreview(t, dir)
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)

	require.NoError(t, chromedp.Do(tab, chromedp.Navigate(base+"security/0310_access_control_policy/")))
	waitFor(t, tab, `document.body.innerText.includes("First paragraph text.")`)
	waitFor(t, tab, `window.__govdocLive === true`)
	eval[int](t, tab, `window.__marker = 1`)

	// A good edit: the page reloads and shows it.
	writeFiles(t, dir, map[string]string{page: doc("sec-0310", "Second paragraph text.")})
	waitFor(t, tab, `window.__marker === undefined && document.body.innerText.includes("Second paragraph text.")`)
	assert.False(t, eval[bool](t, tab, `document.body.innerText.includes("First paragraph text.")`))
	eval[int](t, tab, `window.__marker = 2`)

	// A stylesheet edit (in a static/ folder made just now): the styles are
	// swapped without a reload.
	css, err := fs.ReadFile(govdoc.Theme, "static/css/govdoc.css")
	require.NoError(t, err)
	writeFiles(t, dir, map[string]string{"static/css/govdoc.css": string(css) + "\nbody { outline: 3px solid rgb(1, 2, 3); }\n"})
	waitFor(t, tab, `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)
	assert.Equal(t, 2, eval[int](t, tab, `window.__marker`), "the page did not reload")
	assert.Contains(t, eval[string](t, tab, `document.querySelector('link[rel="stylesheet"]').href`), "?govdoc=")

	// A broken edit: the overlay names the file and the rule, over the
	// last good text, without a reload.
	writeFiles(t, dir, map[string]string{page: "---\nDocument-ID: sec-0310\nOwner: [unclosed\n---\n# Broken\n\nBroken paragraph text.\n"})
	waitFor(t, tab, `document.getElementById("govdoc-live-errors") !== null`)
	overlay := eval[string](t, tab, `document.getElementById("govdoc-live-errors").innerText`)
	assert.Contains(t, overlay, "The last change has errors; showing the last good version")
	assert.Contains(t, overlay, page+":3:")
	assert.Contains(t, overlay, "frontmatter-syntax")
	assert.Equal(t, "alert", eval[string](t, tab, `document.getElementById("govdoc-live-errors").getAttribute("role")`))
	assert.Equal(t, "fixed", eval[string](t, tab, `getComputedStyle(document.getElementById("govdoc-live-errors")).position`))
	assert.True(t, eval[bool](t, tab, `document.querySelector("main").innerText.includes("Second paragraph text.")`), "the last good text stays")
	assert.False(t, eval[bool](t, tab, `document.body.innerText.includes("Broken paragraph text.")`))
	assert.Equal(t, 2, eval[int](t, tab, `window.__marker`), "the page did not reload")

	// A page opened now shows the errors too.
	tab2, cancel2 := chromedp.NewContext(browser)
	t.Cleanup(cancel2)
	require.NoError(t, chromedp.Do(tab2, chromedp.Navigate(base+"security/0310_access_control_policy/")))
	waitFor(t, tab2, `document.getElementById("govdoc-live-errors")?.innerText.includes("frontmatter-syntax") === true`)
	require.NoError(t, chromedp.Do(tab2, chromedp.Navigate("about:blank")))

	// The fix: the overlay goes and the fixed text shows.
	writeFiles(t, dir, map[string]string{page: doc("sec-0310", "Fixed paragraph text.")})
	waitFor(t, tab, `document.getElementById("govdoc-live-errors") === null && document.body.innerText.includes("Fixed paragraph text.")`)
	assert.True(t, eval[bool](t, tab, `window.__marker === undefined`), "the page reloaded")
}

// startPreview serves a site folder with live reload on a free loopback
// port until the test ends, as govdoc serve does, and returns its URL.
func startPreview(t *testing.T, dir string) string {
	t.Helper()
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	t.Cleanup(func() { root.Close() })
	session := generator.NewSession(generator.Options{Source: root.FS(), Theme: govdoc.Theme, Version: "test", Now: testNow})
	srv := serve.New(session, serve.Options{Log: testLog{t}})
	w, err := serve.NewWatcher(dir, serve.WatchOptions{Debounce: debounce})
	require.NoError(t, err)
	u, err := srv.Rebuild(context.Background(), nil)
	require.NoError(t, err)
	require.False(t, u.Failed(), "%v", u.Result.Findings)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	hs.RegisterOnShutdown(srv.Close)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	ctx, cancel := context.WithCancel(context.Background())
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		_ = w.Run(ctx, func(changed []string) { _, _ = srv.Rebuild(ctx, changed) })
	}()
	t.Cleanup(func() {
		cancel()
		<-watched
		w.Close()
		// The browser may still hold connections it opened in advance;
		// Shutdown waits seconds for those, so it gets a moment, then Close.
		sctx, scancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer scancel()
		if hs.Shutdown(sctx) != nil {
			hs.Close()
		}
		assert.True(t, errors.Is(<-served, http.ErrServerClosed))
	})
	return "http://" + ln.Addr().String() + "/"
}

// testLog writes the preview's lines to the test log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// waitFor evaluates a JavaScript condition in the page until it is true; a
// page that is reloading meanwhile is asked again.
func waitFor(t *testing.T, tab context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second) // a busy machine, not a slow page
	for {
		ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(() => { try { return !!(`+cond+`); } catch (e) { return false; } })()`))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			text, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
			require.FailNow(t, "timed out waiting for "+cond, "error: %v\npage text:\n%s", err, text)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, tab context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](expr))
	require.NoError(t, err, expr)
	return v
}
