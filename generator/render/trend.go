package render

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/govdoc/govdoc/generator/site"
)

// Trend dimensions, in SVG user units.
const (
	trendW, trendH = 240, 72
	trendPadX      = 12
	trendPadY      = 10
)

// Trend draws a metric's value in every period of its scorecard as an
// inline SVG line chart with a dashed target line (and a dotted amber line
// when the metric has one). It needs no script, prints, and is valid XML.
// Each point carries its period, value and status, and says them in a
// title for screen readers and tooltips.
func Trend(m *site.Metric) template.HTML {
	lo, hi := m.Target, m.Target
	for _, p := range m.Points {
		if p.Has {
			lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
		}
	}
	if m.HasAmber {
		lo, hi = math.Min(lo, m.Amber), math.Max(hi, m.Amber)
	}
	if hi == lo {
		lo, hi = lo-1, hi+1
	}
	pad := (hi - lo) * 0.1
	lo, hi = lo-pad, hi+pad
	n := len(m.Points)
	x := func(i int) float64 {
		if n <= 1 {
			return trendW / 2
		}
		return trendPadX + float64(i)*(trendW-2*trendPadX)/float64(n-1)
	}
	y := func(v float64) float64 { return trendPadY + (hi-v)/(hi-lo)*(trendH-2*trendPadY) }

	var label []string
	for _, p := range m.Points {
		if p.Has {
			label = append(label, fmt.Sprintf("%s %s (%s)", p.Period, Quantity(p.Value, m.Unit), p.Status))
		} else {
			label = append(label, p.Period+" no value")
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s">`,
		trendW, trendH, trendW, trendH, attr(fmt.Sprintf("Trend of %s: %s; target %s", m.Name, strings.Join(label, ", "), Quantity(m.Target, m.Unit))))
	fmt.Fprintf(&b, `<line class="trend-target" x1="%d" x2="%d" y1="%s" y2="%s" data-value="%s"><title>Target %s</title></line>`,
		trendPadX/2, trendW-trendPadX/2, coord(y(m.Target)), coord(y(m.Target)), Num(m.Target), attr(Quantity(m.Target, m.Unit)))
	if m.HasAmber {
		fmt.Fprintf(&b, `<line class="trend-amber" x1="%d" x2="%d" y1="%s" y2="%s" data-value="%s"><title>Amber bound %s</title></line>`,
			trendPadX/2, trendW-trendPadX/2, coord(y(m.Amber)), coord(y(m.Amber)), Num(m.Amber), attr(Quantity(m.Amber, m.Unit)))
	}
	var seg []string
	flush := func() {
		if len(seg) > 1 {
			fmt.Fprintf(&b, `<polyline class="trend-line" points="%s"/>`, strings.Join(seg, " "))
		}
		seg = nil
	}
	for i, p := range m.Points {
		if !p.Has {
			flush()
			continue
		}
		seg = append(seg, coord(x(i))+","+coord(y(p.Value)))
	}
	flush()
	for i, p := range m.Points {
		if !p.Has {
			continue
		}
		fmt.Fprintf(&b, `<circle class="trend-point status-%s" cx="%s" cy="%s" r="3.5" data-period="%s" data-value="%s"><title>%s: %s, %s</title></circle>`,
			p.Status, coord(x(i)), coord(y(p.Value)), attr(p.Period), Num(p.Value), attr(p.Period), attr(Quantity(p.Value, m.Unit)), p.Status)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// Num formats a number as users write it: 99.9, 4, 0.25.
func Num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Quantity writes a number with its unit as people do: "99.9%", "4 h",
// "12 incidents".
func Quantity(v float64, unit string) string {
	unit = strings.TrimSpace(unit)
	if unit == "" || strings.ContainsAny(unit[:1], "%°‰") {
		return Num(v) + unit
	}
	return Num(v) + " " + unit
}

func coord(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

func attr(s string) string { return html.EscapeString(s) }

// The dashboards' charts, in SVG user units: a plot with room at its left
// for the value axis's labels and below for the periods'.
const (
	chartW, chartH           = 300, 150
	scoreChartW, scoreChartH = 520, 150
	chartLeft, chartRight    = 48, 8
	chartTop, chartBottom    = 14, 26
	chartInset               = 22 // between the axis and the first period, the last and the edge
	chartPeriodLabelWidth    = 60 // room each period's name needs
)

// axis is a chart's scale of values: from lo to hi, with a labelled tick at
// each of ticks, step apart.
type axis struct {
	lo, hi, step float64
	ticks        []float64
}

// niceAxis returns a scale that holds every value, from and to round
// numbers, with three to six ticks at a round step: 1, 2, 2.5 or 5 times a
// power of ten.
func niceAxis(values ...float64) axis {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if math.IsInf(lo, 0) {
		lo, hi = 0, 1
	}
	if hi == lo {
		d := math.Max(math.Abs(lo)*0.1, 1)
		lo, hi = lo-d, hi+d
	}
	raw := (hi - lo) / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, f := range []float64{1, 2, 2.5, 5} {
		if f*mag >= raw*(1-1e-9) {
			step = f * mag
			break
		}
	}
	step = clean(step)
	places := decimals(step)
	a := axis{step: step, lo: round(math.Floor(lo/step+1e-9)*step, places), hi: round(math.Ceil(hi/step-1e-9)*step, places)}
	for i := 0; ; i++ {
		v := round(a.lo+float64(i)*step, places)
		if v > a.hi+step/2 {
			break
		}
		a.ticks = append(a.ticks, v)
	}
	return a
}

// clean drops the noise of floating-point products: 2.5 * 0.1 is 0.25.
func clean(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 10, 64), 64)
	return v
}

// decimals is how many digits x has after its decimal point as written.
func decimals(x float64) int {
	if _, frac, ok := strings.Cut(Num(x), "."); ok {
		return len(frac)
	}
	return 0
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	if r := math.Round(x*p) / p; r != 0 {
		return r
	}
	return 0
}

// chart is where a chart of w by h draws: n periods across, the axis's
// values up.
type chart struct {
	w, h float64
	axis axis
	n    int
}

// x is the horizontal place of the i-th period.
func (c chart) x(i int) float64 {
	left, right := float64(chartLeft+chartInset), c.w-chartRight-chartInset
	if c.n <= 1 {
		return (left + right) / 2
	}
	return left + float64(i)*(right-left)/float64(c.n-1)
}

// y is the vertical place of a value.
func (c chart) y(v float64) float64 {
	return chartTop + (c.axis.hi-v)/(c.axis.hi-c.axis.lo)*(c.h-chartTop-chartBottom)
}

// labelled reports whether the i-th period's name is written below the
// plot: every one when they fit, else every k-th counted back from the
// last, so that the names never overlap.
func (c chart) labelled(i int) bool {
	if c.n <= 1 {
		return true
	}
	apart := (c.w - chartLeft - chartRight - 2*chartInset) / float64(c.n-1)
	k := int(math.Ceil(chartPeriodLabelWidth/apart - 1e-9))
	return k <= 1 || (c.n-1-i)%k == 0
}

// metricChart is the chart of a metric: its values, target and amber
// bound all in view.
func metricChart(m *site.Metric) chart {
	vals := []float64{m.Target}
	if m.HasAmber {
		vals = append(vals, m.Amber)
	}
	for _, p := range m.Points {
		if p.Has {
			vals = append(vals, p.Value)
		}
	}
	return chart{w: chartW, h: chartH, axis: niceAxis(vals...), n: len(m.Points)}
}

// axisLabel writes a value of the axis: with its unit when the unit is a
// sign such as %.
func axisLabel(v float64, unit string) string {
	if u := strings.TrimSpace(unit); u != "" && strings.ContainsAny(u[:1], "%°‰") {
		return Num(v) + u
	}
	return Num(v)
}

// MetricChart draws a metric's value in every period of its scorecard as
// an inline SVG chart for a dashboard: a value axis with labels, the
// periods below, the amber band between the target and the amber bound,
// the target as a dashed line, and the values as a line of points coloured
// by status, the point of period marked. Each point, the band and the
// target line say what they are in a title, shown on hover. It needs no
// script, prints, and is valid XML; the text for screen readers is the
// caller's (see writeValues).
func MetricChart(m *site.Metric, period string) template.HTML {
	var w writer
	writeMetricChart(&w, m, period)
	return template.HTML(w.String())
}

func writeMetricChart(w *writer, m *site.Metric, period string) {
	c := metricChart(m)
	first, last := "", ""
	if len(m.Points) > 0 {
		first, last = m.Points[0].Period, m.Points[len(m.Points)-1].Period
	}
	fmt.Fprintf(w, `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="`, chartW, chartH)
	w.text(fmt.Sprintf("Chart of %s from %s to %s against its target %s", m.Name, first, last, Quantity(m.Target, m.Unit)))
	w.raw(`">`)
	writeAxis(w, c, m.Unit)
	tx1, tx2 := coord(chartLeft), coord(c.w-chartRight)
	if m.HasAmber {
		y1, y2 := c.y(m.Target), c.y(m.Amber)
		fmt.Fprintf(w, `<rect class="chart-band" x="%s" y="%s" width="%s" height="%s" data-from="%s" data-to="%s"><title>`,
			tx1, coord(math.Min(y1, y2)), coord(c.w-chartRight-chartLeft), coord(math.Abs(y2-y1)), Num(math.Min(m.Target, m.Amber)), Num(math.Max(m.Target, m.Amber)))
		w.text("Amber: between " + Quantity(m.Amber, m.Unit) + " and the target " + Quantity(m.Target, m.Unit))
		w.raw(`</title></rect>`)
	}
	fmt.Fprintf(w, `<line class="chart-target" x1="%s" x2="%s" y1="%s" y2="%s" data-value="%s"><title>`, tx1, tx2, coord(c.y(m.Target)), coord(c.y(m.Target)), Num(m.Target))
	w.text("Target " + bound(m.Better) + " " + Quantity(m.Target, m.Unit))
	w.raw(`</title></line>`)
	writePeriods(w, c, m.Points)
	var seg []string
	flush := func() {
		if len(seg) > 1 {
			fmt.Fprintf(w, `<polyline class="chart-line" points="%s"/>`, strings.Join(seg, " "))
		}
		seg = nil
	}
	for i, p := range m.Points {
		if !p.Has {
			flush()
			continue
		}
		seg = append(seg, coord(c.x(i))+","+coord(c.y(p.Value)))
	}
	flush()
	for i, p := range m.Points {
		if !p.Has {
			continue
		}
		class := "chart-point status-" + p.Status
		if p.Period == period {
			class += " chart-current"
		}
		fmt.Fprintf(w, `<circle class="%s" cx="%s" cy="%s" r="4" data-period="`, class, coord(c.x(i)), coord(c.y(p.Value)))
		w.text(p.Period)
		fmt.Fprintf(w, `" data-value="%s"><title>`, Num(p.Value))
		w.text(p.Period + ": " + Quantity(p.Value, m.Unit) + ", " + statusWord(p.Status))
		w.raw(`</title></circle>`)
	}
	w.raw(`</svg>`)
}

// writeAxis writes the value axis: a grid line and a label at each tick.
func writeAxis(w *writer, c chart, unit string) {
	w.raw(`<g class="chart-axis">`)
	for _, v := range c.axis.ticks {
		y := coord(c.y(v))
		fmt.Fprintf(w, `<line class="chart-grid" x1="%s" x2="%s" y1="%s" y2="%s"/>`, coord(chartLeft), coord(c.w-chartRight), y, y)
		fmt.Fprintf(w, `<text class="chart-ylabel" x="%s" y="%s" text-anchor="end" dominant-baseline="middle">`, coord(chartLeft-8), y)
		w.text(axisLabel(v, unit))
		w.raw(`</text>`)
	}
	w.raw(`</g>`)
}

// writePeriods writes the periods' names below the plot.
func writePeriods(w *writer, c chart, points []site.Point) {
	w.raw(`<g class="chart-periods">`)
	for i, p := range points {
		if !c.labelled(i) {
			continue
		}
		fmt.Fprintf(w, `<text class="chart-xlabel" x="%s" y="%s" text-anchor="middle">`, coord(c.x(i)), coord(c.h-8))
		w.text(p.Period)
		w.raw(`</text>`)
	}
	w.raw(`</g>`)
}

// ScoreChart draws a scorecard's score in each of its periods, from 0 to
// 100%, each point labelled with its score, the point of period marked.
func ScoreChart(sc *site.Scorecard, period string) template.HTML {
	var w writer
	writeScoreChart(&w, sc, period)
	return template.HTML(w.String())
}

func writeScoreChart(w *writer, sc *site.Scorecard, period string) {
	c := chart{w: scoreChartW, h: scoreChartH, axis: axis{lo: 0, hi: 100, step: 50, ticks: []float64{0, 50, 100}}, n: len(sc.Periods)}
	fmt.Fprintf(w, `<svg class="chart chart-score" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="`, scoreChartW, scoreChartH)
	w.text("Chart of the score by period: " + scoreSeries(sc))
	w.raw(`">`)
	writeAxis(w, c, "%")
	points := make([]site.Point, len(sc.Periods))
	xy := make([]string, len(sc.Periods))
	for i, p := range sc.Periods {
		points[i] = site.Point{Period: p}
		xy[i] = coord(c.x(i)) + "," + coord(c.y(float64(sc.Scores[p].Percent())))
	}
	writePeriods(w, c, points)
	if len(xy) > 1 {
		fmt.Fprintf(w, `<polyline class="chart-line" points="%s"/>`, strings.Join(xy, " "))
	}
	for i, p := range sc.Periods {
		pct := sc.Scores[p].Percent()
		class := "chart-point chart-score-point"
		if p == period {
			class += " chart-current"
		}
		x, y := coord(c.x(i)), c.y(float64(pct))
		fmt.Fprintf(w, `<circle class="%s" cx="%s" cy="%s" r="4" data-period="`, class, x, coord(y))
		w.text(p)
		fmt.Fprintf(w, `" data-value="%d"><title>`, pct)
		w.text(fmt.Sprintf("%s: %d%%", p, pct))
		w.raw(`</title></circle>`)
		ly := y - 9
		if ly < chartTop+4 {
			ly = y + 20
		}
		fmt.Fprintf(w, `<text class="chart-value" x="%s" y="%s" text-anchor="middle">%d%%</text>`, x, coord(ly), pct)
	}
	w.raw(`</svg>`)
}

// scoreSeries says a scorecard's score in each period: "2026-Q1 93%,
// 2026-Q2 71%, 2026-Q3 79%".
func scoreSeries(sc *site.Scorecard) string {
	parts := make([]string, len(sc.Periods))
	for i, p := range sc.Periods {
		parts[i] = fmt.Sprintf("%s %d%%", p, sc.Scores[p].Percent())
	}
	return strings.Join(parts, ", ")
}

// bound is the sign of a target: ≥ when higher is better, ≤ when lower.
func bound(better string) string {
	if better == "lower" {
		return "≤"
	}
	return "≥"
}

// statusWord says a status as the badges do.
func statusWord(status string) string {
	switch status {
	case site.Green:
		return "green"
	case site.Amber:
		return "amber"
	case site.Red:
		return "red"
	}
	return "no value"
}
