// Package yamlerr turns a yaml.v3 error into a line and a message a user can
// act on. yaml.v3 gives a syntax error's line only inside its text, so this
// is the one place that reads it from there.
package yamlerr

import (
	"fmt"
	"strings"
)

// Split returns the 1-based line an error of yaml.v3 names (0 if none) and
// its message without the "yaml: line N:" prefix.
func Split(err error) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		if i := strings.Index(msg, ": "); i > 0 {
			msg = msg[i+2:]
		}
	}
	return line, msg
}
