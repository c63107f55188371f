package render_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
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
	for end := time.Now().Add(90 * time.Second); time.Now().Before(end); time.Sleep(25 * time.Millisecond) {
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

	t.Run("retired documents last", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+"index.html")
		require.NoError(t, chromedp.Do(tab, chromedp.SendKeys("#site-search-input", "roles")))
		searched(t, tab, "roles")
		got := options(t, tab)
		require.Contains(t, got, "Governance Roles (2024 edition)", "the Retired edition matches too")
		assert.Equal(t, "Governance Roles", got[0], "the edition in force first, though the Retired one comes first in reading order")
		retired := false
		for _, title := range got {
			if strings.Contains(title, "(2024 edition)") {
				retired = true
			} else {
				assert.False(t, retired, "%s comes after a Retired document: %v", title, got)
			}
		}
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

// auditJS checks a page as an accessibility checker would, for the things
// govdoc's theme promises, and returns the problems found: every image has
// alt text; every input, select and textarea a label; every button and
// link a name; the page has a banner, navigation, main and contentinfo
// landmark; and every visible text has a contrast of 4.5:1 (3:1 when
// large) with the background it is drawn on.
const auditJS = `(() => {
	const problems = [];
	const where = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
	const textOf = id => { const el = document.getElementById(id); return el ? el.textContent.trim() : ""; };
	const named = el => (el.getAttribute("aria-label") || "").trim() ||
		(el.getAttribute("aria-labelledby") || "").split(/\s+/).map(textOf).join("").trim() ||
		el.textContent.trim() || (el.getAttribute("title") || "").trim() ||
		[...el.querySelectorAll("img[alt]")].map(i => i.alt).join("").trim();

	for (const img of document.querySelectorAll("img")) if (!img.hasAttribute("alt")) problems.push("no alt: " + where(img));
	for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
		const labelled = (el.id && document.querySelector('label[for="' + el.id + '"]')) || el.closest("label") ||
			(el.getAttribute("aria-label") || "").trim() || (el.getAttribute("aria-labelledby") || "").split(/\s+/).map(textOf).join("").trim();
		if (!labelled) problems.push("no label: " + where(el));
	}
	for (const el of document.querySelectorAll("button, [role=button]")) if (!named(el)) problems.push("button without a name: " + where(el));
	for (const el of document.querySelectorAll("a[href]")) if (!named(el)) problems.push("link without a name: " + where(el));
	const landmarks = {banner: "header:not(main header, article header, aside header, section header, nav header), [role=banner]",
		navigation: "nav, [role=navigation]", main: "main, [role=main]", contentinfo: "footer:not(main footer, article footer), [role=contentinfo]"};
	for (const [name, sel] of Object.entries(landmarks)) if (!document.querySelector(sel)) problems.push("no " + name + " landmark");
	if (document.querySelectorAll("main").length !== 1) problems.push("not one main");
	for (const nav of document.querySelectorAll("nav")) if (!named(nav) && !nav.getAttribute("aria-labelledby")) problems.push("navigation without a name: " + where(nav));

	const parse = c => { const m = c.match(/[\d.]+/g); return m ? {r: +m[0], g: +m[1], b: +m[2], a: m.length > 3 ? +m[3] : 1} : {r: 0, g: 0, b: 0, a: 0}; };
	const over = (top, bottom) => ({r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1});
	const background = el => {
		const layers = [];
		for (let e = el; e; e = e.parentElement) {
			const c = parse(getComputedStyle(e).backgroundColor);
			if (c.a > 0) layers.push(c);
			if (c.a >= 1) break;
		}
		let bg = {r: 255, g: 255, b: 255, a: 1};
		if (!layers.length || layers[layers.length - 1].a < 1) bg = parse(getComputedStyle(document.documentElement).colorScheme === "dark" ? "rgb(0,0,0)" : "rgb(255,255,255)");
		for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
		return bg;
	};
	const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
	const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
	const seen = new Set();
	for (const el of document.body.querySelectorAll("*")) {
		if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
		if (el.closest("[aria-hidden=true], [hidden], svg, script, style, .visually-hidden, option")) continue;
		const s = getComputedStyle(el), r = el.getBoundingClientRect();
		if (s.display === "none" || s.visibility === "hidden" || r.width < 2 || r.height < 2 || +s.opacity < 0.1) continue;
		const fg = over(parse(s.color), background(el)), bg = background(el);
		const size = parseFloat(s.fontSize), bold = +s.fontWeight >= 700;
		const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
		const got = ratio(fg, bg);
		const key = where(el) + " " + s.color + " on " + JSON.stringify(bg);
		if (got < need && !seen.has(key)) {
			seen.add(key);
			problems.push("contrast " + got.toFixed(2) + " < " + need + ": " + where(el) + " " + JSON.stringify(el.textContent.trim().slice(0, 30)) + " " + s.color);
		}
	}
	return problems;
})()`

// TestAccessibilityBrowser runs auditJS on every kind of page in the light
// and dark themes, after the scripts have added their controls.
func TestAccessibilityBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base := buildExampleFiles(t)
	served, _ := serveExample(t) // the 404 page links from the server's root, so it is checked as a server shows it
	pages := []string{"index.html", seedPage, "governance/index.html", "documents/index.html", "tags/index.html", "tags/governance/index.html",
		"responsibilities/index.html", "roles/index.html", "roles/cio/index.html", "scorecards/index.html", "service/0420_it_service_performance/index.html", "changes/index.html",
		served + "404.html"}
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			tab := openTab(t, browser, 1280, 900, "")
			require.NoError(t, chromedp.Do(tab, emulateMedia("", scheme)))
			for _, page := range pages {
				url := base + page
				if strings.HasPrefix(page, "http") {
					url = page
				}
				require.NoError(t, chromedp.Do(tab, chromedp.Navigate(url)))
				poll(t, tab, `document.readyState === "complete"`)
				if page == seedPage {
					// With search results open: marks, badges and snippets.
					require.NoError(t, chromedp.Do(tab, chromedp.SendKeys("#site-search-input", "management")))
					searched(t, tab, "management")
				}
				assert.Empty(t, eval[[]string](t, tab, auditJS), "%s in the %s theme", page, scheme)
			}
		})
	}
}

