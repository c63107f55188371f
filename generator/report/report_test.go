package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func pos(file string, line, col int) finding.Position {
	return finding.Position{File: file, Line: line, Column: col}
}

// sample is one set of findings that exercises every format's corners: two
// documents with an error and a warning each, a warnings-only document, a
// site.yaml finding, a whole-file finding (line 0), and messages with the
// characters each format must escape.
func sample() finding.List {
	l := finding.List{
		finding.New(finding.BrokenRef, finding.Error, pos("content/governance/a.md", 12, 3),
			`no document named "x.md": 100%% sure, see <a> & b`),
		finding.New(finding.ReviewOverdue, finding.Warning, pos("content/governance/a.md", 0, 0),
			"Last Update 2024-01-01 is older than 365 days"),
		finding.New(finding.UnresolvedPlaceholder, finding.Error, pos("content/policies/risk policy.md", 5, 7),
			"meta.owner is not defined\nin site.yaml, section or document"),
		finding.New(finding.VersionMismatch, finding.Warning, pos("content/policies/risk policy.md", 40, 0),
			"Version 1.0 differs from the newest Document History row (1.1)"),
		finding.New(finding.RestrictedLink, finding.Warning, pos("content/public/d.md", 8, 2),
			"link to a document left out of the Public build"),
		finding.New(finding.ConfigError, finding.Error, pos("site.yaml", 3, 1),
			`unknown key "colour"`),
	}
	l.Sort()
	return l
}

func sampleSummary() report.Summary {
	return report.Summary{
		Documents: 4,
		Files: []string{"content/governance/a.md", "content/governance/c.md",
			"content/policies/risk policy.md", "content/public/d.md"},
		Tool:    "govdoc",
		Version: "v0.1.0",
		Rules: []report.Rule{
			{ID: finding.BrokenRef, Severity: finding.Error, Description: "A wiki link or file name that names no document."},
			{ID: finding.ReviewOverdue, Severity: finding.Warning, Description: "Last Update is older than review_after days."},
		},
	}
}

func render(t *testing.T, format string, l finding.List, s report.Summary) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.Write(&buf, format, l, s))
	return buf.String()
}

func TestGolden(t *testing.T) {
	strict := sampleSummary()
	strict.Strict = true
	for _, tc := range []struct {
		format, golden string
		summary        report.Summary
	}{
		{"text", "sample.txt", sampleSummary()},
		{"text", "sample.strict.txt", strict},
		{"json", "sample.json", sampleSummary()},
		{"junit", "sample.junit.xml", sampleSummary()},
		{"junit", "sample.strict.junit.xml", strict},
		{"github", "sample.github.txt", sampleSummary()},
		{"sarif", "sample.sarif", sampleSummary()},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			got := render(t, tc.format, sample(), tc.summary)
			path := filepath.Join("testdata", tc.golden)
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -update to create it")
			assert.Equal(t, string(want), got)
		})
	}
}

func TestEveryFormatWritesEmptyReports(t *testing.T) {
	for _, format := range report.Formats {
		t.Run(format, func(t *testing.T) {
			got := render(t, format, nil, report.Summary{})
			if format == "github" {
				assert.Empty(t, got, "no finding, no annotation")
				return
			}
			assert.True(t, strings.HasSuffix(got, "\n"), "a report that ends with a newline: %q", got)
		})
	}
}

func TestUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	err := report.Write(&buf, "yaml", sample(), sampleSummary())
	require.ErrorIs(t, err, report.ErrUnknownFormat)
	assert.Contains(t, err.Error(), `"yaml"`)
	assert.Contains(t, err.Error(), "text, json, junit, github, sarif")
	assert.Empty(t, buf.String(), "nothing is written for an unknown format")
}

func TestTextSummary(t *testing.T) {
	w := finding.New(finding.ReviewOverdue, finding.Warning, pos("a.md", 0, 0), "old")
	e := finding.New(finding.BrokenRef, finding.Error, pos("a.md", 1, 1), "missing")
	for _, tc := range []struct {
		name     string
		findings finding.List
		s        report.Summary
		want     string
	}{
		{"none", nil, report.Summary{Documents: 12}, "12 documents checked: no problems found"},
		{"one document", nil, report.Summary{Documents: 1}, "1 document checked: no problems found"},
		{"no documents", nil, report.Summary{}, "0 documents checked: no problems found"},
		{"singular", finding.List{e, w}, report.Summary{Documents: 12}, "12 documents checked: 1 error, 1 warning"},
		{"plural", finding.List{e, e, w, w}, report.Summary{Documents: 2}, "2 documents checked: 2 errors, 2 warnings"},
		{"warnings only", finding.List{w}, report.Summary{Documents: 2}, "2 documents checked: 1 warning"},
		{"strict warnings", finding.List{w}, report.Summary{Documents: 2, Strict: true},
			"2 documents checked: 1 warning (strict: warnings fail the check)"},
		{"strict errors only", finding.List{e}, report.Summary{Documents: 2, Strict: true},
			"2 documents checked: 1 error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := strings.Split(strings.TrimSuffix(render(t, "text", tc.findings, tc.s), "\n"), "\n")
			assert.Equal(t, tc.want, lines[len(lines)-1])
		})
	}
}

