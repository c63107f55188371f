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
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/internal/browsertest"
	"github.com/govdoc/govdoc/internal/testtool"
)

// The example handbook's scorecards and their pages.
const (
	servicePage     = "service/0420_it_service_performance/index.html"
	serviceScored   = "scorecards/itil-0420/2026-Q3/index.html"
	servicePresent  = "scorecards/itil-0420/present/index.html"
	portfolioScored = "scorecards/iso-38500-0620/2026-Q3/index.html"
	scorecardsPage  = "scorecards/index.html"
)

// TestScorecardDashboardBrowser checks the example handbook's scorecard
// dashboards in Chromium, wide and on a phone: the charts' axes, target
// line and amber band, the values on hover and for screen readers, the
// changes from the period before, the score's trend, and the dashboard on
// the document's page.
func TestScorecardDashboardBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base, _ := serveExample(t)

	for _, width := range []int64{1280, 390} {
		t.Run(fmt.Sprintf("dashboard at %dpx", width), func(t *testing.T) {
			tab := openTab(t, browser, width, 900, base+serviceScored)
			assert.LessOrEqual(t, eval[int](t, tab, `document.documentElement.scrollWidth`), int(width), "the page does not scroll sideways")
			assert.Equal(t, "IT Service Performance Scorecard 2026-Q3", text(t, tab, "h1"))

			// The score, its change and its trend.
			assert.Equal(t, "79%", text(t, tab, ".db-score strong"))
			assert.Equal(t, "▲ +8 pp better vs 2026-Q2", text(t, tab, ".db-score .db-delta"), "71% to 79%")
			series := text(t, tab, ".db-series")
			for _, s := range []string{"2026-Q1 93%", "2026-Q2 71%", "2026-Q3 79%"} {
				assert.Contains(t, series, s, "the score's trend in words")
			}
			assert.Equal(t, []string{"93", "71", "79"}, eval[[]string](t, tab, `[...document.querySelectorAll(".chart-score .chart-point")].slice(-3).map(c => c.dataset.value)`),
				"the score's chart has a point per period")
			assert.Equal(t, []string{"0%", "50%", "100%"}, eval[[]string](t, tab, `[...document.querySelectorAll(".chart-score .chart-ylabel")].map(t => t.textContent)`))

			// Every metric: status, value, target, change and a chart.
			metrics := eval[[]map[string]string](t, tab, `[...document.querySelectorAll(".db-metric")].map(m => ({
				id: m.dataset.metric, status: m.dataset.status,
				value: m.querySelector(".db-value dd").innerText.trim(),
				target: m.querySelector(".db-target dd").innerText.trim().split("\n")[0],
				change: m.querySelector(".db-change dd").innerText.trim().replace(/\s+/g, " "),
			}))`)
			require.Len(t, metrics, 7)
			byID := map[string]map[string]string{}
			for _, m := range metrics {
				byID[m["id"]] = m
			}
			assert.Equal(t, map[string]string{"id": "uptime", "status": "green", "value": "99.93%", "target": "≥ 99.9%", "change": "▲ +0.23 pp better vs 2026-Q2"}, byID["uptime"])
			assert.Equal(t, "▼ −4.6 hours better vs 2026-Q2", byID["incident-impact"]["change"], "a fall is better where lower is better")
			assert.Equal(t, "▲ +420 ms worse vs 2026-Q2", byID["response-time"]["change"], "a rise is worse where lower is better")
			assert.Equal(t, "red", byID["response-time"]["status"])
			assert.Equal(t, "≤ 800 ms", byID["response-time"]["target"])

			charts := eval[[]map[string]any](t, tab, `[...document.querySelectorAll(".db-metric")].map(m => {
				const svg = m.querySelector("svg.chart"), s = svg.getBoundingClientRect(), card = m.getBoundingClientRect();
				const target = svg.querySelector(".chart-target").getBoundingClientRect();
				const band = svg.querySelector(".chart-band")?.getBoundingClientRect();
				const label = svg.querySelector(".chart-ylabel").getBoundingClientRect();
				return {
					id: m.dataset.metric,
					ylabels: [...svg.querySelectorAll(".chart-ylabel")].map(t => t.textContent),
					xlabels: [...svg.querySelectorAll(".chart-xlabel")].map(t => t.textContent),
					inside: s.left >= card.left && s.right <= card.right + 0.5 && s.width > 150,
					target: target.width > s.width * 0.7 && target.top >= s.top && target.bottom <= s.bottom,
					band: !!band && band.height > 0 && band.width > s.width * 0.7,
					labelHeight: label.height,
					hover: svg.querySelector(".chart-current title")?.textContent ?? "",
					reader: m.querySelector(".db-values").textContent,
				};
			})`)
			for _, c := range charts {
				id := c["id"].(string)
				assert.GreaterOrEqual(t, len(c["ylabels"].([]any)), 3, "%s: the value axis is labelled", id)
				assert.Contains(t, c["xlabels"], "2026-Q3", "%s: the periods are named", id)
				assert.Equal(t, true, c["inside"], "%s: the chart fits its card", id)
				assert.Equal(t, true, c["target"], "%s: the target line crosses the chart", id)
				assert.Equal(t, true, c["band"], "%s: the amber band is drawn", id)
				assert.GreaterOrEqual(t, c["labelHeight"].(float64), 9.0, "%s: the axis labels are readable", id)
				assert.Regexp(t, `^2026-Q3: .+, (green|amber|red)$`, c["hover"], "%s: the point of the period says its value on hover", id)
			}
			assert.Equal(t, "Values by period: 2025-Q3 99.82%, amber; 2025-Q4 99.91%, green; 2026-Q1 99.95%, green; 2026-Q2 99.7%, amber; 2026-Q3 99.93%, green. Target ≥ 99.9%, amber ≥ 99.5%.",
				charts[0]["reader"], "screen readers get the chart's values as text")
			assert.Equal(t, []string{"99.5", "99.9"}, eval[[]string](t, tab, `(() => { const b = document.querySelector('.db-metric[data-metric="uptime"] .chart-band'); return [b.dataset.from, b.dataset.to]; })()`))

			if width == 1280 {
				assert.Equal(t, 1, eval[int](t, tab, `new Set([...document.querySelectorAll(".db-metric")].slice(0, 3).map(m => Math.round(m.getBoundingClientRect().top))).size`),
					"wide, the metrics stand side by side")
			}
		})
	}

	t.Run("document page", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+servicePage)
		assert.True(t, visible(t, tab, ".dashboard.wide"), "the document shows its scorecard as a dashboard its layout can widen")
		assert.Equal(t, "2026-Q3", eval[string](t, tab, `document.querySelector(".dashboard").dataset.period`))
		assert.Equal(t, "true", eval[string](t, tab, `document.querySelector(".db-periods a[aria-current]").getAttribute("aria-current")`))
		assert.Equal(t, base+serviceScored, eval[string](t, tab, `document.querySelector(".db-periods a[aria-current]").href`))
		assert.Equal(t, base+servicePresent, eval[string](t, tab, `document.querySelector(".db-present").href`))
		assert.Empty(t, eval[[]string](t, tab, `(() => {
			const d = document.querySelector(".dashboard").getBoundingClientRect();
			return [...document.querySelectorAll(".dashboard .db-overview > *, .dashboard .db-metric")]
				.filter(el => { const r = el.getBoundingClientRect(); return r.left < d.left - 0.5 || r.right > d.right + 0.5; })
				.map(el => el.className);
		})()`), "the dashboard's parts stay inside it, however narrow the column it stands in")
	})

}