// TestNavigationBrowser checks the sidebar's current page, the previous and
// next links, and the table of all documents: filters, sorting, the state
// in the address, and the plain table without JavaScript.
func TestNavigationBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base := buildExampleFiles(t)
	current := func(tab context.Context) []string {
		return eval[[]string](t, tab, `[...document.querySelectorAll(".sidebar [aria-current=page]")].map(a => a.textContent.trim() + " " + (a.href === location.href))`)
	}

	t.Run("the sidebar marks the current page", func(t *testing.T) {
		for page, want := range map[string]string{
			seedPage:                     "IT Management Responsibilities true",
			"documents/index.html":       "All documents true",
			"tags/index.html":            "Tags true",
			"tags/governance/index.html": "Tags false",
			"security/index.html":        "Information Security true",
		} {
			tab := openTab(t, browser, 1280, 900, base+page)
			assert.Equal(t, []string{want}, current(tab), page)
		}
	})

	t.Run("previous and next", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+seedPage)
		assert.False(t, eval[bool](t, tab, `!!document.querySelector(".doc-pager [rel=next]")`), "the section's last document has no next")
		require.NoError(t, chromedp.Do(tab, chromedp.Click(".doc-pager [rel=prev]")))
		poll(t, tab, `location.pathname.endsWith("/governance/0220_executive_responsibilities/index.html") && document.readyState === "complete"`)
		assert.Equal(t, "Executive Responsibilities", text(t, tab, "h1"))
		assert.Equal(t, "IT Management Responsibilities", text(t, tab, ".doc-pager [rel=next] .doc-pager-title"))
		assert.Equal(t, "Governance Roles", text(t, tab, ".doc-pager [rel=prev] .doc-pager-title"))
	})

	rows := func(tab context.Context, col int) []string {
		return eval[[]string](t, tab, fmt.Sprintf(`[...document.querySelectorAll("#doc-index tbody tr:not([hidden])")].map(tr => tr.cells[%d].textContent.trim())`, col))
	}
	sorted := func(tab context.Context, col int, desc bool) bool {
		return eval[bool](t, tab, fmt.Sprintf(`(() => {
			const v = [...document.querySelectorAll("#doc-index tbody tr")].map(tr => tr.cells[%d].textContent.trim());
			const s = v.slice().sort((a, b) => a.localeCompare(b, undefined, {numeric: true, sensitivity: "base"}));
			if (%t) s.reverse();
			return v.join("|") === s.join("|");
		})()`, col, desc))
	}

	t.Run("the index filters", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+"documents/index.html")
		require.True(t, visible(t, tab, ".doc-filter"), "docindex.js shows the filter")
		all := len(rows(tab, 0))
		assert.Equal(t, 18, all)
		assert.Equal(t, "18 documents", text(t, tab, "#doc-filter-count"))

		require.NoError(t, chromedp.Do(tab, chromedp.SendKeys("#doc-filter-text", "ciso")))
		poll(t, tab, `location.hash === "#q=ciso"`) // set once the rows are filtered
		owners := rows(tab, 2)
		assert.NotEmpty(t, owners)
		assert.Less(t, len(owners), all, "the text narrows the table")
		for _, o := range owners {
			assert.Equal(t, "Office of the CISO", o)
		}
		assert.Equal(t, fmt.Sprintf("%d of 18 documents", len(owners)), text(t, tab, "#doc-filter-count"), "the filter is kept in the address, and the count says how many show")

		require.NoError(t, chromedp.Do(tab, chromedp.SetValue("#doc-filter-status", "Approved"), chromedp.Evaluate[chromedp.Void](`document.getElementById("doc-filter-status").dispatchEvent(new Event("change"))`)))
		for _, st := range rows(tab, 3) {
			assert.Equal(t, "Approved", st, "text and status together")
		}

		require.NoError(t, chromedp.Do(tab, chromedp.Click(`.doc-filter button[type=reset]`)))
		poll(t, tab, `document.getElementById("doc-filter-count").textContent === "18 documents"`)
		assert.Len(t, rows(tab, 0), all, "Show all shows every row again")

		require.NoError(t, chromedp.Do(tab, chromedp.SetValue("#doc-filter-classification", "Public"), chromedp.Evaluate[chromedp.Void](`document.getElementById("doc-filter-classification").dispatchEvent(new Event("change"))`)))
		pub := rows(tab, 4)
		assert.NotEmpty(t, pub)
		for _, c := range pub {
			assert.Equal(t, "Public", c)
		}
	})

	t.Run("the index sorts", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+"documents/index.html")
		reading := rows(tab, 0)
		assert.Equal(t, []string{"ID", "Title", "Owner", "Status", "Classification", "Version", "Last update", "Next review"},
			eval[[]string](t, tab, `[...document.querySelectorAll("#doc-index thead th button")].map(b => b.textContent.trim())`), "every header is a button")
		assert.Zero(t, eval[int](t, tab, `document.querySelectorAll("#doc-index th[aria-sort]").length`), "reading order at first")

		require.NoError(t, chromedp.Do(tab, chromedp.Click(`#doc-index thead th:nth-child(2) button`)))
		assert.Equal(t, "ascending", eval[string](t, tab, `document.querySelector("#doc-index thead th:nth-child(2)").getAttribute("aria-sort")`))
		assert.True(t, sorted(tab, 1, false), "titles A to Z: %v", rows(tab, 1))
		assert.NotEqual(t, reading, rows(tab, 0), "the rows moved")
		require.NoError(t, chromedp.Do(tab, chromedp.Click(`#doc-index thead th:nth-child(2) button`)))
		assert.Equal(t, "descending", eval[string](t, tab, `document.querySelector("#doc-index thead th:nth-child(2)").getAttribute("aria-sort")`))
		assert.True(t, sorted(tab, 1, true), "titles Z to A: %v", rows(tab, 1))

		require.NoError(t, chromedp.Do(tab, chromedp.Click(`#doc-index thead th:nth-child(7) button`)))
		assert.Equal(t, 1, eval[int](t, tab, `document.querySelectorAll("#doc-index th[aria-sort]").length`), "one sorted column")
		assert.True(t, sorted(tab, 6, false), "dates, oldest first: %v", rows(tab, 6))

		require.NoError(t, chromedp.Do(tab, chromedp.Click(`#doc-index thead th:nth-child(4) button`)))
		order := map[string]int{"Draft": 0, "Review": 1, "Approved": 2, "Retired": 3}
		st := rows(tab, 3)
		for i := 1; i < len(st); i++ {
			assert.LessOrEqual(t, order[st[i-1]], order[st[i]], "statuses in site.yaml's order: %v", st)
		}
		assert.Equal(t, "#sort=status", eval[string](t, tab, `location.hash`))

		require.NoError(t, chromedp.Do(tab, chromedp.Navigate(base+"documents/index.html#q=governance&sort=-version")))
		poll(t, tab, `document.getElementById("doc-filter-text")?.value === "governance"`)
		assert.Equal(t, "descending", eval[string](t, tab, `document.querySelector("#doc-index thead th:nth-child(6)").getAttribute("aria-sort")`), "a shared address restores the view")
		v := rows(tab, 5)
		assert.Equal(t, "3.1", v[0], "versions by number, highest first: %v", v)
	})

	t.Run("print", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+"governance/0220_executive_responsibilities/index.html")
		require.NoError(t, chromedp.Do(tab, emulateMedia("print", "")))
		assert.Equal(t, "none", computed(t, tab, ".doc-pager", "display"), "no previous and next on paper")
		assert.Equal(t, "none", computed(t, tab, ".site-header", "display"), "nor the search box and theme button")
		require.NoError(t, chromedp.Do(tab, chromedp.Navigate(base+"documents/index.html")))
		assert.Equal(t, "none", computed(t, tab, ".doc-filter", "display"), "no filter on paper")
		assert.Len(t, rows(tab, 0), 18, "the whole table prints")
	})

	t.Run("without JavaScript a plain table", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, "")
		require.NoError(t, chromedp.Do(tab, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}), chromedp.Navigate(base+"documents/index.html")))
		assert.False(t, visible(t, tab, ".doc-filter"), "no filter without its script")
		assert.False(t, visible(t, tab, ".site-search"), "no search box without its script")
		assert.False(t, visible(t, tab, ".theme-toggle"), "no theme button without its script")
		assert.Len(t, rows(tab, 0), 18)
	})
}

