package markdown_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/markdown"
)

// rawResolver resolves x.md to its page, secret.md as left out of the build
// and anything else as it is, and records what it was asked and where.
type rawResolver struct{ asked []string }

func (r *rawResolver) resolve(ref markdown.Ref) markdown.Target {
	r.asked = append(r.asked, ref.Dest+"@"+itoa(ref.Offset))
	switch {
	case strings.HasPrefix(ref.Dest, "x.md"):
		return markdown.Target{Dest: "../x/index.html" + strings.TrimPrefix(ref.Dest, "x.md")}
	case ref.Dest == "img/a.png":
		return markdown.Target{Dest: "../img/a.png"}
	case strings.HasPrefix(ref.Dest, "secret.md"):
		return markdown.Target{Restricted: true}
	}
	return markdown.Target{}
}

func itoa(n int) string {
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		if n /= 10; n == 0 {
			return s
		}
	}
}

func TestRawHTMLLinksAreResolvedAndRewritten(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		asked      []string
		want       []string
		not        []string
	}{
		{"block", "<p><a href=\"x.md#scope\">X</a> <img src='img/a.png' alt=\"chart\"></p>\n",
			[]string{"x.md#scope@6", "img/a.png@35"},
			[]string{`<p><a href="../x/index.html#scope">X</a> <img src="../img/a.png" alt="chart"/></p>`}, nil},
		{"inline", "See <a title=\"t\" href=x.md>X</a> and <A HREF='x.md?a=1&amp;b=2'>two</A>.\n",
			[]string{"x.md@17", "x.md?a=1&b=2@40"},
			[]string{`<a href="../x/index.html" title="t">X</a>`, `<a href="../x/index.html?a=1&amp;b=2">two</a>`}, nil},
		{"kept as written when the resolver says so", "<a href=\"https://example.org/\">out</a> <a href=\"#here\">here</a>\n",
			[]string{"https://example.org/@3", "#here@42"},
			[]string{`<a href="https://example.org/">out</a> <a href="#here">here</a>`}, nil},
		{"left out, inline: the link and what it holds", "A <a href=\"secret.md\">ZQX <b>label</b></a> and more.\n",
			[]string{"secret.md@5"},
			[]string{`A <span class="restricted-link">restricted document</span> and more.`}, []string{"ZQX", "label", "secret"}},
		{"left out, block", "<div>\n<a href=\"secret.md#x\">ZQX label</a> kept\n</div>\n",
			[]string{"secret.md#x@9"},
			[]string{"<div>\n<span class=\"restricted-link\">restricted document</span> kept\n</div>"}, []string{"ZQX", "secret"}},
		{"a URL that runs code is not resolved", "<a href=\"javascript:alert(1)\">x</a>\n", nil, []string{`<p>x</p>`}, []string{"javascript"}},
		{"other elements and attributes are not links", "<link href=\"x.md\"><a name=\"x.md\" data-href=\"x.md\">n</a>\n", nil, nil, []string{"../x/"}},
		{"comments are not links", "<!-- <a href=\"x.md\">x</a> -->\n", nil, nil, []string{"../x/"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &rawResolver{}
			html := string(markdown.New(markdown.Options{RawHTML: true}).Render([]byte(tc.body), "", r.resolve).HTML)
			assert.Equal(t, tc.asked, r.asked, "what was resolved, at which offset")
			for _, w := range tc.want {
				assert.Contains(t, html, w)
			}
			for _, n := range tc.not {
				assert.NotContains(t, html, n)
			}
		})
	}
}

func TestRawHTMLLinksAreTextWithoutRawHTML(t *testing.T) {
	r := &rawResolver{}
	html := string(markdown.New(markdown.Options{}).Render([]byte("<a href=\"x.md\">X</a>\n"), "", r.resolve).HTML)
	assert.Empty(t, r.asked, "raw HTML shown as text has no links")
	assert.Contains(t, html, "&lt;a href=&#34;x.md&#34;&gt;")
}

// FuzzRawLinks checks that raw HTML with links never makes Render panic,
// that every offset lies in the body, and that a rewritten destination
// cannot open an element of its own.
func FuzzRawLinks(f *testing.F) {
	for _, s := range []string{
		"<p><a href=\"x.md#s\">X</a> <img src='img/a.png'></p>\n",
		"A <a href=secret.md>in <b>b</b></a> <a href=\"secret.md\">\n\n<div>\n<a href=\"secret.md\">x</div>\n",
		"- <a\n  href=\"x.md\">x</a>\n\n> <img src=\"a.png\"\n> alt=\"b\">\n",
		"<a href=\"x.md\" href=\"y.md\"><img src=x.md/></a><a href><a href=><a =x>",
	} {
		f.Add(s)
	}
	r := markdown.New(markdown.Options{RawHTML: true})
	f.Fuzz(func(t *testing.T, body string) {
		res := r.Render([]byte(body), "", func(ref markdown.Ref) markdown.Target {
			if ref.Offset < 0 || ref.Offset > len(body) {
				t.Fatalf("offset %d outside the body: %+v", ref.Offset, ref)
			}
			if strings.Contains(ref.Dest, "secret") {
				return markdown.Target{Restricted: true}
			}
			return markdown.Target{Dest: `"><script>x</script>`}
		})
		if strings.Contains(strings.ToLower(string(res.HTML)), "<script") {
			t.Fatalf("a script in the output: %s", res.HTML)
		}
	})
}
