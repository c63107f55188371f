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

// formatResult writes a Result as a golden file: the title, one line per
// heading, then the HTML.
func formatResult(res markdown.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\ntitle id: %s\n", res.Title, res.TitleID)
	for _, h := range res.Headings {
		fmt.Fprintf(&b, "h%d #%s %s\n", h.Level, h.ID, h.Text)
	}
	b.WriteString("---\n")
	b.Write(res.HTML)
	return b.String()
}
