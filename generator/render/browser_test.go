package render_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/internal/browsertest"
)

const seedPage = "governance/0230_it_management_responsibilities/index.html"

// TestBrowser builds the repository's example handbook with the built-in
// theme, serves it on loopback and checks in Chromium what a reader sees.
func TestBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base, pages := serveExample(t)

	t.Run("seed document", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+seedPage)

		assert.Equal(t, "IT Management Responsibilities", text(t, tab, "h1"))
		assert.Equal(t, 1, eval[int](t, tab, `document.querySelectorAll("h1").length`), "one h1 per page")

		assert.Equal(t, "Document control", eval[string](t, tab, `document.querySelector(".metadata h2").textContent.trim()`))
		assert.True(t, visible(t, tab, ".metadata"), "the Document control panel is visible")
		assert.Equal(t, map[string]string{
			"Document ID":    "iso-38500-0230",
			"Owner":          "Office of the CIO",
			"Version":        "1.0",
			"Status":         "Draft",
			"Classification": "Internal",
			"Last update":    "2026-11-01",
			"Next review":    "2027-11-01",
		}, eval[map[string]string](t, tab, `Object.fromEntries([...document.querySelectorAll(".metadata dt")]
			.map(dt => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()]))`))

		assert.True(t, visible(t, tab, ".banner-draft"), "the Draft banner is visible")
		assert.Contains(t, text(t, tab, ".banner-draft"), "Draft.")

		assert.Equal(t, "Purpose", eval[string](t, tab, `document.querySelector('.toc a[href="#purpose"]')?.textContent ?? ""`),
			"the table of contents links to the Purpose section")
		assert.True(t, eval[bool](t, tab, `document.getElementById("purpose") !== null`))

		scope := eval[[]string](t, tab, `(() => {
			for (let el = document.getElementById("scope"); el; el = el.nextElementSibling) {
				if (el.tagName === "UL") return [...el.children].map(li => li.textContent.trim());
			}
			return [];
		})()`)
		assert.Contains(t, scope, "Acme Corp", "the Scope list has the organization from site.yaml")

		assert.Empty(t, eval[[]string](t, tab, `(() => {
			const seen = new Set(), dup = [];
			for (const el of document.querySelectorAll("[id]")) {
				if (seen.has(el.id)) dup.push(el.id); else seen.add(el.id);
			}
			return dup;
		})()`), "no duplicate IDs")

		body := eval[string](t, tab, `document.body.innerText`)
		assert.NotContains(t, body, "{{")
		assert.NotContains(t, body, "<no value>")

		assert.Equal(t, "grid", computed(t, tab, ".layout", "display"), "govdoc.css lays the page out")
		assert.Contains(t, computed(t, tab, "body", "font-family"), "system-ui", "govdoc.css sets the font")
		assert.Equal(t, "sticky", computed(t, tab, ".doc-aside", "position"), "the aside is a column beside the body on a wide screen")
	})

	t.Run("skip link is the first focusable element", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+seedPage)
		assert.False(t, visible(t, tab, ".skip-link"), "the skip link is off screen until focused")
		require.NoError(t, chromedp.Do(tab, chromedp.KeyEvent(kb.Tab)))
		assert.Equal(t, "skip-link", eval[string](t, tab, `document.activeElement.className`))
		assert.True(t, visible(t, tab, ".skip-link"), "the focused skip link is on screen")
		require.NoError(t, chromedp.Do(tab, chromedp.KeyEvent(kb.Enter)))
		assert.Equal(t, "main", eval[string](t, tab, `document.activeElement.id`), "the skip link moves focus to the main content")
	})

	t.Run("home page", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+"index.html")
		assert.Equal(t, []string{
			"IT Governance", "Information Security", "Service Management", "Risk and Compliance", "Portfolio and Investment",
		}, eval[[]string](t, tab, `[...document.querySelectorAll(".cards .card h3")].map(h => h.textContent.trim())`))
		assert.Equal(t, "Recently updated", text(t, tab, "#recent-heading"))
		recent := eval[[]string](t, tab, `[...document.querySelectorAll("[aria-labelledby=recent-heading] .recent li a")].map(a => a.textContent.trim())`)
		assert.Len(t, recent, 10, "the ten most recently updated documents")
		dates := eval[[]string](t, tab, `[...document.querySelectorAll("[aria-labelledby=recent-heading] .recent li time")].map(t => t.getAttribute("datetime"))`)
		require.Len(t, dates, 10)
		assert.IsNonIncreasing(t, dates, "newest first")
		assert.Equal(t, "page", eval[string](t, tab, `document.querySelector(".sidebar a[aria-current]").getAttribute("aria-current")`))
	})

	t.Run("no horizontal overflow at 375px", func(t *testing.T) {
		tab := openTab(t, browser, 375, 812, "")
		for _, page := range pages {
			require.NoError(t, chromedp.Do(tab, chromedp.Navigate(base+page)))
			assert.LessOrEqual(t, eval[int](t, tab, `document.documentElement.scrollWidth`), eval[int](t, tab, `window.innerWidth`), page)
		}
		require.NoError(t, chromedp.Do(tab, chromedp.Navigate(base+seedPage)))
		assert.Less(t, eval[float64](t, tab, `document.querySelector(".doc-aside").getBoundingClientRect().top`),
			eval[float64](t, tab, `document.querySelector(".doc-body").getBoundingClientRect().top`),
			"on a narrow screen the metadata panel comes before the body")
	})

	t.Run("dark colour scheme", func(t *testing.T) {
		light := openTab(t, browser, 1280, 900, base+seedPage)
		dark := openTab(t, browser, 1280, 900, "")
		require.NoError(t, chromedp.Do(dark, emulateMedia("", "dark"), chromedp.Navigate(base+seedPage)))
		assert.NotEqual(t, computed(t, light, "body", "background-color"), computed(t, dark, "body", "background-color"))
	})

	t.Run("print", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+seedPage)
		require.NoError(t, chromedp.Do(tab, emulateMedia("print", "")))
		assert.Equal(t, "none", computed(t, tab, ".sidebar", "display"), "no navigation on paper")
		assert.Equal(t, "none", computed(t, tab, ".skip-link", "display"))
		assert.True(t, visible(t, tab, ".metadata"), "document control stays on paper")
		assert.True(t, visible(t, tab, ".banner-draft"), "the Draft banner stays on paper")

		pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(pdf, []byte("%PDF")), "a PDF file")
		assert.Greater(t, len(pdf), 1000)
	})
}

