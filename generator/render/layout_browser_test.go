package render_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/internal/browsertest"
	"github.com/govdoc/govdoc/internal/testtool"
)

// rolesPage is a document of the example handbook whose matrix names a
// dozen roles.
const rolesPage = "governance/0200_governance_roles/index.html"

// TestMatrixLayoutBrowser checks how pages give matrices room, at 1280 px
// and on a 390 px phone: every column within the matrix's scrolling box,
// the activity column in view, short headers with the full names, and
// document pages with a matrix at the full width.
func TestMatrixLayoutBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base, _ := serveExample(t)

	for _, width := range []int64{1280, 390} {
		t.Run(fmt.Sprintf("matrices at %dpx", width), func(t *testing.T) {
			tab := openTab(t, browser, width, 844, "")
			for _, page := range []string{rolesPage, "responsibilities/index.html"} {
				require.NoError(t, chromedp.Do(tab, chromedp.Navigate(base+page)))
				roles := eval[int](t, tab, `document.querySelectorAll(".raci-wrap thead th[data-role]").length`)
				require.GreaterOrEqual(t, roles, 11, "%s: a matrix of a dozen roles", page)
				// Every header cell lies within what the matrix's box scrolls to.
				cut := eval[[]string](t, tab, `(() => {
					const out = [];
					for (const wrap of document.querySelectorAll(".raci-wrap")) {
						const box = wrap.getBoundingClientRect();
						for (const th of wrap.querySelectorAll("thead th")) {
							const r = th.getBoundingClientRect();
							const right = r.right - box.left - wrap.clientLeft + wrap.scrollLeft;
							if (right > wrap.scrollWidth + 1 || r.width < 20) out.push(th.textContent.trim() + " " + right + ">" + wrap.scrollWidth);
						}
					}
					return out;
				})()`)
				assert.Empty(t, cut, "%s: no column is cut off", page)
				assert.LessOrEqual(t, eval[int](t, tab, `document.documentElement.scrollWidth`), int(width), "%s: the page does not scroll sideways; too wide: %v", page,
					eval[[]string](t, tab, `[...document.querySelectorAll("body *")].filter(e => {
						if (e.getBoundingClientRect().right <= innerWidth + 1 || e.closest(".visually-hidden")) return false;
						for (let p = e.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return false;
						return true;
					}).slice(0, 8).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`))
				// Scrolled to its far right, the matrix keeps its activity column at its left.
				offset := eval[float64](t, tab, `(() => {
					const wrap = document.querySelector(".raci-wrap");
					wrap.scrollLeft = wrap.scrollWidth;
					const th = wrap.querySelector("tbody tr.raci-row th");
					return th.getBoundingClientRect().left - wrap.getBoundingClientRect().left - wrap.clientLeft;
				})()`)
				assert.InDelta(t, 0, offset, 1, "%s: the activity column stays in view", page)
			}
			// Headers show short names, with the full name on hover and for screen readers.
			require.NoError(t, chromedp.Do(tab, chromedp.Navigate(base+rolesPage)))
			head := eval[map[string]string](t, tab, `(() => {
				const a = document.querySelector('section.raci thead th[data-role="cio"] a');
				return {shown: a.querySelector(".role-short").innerText, title: a.title, read: a.querySelector(".visually-hidden").textContent};
			})()`)
			assert.Equal(t, map[string]string{"shown": "CIO", "title": "Chief Information Officer", "read": "Chief Information Officer"}, head)
		})
	}

	t.Run("a document with a matrix takes the full width", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+rolesPage)
		body := eval[float64](t, tab, `document.querySelector(".doc-body").getBoundingClientRect().width`)
		main := eval[float64](t, tab, `document.querySelector("main").clientWidth`)
		assert.Greater(t, body, main*0.85, "the body is as wide as the page's main column")
		assert.Less(t, eval[float64](t, tab, `document.querySelector(".doc-aside").getBoundingClientRect().bottom`),
			eval[float64](t, tab, `document.querySelector(".doc-body").getBoundingClientRect().top`)+1, "the details panel moves above the body")
		seed := openTab(t, browser, 1280, 900, base+seedPage)
		assert.Equal(t, "sticky", computed(t, seed, ".doc-aside", "position"), "a document without one keeps its side column")
	})

}

