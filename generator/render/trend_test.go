package render

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/scorecard"
	"github.com/govdoc/govdoc/generator/site"
)

func TestNiceAxisHoldsTheValuesBetweenRoundTicks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values []float64
		ticks  []float64
	}{
		{"uptime near 100%", []float64{99.9, 99.5, 99.95, 99.7, 99.92}, []float64{99.4, 99.6, 99.8, 100}},
		{"hours", []float64{4, 8, 9.5, 5, 3.5, 6}, []float64{2, 4, 6, 8, 10}},
		{"milliseconds", []float64{800, 1000, 720, 760, 1180}, []float64{600, 800, 1000, 1200}},
		{"a scale of 1 to 5", []float64{4.2, 4.0, 4.1, 4.3, 4.4}, []float64{4, 4.1, 4.2, 4.3, 4.4}},
		{"steps of 2.5", []float64{0, 9}, []float64{0, 2.5, 5, 7.5, 10}},
		{"negative numbers", []float64{-5, 0, 3}, []float64{-6, -4, -2, 0, 2, 4}},
		{"one value", []float64{7}, []float64{6, 6.5, 7, 7.5, 8}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := niceAxis(tc.values...)
			assert.Equal(t, tc.ticks, a.ticks)
			assert.Equal(t, a.ticks[0], a.lo)
			assert.Equal(t, a.ticks[len(a.ticks)-1], a.hi)
			assert.GreaterOrEqual(t, len(a.ticks), 3)
			assert.LessOrEqual(t, len(a.ticks), 6)
			for _, v := range tc.values {
				assert.True(t, a.lo <= v && v <= a.hi, "%v is on the axis %v..%v", v, a.lo, a.hi)
			}
		})
	}
}

func TestChartGeometry(t *testing.T) {
	c := chart{w: chartW, h: chartH, axis: niceAxis(2, 10), n: 5}
	assert.InDelta(t, chartTop, c.y(c.axis.hi), 1e-9, "the axis's top is the plot's top")
	assert.InDelta(t, chartH-chartBottom, c.y(c.axis.lo), 1e-9, "the axis's bottom is the plot's bottom")
	assert.Less(t, c.y(8), c.y(4), "higher values are higher up")
	assert.InDelta(t, (c.y(4)+c.y(8))/2, c.y(6), 1e-9, "the scale is linear")
	assert.Greater(t, c.x(0), float64(chartLeft), "the first period clears the value axis")
	assert.Less(t, c.x(4), float64(chartW-chartRight), "the last period stays inside")
	for i := 1; i < 5; i++ {
		assert.Greater(t, c.x(i), c.x(i-1), "periods run left to right")
	}
	one := chart{w: chartW, h: chartH, axis: c.axis, n: 1}
	assert.InDelta(t, (float64(chartLeft+chartInset)+chartW-chartRight-chartInset)/2, one.x(0), 1e-9, "a single period is centred")
}

func TestPeriodLabelsNeverOverlap(t *testing.T) {
	for _, n := range []int{1, 3, 4, 5, 8, 12, 24} {
		for _, w := range []float64{chartW, scoreChartW} {
			c := chart{w: w, h: chartH, axis: niceAxis(0, 1), n: n}
			var xs []float64
			for i := range n {
				if c.labelled(i) {
					xs = append(xs, c.x(i))
				}
			}
			require.NotEmpty(t, xs)
			assert.True(t, c.labelled(n-1), "%d periods, width %v: the latest period is named", n, w)
			for i := 1; i < len(xs); i++ {
				assert.GreaterOrEqual(t, xs[i]-xs[i-1], float64(chartPeriodLabelWidth)-0.01, "%d periods, width %v: names %d and %d overlap", n, w, i-1, i)
			}
			if n <= 4 {
				assert.Len(t, xs, n, "a few periods are all named")
			}
		}
	}
}

func TestMetricChartDrawsTheBandBetweenTargetAndAmber(t *testing.T) {
	for _, better := range []string{"higher", "lower"} {
		m := &site.Metric{Name: "M", Target: 10, Amber: 20, HasAmber: true, Better: better,
			Points: []site.Point{{Period: "2026-Q1", Value: 5, Has: true, Status: site.Green}, {Period: "2026-Q2", Value: 15, Has: true, Status: site.Amber}}}
		if better == "higher" {
			m.Target, m.Amber = 20, 10
		}
		c := metricChart(m)
		svg := string(MetricChart(m, "2026-Q2"))
		top, bottom := min(c.y(m.Target), c.y(m.Amber)), max(c.y(m.Target), c.y(m.Amber))
		assert.Contains(t, svg, `<rect class="chart-band" x="48.00" y="`+coord(top)+`" width="244.00" height="`+coord(bottom-top)+`"`, better)
		assert.Contains(t, svg, `<line class="chart-target" x1="48.00" x2="292.00" y1="`+coord(c.y(m.Target))+`"`, better)
		assert.Contains(t, svg, `<text class="chart-ylabel"`, "the value axis is labelled")
		assert.Contains(t, svg, `>2026-Q1</text>`, "the periods are named")
		assert.Equal(t, 1, strings.Count(svg, "chart-current"), "the period shown is marked once")
	}
}

func TestChangeIsWrittenWithItsSignArrowAndVerdict(t *testing.T) {
	for _, tc := range []struct {
		c    scorecard.Change
		unit string
		want string
	}{
		{scorecard.Change{From: "2026-Q2", Has: true, Delta: 0.22, Verdict: scorecard.Better}, "%",
			`<span class="db-delta db-better" data-delta="0.22"><span class="db-arrow" aria-hidden="true">▲</span> &#43;0.22 <abbr title="percentage points">pp</abbr> <span class="db-verdict">better</span> <span class="db-from">vs 2026-Q2</span></span>`},
		{scorecard.Change{From: "2026-Q2", Has: true, Delta: -4.6, Verdict: scorecard.Better}, "hours",
			`<span class="db-delta db-better" data-delta="-4.6"><span class="db-arrow" aria-hidden="true">▼</span> −4.6 hours <span class="db-verdict">better</span> <span class="db-from">vs 2026-Q2</span></span>`},
		{scorecard.Change{From: "2026-Q2", Has: true, Delta: 420, Verdict: scorecard.Worse}, "ms",
			`<span class="db-delta db-worse" data-delta="420"><span class="db-arrow" aria-hidden="true">▲</span> &#43;420 ms <span class="db-verdict">worse</span> <span class="db-from">vs 2026-Q2</span></span>`},
		{scorecard.Change{From: "2026-Q2", Has: true, Delta: 0, Verdict: scorecard.Unchanged}, "",
			`<span class="db-delta db-unchanged" data-delta="0"><span class="db-arrow" aria-hidden="true">►</span> ±0 <span class="db-verdict">unchanged</span> <span class="db-from">vs 2026-Q2</span></span>`},
		{scorecard.Change{From: "2026-Q2"}, "", `<span class="db-delta db-none">no value to compare in 2026-Q2</span>`},
		{scorecard.Change{}, "", `<span class="db-delta db-none">no period before</span>`},
	} {
		var w writer
		writeChange(&w, tc.c, tc.unit)
		assert.Equal(t, tc.want, w.String())
	}
}
