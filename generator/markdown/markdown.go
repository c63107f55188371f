// Package markdown converts a document body to HTML with goldmark: CommonMark
// with GFM tables, task lists, strikethrough, autolinks and footnotes,
// definition lists, GitHub alerts and MkDocs admonitions as callouts, and
// heading IDs spelled as GitHub spells them ({#id} sets one). Raw HTML is
// shown as text unless a site opts in, and then sanitized. It collects the
// headings for a table of contents and lets the caller rewrite link
// destinations; it does not know what a link points to.
package markdown

import (
	"bytes"
	"html"
	"slices"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure a Renderer.
type Options struct {
	// RawHTML lets raw HTML in documents through as HTML, sanitized: the
	// whole rendered body keeps only what newPolicy allows. Off, raw HTML is
	// escaped and shows as text.
	RawHTML bool
	// HistoryMarker, if set, replaces the body's Document History table
	// (the first table with Version and Date columns) and its label
	// paragraph, so that the page can show the history its own way.
	HistoryMarker string
	// Blocks are the markers that stand, in a body's text, for blocks the
	// page places there itself (HistoryMarker among them, if it is one).
	// Render takes them out of the HTML and says where each stood
	// (Result.Blocks); a marker alone in its paragraph takes the
	// paragraph with it.
	Blocks []string
	// TextLimit, if not 0, has Render give the body's plain text for the
	// search index (Result.Text), cut at a word near TextLimit bytes.
	TextLimit int
}

// Heading is one heading of a document.
type Heading struct {
	Level int
	Text  string
	ID    string
}

// Result is a rendered body.
type Result struct {
	HTML     []byte
	Headings []Heading // every heading, the title heading included, in order
	// Title and TitleID are the text and ID of the H1 that opens the body, if
	// any; that heading is not part of HTML.
	Title, TitleID string
	// TitleHTML is that heading's content as HTML, its emphasis, code and
	// links kept; Render sets it, Scan does not.
	TitleHTML []byte
	// Blocks lists where the markers of Options.Blocks stood in HTML, in
	// order; Render sets it.
	Blocks []Block
	// Text is the plain text of HTML, white space collapsed and the title
	// heading left out, as HTMLText makes it, when Options.TextLimit is
	// set; Render sets it.
	Text string
}

// Renderer converts Markdown to HTML. It is safe for concurrent use.
type Renderer struct {
	md   goldmark.Markdown
	opts Options
	// policy sanitizes rendered bodies when raw HTML is let through; nil
	// otherwise. A bluemonday policy is safe for concurrent use.
	policy *bluemonday.Policy
}

// New returns a Renderer.
func New(opts Options) *Renderer {
	rendererOpts := []renderer.Option{gmhtml.WithXHTML()}
	var policy *bluemonday.Policy
	if opts.RawHTML {
		policy = newPolicy()
		rendererOpts = append(rendererOpts, gmhtml.WithUnsafe(), renderer.WithNodeRenderers(util.Prioritized(rawHTML{}, 100), util.Prioritized(rawLinkRenderers{}, 100)))
	} else {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100)))
	}
	rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(refRenderers{}, 100),
		util.Prioritized(markerRenderer{asText: policy != nil}, 100)))
	rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500)))
	md := goldmark.New(
		goldmark.WithParser(newParser(util.Prioritized(wikiParser{}, 199))),
		goldmark.WithExtensions(extension.Linkify, extension.Table, taskList{},
			extension.DefinitionList, extension.Footnote, callouts{}),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Renderer{md: md, opts: opts, policy: policy}
}

