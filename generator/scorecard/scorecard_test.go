package scorecard

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/site"
)

func TestStatusAtAndAroundEveryBound(t *testing.T) {
	const G, A, R = site.Green, site.Amber, site.Red
	for _, tc := range []struct {
		better        string
		target, amber float64
		hasAmber      bool
		value         float64
		want          string
	}{
		// higher is better: target 99.9, amber bound 99.5
		{"higher", 99.9, 99.5, true, 100, G},
		{"higher", 99.9, 99.5, true, 99.91, G},
		{"higher", 99.9, 99.5, true, 99.9, G}, // meets the target exactly
		{"higher", 99.9, 99.5, true, 99.89, A},
		{"higher", 99.9, 99.5, true, 99.51, A},
		{"higher", 99.9, 99.5, true, 99.5, A}, // at the amber bound
		{"higher", 99.9, 99.5, true, 99.49, R},
		{"higher", 99.9, 99.5, true, 0, R},
		{"higher", 99.9, 0, false, 99.89, R}, // no amber band
		{"higher", 99.9, 0, false, 99.9, G},
		{"higher", 0, -5, true, -5, A}, // negative numbers
		{"higher", 0, -5, true, -5.01, R},
		// lower is better: target 4 hours, amber bound 8 hours
		{"lower", 4, 8, true, 0, G},
		{"lower", 4, 8, true, 3.99, G},
		{"lower", 4, 8, true, 4, G}, // meets the target exactly
		{"lower", 4, 8, true, 4.01, A},
		{"lower", 4, 8, true, 7.99, A},
		{"lower", 4, 8, true, 8, A}, // at the amber bound
		{"lower", 4, 8, true, 8.01, R},
		{"lower", 4, 0, false, 4.01, R},
		{"lower", 4, 4, true, 4.01, R}, // an amber bound equal to the target leaves no band
		{"higher", 90, 90, true, 89.99, R},
	} {
		got := Status(tc.value, tc.target, tc.better, tc.amber, tc.hasAmber)
		assert.Equal(t, tc.want, got, "better %s, target %v, amber %v (%v), value %v", tc.better, tc.target, tc.amber, tc.hasAmber, tc.value)
	}
}

func metric(weight float64, status string) *site.Metric {
	return &site.Metric{Weight: weight, Points: []site.Point{{Period: "P", Status: status, Has: status != site.Grey}}}
}

func TestWeightedScore(t *testing.T) {
	for _, tc := range []struct {
		name    string
		metrics []*site.Metric
		want    float64
		counts  [4]int // green, amber, red, grey
	}{
		{"all green", []*site.Metric{metric(2, site.Green), metric(1, site.Green)}, 1, [4]int{2, 0, 0, 0}},
		{"amber counts half", []*site.Metric{metric(1, site.Amber)}, 0.5, [4]int{0, 1, 0, 0}},
		{"weights", []*site.Metric{metric(2, site.Green), metric(1, site.Red), metric(1, site.Amber)}, 2.5 / 4, [4]int{1, 1, 1, 0}},
		{"grey counts as not met", []*site.Metric{metric(1, site.Green), metric(1, site.Grey)}, 0.5, [4]int{1, 0, 0, 1}},
		{"zero weight does not count", []*site.Metric{metric(0, site.Red), metric(1, site.Green)}, 1, [4]int{1, 0, 1, 0}},
		{"nothing", nil, 0, [4]int{}},
	} {
		s := Weighted(tc.metrics, "P")
		assert.InDelta(t, tc.want, s.Value, 1e-9, tc.name)
		assert.Equal(t, tc.counts, [4]int{s.Green, s.Amber, s.Red, s.Grey}, tc.name)
	}
	assert.Equal(t, 63, site.Score{Value: 0.625}.Percent())
}

func TestPeriods(t *testing.T) {
	for _, p := range []string{"2026", "2026-H2", "2026-Q1", "2026-Q4", "2026-01", "2026-12", "2026-W01", "2026-W53", "2026-q3"} {
		assert.True(t, validPeriod(p), p)
	}
	for _, p := range []string{"", "26-Q1", "2026-Q5", "2026-13", "2026-00", "2026-W54", "2026-H3", "Q3 2026", "2026-Q1x", "2026-1"} {
		assert.False(t, validPeriod(p), p)
	}
	set := map[string]bool{"2026-Q3": true, "2025-Q4": true, "2026-Q1": true, "2026-Q2": true}
	assert.Equal(t, []string{"2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"}, sortPeriods(set))
	assert.Equal(t, []string{"2025-12", "2026-01", "2026-02", "2026-10"}, sortPeriods(map[string]bool{"2026-10": true, "2026-02": true, "2025-12": true, "2026-01": true}))
}
