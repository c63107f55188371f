// Package report formats findings for people and CI systems: compiler-style
// text, the JSON of SPEC.md, JUnit XML, GitHub Actions workflow commands and
// SARIF. It does not find problems, decide the exit status or sort findings;
// the check stage and the command line do.
package report

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/govdoc/govdoc/generator/finding"
)

// Formats lists the names Write accepts, in the order the command line's help
// shows them, so flags can be validated before a check runs.
var Formats = []string{"text", "json", "junit", "github", "sarif"}

// ErrUnknownFormat is returned by Write for a format not in Formats, so the
// command line can tell a bad flag from a failed write.
var ErrUnknownFormat = errors.New("unknown report format")

// Summary is what a report says besides the findings: how much was checked,
// by what, and how strictly.
type Summary struct {
	// Documents is the number of documents checked (text and json).
	Documents int
	// Files lists every document checked, relative to the site root with
	// forward slashes, so JUnit shows passing documents as passing tests.
	Files []string
	// Tool and Version name the program in SARIF and JUnit, e.g. "govdoc"
	// and "v0.1.0". An empty Tool means "govdoc".
	Tool, Version string
	// Strict makes warnings count as failures, as check --strict does.
	Strict bool
	// Rules describes the rules for SARIF; rules that only appear in
	// findings are described by their ID.
	Rules []Rule
}

// Rule describes a rule for reports that carry rule metadata (SARIF).
type Rule struct {
	ID          string
	Severity    finding.Severity
	Description string
}

// Write formats findings in the named format to w. Findings are written in
// the order given, which callers make stable with finding.List.Sort.
func Write(w io.Writer, format string, findings finding.List, s Summary) error {
	if s.Tool == "" {
		s.Tool = "govdoc"
	}
	switch format {
	case "text":
		return writeText(w, findings, s)
	case "json":
		return writeJSON(w, findings, s)
	case "junit":
		return writeJUnit(w, findings, s)
	case "github":
		return writeGitHub(w, findings)
	case "sarif":
		return writeSARIF(w, findings, s)
	}
	return fmt.Errorf("%w %q (want one of %s)", ErrUnknownFormat, format, strings.Join(Formats, ", "))
}

// fails reports whether a finding fails the check.
func fails(f finding.Finding, strict bool) bool {
	return f.Severity == finding.Error || strict && f.Severity == finding.Warning
}

// plural formats a count with its noun, "1 error" or "2 errors".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