// newParser is goldmark's parser with govdoc's parsers of code spans, links,
// link reference definitions, emphasis and strikethrough in place of goldmark's (see there why), and the inline
// parsers given.
func newParser(more ...util.PrioritizedValue) parser.Parser {
	var inline []util.PrioritizedValue
	for _, p := range parser.DefaultInlineParsers() {
		if p.Value != parser.NewEmphasisParser() && p.Value != parser.NewLinkParser() && p.Value != parser.NewCodeSpanParser() {
			inline = append(inline, p)
		}
	}
	inline = append(inline, util.Prioritized(&codeSpanParser{}, 100), util.Prioritized(&linkParser{}, 200), util.Prioritized(emphasisParser{}, 150))
	var paragraph []util.PrioritizedValue
	for _, p := range parser.DefaultParagraphTransformers() {
		if p.Value == parser.LinkReferenceParagraphTransformer {
			p.Value = linkReferenceParagraphTransformer{}
		}
		paragraph = append(paragraph, p)
	}
	return parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(append(inline, more...)...),
		parser.WithParagraphTransformers(paragraph...))
}

// Render converts body. title is the document's title from its front matter,
// or ""; an H1 that opens the body is taken out of it when there is no such
// title or when it says the same, since the page shows the title itself.
// resolve, if not nil, is called for every link, image, wiki link and bare
// document name, in order, and decides what each becomes.
func (r *Renderer) Render(body []byte, title string, resolve Resolver) Result {
	doc, heading, res := r.parse(body, title, resolve)
	// One walk of the AST takes the block markers out of the text and
	// reads the text for the search index, unless the sanitizer is to
	// write the HTML again: the text and the markers are then read from
	// what it writes.
	walk := bodyText{textBuilder: textBuilder{limit: r.opts.TextLimit}, src: body, titleID: res.TitleID,
		collect: r.opts.TextLimit > 0 && r.policy == nil}
	if walk.collect {
		// The text is about as long as the Markdown, less its markup.
		walk.b = make([]byte, 0, min(len(body), r.opts.TextLimit)+64)
	}
	for _, m := range r.opts.Blocks {
		if r.policy == nil && m != "" && bytes.Contains(body, []byte(m)) {
			walk.markers = append(walk.markers, []byte(m))
		}
	}
	if walk.collect || walk.markers != nil {
		walk.walk(doc)
	}
	var buf htmlBuffer
	buf.Grow(len(body) + len(body)/4)
	if err := r.md.Renderer().Render(&buf, body, doc); err != nil {
		// goldmark's HTML renderer fails only when its writer does; a
		// bytes.Buffer does not.
		panic(err)
	}
	html, marks := buf.Bytes(), buf.marks
	if r.policy != nil {
		html = r.sanitize(html)
		marks = nil
		if len(r.opts.Blocks) > 0 {
			marks = findMarks(html, r.opts.Blocks)
		}
	}
	res.HTML, res.Blocks = cutBlocks(html, marks)
	switch {
	case r.opts.TextLimit == 0:
	case walk.collect:
		res.Text = walk.text()
	default:
		res.Text = HTMLText(string(res.HTML), res.TitleID, r.opts.TextLimit)
	}
	if heading != nil {
		var b bytes.Buffer
		for c := heading.FirstChild(); c != nil; c = c.NextSibling() {
			if err := r.md.Renderer().Render(&b, body, c); err != nil {
				panic(err)
			}
		}
		res.TitleHTML = escapeBraces(r.sanitize(b.Bytes()))
	}
	return res
}

// escapeBraces writes "{{" as character references: placeholders shown as
// written (in code) read the same to a reader, but no unfilled placeholder
// text is left in the output.
func escapeBraces(html []byte) []byte {
	if bytes.Contains(html, braces) {
		return bytes.ReplaceAll(html, braces, []byte("&#123;&#123;"))
	}
	return html
}

// Scan is Render without the HTML: the headings, and every reference passed
// to resolve. Checks use it.
func (r *Renderer) Scan(body []byte, title string, resolve Resolver) Result {
	_, _, res := r.parse(body, title, resolve)
	return res
}

var scopeCol = []byte("col")

