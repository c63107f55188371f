package render

import (
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/govdoc/govdoc/generator/scorecard"
	"github.com/govdoc/govdoc/generator/site"
)

// Scorecard dashboards: a scorecard in one period, full width, with a page
// per period so that the period picker is a list of links and needs no
// script; the scorecards page's cards; and the presentation of a scorecard
// or of them all, a screen at a time. All are written by Go.

// Output paths of the dashboards.
const (
	// ScorecardsDir holds a folder per scorecard, named by ScorecardKey,
	// with a page per period (2026-Q3/index.html) and its presentation
	// (present/index.html).
	ScorecardsDir = "scorecards/"
	// PresentIndexURL is the presentation of every scorecard.
	PresentIndexURL = "scorecards/present/index.html"
)

// ScorecardKey names a scorecard's folder: its document's ID as a slug, or
// the document's place when it has none.
func ScorecardKey(d *site.Document) string {
	if k := site.Slug(d.ID); k != "" && k != "present" {
		return k
	}
	place := strings.TrimSuffix(strings.TrimSuffix(d.URL, "index.html"), "/")
	return site.Slug(strings.ReplaceAll(place, "/", " "))
}

// ScorecardURL is the page of a scorecard's dashboard in a period.
func ScorecardURL(sc *site.Scorecard, period string) string {
	return ScorecardsDir + ScorecardKey(sc.Doc) + "/" + period + "/index.html"
}

// ScoredURL is the page of a scorecard's dashboard in its scored period,
// or its document's scorecard when that period is not one of its own (a
// scorecard with errors).
func ScoredURL(sc *site.Scorecard) string {
	if slices.Contains(sc.Periods, sc.Period) {
		return ScorecardURL(sc, sc.Period)
	}
	return sc.Doc.URL + "#govdoc-scorecard"
}

// PresentURL is the page of a scorecard's presentation.
func PresentURL(sc *site.Scorecard) string {
	return ScorecardsDir + ScorecardKey(sc.Doc) + "/present/index.html"
}

// dashboardFuncs are the template functions of the dashboards.
func dashboardFuncs() template.FuncMap {
	return template.FuncMap{
		// dashboard shows the scorecard of a document's page (its scored
		// period) or of a scorecard's page (the page's period).
		"dashboard": func(p *Page) template.HTML {
			sc, period := p.Scorecard, p.Period
			if sc == nil && p.Doc != nil && p.Doc.Scorecard != nil {
				sc, period = p.Doc.Scorecard, p.Doc.Scorecard.Period
			}
			if sc == nil {
				return ""
			}
			return written(p, func(w *writer) { writeDashboard(w, sc, period) })
		},
		// scorecardCards shows a card of each scorecard.
		"scorecardCards": func(p *Page) template.HTML {
			return written(p, func(w *writer) { writeCards(w, p.Site.Scorecards()) })
		},
		// presentation shows the screens of a presentation page.
		"presentation": func(p *Page) template.HTML {
			return written(p, writePresentation)
		},
		"chart":        MetricChart,
		"scoreChart":   ScoreChart,
		"scorecardURL": ScorecardURL,
		"scoredURL":    ScoredURL,
		"presentURL":   PresentURL,
	}
}

func written(p *Page, write func(w *writer)) template.HTML {
	w := &writer{p: p}
	w.Grow(16 << 10)
	write(w)
	return template.HTML(w.String())
}

