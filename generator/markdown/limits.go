package markdown

import (
	"bytes"
	"fmt"
)

// MaxDepth is the deepest nesting of lists and block quotes a body may have.
// goldmark's work on a line grows with the square of its nesting, so a
// hostile document of thousands of levels would hold a build for minutes;
// no governance document needs more.
const MaxDepth = 100

// Exceeded is a construct of a body beyond what govdoc renders: such a body
// is shown as plain text.
type Exceeded struct {
	Offset int    // byte offset in the body of the line where it is
	What   string // what is too deep or too large, and the limit
}

// Limit returns the first limit body exceeds, if any. It reads body once,
// without parsing it, in time proportional to its length.
func Limit(body []byte) (Exceeded, bool) {
	if depth, at := Depth(body); depth > MaxDepth {
		return Exceeded{Offset: at, What: fmt.Sprintf("lists and block quotes nested %d levels deep; govdoc renders at most %d levels", depth, MaxDepth)}, true
	}
	return Exceeded{}, false
}

// Depth estimates the deepest nesting of lists and block quotes of a body
// without parsing it: each line's indentation (two columns a list level)
// plus the block quote markers and list markers that open it ("> - > item"
// is three levels). It returns the depth and the byte offset of the line
// where it is deepest.
func Depth(body []byte) (depth, offset int) {
	for start := 0; start < len(body); {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body) - start
		}
		if d := lineDepth(body[start : start+end]); d > depth {
			depth, offset = d, start
		}
		start += end + 1
	}
	return depth, offset
}

// lineDepth is the nesting a line opens or continues: its indentation before
// the first marker, two columns a level, and each block quote or list marker
// after it. A line without markers adds nothing.
func lineDepth(line []byte) int {
	indent, i := 0, 0
	for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
		if line[i] == '\t' {
			indent += 4 - indent%4
		} else {
			indent++
		}
	}
	markers := 0
	for i < len(line) {
		if line[i] == '>' {
			i++
		} else if j := marker(line, i); j > i {
			i = j
		} else {
			break
		}
		markers++
		for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
			i++
		}
	}
	if markers == 0 {
		return 0
	}
	return indent/2 + markers
}

// marker returns the index past a list marker ("-", "*", "+", "1." or
// "1)" followed by a space or the line's end) at i, or i when there is none.
func marker(line []byte, i int) int {
	if c := line[i]; (c == '-' || c == '*' || c == '+') && ends(line, i+1) {
		return i + 1
	}
	j := i
	for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
		j++
	}
	if j > i && j < len(line) && (line[j] == '.' || line[j] == ')') && ends(line, j+1) {
		return j + 1
	}
	return i
}

// ends reports whether a marker that ends before i is followed by a space
// or the end of its line.
func ends(line []byte, i int) bool {
	return i == len(line) || line[i] == ' ' || line[i] == '\t' || line[i] == '\r'
}
