package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Raw HTML that a site lets through is made safe in steps. While goldmark
// writes the body, the tags of elements that run code or load other pages
// (refusedElement) are written as text, so that an author sees them. Then
// the whole rendered body goes through bluemonday with the policy of
// newPolicy, which keeps only the elements and attributes a handbook uses and
// govdoc writes itself. The body is sanitized whole, once: raw HTML that
// Markdown splits into several nodes, or that opens in one node and closes in
// another, cannot be made safe piece by piece. Last, the sanitized body is
// parsed as a browser parses it and written again, so that an element it
// leaves open, such as a <table> or <a>, ends with it and does not take in
// the page around it.

// Dangerous reports whether a URL would run code when followed: the
// javascript:, vbscript: and data: (but images) schemes, however written.
func Dangerous(url string) bool {
	u := strings.Map(func(r rune) rune {
		if r <= ' ' || r == '\u007f' {
			return -1 // browsers ignore control characters and spaces here
		}
		return r
	}, html.UnescapeString(url))
	u = strings.ToLower(u)
	switch {
	case strings.HasPrefix(u, "javascript:"), strings.HasPrefix(u, "vbscript:"):
		return true
	case strings.HasPrefix(u, "data:"):
		return !strings.HasPrefix(u, "data:image/") || strings.HasPrefix(u, "data:image/svg")
	}
	return false
}

// The values some attributes may take. A value that does not match drops
// the attribute.
var (
	// linkURL is a link's href: relative, a fragment, or http, https,
	// mailto or tel. bluemonday checks the scheme again once the URL is
	// parsed; this pattern keeps data: URLs, allowed for images, off links.
	linkURL = regexp.MustCompile(`^(?s)(?:[^:/?#]*(?:[/?#].*)?|(?i:https?|mailto|tel):.*)$`)
	// imageURL is an image's src: relative, http or https, or a base64
	// data:image/ URL (bluemonday checks its type and encoding).
	imageURL = regexp.MustCompile(`^(?s)(?:[^:/?#]*(?:[/?#].*)?|(?i:https?|data):.*)$`)
	// classNames are class words of letters, digits and _-+#.: only, as
	// govdoc writes them (callout callout-note, language-go...).
	classNames = regexp.MustCompile(`^[A-Za-z0-9_+#.:-]+(?: +[A-Za-z0-9_+#.:-]+)*$`)
	// anyID is any ID without a space: heading IDs are GitHub's slugs or
	// set with {#id}, footnotes' are fn:1 and fnref:1.
	anyID      = regexp.MustCompile(`^\S+$`)
	number     = regexp.MustCompile(`^[0-9]{1,6}$`)
	language   = regexp.MustCompile(`^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$`)
	direction  = regexp.MustCompile(`^(?i:ltr|rtl|auto)$`)
	alignment  = regexp.MustCompile(`^(?i:left|center|right|justify)$`)
	cellScope  = regexp.MustCompile(`^(?i:row|col|rowgroup|colgroup)$`)
	listStart  = regexp.MustCompile(`^-?[0-9]{1,9}$`)
	listType   = regexp.MustCompile(`^[1aAiI]$`)
	checkbox   = regexp.MustCompile(`^(?i:checkbox)$`)
	govdocRole = regexp.MustCompile(`^(?:note|doc-noteref|doc-endnotes|doc-backlink)$`)
)

// newPolicy returns the policy raw HTML goes through: headings, paragraphs,
// lists, tables, images, links, details, figures and inline text markup;
// IDs, classes, titles, languages and directions. No script, style, form,
// frame, object, SVG or MathML, no event handler and no style attribute; URLs
// are http, https, mailto, tel, relative or fragments, and data: for images.
// It keeps everything govdoc itself writes in a body: heading IDs, callouts,
// footnotes, task list boxes and table alignments and scopes.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "div", "span", "br", "hr", "blockquote", "pre", "code",
		"h1", "h2", "h3", "h4", "h5", "h6",
		"em", "strong", "b", "i", "u", "s", "del", "ins", "small", "sup", "sub", "mark",
		"abbr", "kbd", "samp", "var", "cite", "dfn", "q", "time", "wbr", "bdi",
		"ul", "ol", "li", "dl", "dt", "dd",
		"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
		"details", "summary", "figure", "figcaption")
	p.AllowAttrs("id").Matching(anyID).Globally()
	p.AllowAttrs("class").Matching(classNames).Globally()
	p.AllowAttrs("title").Globally()
	p.AllowAttrs("lang").Matching(language).Globally()
	p.AllowAttrs("dir").Matching(direction).Globally()
	p.AllowAttrs("role").Matching(govdocRole).Globally()

	p.AllowURLSchemes("http", "https", "mailto", "tel")
	p.AllowRelativeURLs(true)
	p.AllowDataURIImages() // also requires URLs that parse
	p.AllowAttrs("href").Matching(linkURL).OnElements("a")
	p.AllowAttrs("src").Matching(imageURL).OnElements("img")
	p.AllowAttrs("alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(number).OnElements("img")

	p.AllowAttrs("colspan", "rowspan").Matching(number).OnElements("th", "td")
	p.AllowAttrs("align").Matching(alignment).OnElements("th", "td")
	p.AllowAttrs("scope").Matching(cellScope).OnElements("th")
	p.AllowAttrs("span").Matching(number).OnElements("col", "colgroup")
	p.AllowAttrs("start").Matching(listStart).OnElements("ol")
	p.AllowAttrs("type").Matching(listType).OnElements("ol")
	p.AllowAttrs("value").Matching(listStart).OnElements("li")
	p.AllowAttrs("open").OnElements("details")
	p.AllowAttrs("datetime").OnElements("time")
	// A task list item's box, which govdoc writes disabled.
	p.AllowAttrs("type").Matching(checkbox).OnElements("input")
	p.AllowAttrs("checked", "disabled").OnElements("input")
	return p
}

