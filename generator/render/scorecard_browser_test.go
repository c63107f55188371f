package render_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/internal/browsertest"
	"github.com/govdoc/govdoc/internal/testtool"
)

// The example handbook's scorecards and the scorecards page.
const (
	servicePage    = "service/0420_it_service_performance/index.html"
	portfolioPage  = "portfolio/0620_project_delivery/index.html"
	scorecardsPage = "scorecards/index.html"
)

// The page margins of govdoc.css's @page rule (18mm 16mm 20mm), in inches,
// and the width left for the content on A4 paper, in CSS pixels.
const (
	mmPerInch      = 25.4
	marginTop      = 18 / mmPerInch
	marginSide     = 16 / mmPerInch
	marginBottom   = 20 / mmPerInch
	printableWidth = (210 - 16 - 16) / mmPerInch * 96
)

// statusWords are the words a status badge shows for each data-status.
var statusWords = map[string]string{"green": "Green", "amber": "Amber", "red": "Red", "grey": "No value"}

// TestScorecardBrowser checks the example handbook's scorecards in
// Chromium: the scored period and its badges, switching periods with the
// period in the address, a small screen, the dark scheme, printing on A4,
// and the scorecards page.
func TestScorecardBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base, _ := serveExample(t)

	t.Run("scored period", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+servicePage)
		assert.True(t, visible(t, tab, "#scorecard-period"), "scorecard.js shows the period selector")
		assert.Equal(t, "Period", eval[string](t, tab, `(() => {
			const labels = document.getElementById("scorecard-period").labels;
			return labels.length === 1 ? labels[0].textContent.trim() : "";
		})()`), "the selector has one label")
		assert.Equal(t, "2026-Q3", visiblePeriod(t, tab), "the scored period shows")
		assert.Equal(t, "2026-Q3", eval[string](t, tab, `document.querySelector(".sc-view[data-scored]").dataset.period`))

		assert.Equal(t, map[string]string{
			"uptime": "green", "service-availability": "green", "planned-downtime": "amber", "incident-impact": "green",
			"response-time": "red", "resource-utilization": "amber", "user-satisfaction": "green",
		}, visibleStatuses(t, tab))
		checkBadges(t, tab)
		assert.Equal(t, map[string]string{"green": "4", "amber": "2", "red": "1"}, eval[map[string]string](t, tab, `Object.fromEntries(
			[...document.querySelectorAll(".sc-view:not([hidden]) .sc-count")].map(li => [li.classList[1].slice(3), li.querySelector("strong").textContent]))`),
			"the summary counts the statuses of the rows")
		assert.Equal(t, "79%", text(t, tab, ".sc-view:not([hidden]) .sc-score strong"))
		assert.Contains(t, eval[string](t, tab, `document.body.innerText`), "amber counts half", "the score is explained")

		assert.Len(t, eval[[]string](t, tab, `[...new Set([...document.querySelectorAll(".sc-view:not([hidden]) .sc-status")]
			.map(b => { const s = getComputedStyle(b); return [s.borderTopStyle, s.borderTopWidth, s.borderTopLeftRadius].join(" "); }))]`), 3,
			"green, amber and red badges differ in their borders, not only their colours")

		assert.Equal(t, "none", computed(t, tab, ".trend-line", "fill"), "the trend line is a line, not a filled shape")
		assert.Empty(t, eval[[]string](t, tab, `[...document.querySelectorAll(".sc-view:not([hidden]) svg.trend")]
			.filter(svg => { const s = svg.getBoundingClientRect(), c = svg.closest("td").getBoundingClientRect(); return s.width < 60 || s.left < c.left || s.right > c.right; })
			.map(svg => svg.getAttribute("aria-label"))`), "each chart fits its cell")
		assert.LessOrEqual(t, eval[int](t, tab, `document.querySelector(".sc-view:not([hidden]) .table-wrap").scrollWidth`),
			eval[int](t, tab, `document.querySelector(".sc-view:not([hidden]) .table-wrap").clientWidth`), "the table fits the body on a wide screen")
	})

	t.Run("switch period", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+servicePage)
		eval[bool](t, tab, `(window.govdocMarker = true)`)
		entries := eval[int](t, tab, `history.length`)

		selectPeriod(t, tab, "2026-Q1")
		assert.Equal(t, "2026-Q1", visiblePeriod(t, tab), "the chosen period shows instead")
		assert.Equal(t, "#period=2026-Q1", eval[string](t, tab, `location.hash`))
		assert.True(t, eval[bool](t, tab, `window.govdocMarker === true`), "no page load")
		assert.Equal(t, entries, eval[int](t, tab, `history.length`), "no new history entry")
		assert.Equal(t, map[string]string{
			"uptime": "green", "service-availability": "green", "planned-downtime": "green", "incident-impact": "green",
			"response-time": "green", "resource-utilization": "green", "user-satisfaction": "amber",
		}, visibleStatuses(t, tab))
		checkBadges(t, tab)
		assert.Equal(t, "93%", text(t, tab, ".sc-view:not([hidden]) .sc-score strong"))
		assert.Equal(t, []string{"2026-Q1"}, eval[[]string](t, tab, `[...new Set([...document.querySelectorAll(".sc-view:not([hidden]) .trend-current")].map(c => c.dataset.period))]`),
			"the charts mark the period shown")

		require.NoError(t, chromedp.Do(tab, chromedp.Reload()))
		assert.False(t, eval[bool](t, tab, `window.govdocMarker === true`), "a new page")
		assert.Equal(t, "2026-Q1", eval[string](t, tab, `document.getElementById("scorecard-period").value`), "a reload keeps the period")
		assert.Equal(t, "2026-Q1", visiblePeriod(t, tab))
	})

	t.Run("period in the address", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+servicePage+"#period=2026-Q2")
		assert.Equal(t, "2026-Q2", eval[string](t, tab, `document.getElementById("scorecard-period").value`))
		assert.Equal(t, "2026-Q2", visiblePeriod(t, tab))
		assert.Equal(t, "amber", eval[string](t, tab, `document.querySelector('.sc-view:not([hidden]) tr[data-metric="uptime"]').dataset.status`))

		tab = openTab(t, browser, 1280, 900, base+servicePage+"#period=2031-Q9")
		assert.Equal(t, "2026-Q3", visiblePeriod(t, tab), "a period the scorecard does not have leaves the scored one")
	})

	t.Run("small screen", func(t *testing.T) {
		tab := openTab(t, browser, 375, 812, base+servicePage)
		assert.LessOrEqual(t, eval[int](t, tab, `document.documentElement.scrollWidth`), 375, "the page does not scroll sideways")
		wrap := `document.querySelector(".sc-view:not([hidden]) .table-wrap")`
		require.Greater(t, eval[int](t, tab, wrap+`.scrollWidth`), eval[int](t, tab, wrap+`.clientWidth`), "the table scrolls inside its box")
		assert.InDelta(t, 0, eval[float64](t, tab, `(() => {
			const wrap = `+wrap+`;
			wrap.scrollLeft = 200;
			return wrap.querySelector("tbody th").getBoundingClientRect().left - wrap.getBoundingClientRect().left - wrap.clientLeft;
		})()`), 1, "the metric names stay in view")
	})

	t.Run("dark colour scheme", func(t *testing.T) {
		for _, scheme := range []string{"light", "dark"} {
			tab := openTab(t, browser, 1280, 900, "")
			require.NoError(t, chromedp.Do(tab, emulateMedia("", scheme), chromedp.Navigate(base+servicePage)))
			contrast := eval[map[string]float64](t, tab, `(() => {
				const rgb = c => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
				const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
				const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
				const bg = getComputedStyle(document.body).backgroundColor;
				const paint = (sel, prop) => getComputedStyle(document.querySelector(".sc-view:not([hidden]) svg.trend " + sel))[prop];
				return {
					line: ratio(paint(".trend-line", "stroke"), bg),
					target: ratio(paint(".trend-target", "stroke"), bg),
					amber: ratio(paint(".trend-amber", "stroke"), bg),
					"green point": ratio(paint(".trend-point.status-green", "fill"), bg),
					"amber point": ratio(paint(".trend-point.status-amber", "stroke"), bg),
					"red point": ratio(paint(".trend-point.status-red", "fill"), bg),
				};
			})()`)
			for part, ratio := range contrast {
				assert.GreaterOrEqual(t, ratio, 3.0, "%s: the chart's %s stands out from the background", scheme, part)
			}
		}
	})

	for _, page := range []struct {
		name, path string
		metrics    int
		pages      int // the PDF's page count when the test was written
	}{
		{"service", servicePage, 7, 4},
		{"portfolio", portfolioPage, 6, 3},
	} {
		t.Run("print "+page.name, func(t *testing.T) {
			width := printableWidth // the page's width on paper
			tab := openTab(t, browser, int64(width), 1100, base+page.path)
			scored := eval[string](t, tab, `document.querySelector(".sc-view[data-scored]").dataset.period`)
			selectPeriod(t, tab, eval[string](t, tab, `document.getElementById("scorecard-period").options[0].value`))
			require.NotEqual(t, scored, visiblePeriod(t, tab))
			names := eval[[]string](t, tab, `[...document.querySelectorAll(".sc-view[data-scored] tr.sc-metric th")].map(th => th.firstChild.textContent.trim())`)
			require.Len(t, names, page.metrics)

			require.NoError(t, chromedp.Do(tab, emulateMedia("print", "")))
			assert.Equal(t, "none", computed(t, tab, ".sc-controls", "display"), "no period selector on paper")
			assert.Equal(t, scored, visiblePeriod(t, tab), "paper shows the scored period, whichever is on screen")
			body := eval[string](t, tab, `document.body.innerText`)
			for _, name := range names {
				assert.Contains(t, body, name)
			}
			assert.Empty(t, eval[[]string](t, tab, fmt.Sprintf(`[...document.querySelectorAll(".sc-view[data-scored] :is(.sc-summary, .table-wrap, .sc-table, svg.trend)")]
				.filter(el => { const r = el.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > %f; })
				.map(el => el.getAttribute("class"))`, printableWidth+0.5)), "nothing is wider than A4's printable width")
			assert.Empty(t, eval[[]string](t, tab, `[...document.querySelectorAll(".sc-view[data-scored] .table-wrap")]
				.filter(w => w.scrollWidth > w.clientWidth || getComputedStyle(w).overflowX !== "visible").map(w => w.firstElementChild.className)`),
				"no table scrolls on paper")

			pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(
				chromedp.PDFPaper(chromedp.PaperSize{Width: 8.27, Height: 11.69}),
				chromedp.PDFMargins(marginTop, marginSide, marginBottom, marginSide),
				chromedp.PDFPrintBackground(),
			))
			require.NoError(t, err)
			n := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf, -1))
			assert.GreaterOrEqual(t, n, 1)
			assert.LessOrEqual(t, n, 4, "the document and its scorecard fit a few A4 pages")
			assert.Equal(t, page.pages, n, "A4 pages; update the number after a deliberate change of the content or the print style")

			shown := eval[string](t, tab, `document.getElementById("scorecard-period").value`)

			t.Run("text of the PDF", func(t *testing.T) {
				text := pdftotext(t, pdf)
				for _, name := range names {
					assert.Contains(t, text, name, "the PDF has every metric")
				}
				assert.Contains(t, text, "amber counts half")
				// The summary's label is in capitals on paper.
				lower := strings.ToLower(text)
				assert.Contains(t, lower, strings.ToLower("Score in "+scored))
				assert.NotContains(t, lower, strings.ToLower("Score in "+shown), "only the scored period is printed")
			})
		})
	}

	t.Run("scorecards page", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+scorecardsPage)
		rows := eval[[][]string](t, tab, `[...document.querySelectorAll(".sc-index tbody tr")].map(tr => [
			tr.querySelector("th a").textContent.trim(), tr.querySelector("th a").href,
			tr.querySelector(".sc-score-cell strong").textContent.trim(), tr.querySelector(".sc-score-cell meter").value + "%"])`)
		require.Len(t, rows, 2)
		assert.Equal(t, []string{"IT Service Performance Scorecard", base + servicePage + "#govdoc-scorecard"}, rows[0][:2])
		assert.Equal(t, []string{"Project Delivery Scorecard", base + portfolioPage + "#govdoc-scorecard"}, rows[1][:2])
		for _, row := range rows {
			assert.Regexp(t, `^\d{1,3}%$`, row[2], row[0])
			assert.Equal(t, row[2], row[3], "%s: the bar shows the score", row[0])
			doc := openTab(t, browser, 1280, 900, row[1])
			assert.Equal(t, row[2], text(t, doc, ".sc-view[data-scored] .sc-score strong"), "%s: the score of its page", row[0])
		}

		sections := eval[[]string](t, tab, `[...document.querySelectorAll(".sidebar-sections > li > a")].slice(1).map(a => a.textContent.trim())`)
		require.NotEmpty(t, sections)
		assert.Equal(t, sections, eval[[]string](t, tab, `[...document.querySelectorAll('.health-table[data-kind="section"] tbody th')].map(th => th.textContent.trim())`),
			"a health row per section")
		assert.NotEmpty(t, eval[[]string](t, tab, `[...document.querySelectorAll('.health-table[data-kind="owner"] tbody th')].map(th => th.textContent.trim())`))
		assert.Empty(t, eval[[]string](t, tab, `[...document.querySelectorAll(".health-table tbody tr")]
			.filter(tr => !/^\d{1,3}%$/.test(tr.querySelector(".sc-score-cell strong").textContent.trim()) || !tr.querySelector(".sc-score-cell meter"))
			.map(tr => tr.cells[0].textContent.trim())`), "every health row has a score and a bar")
		assert.LessOrEqual(t, eval[int](t, tab, `Math.max(...[...document.querySelectorAll(".table-wrap")].map(w => w.scrollWidth - w.clientWidth))`), 0,
			"the tables fit a wide screen")
	})
}

