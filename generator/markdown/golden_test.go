package markdown_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/markdown"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden renders each testdata/*.md and compares the title, headings and
// HTML with testdata/*.golden. go test -update rewrites the golden files.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	r := markdown.New(markdown.Options{})
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			body, err := os.ReadFile(file)
			require.NoError(t, err)
			got := formatResult(r.Render(body, "", nil))
			golden := strings.TrimSuffix(file, ".md") + ".golden"
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test -update to write it")
			assert.Equal(t, string(want), got)
		})
	}
}

// caseSep and caseEnd divide a case file, as in goldmark's own: each case
// is a numbered description, the Markdown, and the result.
const (
	caseSep = "//- - - - - - - - -//\n"
	caseEnd = "//= = = = = = = = = = = = = = = = = = = = = = = =//\n"
)

// TestCases renders each case of testdata/cases/*.txt and compares the
// title, headings and HTML with the case's. go test -update rewrites them.
func TestCases(t *testing.T) {
	files, err := filepath.Glob("testdata/cases/*.txt")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	r := markdown.New(markdown.Options{})
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var updated strings.Builder
		for i, c := range strings.SplitAfter(string(data), caseEnd) {
			if strings.TrimSpace(c) == "" {
				continue
			}
			parts := strings.Split(strings.TrimSuffix(c, caseEnd), caseSep)
			require.Len(t, parts, 3, "%s: case %d needs a description, Markdown and a result", file, i+1)
			name, body, want := strings.TrimSpace(parts[0]), parts[1], parts[2]
			got := formatResult(r.Render([]byte(body), "", nil))
			t.Run(filepath.Base(file)+"/"+name, func(t *testing.T) {
				if !*update {
					assert.Equal(t, want, got)
				}
			})
			updated.WriteString(parts[0] + caseSep + body + caseSep + got + caseEnd)
		}
		if *update {
			require.NoError(t, os.WriteFile(file, []byte(updated.String()), 0o644))
		}
	}
}

// formatResult writes a Result as a golden file: the title, one line per
// heading, then the HTML.
func formatResult(res markdown.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\ntitle id: %s\ntitle html: %s\n", res.Title, res.TitleID, res.TitleHTML)
	for _, h := range res.Headings {
		fmt.Fprintf(&b, "h%d #%s %s\n", h.Level, h.ID, h.Text)
	}
	b.WriteString("---\n")
	b.Write(res.HTML)
	return b.String()
}
