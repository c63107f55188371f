package pdf

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/govdoc/govdoc/generator/site"
)

func TestFileOf(t *testing.T) {
	for url, want := range map[string]string{
		"governance/0010_framework/index.html": "governance/0010_framework.pdf",
		"a/b/c/index.html":                     "a/b/c.pdf",
		"top/index.html":                       "top.pdf",
		"handbook/index.html":                  "handbook-document.pdf",
		"governance/handbook/index.html":       "governance/handbook.pdf",
	} {
		assert.Equal(t, want, FileOf(&site.Document{URL: url}), url)
	}
}

func TestCSSString(t *testing.T) {
	assert.Equal(t, `"POL-1 · Version 1.0"`, cssString("POL-1 · Version 1.0"))
	assert.Equal(t, `"a\22  b\5c  \3c /style\3e  \a "`, cssString("a\" b\\ </style> \n"))
}

// twoDocs is a book of two documents, governance/a and security/b.
func twoDocs(base string) *book {
	return &book{
		base: base,
		docs: []*entry{
			{doc: &site.Document{URL: "governance/a/index.html"}},
			{doc: &site.Document{URL: "security/b/index.html"}},
		},
		byURL: map[string]int{"/governance/a/index.html": 0, "/security/b/index.html": 1},
	}
}

func TestLinksOnPaper(t *testing.T) {
	page := &url.URL{Path: "/governance/a/index.html"}
	type want struct {
		href string
		keep bool
	}
	for _, tc := range []struct {
		href            string
		base            string
		alone, handbook want
	}{
		{"#scope", "", want{"#scope", true}, want{"#d0-scope", true}},
		{"index.html#scope", "", want{"#scope", true}, want{"#d0-scope", true}},
		{"../../security/b/index.html", "", want{"", false}, want{"#govdoc-doc-1", true}},
		{"../../security/b/index.html#roles", "", want{"", false}, want{"#d1-roles", true}},
		{"../../security/b/index.html#roles", "https://h.example/hb/", want{"https://h.example/hb/security/b/#roles", true}, want{"#d1-roles", true}},
		{"../../roles/cio/index.html", "", want{"", false}, want{"", false}},
		{"../../roles/cio/index.html", "https://h.example/", want{"https://h.example/roles/cio/", true}, want{"https://h.example/roles/cio/", true}},
		{"../../files/manual.pdf", "https://h.example/", want{"https://h.example/files/manual.pdf", true}, want{"https://h.example/files/manual.pdf", true}},
		{"https://iso.org/38500", "", want{"https://iso.org/38500", true}, want{"https://iso.org/38500", true}},
		{"mailto:cio@example.org", "", want{"mailto:cio@example.org", true}, want{"mailto:cio@example.org", true}},
		{"javascript:alert(1)", "", want{"", false}, want{"", false}},
	} {
		b := twoDocs(tc.base)
		href, keep := b.link(page, tc.href, 0, "", false)
		assert.Equal(t, tc.alone, want{href, keep}, "%s alone (base %q)", tc.href, tc.base)
		href, keep = b.link(page, tc.href, 0, "d0-", true)
		assert.Equal(t, tc.handbook, want{href, keep}, "%s in the handbook (base %q)", tc.href, tc.base)
	}
}

// In the handbook, every ID of a document gets its prefix, and so do the
// references to them; images are fetched from the built site.
func TestRewriteMakesIDsUnique(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<article class="document"><section aria-labelledby="h"><h2 id="h">H</h2>` +
		`<a href="#h">here</a><a href="../../roles/cio/index.html">CIO</a><img src="../img/x.png" alt=""></section></article>`))
	require.NoError(t, err)
	article := find(doc, func(n *html.Node) bool { return n.Data == "article" })
	b := twoDocs("")
	b.rewrite(article, 1, true)
	var w strings.Builder
	require.NoError(t, html.Render(&w, article))
	assert.Equal(t, `<article class="document"><section aria-labelledby="d1-h"><h2 id="d1-h">H</h2>`+
		`<a href="#d1-h">here</a><a>CIO</a><img src="/security/img/x.png" alt=""/></section></article>`, w.String())
}