// writeDashboard writes a scorecard's dashboard in period: the period
// picker, the score with its change and its trend, and a card per metric.
func writeDashboard(w *writer, sc *site.Scorecard, period string) {
	fmt.Fprintf(w, `<section class="dashboard wide" aria-labelledby="govdoc-scorecard" data-period="`)
	w.text(period)
	w.raw(`"><div class="db-head"><h2 id="govdoc-scorecard">Scorecard <span class="db-period">`)
	w.text(period)
	w.raw(`</span></h2>`)
	writePicker(w, sc, period)
	w.raw(`</div>`)
	writeOverview(w, sc, period, "h3")
	w.raw(`<h3 class="visually-hidden">Metrics</h3><div class="db-metrics">`)
	for _, m := range sc.Metrics {
		writeMetric(w, m, period, "h4")
	}
	w.raw(`</div><p class="sc-note">The score is the share of the metrics' weight that is green in the period; amber counts half, and a metric without a value counts as not met. Green: meets its target. Amber: misses it but stays within its amber bound (the shaded band). Red: beyond the amber bound. In the charts the target is the dashed line. Changes compare each value with the period before; an arrow shows which way the value moved, and the word says whether that is better or worse for the metric.`)
	if sc.Source != "" {
		w.raw(` Values also come from <code>`)
		w.text(sc.Source)
		w.raw(`</code>.`)
	}
	w.raw(`</p></section>`)
}

// writePicker writes the links to the scorecard's other periods and to its
// presentation.
func writePicker(w *writer, sc *site.Scorecard, period string) {
	w.raw(`<nav class="db-periods" aria-label="Periods of the scorecard"><span class="db-periods-label" aria-hidden="true">Period</span><ul>`)
	for _, p := range sc.Periods {
		w.raw(`<li><a href="`)
		w.link(ScorecardURL(sc, p))
		w.raw(`"`)
		if p == period && w.p.Kind == KindScorecard {
			w.raw(` aria-current="page"`)
		} else if p == period {
			w.raw(` aria-current="true"`)
		}
		w.raw(`>`)
		w.text(p)
		if p == sc.Period {
			w.raw(` <span class="db-scored">scored</span>`)
		}
		w.raw(`</a></li>`)
	}
	w.raw(`</ul><a class="db-present" href="`)
	w.link(PresentURL(sc))
	w.raw(`">Present<span class="visually-hidden"> this scorecard</span></a></nav>`)
}

// writeOverview writes the score in period, its change from the period
// before, the metrics by status and the score's trend.
func writeOverview(w *writer, sc *site.Scorecard, period, heading string) {
	score := sc.Scores[period]
	w.raw(`<div class="db-overview"><div class="db-score" data-score="`)
	w.int(score.Percent())
	fmt.Fprintf(w, `"><%s class="db-label">Score in `, heading)
	w.text(period)
	if period == sc.Period {
		w.raw(` <span class="sc-scored">scored period</span>`)
	}
	fmt.Fprintf(w, `</%s><p class="db-score-value"><strong>%d%%</strong> `, heading, score.Percent())
	writeChange(w, scorecard.ScoreChange(sc, period), "%")
	fmt.Fprintf(w, `</p><meter min="0" max="100" value="%d" aria-hidden="true"></meter></div>`, score.Percent())
	writeCounts(w, score, period)
	w.raw(`<figure class="db-score-trend"><figcaption class="db-label">Score by period</figcaption>`)
	writeScoreChart(w, sc, period)
	w.raw(`<p class="db-series">`)
	for i, p := range sc.Periods {
		if i > 0 {
			w.raw(`<span aria-hidden="true"> → </span><span class="visually-hidden">, </span>`)
		}
		w.raw(`<span class="db-series-point`)
		if p == period {
			w.raw(` db-series-current`)
		}
		w.raw(`"><span class="db-series-period">`)
		w.text(p)
		fmt.Fprintf(w, `</span> %d%%</span>`, sc.Scores[p].Percent())
	}
	w.raw(`</p></figure></div>`)
}

// writeCounts writes how many metrics have each status.
func writeCounts(w *writer, s site.Score, period string) {
	w.raw(`<ul class="sc-counts db-counts" aria-label="Metrics by status in `)
	w.text(period)
	w.raw(`">`)
	for _, c := range []struct {
		status, shape, word string
		n                   int
	}{{site.Green, "●", "green", s.Green}, {site.Amber, "▲", "amber", s.Amber}, {site.Red, "■", "red", s.Red}, {site.Grey, "–", "without a value", s.Grey}} {
		if c.status == site.Grey && c.n == 0 {
			continue
		}
		fmt.Fprintf(w, `<li class="sc-count sc-%s"><strong>%d</strong> <span class="sc-count-label"><span class="sc-shape" aria-hidden="true">%s</span> %s</span></li>`, c.status, c.n, c.shape, c.word)
	}
	w.raw(`</ul>`)
}

