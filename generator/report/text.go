package report

import (
	"bufio"
	"io"
	"strings"

	"github.com/govdoc/govdoc/generator/finding"
)

// writeText writes one compiler-style line per finding, a blank line between
// files, and a summary line. A message's further lines are indented with a
// tab, so every line that starts with a position is a finding.
func writeText(w io.Writer, findings finding.List, s Summary) error {
	bw := bufio.NewWriter(w)
	for i, f := range findings {
		if i > 0 && f.File != findings[i-1].File {
			bw.WriteString("\n")
		}
		f.Message = indentLines(f.Message)
		bw.WriteString(f.String())
		bw.WriteString("\n")
	}
	if len(findings) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString(summaryLine(findings, s))
	bw.WriteString("\n")
	return bw.Flush()
}

// summaryLine says how many documents were checked and what was found:
// "12 documents checked: 1 error, 2 warnings".
func summaryLine(findings finding.List, s Summary) string {
	line := plural(s.Documents, "document") + " checked: "
	errs, warns := findings.Errors(), findings.Warnings()
	var parts []string
	if errs > 0 {
		parts = append(parts, plural(errs, "error"))
	}
	if warns > 0 {
		parts = append(parts, plural(warns, "warning"))
	}
	if len(parts) == 0 {
		return line + "no problems found"
	}
	line += strings.Join(parts, ", ")
	if s.Strict && warns > 0 {
		line += " (strict: warnings fail the check)"
	}
	return line
}

var newlines = strings.NewReplacer("\r\n", "\n\t", "\r", "\n\t", "\n", "\n\t")

func indentLines(msg string) string { return newlines.Replace(msg) }
