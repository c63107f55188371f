package scorecard

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/govdoc/govdoc/generator/site"
)

// Verdicts of a change: whether it moved a metric toward its target side
// (better), away from it (worse), or not at all.
const (
	Better    = "better"
	Worse     = "worse"
	Unchanged = "unchanged"
)

// Change is how a metric, or a scorecard's score, moved from the period
// before a period to that period.
type Change struct {
	// From is the period before; "" when the period is the first.
	From string
	// Has is set when both periods have a value.
	Has bool
	// Delta is the value minus the value before, rounded to the decimals
	// of the two values, so that 99.92 - 99.7 is 0.22.
	Delta float64
	// Verdict is Better, Worse or Unchanged: a fall is Better for a metric
	// whose better is lower.
	Verdict string
}

// Up reports whether the value rose, Down whether it fell: the direction of
// the arrow, whatever the verdict.
func (c Change) Up() bool { return c.Has && c.Delta > 0 }

// Down reports whether the value fell.
func (c Change) Down() bool { return c.Has && c.Delta < 0 }

// MetricChange returns the change of m from the period before period,
// among its scorecard's periods, to period.
func MetricChange(m *site.Metric, period string) Change {
	i := slices.IndexFunc(m.Points, func(p site.Point) bool { return p.Period == period })
	if i <= 0 {
		return Change{}
	}
	prev, cur := m.Points[i-1], m.Points[i]
	c := Change{From: prev.Period}
	if !prev.Has || !cur.Has {
		return c
	}
	c.Has = true
	c.Delta = roundTo(cur.Value-prev.Value, max(decimals(cur.Value), decimals(prev.Value)))
	c.Verdict = verdict(c.Delta, m.Better == "lower")
	return c
}

// ScoreChange returns the change of a scorecard's score, in whole
// percentage points, from the period before period to period.
func ScoreChange(sc *site.Scorecard, period string) Change {
	i := slices.Index(sc.Periods, period)
	if i <= 0 {
		return Change{}
	}
	from := sc.Periods[i-1]
	d := float64(sc.Scores[period].Percent() - sc.Scores[from].Percent())
	return Change{From: from, Has: true, Delta: d, Verdict: verdict(d, false)}
}

func verdict(delta float64, lowerIsBetter bool) string {
	switch {
	case delta == 0:
		return Unchanged
	case (delta < 0) == lowerIsBetter:
		return Better
	}
	return Worse
}

// decimals is how many digits a number has after its decimal point, as
// users write it.
func decimals(x float64) int {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

func roundTo(x float64, places int) float64 {
	p := math.Pow(10, float64(min(places, 12)))
	r := math.Round(x*p) / p
	if r == 0 {
		return 0 // no negative zero
	}
	return r
}
