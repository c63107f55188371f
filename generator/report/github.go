package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/govdoc/govdoc/generator/finding"
)

// writeGitHub writes one GitHub Actions workflow command per finding, which
// GitHub shows as an annotation on the file and line. It writes no summary:
// the step's exit status says whether the check passed.
func writeGitHub(w io.Writer, findings finding.List) error {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		cmd := "warning"
		if f.Severity == finding.Error {
			cmd = "error"
		}
		var props []string
		if f.File != "" {
			props = append(props, "file="+escapeProperty(f.File))
		}
		if f.Line > 0 {
			props = append(props, "line="+strconv.Itoa(f.Line))
			if f.Column > 0 {
				props = append(props, "col="+strconv.Itoa(f.Column))
			}
		}
		props = append(props, "title="+escapeProperty(f.Rule))
		bw.WriteString("::" + cmd + " " + strings.Join(props, ",") + "::" + escapeData(f.Message) + "\n")
	}
	return bw.Flush()
}

// The escapes of GitHub's workflow command parser (actions/toolkit's
// command.ts): data escapes %, CR and LF; property values also : and ,.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
