package markdown

import "bytes"

// MaxDepth is the deepest nesting of lists a body may have. goldmark's work
// grows steeply with nesting, so a hostile document of thousands of levels
// would hold a build for minutes; no governance document needs more.
const MaxDepth = 100

// Depth estimates the deepest list nesting of a body without parsing it:
// each list item's indentation (two columns a level) plus the list markers
// that open it ("- - - item" is three levels). It returns the depth and
// the byte offset of the line where it is deepest.
func Depth(body []byte) (depth, offset int) {
	for start := 0; start < len(body); {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body) - start
		}
		line := body[start : start+end]
		indent, i := 0, 0
		for ; i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>'); i++ {
			switch line[i] {
			case '\t':
				indent += 4 - indent%4
			case ' ':
				indent++
			}
		}
		markers := 0
		for i < len(line) {
			j := marker(line, i)
			if j == i {
				break
			}
			markers++
			for i = j; i < len(line) && line[i] == ' '; i++ {
			}
		}
		if markers > 0 {
			if d := indent/2 + markers; d > depth {
				depth, offset = d, start
			}
		}
		start += end + 1
	}
	return depth, offset
}

// marker returns the index past a list marker ("-", "*", "+", "1." or
// "1)" followed by a space) at i, or i when there is none.
func marker(line []byte, i int) int {
	if c := line[i]; (c == '-' || c == '*' || c == '+') && i+1 < len(line) && line[i+1] == ' ' {
		return i + 1
	}
	j := i
	for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
		j++
	}
	if j > i && j+1 < len(line) && (line[j] == '.' || line[j] == ')') && line[j+1] == ' ' {
		return j + 1
	}
	return i
}
