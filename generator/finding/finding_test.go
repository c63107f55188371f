package finding_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
)

func TestLinesPosition(t *testing.T) {
	// "é" is 2 bytes and "€" 3; columns count characters, not bytes.
	src := []byte("ab\né€x\n\nlast")
	lines := finding.NewLines(src)
	for _, tc := range []struct {
		name      string
		off       int
		line, col int
	}{
		{"start of file", 0, 1, 1},
		{"inside first line", 1, 1, 2},
		{"newline ends its line", 2, 1, 3},
		{"start of second line", 3, 2, 1},
		{"after a 2-byte character", 5, 2, 2},
		{"after a 3-byte character", 8, 2, 3},
		{"newline after multi-byte characters", 9, 2, 4},
		{"empty line", 10, 3, 1},
		{"start of last line", 11, 4, 1},
		{"end of file", len(src), 4, 5},
		{"past the end is clamped", len(src) + 100, 4, 5},
		{"negative is clamped", -3, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			line, col := lines.Position(tc.off)
			assert.Equal(t, tc.line, line, "line")
			assert.Equal(t, tc.col, col, "column")
		})
	}
}

// On long lines of mixed, and invalid, UTF-8 the column is the count of
// characters from the line's start, as utf8.RuneCount counts them, at
// every offset, those inside a character too.
func TestLinesPositionLongLines(t *testing.T) {
	var b strings.Builder
	for i := range 3000 {
		if i%997 == 996 {
			b.WriteString("\n")
		}
		b.WriteString([]string{"a", "é", "€", "😀", "\xff", "\xe2\x82"}[i*7%11%6])
	}
	src := []byte(b.String())
	lines := finding.NewLines(src)
	line, start := 1, 0
	for off := 0; off <= len(src); off++ {
		gotLine, gotCol := lines.Position(off)
		require.Equal(t, line, gotLine, "line at offset %d", off)
		require.Equal(t, utf8.RuneCount(src[start:off])+1, gotCol, "column at offset %d", off)
		if off < len(src) && src[off] == '\n' {
			line, start = line+1, off+1
		}
	}
}

func TestLinesPositionTrailingNewline(t *testing.T) {
	src := []byte("a\n")
	line, col := finding.NewLines(src).Position(len(src))
	assert.Equal(t, 2, line, "the offset after a final newline is the start of an empty line")
	assert.Equal(t, 1, col)
}

func TestLinesPositionEmpty(t *testing.T) {
	line, col := finding.NewLines(nil).Position(10)
	assert.Equal(t, 1, line)
	assert.Equal(t, 1, col)
}

func TestLinesOffset(t *testing.T) {
	src := []byte("one\ntwo\nthree")
	lines := finding.NewLines(src)
	assert.Equal(t, 0, lines.Offset(0), "line 0 is the start")
	assert.Equal(t, 0, lines.Offset(1))
	assert.Equal(t, 4, lines.Offset(2))
	assert.Equal(t, 8, lines.Offset(3))
	assert.Equal(t, len(src), lines.Offset(4), "past the last line is the end")
	for n := 1; n <= 3; n++ {
		line, col := lines.Position(lines.Offset(n))
		assert.Equal(t, n, line)
		assert.Equal(t, 1, col)
	}
}

func TestPositionString(t *testing.T) {
	for _, tc := range []struct {
		pos  finding.Position
		want string
	}{
		{finding.Position{File: "content/a.md"}, "content/a.md"},
		{finding.Position{File: "content/a.md", Line: 3}, "content/a.md:3"},
		{finding.Position{File: "content/a.md", Line: 3, Column: 7}, "content/a.md:3:7"},
	} {
		assert.Equal(t, tc.want, tc.pos.String())
	}
}

func TestFindingString(t *testing.T) {
	f := finding.New(finding.BrokenRef, finding.Error,
		finding.Position{File: "content/governance/0230_it.md", Line: 287, Column: 3},
		"no document named %s", "0180_it.md")
	assert.Equal(t, "content/governance/0230_it.md:287:3: error: no document named 0180_it.md [broken-ref]", f.String())

	w := finding.New(finding.ReviewOverdue, finding.Warning, finding.Position{File: "content/a.md"}, "old")
	assert.Equal(t, "content/a.md: warning: old [review-overdue]", w.String())
}

