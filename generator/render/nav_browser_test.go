package render_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/internal/browsertest"
)

// buildExampleFiles builds the repository's example handbook into a
// temporary folder and returns its address as a file:// URL ending in "/",
// as a reader who opens the built site from disk sees it: no server, so
// search must load its index as a script.
func buildExampleFiles(t *testing.T) string {
	t.Helper()
	root, err := os.OpenRoot(filepath.Join("..", ".."))
	require.NoError(t, err)
	t.Cleanup(func() { root.Close() })
	out := filepath.Join(t.TempDir(), "site")
	opts := generator.Options{Source: root.FS(), Theme: govdoc.Theme, Version: "test", Now: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}
	_, _, err = generator.Publish(context.Background(), opts, filepath.Join("..", ".."), out)
	require.NoError(t, err)
	return "file://" + filepath.ToSlash(out) + "/"
}

// poll waits until a JavaScript expression is true in the tab, across
// page loads.
func poll(t *testing.T, tab context.Context, js string) {
	t.Helper()
	var err error
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(25 * time.Millisecond) {
		var ok bool
		if ok, err = chromedp.Run(tab, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
	}
	t.Fatalf("waiting for %s: %v", js, err)
}

// searched waits until the search results are those of query.
func searched(t *testing.T, tab context.Context, query string) {
	t.Helper()
	poll(t, tab, fmt.Sprintf(`document.getElementById("site-search-status").textContent.includes(%q)`, "“"+query+"”"))
}

// pressSlash presses "/" as a keyboard does: one key-down event with its
// text, so that a page that cancels the key-down also cancels the text.
// (chromedp.KeyEvent sends the text in an event of its own.)
func pressSlash() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		for _, ev := range []input.DispatchKeyEventParams{
			{Type: input.DispatchKeyEventTypeKeyDown, Key: "/", Code: "Slash", Text: "/", UnmodifiedText: "/", WindowsVirtualKeyCode: 191},
			{Type: input.DispatchKeyEventTypeKeyUp, Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191},
		} {
			if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, ev); err != nil {
				return err
			}
		}
		return nil
	})
}

// options returns the titles of the search results shown.
func options(t *testing.T, tab context.Context) []string {
	t.Helper()
	return eval[[]string](t, tab, `[...document.querySelectorAll("#site-search-results [role=option] .site-search-title")].map(e => e.textContent)`)
}

// TestSearchBrowser checks the header's search from file://: it loads the
// index, finds documents by a word of their text and by their ID, marks
// the words found, links from any page, and works from the keyboard.
func TestSearchBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base := buildExampleFiles(t)

	t.Run("a word of the text", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+seedPage)
		assert.True(t, visible(t, tab, ".site-search"), "search.js shows the search box")
		assert.Equal(t, "Search the handbook", eval[string](t, tab, `document.querySelector("label[for=site-search-input]").textContent`))
		require.NoError(t, chromedp.Do(tab, chromedp.SendKeys("#site-search-input", "yardstick")))
		searched(t, tab, "yardstick")
		assert.Equal(t, []string{"IT Governance Principles"}, options(t, tab), "the one document whose text has the word")
		assert.Equal(t, "true", eval[string](t, tab, `document.getElementById("site-search-input").getAttribute("aria-expanded")`))
		assert.Equal(t, "1 document matches “yardstick”.", text(t, tab, "#site-search-status"), "the status says how many match")
		assert.Equal(t, []string{"yardstick"}, eval[[]string](t, tab, `[...document.querySelectorAll("#site-search-results .site-search-snippet mark")].map(m => m.textContent)`),
			"the snippet marks the word")
		assert.Equal(t, base+"governance/0020_governance_principles/index.html",
			eval[string](t, tab, `document.querySelector("#site-search-results [role=option]").href`), "the link leads from this page to the document")
	})

	t.Run("a Document-ID, and the keyboard", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+"security/index.html")
		require.NoError(t, chromedp.Do(tab, pressSlash()))
		assert.Equal(t, "site-search-input", eval[string](t, tab, `document.activeElement.id`), `"/" focuses the search box`)
		assert.Equal(t, "", eval[string](t, tab, `document.getElementById("site-search-input").value`), `and is not typed into it`)
		require.NoError(t, chromedp.Do(tab, chromedp.KeyEvent("iso-38500-0230")))
		searched(t, tab, "iso-38500-0230")
		assert.Equal(t, "IT Management Responsibilities", options(t, tab)[0], "the document with the ID comes first")
		assert.Equal(t, "iso-38500-0230", eval[string](t, tab, `document.querySelector("#site-search-results [role=option] .doc-id mark").textContent`))

		require.NoError(t, chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowDown)))
		assert.Equal(t, "site-search-option-0", eval[string](t, tab, `document.getElementById("site-search-input").getAttribute("aria-activedescendant")`))
		assert.Equal(t, "true", eval[string](t, tab, `document.getElementById("site-search-option-0").getAttribute("aria-selected")`))
		assert.Equal(t, "site-search-input", eval[string](t, tab, `document.activeElement.id`), "focus stays in the box")
		require.NoError(t, chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowUp)))
		last := eval[int](t, tab, `document.querySelectorAll("#site-search-results [role=option]").length`) - 1
		assert.Equal(t, fmt.Sprintf("site-search-option-%d", last), eval[string](t, tab, `document.getElementById("site-search-input").getAttribute("aria-activedescendant")`), "ArrowUp wraps around")
		require.NoError(t, chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowDown)))

		require.NoError(t, chromedp.Do(tab, chromedp.KeyEvent(kb.Enter)))
		poll(t, tab, `location.pathname.endsWith("/governance/0230_it_management_responsibilities/index.html") && document.readyState === "complete"`)
		assert.Equal(t, "IT Management Responsibilities", text(t, tab, "h1"), "Enter opens the chosen result")
	})

	t.Run("Escape closes, then clears", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+"index.html")
		require.NoError(t, chromedp.Do(tab, chromedp.SendKeys("#site-search-input", "access control")))
		searched(t, tab, "access control")
		assert.Equal(t, "Access Control Policy", options(t, tab)[0], "a title with every word ranks first")
		assert.Equal(t, "security/0310_access_control_policy/index.html", eval[string](t, tab, `document.querySelector("#site-search-results [role=option]").getAttribute("href")`),
			"from the home page, links lead down into the sections")
		require.NoError(t, chromedp.Do(tab, chromedp.KeyEvent(kb.Escape)))
		assert.False(t, visible(t, tab, ".site-search-popup"))
		assert.Equal(t, "false", eval[string](t, tab, `document.getElementById("site-search-input").getAttribute("aria-expanded")`))
		require.NoError(t, chromedp.Do(tab, chromedp.KeyEvent(kb.Escape)))
		assert.Equal(t, "", eval[string](t, tab, `document.getElementById("site-search-input").value`))
	})

	t.Run("no match", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+"index.html")
		require.NoError(t, chromedp.Do(tab, chromedp.SendKeys("#site-search-input", "zzqqxx")))
		searched(t, tab, "zzqqxx")
		assert.Equal(t, "No documents match “zzqqxx”.", text(t, tab, "#site-search-status"))
		assert.Empty(t, options(t, tab))
	})
}

