package placeholder

import "bytes"

// Action is one {{ ... }} placeholder found in a text.
type Action struct {
	Start, End int // byte offsets of "{{" and just past "}}"
	Closed     bool
	// Before and After bound the whitespace that the action's trim markers
	// ({{- and -}}) may remove: src[Before:Start] and src[End:After]. An
	// After of 0 is the end of the text.
	Before, After int
}

// Scan finds the placeholders of a text that is not Markdown (a front-matter
// value): every {{ ... }}.
func Scan(src []byte) []Action {
	var acts []Action
	for i := 0; i < len(src); {
		j := bytes.Index(src[i:], open)
		if j < 0 {
			break
		}
		a := action(src, i+j)
		acts = append(acts, a)
		i = a.End
	}
	return acts
}

// ScanMarkdown finds the placeholders of a Markdown text, leaving out those in
// code spans and fenced code blocks, which stay as written. A trim marker
// stops at a fenced block and keeps the line breaks around it, so that the
// block stays a block; code spans need no such care, as whitespace never
// reaches past their backticks. It stops after MaxPlaceholders+1
// placeholders: Expand fills no more, and leaves the rest as written.
func ScanMarkdown(src []byte) []Action {
	if !bytes.Contains(src, open) {
		return nil
	}
	var acts []Action
	var fence []byte // the open fence's marker run, nil outside a fenced block
	floor := 0       // the end of the last fenced block
	pending := 0     // the first action after it
scan:
	for lineStart := 0; lineStart < len(src); {
		lineEnd := bytes.IndexByte(src[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(src)
		} else {
			lineEnd += lineStart + 1
		}
		line := src[lineStart:lineEnd]
		if marker := fenceMarker(line); fence != nil {
			if marker != nil && marker[0] == fence[0] && len(marker) >= len(fence) && isBlank(afterMarker(line)) {
				fence = nil
				floor = lineEnd
			}
			lineStart = lineEnd
			continue
		} else if marker != nil && (marker[0] == '~' || !bytes.ContainsRune(afterMarker(line), '`')) {
			fence = marker
			ceil := lineBreakBefore(src, lineStart)
			for i := pending; i < len(acts); i++ {
				acts[i].After = max(ceil, acts[i].End)
			}
			pending = len(acts)
			lineStart = lineEnd
			continue
		}
		// Scan the paragraph-level text up to the end of this line; a code
		// span may continue onto the following lines of its paragraph.
		next := lineEnd
		for i := lineStart; i < lineEnd; {
			switch c := src[i]; {
			case c == '\\' && i+1 < len(src) && (src[i+1] == '`' || src[i+1] == '{' || src[i+1] == '\\'):
				i += 2 // an escaped backslash escapes nothing after it
			case c == '`':
				n := run(src, i, '`')
				if end := closeSpan(src, i+n, n); end > 0 {
					i = end
					if end > next {
						next = lineStartAfter(src, end)
						lineEnd = next
					}
					continue
				}
				i += n
			case c == '{' && bytes.HasPrefix(src[i:], open):
				a := action(src, i)
				a.Before = floor
				if acts = append(acts, a); len(acts) > MaxPlaceholders {
					break scan
				}
				i = a.End
				if i > lineEnd {
					next = lineStartAfter(src, i)
					lineEnd = next
				}
			default:
				i++
			}
		}
		lineStart = max(next, lineEnd)
	}
	for i := pending; i < len(acts); i++ {
		acts[i].After = len(src)
	}
	return acts
}

// lineBreakBefore returns the offset of the line break that ends the line
// before the one starting at lineStart.
func lineBreakBefore(src []byte, lineStart int) int {
	i := lineStart
	if i > 0 && src[i-1] == '\n' {
		i--
		if i > 0 && src[i-1] == '\r' {
			i--
		}
	}
	return i
}

var (
	open  = []byte("{{")
	close = []byte("}}")
)

// action reads the placeholder starting at src[start:], skipping "}}" inside
// quoted strings. An action with no end runs to the end of its line.
func action(src []byte, start int) Action {
	for i := start + 2; i < len(src); i++ {
		switch src[i] {
		case '"', '\'':
			q := src[i]
			for i++; i < len(src) && src[i] != q && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '`':
			if j := bytes.IndexByte(src[i+1:], '`'); j >= 0 {
				i += j + 1
			}
		case '}':
			if bytes.HasPrefix(src[i:], close) {
				return Action{Start: start, End: i + 2, Closed: true}
			}
		case '\n':
			if i+1 < len(src) && src[i+1] == '\n' { // a blank line ends the paragraph
				return Action{Start: start, End: i}
			}
		}
	}
	return Action{Start: start, End: len(src)}
}

// fenceMarker returns the run of three or more backticks or tildes that opens
// a line (after indentation, list markers and block quotes), or nil.
func fenceMarker(line []byte) []byte {
	i := 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t' || c == '>':
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && line[i+1] == ' ':
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && line[j+1] == ' ' {
				i = j + 2
				continue
			}
			return nil
		default:
			if c != '`' && c != '~' {
				return nil
			}
			if n := run(line, i, c); n >= 3 {
				return line[i : i+n]
			}
			return nil
		}
	}
	return nil
}

func afterMarker(line []byte) []byte {
	m := fenceMarker(line)
	i := bytes.Index(line, m) + len(m)
	return line[i:]
}

func isBlank(b []byte) bool { return len(bytes.TrimSpace(b)) == 0 }

func run(src []byte, i int, c byte) int {
	n := 0
	for i+n < len(src) && src[i+n] == c {
		n++
	}
	return n
}

// closeSpan finds the backtick run of exactly n that closes a code span whose
// content starts at from, within the paragraph; it returns the offset past
// it, or 0.
func closeSpan(src []byte, from, n int) int {
	for i := from; i < len(src); {
		switch {
		case src[i] == '`':
			m := run(src, i, '`')
			if m == n {
				return i + m
			}
			i += m
		case src[i] == '\n' && isBlankLineAt(src, i+1):
			return 0
		default:
			i++
		}
	}
	return 0
}

func isBlankLineAt(src []byte, i int) bool {
	for ; i < len(src) && src[i] != '\n'; i++ {
		if src[i] != ' ' && src[i] != '\t' {
			return false
		}
	}
	return true
}

func lineStartAfter(src []byte, i int) int {
	if i > 0 && src[i-1] == '\n' {
		return i
	}
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(src)
}
