package render_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
)

// conflictMarker is a line a merge left unresolved.
var conflictMarker = regexp.MustCompile(`(?m)^(<{7}|={7}|>{7})( |$)`)

// TestThemeFilesAreWellFormed reads every stylesheet and script of the
// built-in theme: a brace left open makes a browser drop every rule after
// it, with no error anywhere, so the check is here.
func TestThemeFilesAreWellFormed(t *testing.T) {
	checked := 0
	require.NoError(t, fs.WalkDir(govdoc.Theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".css") || strings.HasSuffix(p, ".js")) {
			return err
		}
		data, err := fs.ReadFile(govdoc.Theme, p)
		require.NoError(t, err)
		assert.False(t, conflictMarker.Match(data), "%s holds a merge conflict marker", p)
		if strings.HasSuffix(p, ".css") {
			line, problem := unbalanced(string(data))
			assert.Empty(t, problem, "%s:%d", p, line)
		}
		checked++
		return nil
	}))
	assert.Greater(t, checked, 1)
}

// unbalanced reports the first brace of css that is never closed or closes
// nothing, outside comments and strings.
func unbalanced(css string) (line int, problem string) {
	var open []int
	line = 1
	for i := 0; i < len(css); i++ {
		switch c := css[i]; {
		case c == '\n':
			line++
		case c == '/' && strings.HasPrefix(css[i:], "/*"):
			end := strings.Index(css[i+2:], "*/")
			if end < 0 {
				return line, "a comment is never closed"
			}
			line += strings.Count(css[i:i+2+end], "\n")
			i += end + 3
		case c == '"' || c == '\'':
			for i++; i < len(css) && css[i] != c && css[i] != '\n'; i++ {
				if css[i] == '\\' {
					i++
				}
			}
		case c == '{':
			open = append(open, line)
		case c == '}':
			if len(open) == 0 {
				return line, "a } closes nothing"
			}
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		return open[len(open)-1], "a { is never closed"
	}
	return 0, ""
}

func TestUnbalancedFindsTheOpenBrace(t *testing.T) {
	line, problem := unbalanced("a { color: red; }\n/* { */\nb {\n  content: \"}\";\n")
	assert.Equal(t, 3, line)
	assert.Equal(t, "a { is never closed", problem)
	_, problem = unbalanced("a { content: '{'; }\n@media print { b { x: y } }\n")
	assert.Empty(t, problem)
}
