package finding

import "strings"

// Closest returns the candidate nearest to got, compared without case, for a
// "did you mean" hint; ok is false when none is close enough to help.
func Closest(got string, candidates []string) (best string, ok bool) {
	g := strings.ToLower(got)
	bestD := -1
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := Distance(g, lc)
		if len(g) >= 3 && (strings.Contains(lc, g) || strings.Contains(g, lc)) {
			d = min(d, 2)
		}
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	return best, bestD >= 0 && bestD <= max(2, len(g)/3)
}

// Distance is the Levenshtein distance between a and b, in bytes.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
