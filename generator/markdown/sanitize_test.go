package markdown_test

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/internal/xsstest"
	"github.com/govdoc/govdoc/generator/markdown"
)

// TestCodeRunningURLsAreRefusedInEveryMode covers every way Markdown writes
// a link or image: whatever the raw HTML setting, a target that would run
// code is dropped and the text stays.
func TestCodeRunningURLsAreRefusedInEveryMode(t *testing.T) {
	resolveAll := func(ref markdown.Ref) markdown.Target { return markdown.Target{} }
	for _, raw := range []bool{false, true} {
		r := markdown.New(markdown.Options{RawHTML: raw})
		for _, tc := range []struct{ in, want string }{
			{"<javascript:alert(1)>", "<p>javascript:alert(1)</p>"},
			{"<JaVaScRiPt:alert(1)>", "<p>JaVaScRiPt:alert(1)</p>"},
			{"<vbscript:msgbox(1)>", "<p>vbscript:msgbox(1)</p>"},
			{"<data:text/html,x>", "<p>data:text/html,x</p>"},
			{"<javascript:a&lt;b>", "<p>javascript:a&amp;lt;b</p>"},
			{"[x](javascript:alert(1))", "<p>x</p>"},
			{"[x](JaVaScRiPt:alert(1))", "<p>x</p>"},
			{"[x](&#106;avascript:alert(1))", "<p>x</p>"},
			{"[x](&#x6A;avascript&#x3A;alert(1))", "<p>x</p>"},
			{"[x](java&#x09;script:alert(1))", "<p>x</p>"},
			{"[x](<javascript:alert(1)>)", "<p>x</p>"},
			{"[x](vbscript:msgbox)", "<p>x</p>"},
			{"[x](data:text/html;base64,PHNjcmlwdD4=)", "<p>x</p>"},
			{"[x](data:image/svg+xml;base64,PHN2Zz4=)", "<p>x</p>"},
			{"![pic](javascript:alert(1))", "<p>pic</p>"},
			{"![pic](data:text/html,x)", "<p>pic</p>"},
			{"[ref][r]\n\n[r]: javascript:alert(1)", "<p>ref</p>"},
			{"[Ref][R] and [r]\n\n[r]: &#106;avascript:alert(1) \"t\"", "<p>Ref and r</p>"},
			{"![img ref][r]\n\n[r]: <vbscript:msgbox(1)>", "<p>img ref</p>"},
			{"[[javascript:alert(1)]]", `<p><span class="broken-ref">javascript:alert(1)</span></p>`},
			{"<https://example.org/a?b=c> <a@example.org>", `<p><a href="https://example.org/a?b=c">https://example.org/a?b=c</a> <a href="mailto:a@example.org">a@example.org</a></p>`},
			{"[ok](https://example.org) and [rel](a/b.html#c) ![i](data:image/png;base64,iVBORw0KGgo=)", `<p><a href="https://example.org">ok</a> and <a href="a/b.html#c">rel</a> <img src="data:image/png;base64,iVBORw0KGgo=" alt="i"`},
		} {
			got := string(r.Render([]byte(tc.in), "", resolveAll).HTML)
			assert.Contains(t, got, tc.want, "raw %v: %s", raw, tc.in)
			assert.Empty(t, xsstest.Unsafe(got), "raw %v: %s", raw, tc.in)
		}
	}
}

