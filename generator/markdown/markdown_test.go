package markdown_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/markdown"
)

func render(t *testing.T, body, title string) markdown.Result {
	t.Helper()
	return markdown.New(markdown.Options{}).Render([]byte(body), title, nil)
}

func TestGFM(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"table", "| Role | Duty |\n|---|:-:|\n| CIO | Strategy |\n", []string{
			"<table>", `<th scope="col">Role</th>`, `<th align="center" scope="col">Duty</th>`, "<td>CIO</td>",
		}},
		{"task list", "- [ ] review\n- [x] approve\n", []string{
			`<li><input disabled="" type="checkbox" /> review</li>`,
			`<li><input checked="" disabled="" type="checkbox" /> approve</li>`,
		}},
		{"strikethrough", "~~retired~~ text\n", []string{"<del>retired</del>"}},
		{"autolinks", "See https://example.com and www.example.org.\n", []string{
			`<a href="https://example.com">https://example.com</a>`,
			`<a href="http://www.example.org">www.example.org</a>`,
		}},
		{"XHTML void elements", "a  \nb\n\n---\n", []string{"<br />", "<hr />"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			html := string(render(t, tc.body, "").HTML)
			for _, w := range tc.want {
				assert.Contains(t, html, w)
			}
		})
	}
}

func TestHeadingIDs(t *testing.T) {
	res := render(t, "## Roles & Escalation\n\n## Roles & Escalation\n\n### 1. Scope (ISO/IEC 38500)\n\n## Überblick\n\n## Maßnahmen — Übersicht 🚀\n\n## Ελεγχος πρόσβασης\n\n## 🚀\n\n## _Intro_ -\n", "")
	assert.Equal(t, []markdown.Heading{
		{Level: 2, Text: "Roles & Escalation", ID: "roles--escalation"},
		{Level: 2, Text: "Roles & Escalation", ID: "roles--escalation-1"},
		{Level: 3, Text: "1. Scope (ISO/IEC 38500)", ID: "1-scope-isoiec-38500"},
		{Level: 2, Text: "Überblick", ID: "überblick"}, // goldmark itself drops what is not ASCII
		{Level: 2, Text: "Maßnahmen — Übersicht 🚀", ID: "maßnahmen--übersicht-"},
		{Level: 2, Text: "Ελεγχος πρόσβασης", ID: "ελεγχος-πρόσβασης"},
		{Level: 2, Text: "🚀", ID: "heading"},
		{Level: 2, Text: "Intro -", ID: "intro--"}, // from the text as it reads, as GitHub does
	}, res.Headings)
	assert.Contains(t, string(res.HTML), `<h2 id="roles--escalation">Roles &amp; Escalation</h2>`)
	assert.Contains(t, string(res.HTML), `<h2 id="roles--escalation-1">`)
}

func TestHeadingText(t *testing.T) {
	res := render(t, "## The *CIO* `role` and [link](x.md)\n", "")
	require.Len(t, res.Headings, 1)
	assert.Equal(t, "The CIO role and link", res.Headings[0].Text)
}

func TestTitleHeading(t *testing.T) {
	for _, tc := range []struct {
		name, body, title string
		wantTitle         string
		wantID            string
		removed           bool
	}{
		{"no title: the H1 is the title", "# IT Management\n\nText.\n", "", "IT Management", "it-management", true},
		{"the same title", "# IT Management\n\nText.\n", "IT Management", "IT Management", "it-management", true},
		{"the same title in other case and spacing", "# IT Management\n\nText.\n", "  it management ", "IT Management", "it-management", true},
		{"another title keeps the H1", "# IT Management\n\nText.\n", "Responsibilities", "", "", false},
		{"an H1 after text is not the title", "Intro.\n\n# IT Management\n", "", "", "", false},
		{"an H2 first is not the title", "## IT Management\n", "", "", "", false},
		{"a setext H1", "IT Management\n=============\n\nText.\n", "", "IT Management", "it-management", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := render(t, tc.body, tc.title)
			assert.Equal(t, tc.wantTitle, res.Title)
			assert.Equal(t, tc.wantID, res.TitleID)
			html := string(res.HTML)
			assert.Equal(t, !tc.removed, strings.Contains(html, ">IT Management</h"), html)
			require.NotEmpty(t, res.Headings, "the title heading is listed too")
			assert.Equal(t, "IT Management", res.Headings[0].Text)
		})
	}
}

func TestDuplicateOfTitleGetsNextID(t *testing.T) {
	res := render(t, "# Scope\n\n## Scope\n", "")
	assert.Equal(t, "scope", res.TitleID)
	assert.Contains(t, string(res.HTML), `<h2 id="scope-1">Scope</h2>`, "IDs count the removed title, as GitHub counts the heading")
}