// visiblePeriod returns the period of the one scorecard view that is
// rendered, or a list of them if there are several.
func visiblePeriod(t *testing.T, tab context.Context) string {
	t.Helper()
	return eval[string](t, tab, `[...document.querySelectorAll(".sc-view")].filter(v => v.getClientRects().length > 0).map(v => v.dataset.period).join(", ")`)
}

// visibleStatuses returns the status of each metric in the view shown.
func visibleStatuses(t *testing.T, tab context.Context) map[string]string {
	t.Helper()
	return eval[map[string]string](t, tab, `Object.fromEntries([...document.querySelectorAll(".sc-view:not([hidden]) tr.sc-metric")].map(tr => [tr.dataset.metric, tr.dataset.status]))`)
}

// checkBadges checks that each row of the view shown has a badge that says
// its status as a word, with a shape, and not by colour alone.
func checkBadges(t *testing.T, tab context.Context) {
	t.Helper()
	badges := eval[[][]string](t, tab, `[...document.querySelectorAll(".sc-view:not([hidden]) tr.sc-metric")].map(tr => {
		const b = tr.querySelector(".sc-status");
		return [tr.dataset.metric, tr.dataset.status, b ? b.innerText.trim() : "", b ? b.querySelector(".sc-shape")?.textContent.trim() ?? "" : "", b ? b.className : ""];
	})`)
	require.NotEmpty(t, badges)
	for _, b := range badges {
		metric, status, text, shape, class := b[0], b[1], b[2], b[3], b[4]
		require.Contains(t, statusWords, status, metric)
		assert.Contains(t, text, statusWords[status], "%s: the badge says its status", metric)
		assert.NotEmpty(t, shape, "%s: the badge has a shape", metric)
		assert.Contains(t, strings.Fields(class), "sc-"+status, metric)
	}
}

// selectPeriod chooses a period as a reader would, which fires the
// selector's change event.
func selectPeriod(t *testing.T, tab context.Context, period string) {
	t.Helper()
	require.Equal(t, period, eval[string](t, tab, fmt.Sprintf(`(() => {
		const s = document.getElementById("scorecard-period");
		s.value = %q;
		s.dispatchEvent(new Event("change", { bubbles: true }));
		return s.value;
	})()`, period)))
}

// pdftotext returns the text of a PDF with its white space collapsed, as
// poppler's pdftotext extracts it, so that text wrapped across lines reads
// as one.
func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	bin := testtool.Need(t, "apt-get install poppler-utils", "pdftotext")
	file := filepath.Join(t.TempDir(), "page.pdf")
	require.NoError(t, os.WriteFile(file, pdf, 0o644))
	out, err := exec.Command(bin, "-enc", "UTF-8", file, "-").Output()
	require.NoError(t, err, "pdftotext")
	return strings.Join(strings.Fields(string(out)), " ")
}