// TestPhoneMenuBrowser checks the phone's navigation, behind a Menu link
// that works without script, and tables of dates on a phone.
func TestPhoneMenuBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base, _ := serveExample(t)

	t.Run("phone menu without script", func(t *testing.T) {
		tab := openTab(t, browser, 390, 844, "")
		require.NoError(t, chromedp.Do(tab, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}), chromedp.Navigate(base+rolesPage)))
		require.True(t, eval[bool](t, tab, `document.querySelector(".site-search").hidden`), "no script runs: the search box stays hidden")
		assert.Equal(t, "none", computed(t, tab, ".sidebar", "display"), "the navigation waits behind the menu")
		assert.LessOrEqual(t, eval[float64](t, tab, `document.querySelector("main h1").getBoundingClientRect().bottom`), 844.0,
			"the document's heading is on the first screen")
		require.True(t, visible(t, tab, ".menu-button"))
		require.NoError(t, chromedp.Do(tab, chromedp.Click(".menu-button")))
		poll(t, tab, `location.hash === "#site-nav"`)
		assert.True(t, visible(t, tab, ".sidebar"), "the menu opens")
		assert.Contains(t, eval[[]string](t, tab, `[...document.querySelectorAll(".sidebar a")].filter(a => a.offsetParent).map(a => a.textContent.trim())`), "All documents")

		wide := openTab(t, browser, 1280, 900, base+rolesPage)
		assert.False(t, visible(t, wide, ".menu-button"), "no menu button on a wide screen")
		assert.False(t, visible(t, wide, ".menu-close"))
		assert.True(t, visible(t, wide, ".sidebar"))
	})

	t.Run("dates and versions do not wrap", func(t *testing.T) {
		tab := openTab(t, browser, 390, 844, base+rolesPage)
		lines := eval[[]int](t, tab, `[...document.querySelectorAll(".history-table time, .history-table tbody th")].map(e => e.getClientRects().length)`)
		require.NotEmpty(t, lines)
		for _, n := range lines {
			assert.Equal(t, 1, n, "each date and version on one line")
		}
		heights := eval[[]float64](t, tab, `[...document.querySelectorAll(".history-table time")].map(e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight || 20))`)
		for _, h := range heights {
			assert.Less(t, h, 1.5, "a date is one line high")
		}
	})

}

// TestPrintLayoutBrowser prints pages with a matrix, a long matrix and a
// long document, and reads the PDF's pages: none holds only the footer, a
// matrix continued on a page has its header row with its text, and
// "Referenced by" stays on one page.
func TestPrintLayoutBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base, _ := serveExample(t)

	t.Run("print", func(t *testing.T) {
		bin := testtool.Need(t, "apt-get install poppler-utils", "pdftotext")
		for _, page := range []string{rolesPage, "responsibilities/index.html"} {
			tab := openTab(t, browser, 1280, 900, base+page)
			refs := eval[[]string](t, tab, `[...document.querySelectorAll(".backlinks li a")].map(a => a.textContent.trim())`)
			pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
			require.NoError(t, err)
			pages := pdfPages(t, bin, pdf)
			require.NotEmpty(t, pages, page)
			footer := regexp.MustCompile(`Uncontrolled when printed|Page \d+ of \d+|Acme IT Governance Handbook · Acme Corp|Printed copies are uncontrolled\.[^\n]*`)
			for i, text := range pages {
				assert.NotEmpty(t, strings.TrimSpace(footer.ReplaceAllString(text, "")), "%s: page %d of %d holds more than the footer", page, i+1, len(pages))
				if i > 0 && strings.Contains(text, "Accountable: answers for it") == false && regexp.MustCompile(`(?m)^\s*\S.*\s{3,}[ARCI](/[ARCI])?\s`).MatchString(text) {
					assert.Contains(t, text, "ACTIVITY", "%s: page %d continues the matrix under its header row, with its text", page, i+1)
				}
			}
			all := strings.Join(pages, "\f")
			if n := strings.Count(all, "REFERENCED BY"); n > 0 {
				for _, text := range pages {
					if strings.Contains(text, "REFERENCED BY") {
						for _, r := range refs {
							assert.Contains(t, strings.Join(strings.Fields(text), " "), r, "%s: Referenced by is on one page", page)
						}
					}
				}
			}
			t.Logf("%s prints on %d pages", page, len(pages))
		}
	})
}

// pdfPages returns the text of each page of a PDF, as pdftotext lays it
// out.
func pdfPages(t *testing.T, bin string, pdf []byte) []string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "page.pdf")
	require.NoError(t, os.WriteFile(file, pdf, 0o644))
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", file, "-").Output()
	require.NoError(t, err, "pdftotext")
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	info, err := exec.Command(filepath.Join(filepath.Dir(bin), "pdfinfo"), file).Output()
	if err == nil {
		if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info); m != nil {
			n, _ := strconv.Atoi(string(m[1]))
			require.Equal(t, n, len(pages), "one text per page of the PDF")
		}
	}
	return pages
}