// TestRawHTMLKeepsHandbookMarkup lists what a site that lets raw HTML
// through gets, as it gets it.
func TestRawHTMLKeepsHandbookMarkup(t *testing.T) {
	r := markdown.New(markdown.Options{RawHTML: true})
	for _, tc := range []struct{ in, want string }{
		{"<details open><summary>More</summary>\n\nBody.\n\n</details>", "<details open=\"\"><summary>More</summary>\n<p>Body.</p>\n</details>"},
		{`<abbr title="Chief Information Officer">CIO</abbr> <kbd>Ctrl</kbd> H<sub>2</sub>O x<sup>2</sup> <mark>new</mark> <q>q</q> <s>old</s> <ins>in</ins> <small>s</small> <cite>c</cite> <dfn>d</dfn> <samp>o</samp> <var>v</var> <time datetime="2026-01-01">Jan</time> a<wbr>b <b>b</b> <i>i</i> <u>u</u>`,
			`<p><abbr title="Chief Information Officer">CIO</abbr> <kbd>Ctrl</kbd> H<sub>2</sub>O x<sup>2</sup> <mark>new</mark> <q>q</q> <s>old</s> <ins>in</ins> <small>s</small> <cite>c</cite> <dfn>d</dfn> <samp>o</samp> <var>v</var> <time datetime="2026-01-01">Jan</time> a<wbr/>b <b>b</b> <i>i</i> <u>u</u></p>`},
		{`<table><caption>C</caption><colgroup><col span="2"></colgroup><thead><tr><th scope="col" colspan="2">H</th></tr></thead><tbody><tr><td rowspan="2" align="right">1</td><td>2</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>`,
			`<table><caption>C</caption><colgroup><col span="2"/></colgroup><thead><tr><th scope="col" colspan="2">H</th></tr></thead><tbody><tr><td rowspan="2" align="right">1</td><td>2</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>`},
		{`<figure><img src="org-chart.png" alt="Org chart" width="640" height="480" title="Chart"><figcaption>Who reports to whom</figcaption></figure>`,
			`<figure><img src="org-chart.png" alt="Org chart" width="640" height="480" title="Chart"/><figcaption>Who reports to whom</figcaption></figure>`},
		{`<img src="https://example.org/a.png" alt="a"> <img src="/img/b.png" alt="b"> <img src="data:image/png;base64,iVBORw0KGgo=" alt="c">`,
			`<p><img src="https://example.org/a.png" alt="a"/> <img src="/img/b.png" alt="b"/> <img src="data:image/png;base64,iVBORw0KGgo=" alt="c"/></p>`},
		{`<a href="https://example.org" title="t">web</a> <a href="mailto:cio@example.org">mail</a> <a href="tel:+15550100">tel</a> <a href="#scope">frag</a> <a href="../0010_framework/index.html#roles">rel</a>`,
			`<p><a href="https://example.org" title="t">web</a> <a href="mailto:cio@example.org">mail</a> <a href="tel:+15550100">tel</a> <a href="#scope">frag</a> <a href="../0010_framework/index.html#roles">rel</a></p>`},
		{`<div class="callout callout-note" id="box" lang="de" dir="ltr" title="Hinweis"><span class="badge">Neu</span></div>`,
			`<div class="callout callout-note" id="box" lang="de" dir="ltr" title="Hinweis"><span class="badge">Neu</span></div>`},
		{"<ol start=\"3\" type=\"a\"><li value=\"5\">e</li></ol>\n<dl><dt>T</dt><dd>D</dd></dl>\n<blockquote>q</blockquote>\n<pre><code>x &lt; y</code></pre>\n<h2 id=\"raw\">Raw</h2><hr><br>",
			"<ol start=\"3\" type=\"a\"><li value=\"5\">e</li></ol>\n<dl><dt>T</dt><dd>D</dd></dl>\n<blockquote>q</blockquote>\n<pre><code>x &lt; y</code></pre>\n<h2 id=\"raw\">Raw</h2><hr/><br/>"},
	} {
		assert.Equal(t, tc.want+"\n", string(r.Render([]byte(tc.in+"\n"), "", nil).HTML), tc.in)
	}
}

