// Package yamlerr parses YAML text with yaml.v3 and, when the text is not
// valid YAML, says where it went wrong: the line and column of the file, as
// an editor counts them, with yaml.v3's own words. It is the one place that
// reads a position out of yaml.v3's errors and that keeps yaml.v3's lines
// the lines of the file. It does not know what the YAML means.
package yamlerr

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/govdoc/govdoc/generator/finding"
)

// Error is a syntax error of a YAML text, at the place where YAML went
// wrong.
type Error struct {
	Line   int    // 1-based, counting lines by "\n"
	Column int    // 1-based, in characters; 0 when it cannot be told
	Msg    string // yaml.v3's words, without their "yaml: line N:"
}

// Error returns "line:column: message", or "line: message" without a column.
func (e *Error) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("%d: %s", e.Line, e.Msg)
}

// Parse parses a YAML text into its document node. A text of nothing but
// blank lines and comments is an empty document (a node without content),
// tabs included, which yaml.v3 refuses there although YAML allows them.
// Lines are counted by "\n", as editors count them, also where YAML would
// break a line at a lone carriage return, NEL, LS or PS. A syntax error
// comes back with the line and, when it can be told, the column where YAML
// went wrong.
func Parse(src []byte) (*yaml.Node, *Error) {
	doc := &yaml.Node{}
	if blank(src) {
		return doc, nil
	}
	text := fileLines(src)
	if err := yaml.Unmarshal(text, doc); err != nil {
		return &yaml.Node{}, locate(src, text, err)
	}
	return doc, nil
}

// blank reports whether a text holds nothing but whitespace and comments.
func blank(src []byte) bool {
	for line := range bytes.SplitSeq(bytes.TrimPrefix(src, utf8BOM), []byte("\n")) {
		line = bytes.TrimLeft(line, " \t\r")
		if len(line) > 0 && line[0] != '#' {
			return false
		}
	}
	return true
}

// utf8BOM opens the files some Windows editors save; it is not text.
var utf8BOM = []byte("\uFEFF")

// locate finds where in src a YAML text went wrong; text is src with
// fileLines applied, and err what yaml.v3 said of it.
//
// yaml.v3 gives a position only inside its message, and not always the
// problem's: its parser names the line, counted from 0, of the mapping,
// list or node it was reading (the context) unless that is on the first
// line, its scanner the line, counted from 1, of the token it was reading,
// and an unknown alias or a bad character no line at all. So the text is
// parsed again after one blank line, where no context is on line 0 and the
// message always names the context's line; and from that line on, the
// shortest prefix of the text that fails with the very same message ends
// at the character where YAML went wrong. That takes a few parses of
// prefixes of the text, up to some thirty, only for a text that does not
// parse, and only when it is not longer than maxSearched.
func locate(src, text []byte, err error) *Error {
	named, msg := split(err.Error())
	body := bytes.TrimPrefix(text, utf8BOM)
	if len(body) == 0 {
		return &Error{Line: 1, Msg: msg}
	}
	lines := finding.NewLines(src[len(text)-len(body):]) // the same bytes, with their own line breaks
	// yaml.v3's line, right for most errors; the search below finds the
	// others' in texts of a usual size.
	asNamed := &Error{Line: clamp(named+parserLine(msg), lines), Msg: msg}
	if len(body) > maxSearched {
		return asNamed
	}
	shifted := append([]byte{'\n'}, body...)
	want := parseError(shifted)
	shiftedLine, shiftedMsg := split(want)
	if shiftedMsg != msg {
		return asNamed // one blank line more changed the error; it should not
	}
	// fails reports whether the first n bytes of body, and then more,
	// fail as the whole does.
	fails := func(n int, more ...byte) bool {
		return parseError(append(slices.Clip(shifted[:1+n]), more...)) == want
	}

	// The line the message names, the context's, is where the problem is
	// or before it. With none named, the search starts at the start.
	from, search := 0, 0
	if shiftedLine > 0 {
		from = lines.Offset(shiftedLine - 1 + parserLine(msg))
		search = from
		if parserLine(msg) == 1 {
			// The line the first message names is the problem's when the
			// context is on the first line: a parser's problem is never
			// before it.
			search = max(from, lines.Offset(asNamed.Line))
		}
	}
	from, search = lineOf(body, from), lineOf(body, search)
	at := -1
	if open, ok := flowOpeners[msg]; ok {
		// A [list] or {mapping} whose end yaml.v3 did not find, most
		// often because it is not closed: the place is its opening
		// bracket, on the context's line.
		at = opener(body, from, open, fails)
	} else {
		at = lastRune(body, shortest(body, search, func(n int) bool { return fails(n) }))
		if name, ok := unknownAlias(msg); ok {
			at = aliasStart(body, at, name)
		}
	}
	if at < 0 {
		line, _ := lines.Position(from)
		return &Error{Line: line, Msg: msg}
	}
	line, col := lines.Position(at)
	return &Error{Line: line, Column: col, Msg: msg}
}

// lineOf keeps an offset that starts a line inside the text: one at its
// end moves to the start of its last line.
func lineOf(body []byte, off int) int {
	if off < len(body) {
		return off
	}
	return bytes.LastIndexByte(body[:len(body)-1], '\n') + 1
}