// sanitize is the last step of rendering a body when raw HTML is let
// through: the whole HTML, as goldmark wrote it, goes through the policy,
// then balance.
func (r *Renderer) sanitize(body []byte) []byte {
	if r.policy == nil {
		return body
	}
	return balance(r.policy.SanitizeBytes(body))
}

// balance parses a body as a browser parses it inside a <div> and writes
// what it built: every element closed inside the body, stray end tags gone.
// The body holds only what the policy allows, no element whose content a
// browser reads as text or as SVG or MathML, so the browser builds the same
// again from what balance writes.
func balance(body []byte) []byte {
	ctx := &nethtml.Node{Type: nethtml.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := nethtml.ParseFragment(bytes.NewReader(body), ctx)
	var out bytes.Buffer
	out.Grow(len(body) + len(body)/8)
	for _, n := range nodes {
		if err == nil {
			err = nethtml.Render(&out, n)
		}
	}
	if err != nil {
		// Neither fails on HTML in memory; should one, the body shows as text.
		return []byte(html.EscapeString(string(body)))
	}
	return out.Bytes()
}

// refusedElement are elements that run code or load other pages; their tags,
// and a script's text, show as text.
var refusedElement = map[string]bool{"script": true, "iframe": true, "object": true, "embed": true, "frame": true, "frameset": true, "base": true, "meta": true}

// showRefused writes raw HTML with the tags of refused elements, and what a
// script holds, escaped to show as text, and without <input> tags: the policy
// keeps the task list boxes govdoc writes, but a document's own form fields
// go. A tag cut off by the end of the raw HTML shows as text too, so that it
// takes in none of the markup after it. It does not make the HTML safe: the
// sanitizer does that.
func showRefused(raw []byte) []byte {
	if !bytes.Contains(raw, []byte("<")) {
		return raw
	}
	var out bytes.Buffer
	out.Grow(len(raw))
	z := nethtml.NewTokenizer(bytes.NewReader(raw))
	done := 0 // bytes of raw written
	inRefused := false
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		tok := z.Raw()
		done += len(tok)
		switch tt {
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken, nethtml.EndTagToken:
			name, _ := z.TagName()
			if string(name) == "input" {
				continue
			}
			if refusedElement[string(name)] {
				inRefused = tt == nethtml.StartTagToken
				out.WriteString(html.EscapeString(string(tok)))
				continue
			}
			inRefused = false
		case nethtml.TextToken:
			if inRefused {
				out.WriteString(html.EscapeString(string(tok)))
				continue
			}
		}
		out.Write(tok)
	}
	out.WriteString(html.EscapeString(string(raw[min(done, len(raw)):])))
	return out.Bytes()
}

// rawHTML writes raw HTML through showRefused; the sanitizer takes the rest
// out of the whole body.
type rawHTML struct{}

func (rawHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b := n.(*ast.HTMLBlock)
		var raw bytes.Buffer
		for i := 0; i < b.Lines().Len(); i++ {
			seg := b.Lines().At(i)
			raw.Write(seg.Value(src))
		}
		if b.HasClosure() {
			raw.Write(b.ClosureLine.Value(src))
		}
		_, _ = w.Write(showRefused(raw.Bytes()))
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		segs := n.(*ast.RawHTML).Segments
		var raw bytes.Buffer
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			raw.Write(seg.Value(src))
		}
		_, _ = w.Write(showRefused(raw.Bytes()))
		return ast.WalkSkipChildren, nil
	})
}