func TestRawHTML(t *testing.T) {
	body := "<script>alert(1)</script>\n\nInline <b>bold</b> and <img src=x onerror=alert(1)>.\n\n<!-- a note -->\n"

	escaped := string(markdown.New(markdown.Options{}).Render([]byte(body), "", nil).HTML)
	assert.NotContains(t, escaped, "<script")
	assert.NotContains(t, escaped, "<b>")
	assert.NotContains(t, escaped, "<img")
	assert.Contains(t, escaped, "&lt;script&gt;alert(1)&lt;/script&gt;", "raw HTML shows as text")
	assert.Contains(t, escaped, "Inline &lt;b&gt;bold&lt;/b&gt; and")

	raw := string(markdown.New(markdown.Options{RawHTML: true}).Render([]byte(body), "", nil).HTML)
	assert.Contains(t, raw, "Inline <b>bold</b> and", "a site that opts in gets its HTML")
	assert.Contains(t, raw, `<img src="x"/>`, "without its event handlers")
	assert.Contains(t, raw, "&lt;script&gt;alert(1)&lt;/script&gt;", "scripts never run, opted in or not")
}

func TestDangerousURLs(t *testing.T) {
	html := string(render(t, "[x](javascript:alert(1)) ![y](data:text/html,evil)\n", "").HTML)
	assert.NotContains(t, html, "javascript:")
	assert.NotContains(t, html, "data:text/html")
}

func TestPlaceholderBracesAreEscaped(t *testing.T) {
	html := string(render(t, "Write `{{ meta.owner }}`:\n\n```\n{{ meta.version }}\n```\n\n\\{{ meta.date }}\n", "").HTML)
	assert.NotContains(t, html, "{{")
	assert.Contains(t, html, "<code>&#123;&#123; meta.owner }}</code>")
	assert.Contains(t, html, "<pre><code>&#123;&#123; meta.version }}\n</code></pre>")
	assert.Contains(t, html, "<p>&#123;&#123; meta.date }}</p>")
}

func TestResolverRewritesLinksAndImages(t *testing.T) {
	body := "See [the framework](../governance/0010_framework.md#scope) and ![chart](chart.png).\n\n" +
		"[**bold** text](x.md) <https://example.com>\n"
	var refs []markdown.Ref
	res := markdown.New(markdown.Options{}).Render([]byte(body), "", func(r markdown.Ref) markdown.Target {
		refs = append(refs, r)
		switch r.Dest {
		case "../governance/0010_framework.md#scope":
			return markdown.Target{Dest: "../../governance/0010_framework/#scope"}
		case "chart.png":
			return markdown.Target{Dest: "/static/chart.png"}
		}
		return markdown.Target{}
	})
	html := string(res.HTML)
	assert.Contains(t, html, `<a href="../../governance/0010_framework/#scope">the framework</a>`)
	assert.Contains(t, html, `<img src="/static/chart.png" alt="chart" />`)
	assert.Contains(t, html, `<a href="x.md"><strong>bold</strong> text</a>`, "an empty Dest keeps the link as written")

	require.Len(t, refs, 4)
	for i, want := range []struct {
		kind markdown.RefKind
		dest string
		at   string
	}{
		{markdown.KindLink, "../governance/0010_framework.md#scope", "[the framework]"},
		{markdown.KindImage, "chart.png", "![chart]"},
		{markdown.KindLink, "x.md", "[**bold**"},
		{markdown.KindLink, "https://example.com", "https://example.com>"},
	} {
		assert.Equal(t, want.kind, refs[i].Kind, want.dest)
		assert.Equal(t, want.dest, refs[i].Dest)
		assert.Equal(t, strings.Index(body, want.at), refs[i].Offset, "offset of %s", want.at)
	}
}

func TestRestrictedLink(t *testing.T) {
	res := markdown.New(markdown.Options{}).Render([]byte("See [Secret plan](secret.md) now.\n"), "", func(markdown.Ref) markdown.Target {
		return markdown.Target{Restricted: true}
	})
	html := string(res.HTML)
	assert.NotContains(t, html, "Secret plan", "nothing of a left-out document reaches the output")
	assert.NotContains(t, html, "secret.md")
	assert.Contains(t, html, "restricted document")
}