// serveExample builds the example handbook at the repository root into a
// temporary folder and serves it on loopback. It returns the base URL, with
// a trailing slash, and the paths of the HTML pages.
func serveExample(t *testing.T) (string, []string) {
	t.Helper()
	root, err := os.OpenRoot(filepath.Join("..", ".."))
	require.NoError(t, err)
	t.Cleanup(func() { root.Close() })
	out := filepath.Join(t.TempDir(), "site")
	opts := generator.Options{
		Source:  root.FS(),
		Theme:   govdoc.Theme,
		Version: "test",
		Now:     time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC),
	}
	res, _, err := generator.Publish(context.Background(), opts, filepath.Join("..", ".."), out)
	if res != nil {
		for _, f := range res.Findings {
			t.Log(f)
		}
	}
	require.NoError(t, err)
	var pages []string
	require.NoError(t, fs.WalkDir(os.DirFS(out), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && path.Ext(p) == ".html" {
			pages = append(pages, p)
		}
		return err
	}))
	require.Contains(t, pages, seedPage)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	return srv.URL + "/", pages
}

// openTab opens a new tab of browser with a viewport of width by height CSS
// pixels and loads url, unless url is empty.
func openTab(t *testing.T, browser context.Context, width, height int64, url string) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	steps := []chromedp.Action[chromedp.Void]{chromedp.EmulateViewport(width, height)}
	if url != "" {
		steps = append(steps, chromedp.Navigate(url))
	}
	require.NoError(t, chromedp.Do(tab, steps...))
	return tab
}

// emulateMedia sets the emulated media type ("print", or "" for screen) and
// prefers-color-scheme ("light", "dark", or "" to leave it).
func emulateMedia(media, scheme string) chromedp.Action[chromedp.Void] {
	params := emulation.SetEmulatedMediaParams{Media: media}
	if scheme != "" {
		params.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, params)
		return err
	})
}

// eval evaluates a JavaScript expression in the tab.
func eval[T any](t *testing.T, tab context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](js))
	require.NoError(t, err, js)
	return v
}

// text returns the rendered text of the first element sel matches.
func text(t *testing.T, tab context.Context, sel string) string {
	t.Helper()
	return strings.TrimSpace(eval[string](t, tab, fmt.Sprintf(`document.querySelector(%q).innerText`, sel)))
}

// computed returns a computed style property of the first element sel matches.
func computed(t *testing.T, tab context.Context, sel, prop string) string {
	t.Helper()
	return eval[string](t, tab, fmt.Sprintf(`getComputedStyle(document.querySelector(%q)).getPropertyValue(%q)`, sel, prop))
}

// visible reports whether the first element sel matches is rendered, has a
// size and lies at least partly inside the page's horizontal extent and
// below its top.
func visible(t *testing.T, tab context.Context, sel string) bool {
	t.Helper()
	return eval[bool](t, tab, fmt.Sprintf(`(() => {
		const el = document.querySelector(%q);
		if (!el) return false;
		const s = getComputedStyle(el), r = el.getBoundingClientRect();
		return s.display !== "none" && s.visibility !== "hidden" && r.width > 0 && r.height > 0 &&
			r.bottom > 0 && r.right > 0 && r.left < document.documentElement.clientWidth;
	})()`, sel))
}