// TestScorecardPeriodsBrowser checks in Chromium the period picker without
// script and the dashboards' colours in the light and dark schemes.
func TestScorecardPeriodsBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base, _ := serveExample(t)

	t.Run("period picker without script", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, "")
		require.NoError(t, chromedp.Do(tab, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}), chromedp.Navigate(base+servicePage)))
		require.NoError(t, chromedp.Do(tab, chromedp.Click(`.db-periods a[href$="2026-Q1/index.html"]`), chromedp.WaitVisible(`.db-page-period`)))
		assert.Equal(t, base+"scorecards/itil-0420/2026-Q1/", eval[string](t, tab, `location.href`))
		assert.Equal(t, "2026-Q1", text(t, tab, ".db-page-period"))
		assert.Equal(t, "2026-Q1", text(t, tab, `.db-periods a[aria-current="page"]`), "the picker marks the period shown")
		assert.Equal(t, "93%", text(t, tab, ".db-score strong"))
		assert.Equal(t, "amber", eval[string](t, tab, `document.querySelector('.db-metric[data-metric="user-satisfaction"]').dataset.status`))
		require.NoError(t, chromedp.Do(tab, chromedp.Click(`.db-periods a[href$="2026-Q2/index.html"]`), chromedp.WaitVisible(`.db-metric[data-metric="uptime"][data-status="amber"]`)))
		assert.Equal(t, "71%", text(t, tab, ".db-score strong"))
		assert.Equal(t, "▼ −22 pp worse vs 2026-Q1", text(t, tab, ".db-score .db-delta"))
	})

	t.Run("dark colour scheme", func(t *testing.T) {
		for _, scheme := range []string{"light", "dark"} {
			tab := openTab(t, browser, 1280, 900, "")
			require.NoError(t, chromedp.Do(tab, emulateMedia("", scheme), chromedp.Navigate(base+serviceScored)))
			contrast := eval[map[string]float64](t, tab, `(() => {
				const rgb = c => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
				const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
				const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
				const bg = getComputedStyle(document.body).backgroundColor;
				const paint = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
				return {
					line: ratio(paint(".db-metric .chart-line", "stroke"), bg),
					target: ratio(paint(".db-metric .chart-target", "stroke"), bg),
					"axis label": ratio(paint(".db-metric .chart-ylabel", "fill"), bg),
					"green point": ratio(paint(".chart-point.status-green", "fill"), bg),
					"amber point": ratio(paint(".chart-point.status-amber", "stroke"), bg),
					"red point": ratio(paint(".chart-point.status-red", "fill"), bg),
					"better": ratio(paint(".db-better", "color"), bg),
					"worse": ratio(paint(".db-worse", "color"), bg),
				};
			})()`)
			for part, ratio := range contrast {
				assert.GreaterOrEqual(t, ratio, 3.0, "%s: the %s stands out from the background", scheme, part)
			}
		}
	})

}

