package markdown_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/markdown"
)

func TestLimit(t *testing.T) {
	deep := func(unit string, n int) string { return strings.Repeat(unit, n) + "item\n" }
	wide := "| " + strings.Repeat("a | ", 2000) + "\n|" + strings.Repeat(" - |", 2000) + "\n"
	for _, tc := range []struct {
		name   string
		body   string
		offset int
		what   string // "" when no limit is exceeded
	}{
		{"lists as deep as allowed", deep("- ", 100), 0, ""},
		{"lists too deep", "# Title\n\n" + deep("- ", 101), 9, "lists and block quotes nested 101 levels deep; govdoc renders at most 100 levels"},
		{"indented lists too deep", "- a\n" + strings.Repeat(" ", 200) + "- b\n", 4, "lists and block quotes nested 101 levels deep; govdoc renders at most 100 levels"},
		{"block quotes as deep as allowed", deep(">", 100), 0, ""},
		{"block quotes too deep", "text\n" + deep(">", 101), 5, "lists and block quotes nested 101 levels deep; govdoc renders at most 100 levels"},
		{"block quotes with spaces", deep("> ", 101), 0, "lists and block quotes nested 101 levels deep; govdoc renders at most 100 levels"},
		{"quotes and lists together", deep("> - ", 51), 0, "lists and block quotes nested 102 levels deep; govdoc renders at most 100 levels"},
		{"empty list items at line ends", strings.Repeat("-\n", 3) + strings.Repeat("  ", 101) + "-\n", 6, "lists and block quotes nested 102 levels deep; govdoc renders at most 100 levels"},
		{"quote marks inside a line are text", "a " + strings.Repeat(">", 200) + "\n", 0, ""},
		{"a wide table with a few rows", wide + strings.Repeat("| x |\n", 900), 0, ""},
		{"a wide table with many short rows", wide + strings.Repeat("| x |\n", 1000), len(wide) + 998*6, "tables of more than 2000000 cells by this row; govdoc renders at most 2000000"},
		{"rows after the table has ended", wide + "\n" + strings.Repeat("| x |\n", 1000), 0, ""},
		{"a heading with many attributes", "# Title\n\n## Heading {#id " + strings.Repeat(".c ", 100) + "}\n", 9, "a heading with 101 attributes; govdoc reads at most 100"},
		{"an underlined heading with many attributes", "Heading {" + strings.Repeat(".c ", 101) + "}\n===\n", 0, "a heading with 101 attributes; govdoc reads at most 100"},
		{"braces in a paragraph", "Text {" + strings.Repeat(".c ", 101) + "}\n", 0, ""},
		{"a heading with as many attributes as allowed", "## Heading {" + strings.Repeat(".c ", 100) + "}\n", 0, ""},
		{"as many footnotes as allowed", strings.Repeat("a[^1]\n", 1000) + strings.Repeat("[^1]: b\n", 1000), 0, ""},
		{"too many footnotes", strings.Repeat("a[^1] [^2]\n", 1000) + "[^1]: b\n", 1000 * 11, "more than 2000 footnote references and definitions ([^) by this line; govdoc renders at most 2000"},
		{"as many marks as allowed", strings.Repeat("[", markdown.MaxMarks-1), 0, ""},
		{"too many marks", "# Title\n" + strings.Repeat("[", markdown.MaxMarks), 8, "more than 2000000 marks (lines, quote and list markers, [ ] * _ ~ ` < | : @ www.) by this line; govdoc renders at most 2000000"},
		{"too many list markers", "# Title\n" + strings.Repeat(strings.Repeat("- ", 99)+"a\n", 20000) + "b\n", 8 + 19999*200, "more than 2000000 marks (lines, quote and list markers, [ ] * _ ~ ` < | : @ www.) by this line; govdoc renders at most 2000000"},
		{"too many links in text", strings.Repeat("www.", markdown.MaxMarks), 0, "more than 2000000 marks (lines, quote and list markers, [ ] * _ ~ ` < | : @ www.) by this line; govdoc renders at most 2000000"},
		{"too many lines", strings.Repeat("a\n", markdown.MaxMarks+1), 2 * markdown.MaxMarks, "more than 2000000 marks (lines, quote and list markers, [ ] * _ ~ ` < | : @ www.) by this line; govdoc renders at most 2000000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, ok := markdown.Limit([]byte(tc.body))
			assert.Equal(t, tc.what != "", ok)
			assert.Equal(t, tc.what, e.What)
			assert.Equal(t, tc.offset, e.Offset)
		})
	}
}
