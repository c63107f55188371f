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

// MaxMarks is the most marks a body may have: its lines, the block quote
// and list markers that open them, and the inline marks "[", "]", "*", "_",
// "~", "`", "<", "|", ":", "@" and "www." (the last three start links that
// goldmark finds in text). goldmark builds a node, of a few hundred bytes,
// for about each: the limit bounds the time and memory of the largest
// document to seconds and about a gigabyte. A handbook's longest documents
// have a few tens of thousands.
const MaxMarks = 2_000_000

// MaxTableCells is the most cells the tables of a body may have, counting
// those that a row shorter than its table's header is given: a header of
// many columns over many short rows would otherwise make a page of
// billions of cells.
const MaxTableCells = 2_000_000

// MaxAttributes is the most attributes ({#id .class key=value}) a heading
// may have: goldmark joins classes in time that grows with the square of
// their number.
const MaxAttributes = 100

// MaxFootnotes is the most footnote references and definitions ("[^") a
// body may have: goldmark matches and orders footnotes in time that grows
// with the square of their number.
const MaxFootnotes = 2000

// Exceeded is a construct of a body beyond what govdoc renders: such a body
// is shown as plain text.
type Exceeded struct {
	Offset int    // byte offset in the body of the line where it is
	What   string // what is too deep or too large, and the limit
}

// Limit returns the first limit body exceeds, if any: nesting (MaxDepth),
// then size (MaxMarks, MaxTableCells, MaxAttributes, MaxFootnotes), found in reading
// order. It reads body without parsing it, in time proportional to its
// length.
func Limit(body []byte) (Exceeded, bool) {
	if depth, at := Depth(body); depth > MaxDepth {
		return Exceeded{Offset: at, What: fmt.Sprintf("lists and block quotes nested %d levels deep; govdoc renders at most %d levels", depth, MaxDepth)}, true
	}
	marks, cells, columns, footnotes := 0, 0, 0, 0
	for start := 0; start < len(body); {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body) - start
		}
		line := body[start : start+end]
		next := body[min(len(body), start+end+1):]
		start += end + 1
		at := start - end - 1
		marks += 1 + markers(line) + bytes.Count(line, []byte("www."))
		for _, c := range line {
			switch c {
			case '[', ']', '*', '_', '~', '`', '<', '|', ':', '@':
				marks++
			}
		}
		if footnotes += bytes.Count(line, []byte("[^")); footnotes > MaxFootnotes {
			return Exceeded{Offset: at, What: fmt.Sprintf("more than %d footnote references and definitions ([^) by this line; govdoc renders at most %d", MaxFootnotes, MaxFootnotes)}, true
		}
		if marks > MaxMarks {
			return Exceeded{Offset: at, What: fmt.Sprintf("more than %d marks (lines, quote and list markers, [ ] * _ ~ ` < | : @ www.) by this line; govdoc renders at most %d", MaxMarks, MaxMarks)}, true
		}
		content := bytes.TrimSpace(line[contentStart(line):])
		switch {
		case len(content) == 0:
			columns = 0
		case columns == 0 && bytes.IndexByte(content, '|') >= 0:
			if n := tableDelimiter(firstLine(next)); n > 0 {
				columns = n // the header row of a table
				cells += columns
			}
		case columns > 0:
			cells += columns
		}
		if cells > MaxTableCells {
			return Exceeded{Offset: at, What: fmt.Sprintf("tables of more than %d cells by this row; govdoc renders at most %d", MaxTableCells, MaxTableCells)}, true
		}
		if n := attributes(content, next); n > MaxAttributes {
			return Exceeded{Offset: at, What: fmt.Sprintf("a heading with %d attributes; govdoc reads at most %d", n, MaxAttributes)}, true
		}
	}
	return Exceeded{}, false
}

// contentStart is the index past a line's indentation, block quote markers
// and list markers.
func contentStart(line []byte) int {
	i := 0
	for i < len(line) {
		switch {
		case line[i] == ' ' || line[i] == '\t' || line[i] == '>':
			i++
		case marker(line, i) > i:
			i = marker(line, i)
		default:
			return i
		}
	}
	return i
}

func firstLine(text []byte) []byte {
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		return text[:i]
	}
	return text
}

// tableDelimiter returns the number of columns of a table's delimiter row
// ("| --- | :-: |"), or 0 when line is none.
func tableDelimiter(line []byte) int {
	content := bytes.TrimSpace(line[contentStart(line):])
	if bytes.IndexByte(content, '-') < 0 {
		return 0
	}
	for _, c := range content {
		if c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' {
			return 0
		}
	}
	cells := bytes.Split(bytes.Trim(content, "|"), []byte("|"))
	for _, c := range cells {
		if len(bytes.TrimSpace(c)) == 0 {
			return 0
		}
	}
	return len(cells)
}

// attributes counts the attributes ("#", "." and "=") after the first "{"
// of a line that ends with "}" and is a heading: one that starts with "#",
// or one whose next line underlines it with "=" or "-".
func attributes(content, next []byte) int {
	if !bytes.HasSuffix(content, []byte("}")) {
		return 0
	}
	open := bytes.IndexByte(content, '{')
	if open < 0 {
		return 0
	}
	if content[0] != '#' {
		under := bytes.TrimLeft(firstLine(next), " \t>")
		under = bytes.TrimSpace(under)
		if len(under) == 0 || len(bytes.Trim(under, "=")) > 0 && len(bytes.Trim(under, "-")) > 0 {
			return 0
		}
	}
	n := 0
	for _, c := range content[open:] {
		if c == '#' || c == '.' || c == '=' {
			n++
		}
	}
	return n
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
	indent, markers := prefix(line)
	if markers == 0 {
		return 0
	}
	return indent/2 + markers
}

// markers counts the block quote and list markers that open a line.
func markers(line []byte) int {
	_, n := prefix(line)
	return n
}

// prefix returns a line's indentation before its first marker, in columns,
// and the number of block quote and list markers that open it.
func prefix(line []byte) (indent, markers int) {
	i := 0
	for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
		if line[i] == '\t' {
			indent += 4 - indent%4
		} else {
			indent++
		}
	}
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
	return indent, markers
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