func TestListCounts(t *testing.T) {
	var l finding.List
	assert.Zero(t, l.Errors())
	l.Errorf(finding.BrokenLink, finding.Position{File: "a.md", Line: 1}, "missing %q", "x.md")
	l.Warnf(finding.ReviewOverdue, finding.Position{File: "a.md"}, "old")
	l.Errorf(finding.DuplicateID, finding.Position{File: "b.md", Line: 2}, "dup")
	require.Len(t, l, 3)
	assert.Equal(t, 2, l.Errors())
	assert.Equal(t, 1, l.Warnings())
	assert.Equal(t, `missing "x.md"`, l[0].Message)
	assert.Equal(t, finding.Error, l[0].Severity)
	assert.Equal(t, finding.Warning, l[1].Severity)
}

func TestListSort(t *testing.T) {
	pos := func(file string, line, col int) finding.Position {
		return finding.Position{File: file, Line: line, Column: col}
	}
	l := finding.List{
		finding.New("b-rule", finding.Error, pos("b.md", 1, 1), "m"),
		finding.New("z-rule", finding.Error, pos("a.md", 10, 1), "m"),
		finding.New("a-rule", finding.Error, pos("a.md", 2, 5), "second"),
		finding.New("a-rule", finding.Error, pos("a.md", 2, 5), "first"),
		finding.New("b-rule", finding.Error, pos("a.md", 2, 5), "m"),
		finding.New("a-rule", finding.Warning, pos("a.md", 2, 1), "m"),
		finding.New("a-rule", finding.Error, pos("a.md", 0, 0), "whole file"),
	}
	l.Sort()
	var got []string
	for _, f := range l {
		got = append(got, f.String())
	}
	assert.Equal(t, []string{
		"a.md: error: whole file [a-rule]",
		"a.md:2:1: warning: m [a-rule]",
		"a.md:2:5: error: first [a-rule]",
		"a.md:2:5: error: second [a-rule]",
		"a.md:2:5: error: m [b-rule]",
		"a.md:10:1: error: m [z-rule]",
		"b.md:1:1: error: m [b-rule]",
	}, got, "by file, then line (numerically), column, rule and message")
}

func TestFindingJSON(t *testing.T) {
	f := finding.New(finding.BrokenRef, finding.Error,
		finding.Position{File: "content/governance/0230_it.md", Line: 287, Column: 3}, "no document named x.md")
	data, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"rule": "broken-ref", "severity": "error", "file": "content/governance/0230_it.md",
		"line": 287, "column": 3, "message": "no document named x.md"}`, string(data), "the shape of check --format json")
}

func TestSuggestions(t *testing.T) {
	assert.Equal(t, 3, finding.Distance("kitten", "sitting"))
	assert.Equal(t, 3, finding.DistanceAtMost("kitten", "sitting", 3))
	assert.Equal(t, 2, finding.DistanceAtMost("kitten", "sitting", 1), "past the limit, it says only that")
	assert.Equal(t, 6, finding.DistanceAtMost("a", "abcdefgh", 5), "lengths far apart stop at once")

	best, ok := finding.Near("iso-38500-001", []string{"iso-38500-0020", "iso-38500-0010", "iso-38500-0100"}, 2)
	assert.True(t, ok)
	assert.Equal(t, "iso-38500-0010", best)
	_, ok = finding.Near("rank", []string{"raci", "tags"}, 1)
	assert.False(t, ok, "two edits are too many for a short name")
	best, ok = finding.Near("b", []string{"c", "a"}, 1)
	assert.True(t, ok)
	assert.Equal(t, "a", best, "equals: the first in byte order")

	best, ok = finding.Closest("Aproved", []string{"Draft", "Review", "Approved", "Retired"})
	assert.True(t, ok)
	assert.Equal(t, "Approved", best)
	assert.Equal(t, ` (did you mean "Approved"?)`, finding.DidYouMean(best))
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"out", "out", 0}, {"", "out", 3}, {"ouput", "output", 1}, {"ouput", "out", 2},
		{"fromat", "format", 1}, {"adress", "addr", 4}, {"srict", "strict", 1}, {"ca", "ac", 1}, {"über", "uber", 1},
	} {
		assert.Equal(t, tt.want, finding.Distance(tt.a, tt.b), "%s %s", tt.a, tt.b)
		assert.Equal(t, tt.want, finding.Distance(tt.b, tt.a), "%s %s", tt.b, tt.a)
	}
}