// parse parses body, gives its headings their IDs, resolves its references
// and takes out the H1 that is its title, returned apart, if any.
func (r *Renderer) parse(body []byte, title string, resolve Resolver) (ast.Node, *ast.Heading, Result) {
	doc := r.md.Parser().Parse(text.NewReader(body))
	assignIDs(doc, body)
	var res Result
	var titleHeading *ast.Heading
	if h, ok := doc.FirstChild().(*ast.Heading); ok && h.Level == 1 {
		t := plainText(h, body)
		if title == "" || strings.EqualFold(strings.TrimSpace(title), t) {
			titleHeading = h
			res.Title, res.TitleID = t, attr(h, "id")
		}
	}
	var restricted, dangerous []ast.Node
	var rawEdits []rawEdit
	if r.opts.HistoryMarker != "" {
		replaceHistory(doc, body, r.opts.HistoryMarker, slices.Contains(r.opts.Blocks, r.opts.HistoryMarker))
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			res.Headings = append(res.Headings, Heading{Level: n.Level, Text: plainText(n, body), ID: attr(n, "id")})
			keepHeadingAttributes(n)
		case *extast.TableHeader:
			// Screen readers then read each cell with its column's name.
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				c.SetAttributeString("scope", scopeCol)
			}
		case *ast.ListItem:
			if block := n.FirstChild(); block != nil && block == n.LastChild() {
				if ref := bareRef(block, body); ref != nil {
					block.RemoveChildren(block)
					block.AppendChild(block, ref)
				}
			}
		case *RefNode:
			if resolve != nil {
				n.Target = resolve(n.Ref)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if Dangerous(string(n.Destination)) {
				dangerous = append(dangerous, n)
				return ast.WalkSkipChildren, nil
			}
			if resolve != nil {
				t := resolve(Ref{Kind: KindLink, Dest: string(n.Destination), Offset: offset(n, body)})
				if t.Dest != "" {
					n.Destination = []byte(t.Dest)
				}
				if t.Restricted {
					restricted = append(restricted, n)
					return ast.WalkSkipChildren, nil
				}
			}
		case *ast.HTMLBlock, *ast.RawHTML:
			if r.opts.RawHTML && resolve != nil {
				if e, ok := rawLinks(n, body, resolve); ok {
					rawEdits = append(rawEdits, e)
				}
			}
		case *ast.AutoLink:
			if Dangerous(string(n.URL(body))) {
				dangerous = append(dangerous, n)
				return ast.WalkSkipChildren, nil
			}
			if resolve != nil && n.AutoLinkType == ast.AutoLinkURL {
				resolve(Ref{Kind: KindLink, Dest: string(n.URL(body)), Offset: autoLinkOffset(n, body)})
			}
		case *ast.Image:
			if Dangerous(string(n.Destination)) {
				dangerous = append(dangerous, n)
				return ast.WalkSkipChildren, nil
			}
			if resolve != nil {
				t := resolve(Ref{Kind: KindImage, Dest: string(n.Destination), Offset: offset(n, body)})
				if t.Dest != "" {
					n.Destination = []byte(t.Dest)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range restricted {
		n.Parent().ReplaceChild(n.Parent(), n, &restrictedNode{})
	}
	for _, n := range dangerous {
		// A link that would run code keeps its text and loses its target.
		parent := n.Parent()
		if a, ok := n.(*ast.AutoLink); ok {
			label := ast.NewString(a.Label(body))
			label.SetRaw(true)
			parent.ReplaceChild(parent, n, label)
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	for _, e := range rawEdits {
		e.apply(body)
	}
	if titleHeading != nil {
		doc.RemoveChild(doc, titleHeading)
	}
	return doc, titleHeading, res
}

// keepHeadingAttributes drops the attributes a heading's {...} sets but its
// id and classes: no event handler or style comes in that way.
func keepHeadingAttributes(h *ast.Heading) {
	id, _ := h.AttributeString("id")
	class, _ := h.AttributeString("class")
	h.RemoveAttributes()
	if v, ok := id.([]byte); ok {
		h.SetAttributeString("id", v)
	}
	if v, ok := class.([]byte); ok {
		h.SetAttributeString("class", v)
	}
}

var braces = []byte("{{")

// offset returns the body offset where a link or image starts: its "[" (or
// the "!" before it), found back from its first text; or its block's start.
func offset(n ast.Node, src []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			i := t.Segment.Start - 1
			for i > 0 && src[i] != '[' && t.Segment.Start-i < 16 {
				i--
			}
			if _, img := n.(*ast.Image); img && i > 0 && src[i-1] == '!' {
				i--
			}
			return max(i, 0)
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// autoLinkOffset finds an autolink's text in its block: goldmark keeps no
// position for it.
func autoLinkOffset(n *ast.AutoLink, src []byte) int {
	start := offset(n, src)
	if i := bytes.Index(src[start:], n.Label(src)); i >= 0 {
		return start + i
	}
	return start
}

func attr(n ast.Node, name string) string {
	v, ok := n.AttributeString(name)
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return ""
}

// plainText is the text of an inline container as a reader sees it,
// without markup.
func plainText(n ast.Node, src []byte) string {
	return strings.TrimSpace(headingText(n, src, textShown))
}

// escapedHTML renders raw HTML as text, so that a document's <script> shows
// as written instead of running. HTML comments are authors' notes and are
// left out.
type escapedHTML struct{}

func (escapedHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
	reg.Register(ast.KindRawHTML, renderRawHTML)
}

func renderHTMLBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	if b.HTMLBlockType == ast.HTMLBlockType2 {
		return ast.WalkSkipChildren, nil // an HTML comment: an author's note, not for readers
	}
	_, _ = w.WriteString("<p class=\"raw-html\">")
	lines := b.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
	}
	if b.HasClosure() {
		_, _ = w.WriteString(html.EscapeString(string(b.ClosureLine.Value(src))))
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

func renderRawHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	segs := n.(*ast.RawHTML).Segments
	if segs.Len() > 0 {
		if first := segs.At(0); bytes.HasPrefix(first.Value(src), []byte("<!--")) {
			return ast.WalkSkipChildren, nil // an inline HTML comment
		}
	}
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
	}
	return ast.WalkSkipChildren, nil
}

// replaceHistory puts a paragraph holding marker where the first table with
// Version and Date columns stands, taking the table's label paragraph
// ("**Document History:**") with it; or, for a block marker, the marker
// alone.
func replaceHistory(doc ast.Node, src []byte, marker string, block bool) {
	var table ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || table != nil {
			return ast.WalkSkipChildren, nil
		}
		if t, ok := n.(*extast.Table); ok && isHistoryTable(t, src) {
			table = t
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if table == nil {
		return
	}
	parent := table.Parent()
	if prev, ok := table.PreviousSibling().(*ast.Paragraph); ok {
		label := strings.ToLower(strings.Trim(plainText(prev, src), " :*_"))
		if label == "document history" || label == "history" || label == "revision history" || label == "change history" {
			parent.RemoveChild(parent, prev)
		}
	}
	if block {
		parent.ReplaceChild(parent, table, &markerNode{Marker: marker})
		return
	}
	p := ast.NewParagraph()
	p.AppendChild(p, ast.NewString([]byte(marker)))
	parent.ReplaceChild(parent, table, p)
}

func isHistoryTable(t *extast.Table, src []byte) bool {
	head, ok := t.FirstChild().(*extast.TableHeader)
	if !ok {
		return false
	}
	var version, date bool
	for c := head.FirstChild(); c != nil; c = c.NextSibling() {
		switch strings.ToLower(strings.Trim(plainText(c, src), " *_")) {
		case "version":
			version = true
		case "date":
			date = true
		}
	}
	return version && date
}
