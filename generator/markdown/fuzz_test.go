package markdown_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/internal/xsstest"
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
		"> [!NOTE]\n> [x](a.md)\n\n> [!warning]\n",
		"!!! note \"T [l](x.md)\"\n    body\n\n??? tip\n\t- [x]\n\n???+ x \"\"\n",
		"## A {#a .b onclick=x}\n\n## A\n\nT[^1]\n\n[^1]: n\n\nTerm\n: def\n",
		"- [x](a.md)\n- [ ]todo\n- [x]\n",
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

// FuzzHeadingIDs checks that the headings of a page get unique IDs, each
// valid UTF-8 and its own slug, so that a wiki link may name a heading by
// its text or by its ID.
func FuzzHeadingIDs(f *testing.F) {
	for _, s := range []string{"Roles & Escalation", "1. Scope (ISO/IEC 38500)", "  _Intro_ -  ", "", "Überblick", "a\tb", "-", "🚀", "x-1", "İstanbul", "[link](x.md)"} {
		f.Add(s, s+" x")
	}
	r := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, a, b string) {
		if strings.ContainsAny(a+b, "{}") {
			t.Skip("{#id} sets IDs as written")
		}
		a, b = strings.ReplaceAll(a, "\n", " "), strings.ReplaceAll(b, "\n", " ")
		var body strings.Builder
		for _, v := range []string{a, b, a, b, a} {
			body.WriteString("## " + v + "\n\n")
		}
		seen := map[string]bool{}
		for _, h := range r.Scan([]byte(body.String()), "", nil).Headings {
			require.True(t, utf8.ValidString(h.ID), "%q", h.ID)
			require.NotEmpty(t, h.ID)
			require.False(t, seen[h.ID], "%q is given twice", h.ID)
			seen[h.ID] = true
			require.Equal(t, h.ID, markdown.Slug(h.ID), "an ID is its own slug")
		}
	})
}

// FuzzRawHTML checks that with raw HTML let through no body gives HTML that
// could run code, as a browser parses it, or that leaves an element open to
// take in the page after it: from the XSS payloads, the fuzzer makes its own.
func FuzzRawHTML(f *testing.F) {
	for _, p := range xsstest.Payloads(f) {
		f.Add([]byte(p))
	}
	for _, c := range xsstest.Cases(f) {
		f.Add([]byte(c))
	}
	r := markdown.New(markdown.Options{RawHTML: true})
	f.Fuzz(func(t *testing.T, body []byte) {
		res := r.Render(body, "", nil)
		require.Empty(t, xsstest.Unsafe(string(res.HTML)), "%q gives\n%s", body, res.HTML)
		require.Empty(t, xsstest.Unsafe(string(res.TitleHTML)), "%q gives title\n%s", body, res.TitleHTML)
		require.True(t, xsstest.Contained(string(res.HTML)), "%q leaves elements open:\n%s", body, res.HTML)
	})
}
