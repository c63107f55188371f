// Package yamlerr turns a yaml.v3 error into a line and a message a user can
// act on. yaml.v3 gives a syntax error's line only inside its text, so this
// is the one place that reads it from there; and it keeps yaml.v3's lines
// the lines of the file, as an editor counts them.
package yamlerr

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Split returns the 1-based line of src that an error of yaml.v3 names (0
// if none) and its message without the "yaml: line N:" prefix. A problem
// found at the end of the text is put on its last line.
func Split(err error, src []byte) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		if i := strings.Index(msg, ": "); i > 0 {
			msg = msg[i+2:]
		}
		if parserProblem(msg) {
			line++ // yaml.v3's parser counts lines from 0, its scanner from 1
		}
		if n := bytes.Count(bytes.TrimRight(src, "\r\n \t"), []byte("\n")) + 1; line > n {
			line = n
		}
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

func parserProblem(msg string) bool {
	for _, p := range parserProblems {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// FileLines returns b with each line break that YAML counts but a
// file's lines are not counted by replaced by as many spaces as it has
// bytes: a carriage return not followed by a line feed, NEL, LS and PS.
// Lines are counted by "\n", as editors count them; the spaces keep YAML's
// lines the file's lines and every byte where it was. A column YAML gives
// after a NEL, LS or PS on its line is one or two too far right, each of
// their spaces being a character. A change is made on a copy, as b may be
// shared.
func FileLines(b []byte) []byte {
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
