package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/govdoc/govdoc/generator/finding"
)

// JUnit XML as GitLab and Jenkins read it: one suite, one test case per file.
// A file fails when it has an error (or, strict, a warning); a file with only
// warnings passes and lists them in its output.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",innerxml"`
}

type junitText struct {
	Text string `xml:",innerxml"`
}

// noFile names the test case of findings that belong to no file.
const noFile = "(no file)"

func writeJUnit(w io.Writer, findings finding.List, s Summary) error {
	byFile := map[string]finding.List{}
	for _, f := range findings {
		name := f.File
		if name == "" {
			name = noFile
		}
		byFile[name] = append(byFile[name], f)
	}
	names := slices.Clone(s.Files)
	for name := range byFile {
		names = append(names, name)
	}
	slices.Sort(names)
	names = slices.Compact(names)

	suite := junitSuite{Name: s.Tool + " check"}
	suite.Properties = append(suite.Properties, junitProperty{Name: "tool", Value: s.Tool})
	if s.Version != "" {
		suite.Properties = append(suite.Properties, junitProperty{Name: "version", Value: s.Version})
	}
	for _, name := range names {
		c := junitCase{Name: name, Classname: s.Tool}
		fs := byFile[name]
		var lines []string
		var failing []finding.Finding
		for _, f := range fs {
			if fails(f, s.Strict) {
				failing = append(failing, f)
			}
			f.Message = indentLines(f.Message)
			lines = append(lines, f.String())
		}
		switch {
		case len(failing) > 0:
			c.Failure = &junitFailure{
				Message: failureMessage(failing[0], len(fs)),
				Type:    strings.Join(rulesOf(failing), ","),
				Text:    escapeLines(strings.Join(lines, "\n")),
			}
			suite.Failures++
		case len(lines) > 0:
			c.SystemOut = &junitText{Text: escapeLines(strings.Join(lines, "\n"))}
		}
		suite.Cases = append(suite.Cases, c)
	}
	suite.Tests = len(suite.Cases)
	doc := junitSuites{Name: suite.Name, Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}

	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// failureMessage is the one-line summary CI systems show for a failed test
// case: the first failing finding, and how many more the case has.
func failureMessage(first finding.Finding, n int) string {
	msg := strings.Join(strings.Fields(first.Message), " ")
	if n > 1 {
		msg += fmt.Sprintf(" (and %d more)", n-1)
	}
	return msg
}

// rulesOf lists the distinct rules of findings in order of appearance.
func rulesOf(findings []finding.Finding) []string {
	var rules []string
	for _, f := range findings {
		if !slices.Contains(rules, f.Rule) {
			rules = append(rules, f.Rule)
		}
	}
	return rules
}

// escapeLines escapes text for an element's content as encoding/xml does,
// but keeps line feeds and tabs as they are, which XML preserves in content,
// so the listed findings stay readable in the file itself.
func escapeLines(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return lineEscapes.Replace(b.String())
}

var lineEscapes = strings.NewReplacer("&#xA;", "\n", "&#x9;", "\t")