// TestScreenshots writes screenshots of every kind of page, in the light
// and dark themes, at 1280 px and on a 390 px phone, for a reviewer to look
// at: to $GOVDOC_SCREENSHOTS, as KIND-THEME-WIDTH.png. They are not
// compared with anything, so it runs only when asked for, with that
// folder named.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("GOVDOC_SCREENSHOTS")
	if dir == "" {
		t.Skip("GOVDOC_SCREENSHOTS names no folder to write screenshots to")
	}
	base := buildExampleFiles(t)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	shots := []shot{
		{"home", "index.html", ""},
		{"section", "governance/index.html", ""},
		{"document", seedPage, ""},
		{"document-matrix", "governance/0200_governance_roles/index.html", `document.getElementById("govdoc-raci").scrollIntoView()`},
		{"scorecard", "service/0420_it_service_performance/index.html", `document.getElementById("govdoc-scorecard").scrollIntoView()`},
		{"document-end", "governance/0220_executive_responsibilities/index.html", `document.querySelector(".doc-pager").scrollIntoView({block: "end"})`},
		{"scorecards", "scorecards/index.html", ""},
		{"health", "health/index.html", ""},
		{"responsibilities", "responsibilities/index.html", ""},
		{"role", "roles/cio/index.html", `document.getElementById("owner-documents").scrollIntoView()`},
		{"owners", "owners/index.html", ""},
		{"owner", "owners/office-of-the-cio/index.html", ""},
		{"documents", "documents/index.html", ""},
		{"changes", "changes/index.html", ""},
		{"redline", "changes/security/0310_access_control_policy/index.html", ""},
		{"reviews", "reviews/index.html", ""},
		{"register", "register/index.html", ""},
		{"scorecard-period", "scorecards/itil-0420/2026-Q2/index.html", ""},
		{"presentation", "scorecards/itil-0420/present/index.html", ""},
		{"tag", "tags/governance/index.html", ""},
		{"search", seedPage, ""},
		{"404", "404.html", ""},
		{"menu", seedPage + "#site-nav", ""},
	}
	for _, width := range []int64{1280, 390} {
		for _, scheme := range []string{"light", "dark"} {
			// A browser for each few pages: each has browsertest.Timeout.
			for part := range slices.Chunk(shots, 6) {
				t.Run(fmt.Sprintf("%s %dpx %s", scheme, width, part[0].name), func(t *testing.T) { shoot(t, base, dir, width, scheme, part) })
			}
		}
	}
	t.Logf("screenshots of %d pages in the light and dark themes at 1280 and 390 px are in %s", len(shots), dir)
}