// TestScorecardsPageBrowser checks the scorecards page's cards, wide and on
// a phone.
func TestScorecardsPageBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base, _ := serveExample(t)

	t.Run("scorecards page", func(t *testing.T) {
		for _, width := range []int64{1280, 390} {
			tab := openTab(t, browser, width, 900, base+scorecardsPage)
			assert.LessOrEqual(t, eval[int](t, tab, `document.documentElement.scrollWidth`), int(width), "%dpx: the page does not scroll sideways", width)
			cards := eval[[][]string](t, tab, `[...document.querySelectorAll(".db-card")].map(c => [
				c.querySelector(".db-card-title a").textContent.trim(), c.querySelector(".db-card-title a").href,
				c.querySelector(".db-score strong").textContent.trim(), c.querySelector(".db-series").innerText.trim(),
				String(c.querySelectorAll(".db-strip li").length)])`)
			require.Len(t, cards, 2)
			assert.Equal(t, []string{"IT Service Performance Scorecard", base + serviceScored, "79%"}, cards[0][:3])
			assert.Contains(t, cards[0][3], "2026-Q2 71%", "the card shows the score's trend")
			assert.Equal(t, "7", cards[0][4], "a line per metric")
			assert.Equal(t, []string{"Project Delivery Scorecard", base + portfolioScored}, cards[1][:2])
		}
	})
}

