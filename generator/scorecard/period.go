package scorecard

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// validPeriod accepts a year (2026), half (2026-H1), quarter (2026-Q3),
// month (2026-09) or ISO week (2026-W05).
func validPeriod(p string) bool {
	_, _, ok := periodKey(p)
	return ok
}

// periodKey orders periods by year, then by the day their span starts,
// longer spans first.
func periodKey(p string) (year, start int, ok bool) {
	y, rest, _ := strings.Cut(strings.ToUpper(strings.TrimSpace(p)), "-")
	year, err := strconv.Atoi(y)
	if err != nil || len(y) != 4 {
		return 0, 0, false
	}
	if rest == "" {
		return year, -10, true
	}
	num := func(s string, lo, hi int) (int, bool) {
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= lo && n <= hi && len(s) <= 2
	}
	switch {
	case strings.HasPrefix(rest, "H"):
		n, ok := num(rest[1:], 1, 2)
		return year, (n-1)*182*10 + 3, ok
	case strings.HasPrefix(rest, "Q"):
		n, ok := num(rest[1:], 1, 4)
		return year, (n-1)*91*10 + 2, ok
	case strings.HasPrefix(rest, "W"):
		n, ok := num(rest[1:], 1, 53)
		return year, (n-1)*7*10 + 0, ok && len(rest) == 3
	}
	n, ok := num(rest, 1, 12)
	return year, (n-1)*30*10 + 1, ok && len(rest) == 2
}

// sortPeriods returns the periods of a set, oldest first.
func sortPeriods(set map[string]bool) []string {
	ps := slices.Collect(maps.Keys(set))
	slices.SortFunc(ps, func(a, b string) int {
		ya, sa, _ := periodKey(a)
		yb, sb, _ := periodKey(b)
		return cmp.Or(cmp.Compare(ya, yb), cmp.Compare(sa/10, sb/10), -cmp.Compare(sa%10, sb%10), cmp.Compare(a, b))
	})
	return ps
}