// shoot writes the screenshots of shots at one width in one theme.
func shoot(t *testing.T, base, dir string, width int64, scheme string, shots []shot) {
	browser := browsertest.New(t)
	{
		{
			tab := openTab(t, browser, width, map[int64]int64{1280: 900, 390: 844}[width], "")
			require.NoError(t, chromedp.Do(tab, emulateMedia("", scheme)))
			for _, s := range shots {
				require.NoError(t, chromedp.Do(tab, chromedp.Navigate(base+s.page)))
				poll(t, tab, `document.readyState === "complete"`)
				if s.js != "" {
					eval[any](t, tab, s.js)
				}
				if s.name == "search" {
					require.NoError(t, chromedp.Do(tab, chromedp.SendKeys("#site-search-input", "risk")))
					searched(t, tab, "risk")
					require.NoError(t, chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowDown+kb.ArrowDown)))
				}
				img, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
				require.NoError(t, err)
				w, err := pngWidth(img)
				require.NoError(t, err, s.name)
				assert.Equal(t, width, w, "%s: a screenshot of the %d px viewport", s.name, width)
				require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%s-%d.png", s.name, scheme, width)), img, 0o644))
			}
		}
	}
}

// shot is a page to take a screenshot of, and script to run first.
type shot struct {
	name, page, js string
}

// pngWidth returns the width of a PNG image.
func pngWidth(data []byte) (int64, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	return int64(cfg.Width), err
}
