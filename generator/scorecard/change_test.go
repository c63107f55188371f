package scorecard

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/site"
)

// series returns a metric with a point per period, in order; a nil value
// is a period without one.
func series(better string, periods []string, values ...any) *site.Metric {
	m := &site.Metric{Better: better}
	for i, per := range periods {
		pt := site.Point{Period: per, Status: site.Grey}
		if v, ok := values[i].(float64); ok {
			pt.Value, pt.Has = v, true
		}
		m.Points = append(m.Points, pt)
	}
	return m
}

func TestMetricChangeSignAndVerdict(t *testing.T) {
	periods := []string{"2026-Q1", "2026-Q2", "2026-Q3"}
	for _, tc := range []struct {
		name      string
		m         *site.Metric
		period    string
		want      Change
		up, down  bool
		wantDelta string
	}{
		{"higher is better, a rise", series("higher", periods, 99.95, 99.7, 99.92), "2026-Q3",
			Change{From: "2026-Q2", Has: true, Delta: 0.22, Verdict: Better}, true, false, "0.22"},
		{"higher is better, a fall", series("higher", periods, 99.95, 99.7, 99.92), "2026-Q2",
			Change{From: "2026-Q1", Has: true, Delta: -0.25, Verdict: Worse}, false, true, "-0.25"},
		{"lower is better, a fall", series("lower", periods, 6.5, 9.8, 5.2), "2026-Q3",
			Change{From: "2026-Q2", Has: true, Delta: -4.6, Verdict: Better}, false, true, "-4.6"},
		{"lower is better, a rise", series("lower", periods, 720.0, 760.0, 1180.0), "2026-Q3",
			Change{From: "2026-Q2", Has: true, Delta: 420, Verdict: Worse}, true, false, "420"},
		{"no change", series("lower", periods, 4.0, 4.0, 4.0), "2026-Q2",
			Change{From: "2026-Q1", Has: true, Delta: 0, Verdict: Unchanged}, false, false, "0"},
		{"first period", series("higher", periods, 1.0, 2.0, 3.0), "2026-Q1", Change{}, false, false, "0"},
		{"no value before", series("higher", periods, nil, 2.0, 3.0), "2026-Q2", Change{From: "2026-Q1"}, false, false, "0"},
		{"no value now", series("higher", periods, 1.0, nil, 3.0), "2026-Q2", Change{From: "2026-Q1"}, false, false, "0"},
		{"a period the metric lacks", series("higher", periods, 1.0, 2.0, 3.0), "2031-Q1", Change{}, false, false, "0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := MetricChange(tc.m, tc.period)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.up, got.Up(), "up")
			assert.Equal(t, tc.down, got.Down(), "down")
			assert.Equal(t, tc.wantDelta, fmtNum(got.Delta), "the delta as written, without float noise")
		})
	}
}

func TestScoreChangeInWholePoints(t *testing.T) {
	sc := &site.Scorecard{Periods: []string{"2026-Q1", "2026-Q2", "2026-Q3"}, Scores: map[string]site.Score{
		"2026-Q1": {Value: 0.9333}, "2026-Q2": {Value: 0.7142}, "2026-Q3": {Value: 0.7857},
	}}
	assert.Equal(t, Change{From: "2026-Q2", Has: true, Delta: 8, Verdict: Better}, ScoreChange(sc, "2026-Q3"), "71% to 79%")
	assert.Equal(t, Change{From: "2026-Q1", Has: true, Delta: -22, Verdict: Worse}, ScoreChange(sc, "2026-Q2"), "93% to 71%")
	assert.Equal(t, Change{}, ScoreChange(sc, "2026-Q1"))
}
