package yamlerr_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/govdoc/govdoc/generator/yamlerr"
)

func TestBlankTextIsAnEmptyDocument(t *testing.T) {
	for _, src := range []string{"", "\n", "# c\n", "\t\n", " \t# c\n\t\t\n", "\uFEFF", "\uFEFF\t# c\r\n"} {
		doc, err := yamlerr.Parse([]byte(src))
		require.Nil(t, err, "%q", src)
		assert.Empty(t, doc.Content, "%q", src)
	}
}

func TestLinesAreTheFilesLines(t *testing.T) {
	doc, err := yamlerr.Parse([]byte("a: 1\nb: x\ry\u2028z\nc: 3\n"))
	require.Nil(t, err)
	root := doc.Content[0]
	require.Equal(t, yaml.MappingNode, root.Kind)
	var at []string
	for i := 0; i < len(root.Content); i += 2 {
		at = append(at, fmt.Sprintf("%s %d", root.Content[i].Value, root.Content[i].Line))
	}
	assert.Equal(t, []string{"a 1", "b 2", "c 3"}, at, "a lone carriage return and LS break no line")
}

// TestErrorsAreWhereYAMLWentWrong checks the line and column of syntax
// errors, which yaml.v3 names at other lines or none.
func TestErrorsAreWhereYAMLWentWrong(t *testing.T) {
	deep := strings.Repeat("k: v\n", 5000) + "m:\n  a: 1\n  b: 2\n c: 3\n"
	long := strings.Repeat("k: v\n", 60000) + "m:\n  a: 1\n b: 2\n"
	for _, tc := range []struct {
		name, src string
		want      string
	}{
		{"first line", "a: b: c\n", "1:5: mapping values are not allowed in this context"},
		{"after a byte order mark", "\uFEFFa: b: c\n", "1:5: mapping values are not allowed in this context"},
		{"after a letter of two bytes", "a: é b: c\n", "1:7: mapping values are not allowed in this context"},
		{"after NEL, one character", "a: x\u0085 b: c\n", "1:8: mapping values are not allowed in this context"},
		{"in a nested mapping, named at its first line", "a:\n  b:\n    c: 1\n    d: 2\n   e: 3\n", "5:4: did not find expected key"},
		{"deep in a long text", deep, "5004:2: did not find expected key"},
		{"unclosed quote, at the quote", "a: 1\nb: 'x\nc: 2\n", "2:4: found unexpected end of stream"},
		{"unclosed bracket, at the bracket", "a: 1\nb: [x, [y], z\nc: 2\n", "2:4: did not find expected ',' or ']'"},
		{"unknown alias, at the star", "a: 1\nb: [x, *nope]\n", "2:8: unknown anchor 'nope' referenced"},
		{"a character YAML refuses", "a: 1\nb: x\x7f\n", "2:5: control characters are not allowed"},
		{"a text too long to search, at the line yaml.v3 names", long, "60003: did not find expected key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := yamlerr.Parse([]byte(tc.src))
			require.NotNil(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}