// TestThemeBrowser checks the light and dark themes: the system's
// preference by default, the header's button to choose, the choice kept for
// every page, and paper always light.
func TestThemeBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base := buildExampleFiles(t)
	bg := func(tab context.Context) string { return computed(t, tab, "body", "background-color") }
	const white, darkBG = "rgb(255, 255, 255)", "rgb(14, 20, 27)"

	t.Run("the system's preference", func(t *testing.T) {
		light := openTab(t, browser, 1280, 900, "")
		require.NoError(t, chromedp.Do(light, emulateMedia("", "light"), chromedp.Navigate(base+seedPage)))
		dark := openTab(t, browser, 1280, 900, "")
		require.NoError(t, chromedp.Do(dark, emulateMedia("", "dark"), chromedp.Navigate(base+seedPage)))
		assert.Equal(t, white, bg(light))
		assert.Equal(t, darkBG, bg(dark))
		assert.Equal(t, "", eval[string](t, dark, `document.documentElement.getAttribute("data-theme") ?? ""`), "no choice made, none set")
		assert.Equal(t, "true", eval[string](t, dark, `document.querySelector(".theme-toggle").getAttribute("aria-pressed")`), "the button says dark is on")
		assert.True(t, eval[bool](t, dark, `document.querySelector('head script[src$="js/theme.js"]:not([defer]):not([async])') !== null`),
			"theme.js runs in <head> before the body is drawn, so that a chosen theme shows without a flash")
	})

	t.Run("the button", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, "")
		require.NoError(t, chromedp.Do(tab, emulateMedia("", "light"), chromedp.Navigate(base+seedPage)))
		require.True(t, visible(t, tab, ".theme-toggle"), "theme.js shows the button")
		assert.Equal(t, "Dark theme", eval[string](t, tab, `document.querySelector(".theme-toggle").textContent.trim()`), "its name")
		assert.Equal(t, "false", eval[string](t, tab, `document.querySelector(".theme-toggle").getAttribute("aria-pressed")`))

		require.NoError(t, chromedp.Do(tab, chromedp.Click(".theme-toggle")))
		assert.Equal(t, "dark", eval[string](t, tab, `document.documentElement.getAttribute("data-theme")`))
		assert.Equal(t, "true", eval[string](t, tab, `document.querySelector(".theme-toggle").getAttribute("aria-pressed")`))
		assert.Equal(t, darkBG, bg(tab), "the page turns dark")
		assert.Equal(t, "dark", eval[string](t, tab, `localStorage.getItem("govdoc-theme")`))

		require.NoError(t, chromedp.Do(tab, chromedp.Navigate(base+"documents/index.html")))
		assert.Equal(t, "dark", eval[string](t, tab, `document.documentElement.getAttribute("data-theme")`), "the choice holds on the next page")
		assert.Equal(t, darkBG, bg(tab))

		require.NoError(t, chromedp.Do(tab, emulateMedia("print", "")))
		assert.Equal(t, white, bg(tab), "paper is light whatever the screen's theme")
		require.NoError(t, chromedp.Do(tab, emulateMedia("screen", "")))

		require.NoError(t, chromedp.Do(tab, chromedp.Click(".theme-toggle")))
		assert.Equal(t, "light", eval[string](t, tab, `document.documentElement.getAttribute("data-theme")`))
		assert.Equal(t, white, bg(tab))
	})

	t.Run("light chosen on a dark system", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, "")
		require.NoError(t, chromedp.Do(tab, emulateMedia("", "dark"), chromedp.Navigate(base+"index.html")))
		eval[any](t, tab, `localStorage.removeItem("govdoc-theme")`)
		require.NoError(t, chromedp.Do(tab, chromedp.Reload()))
		assert.Equal(t, darkBG, bg(tab))
		require.NoError(t, chromedp.Do(tab, chromedp.Click(".theme-toggle")))
		assert.Equal(t, white, bg(tab))
		assert.Equal(t, "light", eval[string](t, tab, `localStorage.getItem("govdoc-theme")`))
	})
}