// writeMetric writes a metric's card: status, value, target, change and
// chart.
func writeMetric(w *writer, m *site.Metric, period, heading string) {
	pt := m.At(period)
	id := "db-" + site.Slug(m.ID)
	w.raw(`<article class="db-metric" data-metric="`)
	w.text(m.ID)
	fmt.Fprintf(w, `" data-status="%s" aria-labelledby="`, pt.Status)
	w.text(id)
	fmt.Fprintf(w, `"><%s class="db-name" id="`, heading)
	w.text(id)
	w.raw(`">`)
	w.text(m.Name)
	fmt.Fprintf(w, `</%s><p class="db-meta">`, heading)
	writeStatus(w, pt.Status)
	if m.Weight != 1 {
		w.raw(` <span class="sc-weight" title="Weight in the score">×`)
		w.text(Num(m.Weight))
		w.raw(`</span>`)
	}
	if m.Owner != nil || m.OwnerName != "" {
		w.raw(` <span class="db-owner">Owner: `)
		switch {
		case m.Owner != nil && w.p.Site.HasResponsibilities():
			w.anchor(m.Owner.URL, m.Owner.Name)
		case m.Owner != nil:
			w.text(m.Owner.Name)
		default:
			w.text(m.OwnerName)
		}
		w.raw(`</span>`)
	}
	w.raw(`</p><dl class="db-figures"><div class="db-fig db-value"><dt>Value</dt><dd>`)
	if pt.Has {
		w.text(Quantity(pt.Value, m.Unit))
	} else {
		w.raw(`<span aria-hidden="true">—</span><span class="visually-hidden">no value</span>`)
	}
	w.raw(`</dd></div><div class="db-fig db-target"><dt>Target</dt><dd>`)
	w.text(bound(m.Better) + " " + Quantity(m.Target, m.Unit))
	if m.HasAmber {
		w.raw(`<span class="db-amber">amber `)
		w.text(bound(m.Better) + " " + Quantity(m.Amber, m.Unit))
		w.raw(`</span>`)
	}
	w.raw(`</dd></div><div class="db-fig db-change"><dt>Change</dt><dd>`)
	writeChange(w, scorecard.MetricChange(m, period), m.Unit)
	w.raw(`</dd></div></dl><figure class="db-chart">`)
	writeMetricChart(w, m, period)
	w.raw(`<figcaption class="db-legend"><span class="db-key db-key-target">target</span>`)
	if m.HasAmber {
		w.raw(` <span class="db-key db-key-band">amber band</span>`)
	}
	writeValues(w, m)
	w.raw(`</figcaption></figure></article>`)
}

// writeValues writes, for screen readers, what the chart shows.
func writeValues(w *writer, m *site.Metric) {
	w.raw(`<span class="visually-hidden db-values">Values by period: `)
	for i, p := range m.Points {
		if i > 0 {
			w.raw(`; `)
		}
		if p.Has {
			w.text(p.Period + " " + Quantity(p.Value, m.Unit) + ", " + statusWord(p.Status))
		} else {
			w.text(p.Period + " no value")
		}
	}
	w.text(". Target " + bound(m.Better) + " " + Quantity(m.Target, m.Unit))
	if m.HasAmber {
		w.text(", amber " + bound(m.Better) + " " + Quantity(m.Amber, m.Unit))
	}
	w.raw(`.</span>`)
}

// writeStatus writes partials/sc-status.html's badge.
func writeStatus(w *writer, status string) {
	switch status {
	case site.Green:
		w.raw(`<span class="badge sc-status sc-green"><span class="sc-shape" aria-hidden="true">●</span> Green</span>`)
	case site.Amber:
		w.raw(`<span class="badge sc-status sc-amber"><span class="sc-shape" aria-hidden="true">▲</span> Amber</span>`)
	case site.Red:
		w.raw(`<span class="badge sc-status sc-red"><span class="sc-shape" aria-hidden="true">■</span> Red</span>`)
	default:
		w.raw(`<span class="badge sc-status sc-grey"><span class="sc-shape" aria-hidden="true">–</span> No value</span>`)
	}
}

