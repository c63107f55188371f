package markdown_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/markdown"
)

func TestCodeRunningURLsAreRefusedEvenWithRawHTML(t *testing.T) {
	for _, raw := range []bool{false, true} {
		r := markdown.New(markdown.Options{RawHTML: raw})
		for in, want := range map[string]string{
			"[x](javascript:alert(1))":                        "<p>x</p>",
			"[x](JaVaScRiPt:alert(1))":                        "<p>x</p>",
			"[x](vbscript:msgbox)":                            "<p>x</p>",
			"[x](data:text/html;base64,PHNjcmlwdD4=)":         "<p>x</p>",
			"![pic](javascript:alert(1))":                     "<p>pic</p>",
			"[ok](https://example.org) and [rel](a/b.html#c)": `<p><a href="https://example.org">ok</a> and <a href="a/b.html#c">rel</a></p>`,
		} {
			assert.Equal(t, want+"\n", string(r.Render([]byte(in), "", nil).HTML), "raw %v: %s", raw, in)
		}
	}
	r := markdown.New(markdown.Options{RawHTML: true})
	for in, want := range map[string]string{
		`<a href="javascript:alert(1)" title="t">x</a>`:          `<p><a title="t">x</a></p>`,
		`<a href=" &#106;avascript:alert(1)">y</a>`:              `<p><a>y</a></p>`,
		`<a href='https://example.org'>ok</a>`:                   `<p><a href="https://example.org">ok</a></p>`,
		"<div onclick=\"alert(1)\" class=\"box\">\nText\n</div>": "<div class=\"box\">\nText\n</div>",
		`<img src="x.png" onerror="alert(1)" alt="a">`:           `<img src="x.png" alt="a">`,
		"<script>alert(1)</script>":                              "&lt;script&gt;alert(1)&lt;/script&gt;",
		"<iframe src=\"https://evil.example\"></iframe>":         "&lt;iframe src=&#34;https://evil.example&#34;&gt;&lt;/iframe&gt;",
	} {
		got := string(r.Render([]byte(in), "", nil).HTML)
		assert.Contains(t, got, want, in)
		assert.NotContains(t, got, "javascript:", in)
		assert.NotContains(t, got, "onerror", in)
	}
}