// TestRawHTMLRemoves lists what raw HTML loses, and what shows as text.
func TestRawHTMLRemoves(t *testing.T) {
	r := markdown.New(markdown.Options{RawHTML: true})
	for _, tc := range []struct{ name, in, want string }{
		{"script shows as text", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;\n"},
		{"inline script shows as text", "a <script src=x.js></script> b", "<p>a &lt;script src=x.js&gt;&lt;/script&gt; b</p>\n"},
		{"iframe shows as text", `<iframe src="https://evil.example"></iframe>`, "&lt;iframe src=&#34;https://evil.example&#34;&gt;&lt;/iframe&gt;\n"},
		{"object, embed, base, meta show as text", `<object data="x"></object><embed src="x"><base href="//evil"><meta http-equiv="refresh" content="0">`,
			"<p>&lt;object data=&#34;x&#34;&gt;&lt;/object&gt;&lt;embed src=&#34;x&#34;&gt;&lt;base href=&#34;//evil&#34;&gt;&lt;meta http-equiv=&#34;refresh&#34; content=&#34;0&#34;&gt;</p>\n"},
		{"event handlers", `<div onclick="alert(1)" class="box" onmouseover=x>Text</div>`, "<div class=\"box\">Text</div>\n"},
		{"style attribute", `<p style="position:fixed;top:0">x</p>`, "<p>x</p>\n"},
		{"style element and what it holds", "<style>body{display:none}</style>\n\nAfter.", "\n<p>After.</p>\n"},
		{"svg and math", `<svg width="10"><circle r="5"/></svg><math><mi>x</mi></math>`, "<p>x</p>\n"},
		{"forms", `<form action="https://evil.example"><input type="text" name="pw"><input type="checkbox"><button>Go</button><select><option>o</option></select><textarea>t</textarea></form>`, "Goot\n"},
		{"links that run code", `<a href="javascript:alert(1)" title="t">x</a> <a href=" &#106;avascript:alert(1)">y</a> <a href="java&#x09;script:alert(1)">z</a> <a href="vbscript:x">v</a>`, `<p><a title="t">x</a> y z v</p>` + "\n"},
		{"data: links", `<a href="data:text/html,x">d</a> <a href="data:image/png;base64,iVBORw0KGgo=">i</a>`, "<p>d i</p>\n"},
		{"images that are no images", `<img src="javascript:alert(1)" alt="j"> <img src="data:text/html,x" alt="d"> <img src="data:image/png,notbase64" alt="n">`, `<p><img alt="j"/> <img alt="d"/> <img alt="n"/></p>` + "\n"},
		{"other schemes", `<a href="file:///etc/passwd">f</a> <a href="ftp://x">p</a>`, "<p>f p</p>\n"},
		{"class words with other characters", `<span class="a;b">x</span> <span class="ok-1 also_ok">y</span>`, `<p><span>x</span> <span class="ok-1 also_ok">y</span></p>` + "\n"},
		{"roles other than govdoc's", `<div role="dialog" aria-modal="true">x</div>`, "<div>x</div>\n"},
		{"ids with spaces", `<h2 id="a b">x</h2>`, "<h2>x</h2>\n"},
		{"a tag cut off shows as text", "<div title=\"x\n\nAfter.", "&lt;div title=&#34;x\n<p>After.</p>\n"},
		{"comments", "<!-- a note -->\n\nText <!-- inline --> here.", "\n<p>Text  here.</p>\n"},
		{"mutation XSS through SVG", "<div><svg><style><img src=x onerror=alert(1)></style></svg></div>", "<div></div>\n"},
		{"mutation XSS through noscript", `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`, "<p><img src=\"x\"/>&#34;&gt;</p>\n"},
	} {
		got := string(r.Render([]byte(tc.in+"\n"), "", nil).HTML)
		assert.Equal(t, tc.want, got, tc.name)
		assert.Empty(t, xsstest.Unsafe(got), tc.name)
	}
}

// TestRawHTMLIsTextUnlessSiteOptsIn: with raw HTML off, every tag shows as
// written.
func TestRawHTMLIsTextUnlessSiteOptsIn(t *testing.T) {
	r := markdown.New(markdown.Options{})
	got := string(r.Render([]byte("<div><svg><style><img src=x onerror=alert(1)></style></svg></div>\n\nInline <b>bold</b>.\n"), "", nil).HTML)
	assert.Equal(t, `<p class="raw-html">&lt;div&gt;&lt;svg&gt;&lt;style&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/style&gt;&lt;/svg&gt;&lt;/div&gt;`+"\n</p>\n<p>Inline &lt;b&gt;bold&lt;/b&gt;.</p>\n", got)
}

// TestXSSPayloadsAreInert drives each payload of the public list, and each
// of govdoc's own cases, through the renderer with raw HTML on, written as a
// block, inside a paragraph, a list item, a heading and a callout, and in
// the title: nothing that could run code comes out.
func TestXSSPayloadsAreInert(t *testing.T) {
	r := markdown.New(markdown.Options{RawHTML: true})
	resolve := func(ref markdown.Ref) markdown.Target { return markdown.Target{Dest: ref.Dest} }
	check := func(t *testing.T, name, body string) {
		t.Helper()
		res := r.Render([]byte(body), "", resolve)
		for _, out := range [][]byte{res.HTML, res.TitleHTML} {
			assert.Empty(t, xsstest.Unsafe(string(out)), "%s: %q gives\n%s", name, body, out)
			assert.True(t, xsstest.Contained(string(out)), "%s: %q leaves elements open:\n%s", name, body, out)
			assert.NotContains(t, strings.ToLower(string(out)), "<script", "%s: %q", name, body)
		}
	}
	payloads := xsstest.Payloads(t)
	for i, p := range payloads {
		line := strings.ReplaceAll(p, "\n", " ")
		check(t, fmt.Sprintf("payload %d as a block", i+1), p+"\n")
		check(t, fmt.Sprintf("payload %d in a paragraph", i+1), "Text "+line+" text.\n")
		check(t, fmt.Sprintf("payload %d in a list", i+1), "- "+line+"\n- after\n")
		check(t, fmt.Sprintf("payload %d in a heading", i+1), "# Title\n\n## "+line+"\n")
		check(t, fmt.Sprintf("payload %d in the title", i+1), "# "+line+"\n\nBody.\n")
		check(t, fmt.Sprintf("payload %d in a callout", i+1), "> [!NOTE]\n> "+line+"\n")
	}
	check(t, "every payload in one body", strings.Join(payloads, "\n\n"))
	for i, c := range xsstest.Cases(t) {
		check(t, fmt.Sprintf("case %d", i+1), c)
	}
}

// TestPolicyKeepsGovdocMarkup renders bodies without raw HTML twice, with
// raw HTML off and on: the sanitizer may write the HTML differently
// (<br/> for <br />, &#34; for &quot;), but what a browser builds from it,
// element by element and attribute by attribute, is the same. The bodies are
// the Markdown test files and cases and the example handbook, which use
// every kind of markup govdoc writes: heading IDs, callouts, footnotes, task
// lists, table alignment and scope, definition lists, wiki links.
func TestPolicyKeepsGovdocMarkup(t *testing.T) {
	var bodies []string
	files, err := filepath.Glob("testdata/*.md")
	require.NoError(t, err)
	content, err := filepath.Glob("../../content/*/*.md")
	require.NoError(t, err)
	require.NotEmpty(t, content)
	for _, file := range append(files, content...) {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		bodies = append(bodies, string(data))
	}
	cases, err := filepath.Glob("testdata/cases/*.txt")
	require.NoError(t, err)
	for _, file := range cases {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		for c := range strings.SplitSeq(string(data), "//= = = = = = = = = = = = = = = = = = = = = = = =//\n") {
			if parts := strings.Split(c, "//- - - - - - - - -//\n"); len(parts) == 3 {
				bodies = append(bodies, parts[1])
			}
		}
	}
	bodies = append(bodies, "# Everything\n\n## Scope {#scope .wide}\n\n> [!WARNING]\n> Mind [[0010_framework.md#roles|the roles]] and [[missing]].\n\n"+
		"??? tip \"Folded *tip*\"\n    Body.\n\n???+ note\n    Open.\n\n!!! danger \"\"\n    No title.\n\n"+
		"| Left | Centre | Right |\n|:--|:-:|--:|\n| a | b | c |\n\n- [ ] open\n- [x] done\n\n1. one\n2. two\n\n3. three\n\n"+
		"Term\n: Definition\n\nText[^1] ~~old~~ `code` **bold** _em_ https://example.org <a@example.org> ![alt](i.png \"t\")\n\n[^1]: A note.\n\n"+
		"```go\nx := 1\n```\n\n---\n\nLine  \nbreak\n\nGOVDOCBLOCKRACI\n")
	raw := markdown.New(markdown.Options{RawHTML: true, HistoryMarker: "GOVDOCBLOCKHISTORY"})
	escaped := markdown.New(markdown.Options{HistoryMarker: "GOVDOCBLOCKHISTORY"})
	resolve := func(ref markdown.Ref) markdown.Target {
		name, frag, _ := strings.Cut(ref.Dest, "#")
		switch {
		case name == "missing":
			return markdown.Target{Broken: true}
		case name == "restricted.md":
			return markdown.Target{Restricted: true}
		case strings.HasSuffix(name, ".md"):
			dest := "../" + strings.TrimSuffix(path.Base(name), ".md") + "/index.html"
			if frag != "" {
				dest += "#" + markdown.Slug(frag)
			}
			return markdown.Target{Dest: dest, Label: "Label"}
		}
		return markdown.Target{}
	}
	compared := 0
	for _, body := range bodies {
		if rawTag.MatchString(body) {
			continue // raw HTML: text when off, markup when on
		}
		want, got := escaped.Render([]byte(body), "", resolve), raw.Render([]byte(body), "", resolve)
		assert.Equal(t, xsstest.Tree(t, want.HTML), xsstest.Tree(t, got.HTML), body)
		assert.Equal(t, xsstest.Tree(t, want.TitleHTML), xsstest.Tree(t, got.TitleHTML), body)
		assert.Equal(t, want.Headings, got.Headings)
		compared++
	}
	assert.Greater(t, compared, 50, "bodies compared")
}

// rawTag finds raw HTML in a body: a tag, a comment or an autolink.
var rawTag = regexp.MustCompile(`<[A-Za-z/!?]`)