// writeChange writes a change from the period before: an arrow the way the
// value moved, the signed delta with its unit, and whether that is better
// or worse; percentages change by percentage points.
func writeChange(w *writer, c scorecard.Change, unit string) {
	switch {
	case c.From == "":
		w.raw(`<span class="db-delta db-none">no period before</span>`)
		return
	case !c.Has:
		w.raw(`<span class="db-delta db-none">no value to compare in `)
		w.text(c.From)
		w.raw(`</span>`)
		return
	}
	arrow, sign := "►", "±"
	switch {
	case c.Up():
		arrow, sign = "▲", "+"
	case c.Down():
		arrow, sign = "▼", "−"
	}
	fmt.Fprintf(w, `<span class="db-delta db-%s" data-delta="%s"><span class="db-arrow" aria-hidden="true">%s</span> `, c.Verdict, Num(c.Delta), arrow)
	mag := Num(max(c.Delta, -c.Delta))
	if strings.TrimSpace(unit) == "%" {
		w.text(sign + mag)
		w.raw(` <abbr title="percentage points">pp</abbr>`)
	} else {
		w.text(sign + Quantity(max(c.Delta, -c.Delta), unit))
	}
	w.raw(` <span class="db-verdict">`)
	w.text(c.Verdict)
	w.raw(`</span> <span class="db-from">vs `)
	w.text(c.From)
	w.raw(`</span></span>`)
}

// writeCards writes the scorecards page's card of each scorecard: its score
// with its change and trend, its metrics by status, and its links.
func writeCards(w *writer, scs []*site.Scorecard) {
	w.raw(`<div class="db-cards wide">`)
	for _, sc := range scs {
		writeCard(w, sc, "h3")
	}
	w.raw(`</div>`)
}

func writeCard(w *writer, sc *site.Scorecard, heading string) {
	key := ScorecardKey(sc.Doc)
	w.raw(`<article class="db-card" data-scorecard="`)
	w.text(key)
	w.raw(`" aria-labelledby="card-`)
	w.text(key)
	fmt.Fprintf(w, `"><%s class="db-card-title" id="card-`, heading)
	w.text(key)
	w.raw(`"><a href="`)
	w.link(ScoredURL(sc))
	w.raw(`">`)
	w.text(sc.Doc.Title)
	fmt.Fprintf(w, `</a></%s><p class="db-card-meta">`, heading)
	if sc.Doc.ID != "" {
		w.raw(`<span class="doc-id">`)
		w.text(sc.Doc.ID)
		w.raw(`</span> · `)
	}
	w.raw(`<a href="`)
	w.link(sc.Doc.URL + "#govdoc-scorecard")
	w.raw(`">Document</a> · <a href="`)
	w.link(PresentURL(sc))
	w.raw(`">Present</a></p>`)
	writeOverview(w, sc, sc.Period, "p")
	w.raw(`<ul class="db-strip" aria-label="Metrics in `)
	w.text(sc.Period)
	w.raw(`">`)
	for _, m := range sc.Metrics {
		st := m.At(sc.Period).Status
		fmt.Fprintf(w, `<li class="sc-%s" data-metric="`, st)
		w.text(m.ID)
		w.raw(`">`)
		writeStatus(w, st)
		w.raw(` `)
		w.text(m.Name)
		w.raw(`</li>`)
	}
	w.raw(`</ul></article>`)
}

// screen is one screen of a presentation.
type screen struct {
	title string
	write func(w *writer)
}