func TestTextGroupsByFile(t *testing.T) {
	got := render(t, "text", sample(), sampleSummary())
	groups := strings.Split(strings.TrimSuffix(got, "\n"), "\n\n")
	require.Len(t, groups, 5, "four files' groups and the summary")
	var files []string
	for _, g := range groups[:4] {
		var file string
		for _, line := range strings.Split(g, "\n") {
			if strings.HasPrefix(line, "\t") {
				continue // a message's continuation line
			}
			f, _, ok := strings.Cut(line, ": ")
			require.True(t, ok, line)
			f, _, _ = strings.Cut(f, ":")
			if file == "" {
				file = f
			}
			assert.Equal(t, file, f, "one file per group")
		}
		files = append(files, file)
	}
	assert.Equal(t, []string{"content/governance/a.md", "content/policies/risk policy.md", "content/public/d.md", "site.yaml"}, files,
		"a group for each file, in order")
}

// jsonReport mirrors SPEC.md's check --format json exactly; decoding with
// DisallowUnknownFields fails on any key SPEC does not have.
type jsonReport struct {
	Summary struct {
		Documents int `json:"documents"`
		Errors    int `json:"errors"`
		Warnings  int `json:"warnings"`
	} `json:"summary"`
	Findings []struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		File     string `json:"file"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Message  string `json:"message"`
	} `json:"findings"`
}

func TestJSONShape(t *testing.T) {
	out := render(t, "json", sample(), sampleSummary())
	assert.True(t, strings.HasSuffix(out, "}\n"), "ends with a newline")

	var r jsonReport
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&r))
	assert.Equal(t, 4, r.Summary.Documents)
	assert.Equal(t, 3, r.Summary.Errors)
	assert.Equal(t, 3, r.Summary.Warnings)
	require.Len(t, r.Findings, len(sample()))
	for i, f := range sample() {
		got := r.Findings[i]
		assert.Equal(t, f.Rule, got.Rule)
		assert.Equal(t, string(f.Severity), got.Severity)
		assert.Equal(t, f.File, got.File)
		assert.Equal(t, f.Line, got.Line)
		assert.Equal(t, f.Column, got.Column)
		assert.Equal(t, f.Message, got.Message)
	}

	root := readOrdered(t, json.NewDecoder(strings.NewReader(out)))
	assert.Equal(t, []string{"summary", "findings"}, root.keys)
	assert.Equal(t, []string{"documents", "errors", "warnings"}, root.fields["summary"].keys)
	require.Len(t, root.fields["findings"].items, len(sample()))
	for _, f := range root.fields["findings"].items {
		assert.Equal(t, []string{"rule", "severity", "file", "line", "column", "message"}, f.keys)
	}
}

func TestJSONEmptyFindingsAreAnEmptyArray(t *testing.T) {
	for _, l := range []finding.List{nil, {}} {
		out := render(t, "json", l, report.Summary{Documents: 3})
		assert.JSONEq(t, `{"summary": {"documents": 3, "errors": 0, "warnings": 0}, "findings": []}`, out)
		assert.Contains(t, out, `"findings": []`)
		assert.NotContains(t, out, "null")
	}
}

func TestJSONKeepsCharactersReadable(t *testing.T) {
	out := render(t, "json", sample(), sampleSummary())
	assert.Contains(t, out, `see <a> & b`, "no HTML escaping of <, > and &")
	assert.Contains(t, out, `\"x.md\"`)
	assert.Contains(t, out, `is not defined\nin site.yaml`)
}

// ordered is a JSON value that remembers the order of its object keys.
type ordered struct {
	keys   []string
	fields map[string]*ordered
	items  []*ordered
}

func readOrdered(t *testing.T, dec *json.Decoder) *ordered {
	t.Helper()
	tok, err := dec.Token()
	require.NoError(t, err)
	n := &ordered{}
	switch tok {
	case json.Delim('{'):
		n.fields = map[string]*ordered{}
		for dec.More() {
			k, err := dec.Token()
			require.NoError(t, err)
			key := k.(string)
			n.keys = append(n.keys, key)
			n.fields[key] = readOrdered(t, dec)
		}
		_, err = dec.Token()
		require.NoError(t, err)
	case json.Delim('['):
		for dec.More() {
			n.items = append(n.items, readOrdered(t, dec))
		}
		_, err = dec.Token()
		require.NoError(t, err)
	}
	return n
}