// TestScorecardPrintBrowser checks that a scorecard's page prints on one
// landscape page with every metric.
func TestScorecardPrintBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base, _ := serveExample(t)

	for _, page := range []struct {
		name, path string
		metrics    int
	}{
		{"service", serviceScored, 7},
		{"portfolio", portfolioScored, 6},
	} {
		t.Run("print "+page.name, func(t *testing.T) {
			tab := openTab(t, browser, 1280, 900, base+page.path)
			names := eval[[]string](t, tab, `[...document.querySelectorAll(".db-name")].map(h => h.textContent.trim())`)
			require.Len(t, names, page.metrics)
			require.NoError(t, chromedp.Do(tab, emulateMedia("print", "")))
			assert.Equal(t, "none", computed(t, tab, ".db-periods", "display"), "no period picker on paper")
			pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
			require.NoError(t, err)
			assert.Equal(t, 1, len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf, -1)), "one scorecard, one page")
			box := regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]`).FindSubmatch(pdf)
			require.NotNil(t, box)
			w, _ := strconv.ParseFloat(string(box[1]), 64)
			h, _ := strconv.ParseFloat(string(box[2]), 64)
			assert.Greater(t, w, h, "landscape")
			txt := pdftotext(t, pdf)
			for _, name := range names {
				assert.Contains(t, txt, name, "the PDF has every metric")
			}
			assert.Contains(t, strings.ToLower(txt), "score by period")
			assert.Contains(t, txt, "amber counts half")
		})
	}

}

// TestScorecardPresentationBrowser checks the presentation of a scorecard
// for a meeting room: a screen at a time, moved with the keys, or without
// script with each screen's links.
func TestScorecardPresentationBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base, _ := serveExample(t)

	// Scrolling is instant for a reader who prefers reduced motion, so
	// that where a screen stands can be read as soon as it is moved to.
	reducedMotion := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}})
		return err
	})

	// at returns the screen the address names, the focused element and
	// the top of the screen named, which is 0 when it fills the window.
	at := func(t *testing.T, tab context.Context) (string, string, float64) {
		t.Helper()
		r := eval[[]any](t, tab, `[location.hash, document.activeElement.id, document.querySelector(location.hash || "#screen-1").getBoundingClientRect().top]`)
		return r[0].(string), r[1].(string), r[2].(float64)
	}

	t.Run("keys", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 800, "")
		require.NoError(t, chromedp.Do(tab, reducedMotion, chromedp.Navigate(base+servicePresent)))
		assert.Equal(t, 4, eval[int](t, tab, `document.querySelectorAll(".screen").length`), "an overview and a screen per group of metrics")
		assert.Equal(t, "IT Service Performance Scorecard", text(t, tab, "#screen-1 h1"))
		assert.Equal(t, "none", computed(t, tab, ".sidebar", "display"), "no site navigation")
		assert.Equal(t, "auto", computed(t, tab, "html", "scroll-behavior"), "no smooth scrolling for a reader who prefers reduced motion")
		assert.GreaterOrEqual(t, eval[float64](t, tab, `parseFloat(getComputedStyle(document.querySelector(".screen")).fontSize)`), 20.0, "large type")

		for _, step := range []struct {
			key  string
			want string
		}{
			{kb.ArrowRight, "#screen-2"},
			{kb.PageDown, "#screen-3"},
			{" ", "#screen-4"},
			{kb.ArrowRight, "#screen-4"}, // the last stays
			{kb.ArrowLeft, "#screen-3"},
			{kb.PageUp, "#screen-2"},
			{kb.End, "#screen-4"},
			{kb.Home, "#screen-1"},
		} {
			require.NoError(t, chromedp.Do(tab, chromedp.KeyEvent(step.key)))
			hash, focus, top := at(t, tab)
			assert.Equal(t, step.want, hash, "after %q", step.key)
			assert.Equal(t, strings.TrimPrefix(step.want, "#"), focus, "after %q the screen has the focus", step.key)
			assert.InDelta(t, 0, top, 1, "after %q the screen fills the window", step.key)
		}
		require.NoError(t, chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowDown)))
		assert.Equal(t, "Availability", eval[string](t, tab, `document.getElementById(document.activeElement.getAttribute("aria-labelledby")).textContent`),
			"the focused screen is named by its title")
		assert.Equal(t, "solid", eval[string](t, tab, `getComputedStyle(document.activeElement).outlineStyle`), "the focus is visible")
		assert.Equal(t, []string{"System uptime (Tier 1 services)", "Service availability (all catalogue services)", "Planned downtime (Tier 1, per quarter)"},
			eval[[]string](t, tab, `[...document.querySelectorAll("#screen-2 .db-name")].map(h => h.textContent)`), "one group of metrics per screen")
		assert.Equal(t, "Screen 2 of 4", eval[string](t, tab, `document.querySelector("#screen-2 .screen-nav").getAttribute("aria-label")`))
	})

	t.Run("without script", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 800, "")
		require.NoError(t, chromedp.Do(tab, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}), reducedMotion, chromedp.Navigate(base+servicePresent)))
		require.NoError(t, chromedp.Do(tab, chromedp.Click(`#screen-1 .screen-next`)))
		hash, _, _ := at(t, tab)
		assert.Equal(t, "#screen-2", hash)
		assert.Equal(t, "#screen-1", eval[string](t, tab, `document.querySelector("#screen-2 .screen-prev").getAttribute("href")`))
		assert.InDelta(t, 0, eval[float64](t, tab, `document.querySelector("#screen-2").getBoundingClientRect().top`), 1, "the screen linked to fills the window")
		assert.Equal(t, base+serviceScored, eval[string](t, tab, `document.querySelector("#screen-2 .screen-exit").href`))
	})

	t.Run("phone", func(t *testing.T) {
		tab := openTab(t, browser, 390, 844, base+servicePresent)
		assert.LessOrEqual(t, eval[int](t, tab, `document.documentElement.scrollWidth`), 390, "the presentation does not scroll sideways")
		tab = openTab(t, browser, 390, 844, base+"scorecards/present/index.html")
		assert.Equal(t, 3, eval[int](t, tab, `document.querySelectorAll(".screen").length`), "every score, then a screen per scorecard")
		assert.LessOrEqual(t, eval[int](t, tab, `document.documentElement.scrollWidth`), 390)
	})
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
