// Package yamlerr turns a yaml.v3 error into a line and a message a user can
// act on. yaml.v3 gives a syntax error's line only inside its text, so this
// is the one place that reads it from there.
package yamlerr

import (
	"bytes"
	"fmt"
	"strings"
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