// maxSearched is the longest text whose errors are looked for beyond the
// line yaml.v3 names: each parse of a prefix of a long text takes long.
const maxSearched = 256 << 10

// parseError is yaml.v3's message for a text, "" when it parses.
func parseError(text []byte) string {
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return err.Error()
	}
	return ""
}

// split reads the line a yaml.v3 error names (0 if none) and its message
// without the "yaml: line N:" prefix.
func split(err string) (line int, msg string) {
	msg = strings.TrimPrefix(err, "yaml: ")
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		_, msg, _ = strings.Cut(msg, ": ")
	}
	return line, msg
}

// parserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner, some of whose messages start alike).
var parserProblems = []string{
	"did not find expected key", "did not find expected node content",
	"did not find expected '-' indicator", "did not find expected ',' or ']'",
	"did not find expected ',' or '}'", "did not find expected <document start>",
	"did not find expected <stream-start>", "found undefined tag handle",
	"found duplicate %YAML directive", "found duplicate %TAG directive",
	"found incompatible YAML document",
}

// parserLine is what to add to the line yaml.v3 names to count it from 1:
// 1 for its parser, which counts lines from 0, and 0 for its scanner.
func parserLine(msg string) int {
	for _, p := range parserProblems {
		if strings.HasPrefix(msg, p) {
			return 1
		}
	}
	return 0
}

// flowOpeners are the parser's errors in a [list] or {mapping}, with the
// bracket that opens it.
var flowOpeners = map[string]byte{
	"did not find expected ',' or ']'": '[',
	"did not find expected ',' or '}'": '{',
}

// shortest returns the length of the shortest prefix of body, ending at or
// after from, that fails: first the line it ends on, then the character.
// fails holds for the whole body. Where fails does not grow with the
// prefix, it returns a length where it starts to hold.
func shortest(body []byte, from int, fails func(n int) bool) int {
	var ends []int // the ends of the lines from from on, with their line break
	for i := from; i < len(body); {
		end := bytes.IndexByte(body[i:], '\n')
		if end < 0 {
			break
		}
		i += end + 1
		ends = append(ends, i)
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(body) {
		ends = append(ends, len(body))
	}
	// The first line k whose end fails, looked for near from first: the
	// lines from, from+1, from+3, from+7... and then between the last two.
	lo, hi := 0, 0
	for step := 1; hi < len(ends)-1 && !fails(ends[hi]); step *= 2 {
		lo, hi = hi+1, min(hi+step, len(ends)-1)
	}
	k := lo + sort.Search(hi-lo, func(i int) bool { return fails(ends[lo+i]) })
	lineStart := from
	if k > 0 {
		lineStart = ends[k-1]
	}
	width := ends[k] - lineStart
	return lineStart + 1 + sort.Search(width-1, func(i int) bool { return fails(lineStart + 1 + i) })
}

// lastRune is the offset of the character that ends a prefix n bytes long.
func lastRune(body []byte, n int) int {
	_, size := utf8.DecodeLastRune(body[:n])
	return n - max(size, 1)
}

// opener finds the bracket that opens the [list] or {mapping} of a flow
// error, on the line that starts at from: the first one there that fails
// as the whole text does once an entry follows it. It tries the first
// maxOpeners brackets of the line, and returns -1 if none of them does.
func opener(body []byte, from int, open byte, fails func(n int, more ...byte) bool) int {
	end := bytes.IndexByte(body[from:], '\n')
	if end < 0 {
		end = len(body) - from
	}
	tries := 0
	for i := from; i < from+end && tries < maxOpeners; i++ {
		if body[i] != open {
			continue
		}
		if tries++; fails(i+1, 'x') {
			return i
		}
	}
	return -1
}

// maxOpeners bounds the parses opener makes, for a line of many brackets.
const maxOpeners = 16

// unknownAlias reads the name of the alias in yaml.v3's "unknown anchor
// 'name' referenced".
func unknownAlias(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, "unknown anchor '")
	if !ok {
		return "", false
	}
	name, _, ok := strings.Cut(rest, "' referenced")
	return name, ok
}

// aliasStart moves an offset at the end of the alias *name back to its *.
func aliasStart(body []byte, at int, name string) int {
	if start := at + 1 - len(name) - 1; start >= 0 && string(body[start:at+1]) == "*"+name {
		return start
	}
	return at
}

// clamp keeps a line within the text.
func clamp(line int, lines *finding.Lines) int {
	last, _ := lines.Position(1 << 62)
	return max(1, min(line, last))
}

// fileLines returns b with each line break that YAML counts but a
// file's lines are not counted by replaced by as many spaces as it has
// bytes: a carriage return not followed by a line feed, NEL, LS and PS.
// Lines are counted by "\n", as editors count them; the spaces keep YAML's
// lines the file's lines and every byte where it was. A column YAML gives
// after a NEL, LS or PS on its line is one or two too far right, each of
// their spaces being a character. A change is made on a copy, as b may be
// shared.
func fileLines(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == '\u0085' || r == '\u2028' || r == '\u2029' || r == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
			if out == nil {
				out = bytes.Clone(b)
			}
			copy(out[i:i+n], "   ")
		}
		i += n
	}
	if out == nil {
		return b
	}
	return out
}
