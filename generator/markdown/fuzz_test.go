package markdown_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/govdoc/govdoc/generator/markdown"
)

// FuzzRender checks that no body makes Render panic, that every reference
// offset lies in the body, and that neither raw HTML nor "{{" gets through.
func FuzzRender(f *testing.F) {
	files, err := filepath.Glob("testdata/*.md")
	require.NoError(f, err)
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(f, err)
		f.Add(data)
	}
	for _, s := range []string{
		"# T\n\n# T\n\n[[0010_framework.md#scope|the framework]] [[x]]\n\n- 0010_framework.md\n",
		"[a](b.md) ![i](c.png) <https://x.y> www.z.org [**b**](d.md)\n",
		"<script>alert(1)</script>\n\n<b>x</b> `{{ x }}`\n",
		"| a |\n|---|\n| [x](y.md) |\n\n- [ ] t\n\n~~s~~\n",
		"[\n[[\n![\n",
	} {
		f.Add([]byte(s))
	}
	r := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, body []byte) {
		res := r.Render(body, "", func(ref markdown.Ref) markdown.Target {
			require.GreaterOrEqual(t, ref.Offset, 0, "%+v", ref)
			require.LessOrEqual(t, ref.Offset, len(body), "%+v", ref)
			return markdown.Target{Dest: "/rewritten/", Label: "Title"}
		})
		require.False(t, bytes.Contains(res.HTML, []byte("{{")), "{{ in the output")
		require.False(t, bytes.Contains(bytes.ToLower(res.HTML), []byte("<script")), "raw HTML in the output")
		if res.Title != "" {
			require.NotEmpty(t, res.Headings)
		}
	})
}

// FuzzHeadingIDsAreGoldmarksForASCII checks that a heading of ASCII text
// gets goldmark's own ID, repeats included, so that anchors written for
// goldmark keep working; only letters beyond ASCII are treated otherwise.
// Every ID is valid UTF-8, and its own slug, so that a wiki link may name a
// heading by its text or by its ID.
func FuzzHeadingIDsAreGoldmarksForASCII(f *testing.F) {
	for _, s := range []string{"Roles & Escalation", "1. Scope (ISO/IEC 38500)", "  _Intro_ -  ", "", "Überblick", "a\tb\nc", "-", "🚀"} {
		f.Add(s, s+" x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ours, theirs := markdown.NewIDs(), parser.NewContext().IDs()
		for _, v := range []string{a, b, a, b, a} {
			got := string(ours.Generate([]byte(v), ast.KindHeading))
			require.True(t, utf8.ValidString(got), "%q gives %q", v, got)
			if slug := markdown.Slug(v); slug != "" {
				require.Equal(t, slug, markdown.Slug(slug), "an ID is its own slug")
			}
			want := string(theirs.Generate([]byte(v), ast.KindHeading))
			if isASCII(a) && isASCII(b) {
				require.Equal(t, want, got, "%q", v)
			}
		}
	})
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
