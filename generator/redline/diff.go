// Package redline shows what changed in a document between two of its
// versions: the words of each version's rendered text, compared word by
// word (Diff), and the later version's text with the words inserted and
// deleted marked (Markup). Pages gives each published document its redline
// pages. It does not read git: the versions come from the site model.
package redline

// Op is one step from the earlier text to the later: a word kept, deleted
// from the earlier or inserted in the later.
type Op struct {
	Kind Kind
	Word string
}

// Kind says what an Op does.
type Kind byte

// The kinds of Op.
const (
	Equal Kind = iota
	Delete
	Insert
)

// Bounds of Diff's work: beyond MaxEdits differing words, or a cost of
// MaxWork word comparisons, the words between the common beginning and end
// are shown deleted and then inserted, whole.
const (
	MaxEdits = 2000
	MaxWork  = 40_000_000
)

// Diff returns the shortest edit from a to b (Myers' O(ND) algorithm, on
// the words between their common beginning and end), or, beyond its
// bounds, the middle deleted and inserted whole.
func Diff(a, b []string) []Op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []Op
	for _, w := range a[:pre] {
		ops = append(ops, Op{Equal, w})
	}
	ops = append(ops, middle(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, w := range a[len(a)-suf:] {
		ops = append(ops, Op{Equal, w})
	}
	return ops
}

// middle diffs a and b, which differ at both ends.
func middle(a, b []string) []Op {
	whole := func() []Op {
		ops := make([]Op, 0, len(a)+len(b))
		for _, w := range a {
			ops = append(ops, Op{Delete, w})
		}
		for _, w := range b {
			ops = append(ops, Op{Insert, w})
		}
		return ops
	}
	if len(a) == 0 || len(b) == 0 {
		return whole()
	}
	// Words as numbers, so that comparing them is cheap.
	ids := map[string]int32{}
	num := func(ws []string) []int32 {
		out := make([]int32, len(ws))
		for i, w := range ws {
			id, ok := ids[w]
			if !ok {
				id = int32(len(ids))
				ids[w] = id
			}
			out[i] = id
		}
		return out
	}
	x, y := num(a), num(b)
	n, m := len(x), len(y)
	offset := n + m
	v := make([]int32, 2*offset+2)
	var trace [][]int32 // v for -d..d after each d
	for d := 0; ; d++ {
		if d > MaxEdits || d*(n+m) > MaxWork {
			return whole()
		}
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || k != d && v[offset+k-1] < v[offset+k+1] {
				i = int(v[offset+k+1]) // down: an insertion
			} else {
				i = int(v[offset+k-1]) + 1 // right: a deletion
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i, j = i+1, j+1
			}
			v[offset+k] = int32(i)
			if i >= n && j >= m {
				trace = append(trace, append([]int32(nil), v[offset-d:offset+d+1]...))
				return backtrack(trace, a, b)
			}
		}
		trace = append(trace, append([]int32(nil), v[offset-d:offset+d+1]...))
	}
}

// backtrack walks the furthest points of each d back from the end of both
// texts, and returns the edit they make, first to last.
func backtrack(trace [][]int32, a, b []string) []Op {
	at := func(d, k int) int { return int(trace[d][k+d]) }
	i, j := len(a), len(b)
	var rev []Op
	for d := len(trace) - 1; d > 0; d-- {
		k := i - j
		var pk int
		if k == -d || k != d && at(d-1, k-1) < at(d-1, k+1) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		pi := at(d-1, pk)
		pj := pi - pk
		si, sj := pi+1, pj // where the move ends: after a deletion
		if pk == k+1 {
			si, sj = pi, pj+1 // after an insertion
		}
		for i > si && j > sj {
			i, j = i-1, j-1
			rev = append(rev, Op{Equal, a[i]})
		}
		if pk == k+1 {
			rev = append(rev, Op{Insert, b[pj]})
		} else {
			rev = append(rev, Op{Delete, a[pi]})
		}
		i, j = pi, pj
	}
	for i > 0 && j > 0 {
		i, j = i-1, j-1
		rev = append(rev, Op{Equal, a[i]})
	}
	ops := make([]Op, len(rev))
	for n, op := range rev {
		ops[len(rev)-1-n] = op
	}
	return ops
}