// writePresentation writes the page's presentation: of its scorecard, an
// overview and then a screen per group of metrics; of every scorecard, a
// screen of their scores and then one per scorecard. Each screen is an
// anchor (#screen-2) with links to the screens before and after, so that
// it works without script; js/present.js adds the keys.
func writePresentation(w *writer) {
	p := w.p
	var screens []screen
	back := ScorecardsURL
	if sc := p.Scorecard; sc != nil {
		back = ScoredURL(sc)
		screens = append(screens, screen{sc.Doc.Title, func(w *writer) {
			w.raw(`<p class="present-sub">Scorecard `)
			w.text(sc.Period)
			w.raw(`</p>`)
			writeOverview(w, sc, sc.Period, "h2")
		}})
		for _, g := range groups(sc.Metrics) {
			screens = append(screens, screen{g.name, func(w *writer) {
				w.raw(`<div class="db-metrics present-metrics">`)
				for _, m := range g.metrics {
					writeMetric(w, m, sc.Period, "h2")
				}
				w.raw(`</div>`)
			}})
		}
	} else {
		scs := p.Site.Scorecards()
		screens = append(screens, screen{"Scorecards", func(w *writer) {
			w.raw(`<ul class="present-list">`)
			for _, sc := range scs {
				fmt.Fprintf(w, `<li><span class="present-list-title">`)
				w.text(sc.Doc.Title)
				fmt.Fprintf(w, `</span> <strong>%d%%</strong> `, sc.Current().Percent())
				writeChange(w, scorecard.ScoreChange(sc, sc.Period), "%")
				w.raw(`</li>`)
			}
			w.raw(`</ul>`)
		}})
		for _, sc := range scs {
			screens = append(screens, screen{sc.Doc.Title, func(w *writer) {
				w.raw(`<p class="present-sub">Scorecard `)
				w.text(sc.Period)
				w.raw(`</p>`)
				writeOverview(w, sc, sc.Period, "h2")
			}})
		}
	}
	fmt.Fprintf(w, `<div class="present" data-screens="%d">`, len(screens))
	for i, s := range screens {
		n := i + 1
		fmt.Fprintf(w, `<section class="screen" id="screen-%d" tabindex="-1" aria-labelledby="screen-%d-title" aria-roledescription="screen">`, n, n)
		tag := "h2"
		if i == 0 {
			tag = "h1"
		}
		fmt.Fprintf(w, `<%s class="screen-title" id="screen-%d-title">`, tag, n)
		w.text(s.title)
		fmt.Fprintf(w, `</%s>`, tag)
		s.write(w)
		fmt.Fprintf(w, `<nav class="screen-nav" aria-label="Screen %d of %d">`, n, len(screens))
		if n > 1 {
			fmt.Fprintf(w, `<a class="screen-prev" href="#screen-%d" rel="prev"><span aria-hidden="true">← </span>Previous</a>`, n-1)
			w.p.links.add(w.p.URL, fmt.Sprintf("#screen-%d", n-1))
		}
		fmt.Fprintf(w, `<span class="screen-count">%d / %d</span>`, n, len(screens))
		if n < len(screens) {
			fmt.Fprintf(w, `<a class="screen-next" href="#screen-%d" rel="next">Next<span aria-hidden="true"> →</span></a>`, n+1)
			w.p.links.add(w.p.URL, fmt.Sprintf("#screen-%d", n+1))
		}
		w.raw(`<a class="screen-exit" href="`)
		w.link(back)
		w.raw(`">Exit</a></nav></section>`)
	}
	w.raw(`</div>`)
}

// group is metrics shown on one screen.
type group struct {
	name    string
	metrics []*site.Metric
}

// groups gathers metrics by their group, in the order each group first
// appears; a metric without a group is a group of its own.
func groups(metrics []*site.Metric) []group {
	var out []group
	at := map[string]int{}
	for _, m := range metrics {
		if m.Group == "" {
			out = append(out, group{m.Name, []*site.Metric{m}})
			continue
		}
		if i, ok := at[m.Group]; ok {
			out[i].metrics = append(out[i].metrics, m)
			continue
		}
		at[m.Group] = len(out)
		out = append(out, group{m.Group, []*site.Metric{m}})
	}
	return out
}
