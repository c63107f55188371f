package placeholder_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/placeholder"
)

var update = flag.Bool("update", false, "rewrite the expected results of testdata case files")

// siteMeta is the meta of the case files unless a case sets its own data.
func siteMeta() placeholder.Data {
	return placeholder.Data{"meta": map[string]any{
		"organization": "Acme Corp",
		"owner":        "Office of the CIO",
		"version":      "1.0",
		"date":         "2026-11-01",
		"author":       "IT Governance Team",
	}}
}

// A case file holds numbered cases in the way of goldmark's extension/_test
// files:
//
//	N: what the case shows
//	optional data as YAML (replaces siteMeta)
//	//- - - - - - - - -//
//	Markdown input
//	//- - - - - - - - -//
//	expected output
//	//- - - - - - - - -//          (only when placeholders fail)
//	line:col: "placeholder": message
//	//= = = = = = = = = = = = = = = = = = = = = = = =//
const (
	sectionSep = "//- - - - - - - - -//"
	caseSep    = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

type testCase struct {
	No       int
	Name     string
	Data     string // YAML; empty for siteMeta
	Input    string
	Output   string
	Errors   string
	Line     int // of the case header in the file
	sections int
}

func readCases(t testing.TB, file string) []testCase {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var cases []testCase
	var c *testCase
	var part strings.Builder
	section := 0 // 0: header and data, 1: input, 2: output, 3: errors
	flush := func() {
		switch section {
		case 0:
			c.Data = part.String()
		case 1:
			c.Input = part.String()
		case 2:
			c.Output = part.String()
		case 3:
			c.Errors = part.String()
		}
		part.Reset()
	}
	for i, line := range strings.SplitAfter(string(data), "\n") {
		trimmed := strings.TrimRight(line, "\n")
		switch {
		case c == nil:
			if trimmed == "" {
				continue
			}
			no, name, ok := strings.Cut(trimmed, ":")
			n, err := strconv.Atoi(no)
			require.True(t, ok && err == nil, "%s:%d: want a case header \"N: name\", got %q", file, i+1, trimmed)
			c = &testCase{No: n, Name: strings.TrimSpace(name), Line: i + 1}
			section = 0
		case trimmed == sectionSep:
			flush()
			section++
			require.LessOrEqual(t, section, 3, "%s:%d: too many sections", file, i+1)
		case trimmed == caseSep:
			flush()
			c.sections = section
			require.GreaterOrEqual(t, section, 2, "%s:%d: case %d needs an input and an output", file, i+1, c.No)
			cases = append(cases, *c)
			c = nil
		default:
			part.WriteString(line)
		}
	}
	require.Nil(t, c, "%s: the last case is not closed by %s", file, caseSep)
	return cases
}

func writeCases(t *testing.T, file string, cases []testCase) {
	t.Helper()
	var b strings.Builder
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%d: %s\n%s%s\n%s%s\n%s", c.No, c.Name, c.Data, sectionSep, c.Input, sectionSep, c.Output)
		if c.Errors != "" {
			fmt.Fprintf(&b, "%s\n%s", sectionSep, c.Errors)
		}
		b.WriteString(caseSep + "\n")
	}
	require.NoError(t, os.WriteFile(file, []byte(b.String()), 0o644))
}

// TestExpandCases runs testdata/expand.txt: Markdown with placeholders,
// scanned as a document body and filled. go test -update rewrites the
// expected output and errors from what the code does now.
func TestExpandCases(t *testing.T) {
	const file = "testdata/expand.txt"
	cases := readCases(t, file)
	require.NotEmpty(t, cases)
	ev := placeholder.New()
	for i := range cases {
		c := &cases[i]
		t.Run(fmt.Sprintf("%d_%s", c.No, c.Name), func(t *testing.T) {
			assert.Equal(t, i+1, c.No, "cases are numbered in order")
			data := siteMeta()
			if strings.TrimSpace(c.Data) != "" {
				data = placeholder.Data{}
				require.NoError(t, yaml.Unmarshal([]byte(c.Data), &data), "%s:%d: data", file, c.Line)
			}
			src := []byte(c.Input)
			out, m, errs := ev.Expand(src, placeholder.ScanMarkdown(src), data)
			gotErrors := formatErrors(src, errs)
			if *update {
				c.Output, c.Errors = string(out), gotErrors
				return
			}
			assert.Equal(t, c.Output, string(out), "%s:%d: output", file, c.Line)
			assert.Equal(t, c.Errors, gotErrors, "%s:%d: errors", file, c.Line)
			checkMap(t, src, out, m)
			for _, e := range errs {
				assert.NotContains(t, e.Message, "<no value>")
				assert.True(t, bytes.HasPrefix(src[e.Offset:], []byte("{{")), "an error points at its {{")
			}
		})
	}
	if *update {
		writeCases(t, file, cases)
	}
}

// formatErrors writes errors one per line as line:col: "placeholder": message.
func formatErrors(src []byte, errs []placeholder.Error) string {
	var b strings.Builder
	lines := finding.NewLines(src)
	for _, e := range errs {
		line, col := lines.Position(e.Offset)
		fmt.Fprintf(&b, "%d:%d: %q: %s\n", line, col, e.Text, e.Message)
	}
	return b.String()
}

// checkMap asserts what every expansion's Map promises: offsets of the
// output map into the source, in order, and text outside placeholders maps
// to the same text.
func checkMap(t *testing.T, src, out []byte, m *placeholder.Map) {
	t.Helper()
	prev := 0
	for off := 0; off <= len(out); off++ {
		s := m.Source(off)
		require.GreaterOrEqual(t, s, prev, "Source(%d) goes back", off)
		require.LessOrEqual(t, s, len(src), "Source(%d) is past the source", off)
		prev = s
	}
	if bytes.HasSuffix(src, []byte("\n")) {
		assert.Equal(t, len(src)-1, m.Source(len(out)-1), "the final newline maps to itself")
	}
	assert.Equal(t, len(src), m.Source(len(out)), "the end maps to the end")
}