func TestScanMatchesRender(t *testing.T) {
	r := markdown.New(markdown.Options{})
	body := []byte("# Title\n\n## A\n\n[x](a.md)\n")
	var rendered, scanned []markdown.Ref
	full := r.Render(body, "", func(ref markdown.Ref) markdown.Target { rendered = append(rendered, ref); return markdown.Target{} })
	scan := r.Scan(body, "", func(ref markdown.Ref) markdown.Target { scanned = append(scanned, ref); return markdown.Target{} })
	assert.Equal(t, rendered, scanned)
	assert.Equal(t, full.Headings, scan.Headings)
	assert.Equal(t, full.Title, scan.Title)
	assert.Empty(t, scan.HTML)
}

func TestEmptyBody(t *testing.T) {
	res := render(t, "", "")
	assert.Empty(t, res.HTML)
	assert.Empty(t, res.Headings)
	assert.Empty(t, res.Title)
}

func TestHTMLCommentsAreLeftOut(t *testing.T) {
	r := markdown.New(markdown.Options{})
	got := string(r.Render([]byte("Text <!-- inline note --> here.\n\n<!-- TODO: ask Legal about clause 4 -->\n\nMore.\n"), "", nil).HTML)
	assert.NotContains(t, got, "note")
	assert.NotContains(t, got, "Legal")
	assert.Contains(t, got, "<p>Text  here.</p>")
	assert.Contains(t, got, "<p>More.</p>")
}

func TestLinksInCalloutsFootnotesAndDefinitionsAreResolved(t *testing.T) {
	body := "> [!NOTE]\n> See [alert](a.md).\n\n" +
		"!!! warning \"Read [title](t.md)\"\n    See [admonition](b.md) and [[0010_framework.md]].\n\n" +
		"??? tip\n    ![chart](c.png)\n\n" +
		"Term\n: See [definition](d.md).\n\n" +
		"Text.[^1]\n\n[^1]: See [footnote](e.md).\n"
	var refs []markdown.Ref
	res := markdown.New(markdown.Options{}).Render([]byte(body), "", func(r markdown.Ref) markdown.Target {
		refs = append(refs, r)
		return markdown.Target{Dest: "/resolved/" + r.Dest, Label: "Framework"}
	})
	var got []string
	for _, r := range refs {
		got = append(got, r.Dest)
		at := "[" + r.Dest
		switch r.Kind {
		case markdown.KindWiki:
			at = "[[" + r.Dest
		case markdown.KindImage:
			at = "![chart]"
		default:
			at = body[r.Offset : strings.Index(body[r.Offset:], ")")+r.Offset+1]
			assert.True(t, strings.HasSuffix(at, "("+r.Dest+")"), "%q is where %s is written", at, r.Dest)
			continue
		}
		assert.Equal(t, strings.Index(body, at), r.Offset, "offset of %s", r.Dest)
	}
	assert.Equal(t, []string{"a.md", "t.md", "b.md", "0010_framework.md", "c.png", "d.md", "e.md"}, got)
	html := string(res.HTML)
	for _, want := range []string{
		`<a href="/resolved/a.md">alert</a>`,
		`<p class="callout-title">Read <a href="/resolved/t.md">title</a></p>`,
		`<a href="/resolved/b.md">admonition</a> and <a href="/resolved/0010_framework.md">Framework</a>`,
		`<img src="/resolved/c.png" alt="chart" />`,
		`<dd>See <a href="/resolved/d.md">definition</a>.</dd>`,
		`See <a href="/resolved/e.md">footnote</a>.`,
	} {
		assert.Contains(t, html, want)
	}
}

// TestLeadingTitleIsRendersTitle checks that the title read from a body's
// first block is the one Render finds, markup taken out.
func TestLeadingTitleIsRendersTitle(t *testing.T) {
	r := markdown.New(markdown.Options{})
	for _, tc := range []struct{ body, want string }{
		{"# **Access Control Policy**\n\nText.\n", "Access Control Policy"},
		{"\n\n# Access Control\n", "Access Control"},
		{"# Access Control #\n", "Access Control"},
		{"# C#\n", "C#"},
		{"# Policy: scope & terms\r\n\r\nText\r\n", "Policy: scope & terms"},
		{"# The `raci` of [ISO 38500](https://iso.org/x) {#raci}\n", "The raci of ISO 38500"},
		{"  # _Indented_ a little\n", "Indented a little"},
		{"Access\n*Control*\n======\n\nText.\n", "Access Control"},
		{"    # code, not a heading\n", ""},
		{"#hashtag\n", ""},
		{"## An H2\n", ""},
		{"Text first.\n\n# Title\n", ""},
		{"", ""},
	} {
		t.Run(tc.body, func(t *testing.T) {
			assert.Equal(t, tc.want, r.LeadingTitle([]byte(tc.body)))
			assert.Equal(t, tc.want, r.Render([]byte(tc.body), "", nil).Title)
		})
	}
}
