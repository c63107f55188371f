package finding

import (
	"fmt"
	"strings"
)

// Every "did you mean" of govdoc measures nearness with Distance: site.yaml
// keys, roles, front-matter keys and values, Document-IDs and file names,
// meta keys and heading IDs.

// Closest returns the candidate nearest to got, compared without case, for a
// "did you mean" hint; ok is false when none is close enough to help. A
// candidate that contains got, or that got contains, counts as close.
func Closest(got string, candidates []string) (best string, ok bool) {
	g := strings.ToLower(got)
	limit := max(2, len(g)/3)
	bestD := -1
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := DistanceAtMost(g, lc, limit)
		if len(g) >= 3 && (strings.Contains(lc, g) || strings.Contains(g, lc)) {
			d = min(d, 2)
		}
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best, bestD >= 0 && bestD <= limit
}

// Near returns the candidate within limit edits of got, compared without
// case, that is nearest to it (the first in byte order among equals); ok is
// false when none is that near. It suits names that differ only by a slip,
// such as a misspelled front-matter key or a Document-ID with a digit
// missing, where Closest's looser match would suggest unrelated names.
func Near(got string, candidates []string, limit int) (best string, ok bool) {
	g := strings.ToLower(got)
	bestD := limit + 1
	for _, c := range candidates {
		if d := DistanceAtMost(g, strings.ToLower(c), bestD); d < bestD || d == bestD && ok && c < best {
			best, bestD, ok = c, d, d <= limit
		}
	}
	return best, ok
}

// DidYouMean is the hint that names a suggestion: ` (did you mean "x"?)`.
func DidYouMean(suggestion string) string {
	return fmt.Sprintf(" (did you mean %q?)", suggestion)
}

// Distance is the number of edits that turn a into b, where an edit adds,
// drops or changes a letter or swaps two neighbours (the optimal string
// alignment distance), counted in letters, not bytes.
func Distance(a, b string) int {
	return DistanceAtMost(a, b, max(len(a), len(b)))
}

// DistanceAtMost is Distance when that is at most limit, and otherwise some
// number above limit: it stops as soon as the distance must exceed limit,
// so comparing a name with thousands of others stays cheap.
func DistanceAtMost(a, b string, limit int) int {
	x, y := []rune(a), []rune(b)
	if abs(len(x)-len(y)) > limit {
		return limit + 1
	}
	rows := [3][]int{make([]int, len(y)+1), make([]int, len(y)+1), make([]int, len(y)+1)}
	for j := range rows[1] {
		rows[1][j] = j
	}
	least := 0 // the least of the row before
	for i := 1; i <= len(x); i++ {
		before, prev, cur := rows[0], rows[1], rows[2]
		cur[0] = i
		row := i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], before[j-2]+1)
			}
			row = min(row, cur[j])
		}
		// A later row is at least this row's least, or the row before's
		// plus the one swap that reaches back to it.
		if min(row, least+1) > limit {
			return limit + 1
		}
		least = row
		rows = [3][]int{prev, cur, before}
	}
	return rows[1][len(y)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
