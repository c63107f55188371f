package redline_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/redline"
)

// apply returns the earlier and the later text an edit describes.
func apply(ops []redline.Op) (a, b []string) {
	for _, op := range ops {
		if op.Kind != redline.Insert {
			a = append(a, op.Word)
		}
		if op.Kind != redline.Delete {
			b = append(b, op.Word)
		}
	}
	return a, b
}

func show(ops []redline.Op) string {
	var out []string
	for _, op := range ops {
		out = append(out, [...]string{"", "-", "+"}[op.Kind]+op.Word)
	}
	return strings.Join(out, " ")
}

func TestDiffIsTheShortestEdit(t *testing.T) {
	for _, tc := range []struct{ a, b, want string }{
		{"the cat sat", "the cat sat", "the cat sat"},
		{"the cat sat", "the dog sat", "the -cat +dog sat"},
		{"a b c", "a c", "a -b c"},
		{"a c", "a b c", "a +b c"},
		{"", "a b", "+a +b"},
		{"a b", "", "-a -b"},
		{"a b c a b b a", "c b a b a c", ""}, // Myers' example: 5 edits
	} {
		ops := redline.Diff(strings.Fields(tc.a), strings.Fields(tc.b))
		a, b := apply(ops)
		assert.Equal(t, tc.a, strings.Join(a, " "))
		assert.Equal(t, tc.b, strings.Join(b, " "))
		if tc.want != "" {
			assert.Equal(t, tc.want, show(ops))
		} else {
			edits := 0
			for _, op := range ops {
				if op.Kind != redline.Equal {
					edits++
				}
			}
			assert.Equal(t, 5, edits, show(ops))
		}
	}
}

func TestDiffOfRandomTextsGivesBackBoth(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		var a, b []string
		for range r.IntN(40) {
			a = append(a, string(rune('a'+r.IntN(4))))
		}
		for range r.IntN(40) {
			b = append(b, string(rune('a'+r.IntN(4))))
		}
		ops := redline.Diff(a, b)
		x, y := apply(ops)
		assert.Equal(t, strings.Join(a, " "), strings.Join(x, " "))
		assert.Equal(t, strings.Join(b, " "), strings.Join(y, " "))
		kept := 0
		for _, op := range ops {
			if op.Kind == redline.Equal {
				kept++
			}
		}
		assert.Equal(t, lcs(a, b), kept, "the edit keeps a longest common subsequence")
	}
}

// Beyond its bounds, Diff shows the middle deleted and inserted whole, and
// still gives back both texts.
func TestDiffBeyondItsBoundsReplacesTheMiddle(t *testing.T) {
	var a, b []string
	for i := range 3 * redline.MaxEdits {
		a = append(a, "x"+strings.Repeat("a", i%7))
		b = append(b, "y"+strings.Repeat("b", i%5))
	}
	a = append([]string{"same"}, append(a, "end")...)
	b = append([]string{"same"}, append(b, "end")...)
	ops := redline.Diff(a, b)
	x, y := apply(ops)
	assert.Equal(t, a, x)
	assert.Equal(t, b, y)
	assert.Equal(t, redline.Op{Kind: redline.Equal, Word: "same"}, ops[0])
	assert.Equal(t, redline.Op{Kind: redline.Delete, Word: a[1]}, ops[1])
	assert.Equal(t, redline.Op{Kind: redline.Insert, Word: b[1]}, ops[len(a)-1])
}

// lcs is the length of the longest common subsequence of a and b.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}
