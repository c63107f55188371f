package markdown

import (
	"bytes"
	"html"
	"strings"

	nethtml "golang.org/x/net/html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Raw HTML that a site lets through links as Markdown does: the href of each
// <a> and the src of each <img> go to the resolver like a Markdown link's and
// image's destination, and what it returns is written in their place. This
// step only finds and rewrites those two attributes; making the HTML safe is
// the sanitizer's work, which the rewritten HTML goes through as any other.

// rawEdit is a raw HTML node whose links the resolver rewrote.
type rawEdit struct {
	node ast.Node
	html []byte // the node's HTML with its links rewritten
	// restricted is set for an inline <a> whose target is left out of the
	// build: it and what it holds, up to its </a>, become "restricted
	// document".
	restricted bool
}

// rawLinks resolves the links of a raw HTML node (an *ast.HTMLBlock or an
// *ast.RawHTML). ok is false when it has none that changed.
func rawLinks(n ast.Node, src []byte, resolve Resolver) (edit rawEdit, ok bool) {
	raw, at := rawSource(n, src)
	if !bytes.Contains(raw, []byte("<")) {
		return rawEdit{}, false
	}
	_, inline := n.(*ast.RawHTML)
	var out bytes.Buffer
	changed := false
	z := nethtml.NewTokenizer(bytes.NewReader(raw))
	off := 0     // where the current token starts in raw
	skipTo := -1 // a restricted <a> being left out, with what it holds
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		tok := z.Raw()
		start := off
		off += len(tok)
		if skipTo >= 0 {
			if tt == nethtml.EndTagToken && tagName(tok) == "a" {
				skipTo = -1
			}
			continue
		}
		if tt != nethtml.StartTagToken && tt != nethtml.SelfClosingTagToken {
			out.Write(tok)
			continue
		}
		name := tagName(tok)
		attr, kind := "href", KindLink
		switch name {
		case "a":
		case "img":
			attr, kind = "src", KindImage
		default:
			out.Write(tok)
			continue
		}
		a, found := findAttr(tok, attr)
		if !found {
			out.Write(tok)
			continue
		}
		dest := html.UnescapeString(string(tok[a.valStart:a.valEnd]))
		if Dangerous(dest) {
			out.Write(tok) // the sanitizer takes it out
			continue
		}
		t := resolve(Ref{Kind: kind, Dest: dest, Offset: at(start + a.nameStart)})
		switch {
		case t.Restricted && inline:
			return rawEdit{node: n, restricted: true}, true
		case t.Restricted:
			out.WriteString(`<span class="restricted-link">restricted document</span>`)
			if tt == nethtml.StartTagToken {
				skipTo = start
			}
			changed = true
		case t.Dest != "":
			out.Write(tok[:a.nameStart])
			out.WriteString(attr + `="`)
			out.Write(util.EscapeHTML(util.URLEscape([]byte(t.Dest), true)))
			out.WriteString(`"`)
			out.Write(tok[a.end:])
			changed = true
		default:
			out.Write(tok)
		}
	}
	if !changed {
		return rawEdit{}, false
	}
	return rawEdit{node: n, html: out.Bytes()}, true
}

// rawSource returns the HTML of a raw HTML node as it is rendered, and a
// function that turns an offset in it into an offset of the body.
func rawSource(n ast.Node, src []byte) ([]byte, func(int) int) {
	var segs []text.Segment
	switch n := n.(type) {
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			segs = append(segs, n.Lines().At(i))
		}
		if n.HasClosure() {
			segs = append(segs, n.ClosureLine)
		}
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			segs = append(segs, n.Segments.At(i))
		}
	}
	var raw []byte
	starts := make([]int, len(segs))
	for i, s := range segs {
		starts[i] = len(raw)
		raw = append(raw, s.Value(src)...)
	}
	return raw, func(off int) int {
		for i := len(segs) - 1; i >= 0; i-- {
			if off >= starts[i] {
				return min(segs[i].Start+max(0, off-starts[i]-segs[i].Padding), segs[i].Stop)
			}
		}
		return 0
	}
}

// tagName is the lower-case name of the tag a start or end tag token names.
func tagName(tok []byte) string {
	i := 1
	if i < len(tok) && tok[i] == '/' {
		i++
	}
	j := i
	for j < len(tok) && !isHTMLSpace(tok[j]) && tok[j] != '/' && tok[j] != '>' {
		j++
	}
	return strings.ToLower(string(tok[i:j]))
}

// rawAttr is where one attribute stands in a tag as written.
type rawAttr struct {
	nameStart        int // its name
	valStart, valEnd int // its value, without quotes
	end              int // after its value and closing quote
}

// findAttr finds the first attribute named name (as HTML reads a tag: names
// without case, values quoted or not) in a start tag as written.
func findAttr(tok []byte, name string) (rawAttr, bool) {
	i := 1
	for i < len(tok) && !isHTMLSpace(tok[i]) && tok[i] != '/' && tok[i] != '>' {
		i++ // the tag's name
	}
	for i < len(tok) {
		for i < len(tok) && (isHTMLSpace(tok[i]) || tok[i] == '/') {
			i++
		}
		if i >= len(tok) || tok[i] == '>' {
			break
		}
		a := rawAttr{nameStart: i}
		for i < len(tok) && !isHTMLSpace(tok[i]) && tok[i] != '/' && tok[i] != '>' && (tok[i] != '=' || i == a.nameStart) {
			i++
		}
		key := strings.ToLower(string(tok[a.nameStart:i]))
		for i < len(tok) && isHTMLSpace(tok[i]) {
			i++
		}
		a.valStart, a.valEnd, a.end = i, i, i
		if i < len(tok) && tok[i] == '=' {
			i++
			for i < len(tok) && isHTMLSpace(tok[i]) {
				i++
			}
			if i < len(tok) && (tok[i] == '"' || tok[i] == '\'') {
				q := tok[i]
				a.valStart = i + 1
				end := bytes.IndexByte(tok[a.valStart:], q)
				if end < 0 {
					end = len(tok) - a.valStart
				}
				a.valEnd = a.valStart + end
				i = min(a.valEnd+1, len(tok))
			} else {
				a.valStart = i
				for i < len(tok) && !isHTMLSpace(tok[i]) && tok[i] != '>' {
					i++
				}
				a.valEnd = i
			}
			a.end = i
		} else {
			a.end = a.nameStart + len(key)
		}
		if key == name {
			return a, true
		}
	}
	return rawAttr{}, false
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// apply puts the rewritten HTML in the place of the raw HTML node.
func (e rawEdit) apply(src []byte) {
	parent := e.node.Parent()
	if parent == nil {
		return
	}
	if e.restricted {
		// What the link holds goes with it: up to its </a>, or to the end
		// of its paragraph when it has none.
		for c := e.node.NextSibling(); c != nil; {
			next := c.NextSibling()
			parent.RemoveChild(parent, c)
			if r, ok := c.(*ast.RawHTML); ok && tagName(rawText(r, src)) == "a" && bytes.HasPrefix(rawText(r, src), []byte("</")) {
				break
			}
			c = next
		}
		parent.ReplaceChild(parent, e.node, &restrictedNode{})
		return
	}
	var with ast.Node = &rewrittenInline{html: e.html}
	if _, block := e.node.(*ast.HTMLBlock); block {
		with = &rewrittenBlock{html: e.html}
	}
	parent.ReplaceChild(parent, e.node, with)
}

// rawText is the text of an inline raw HTML node.
func rawText(r *ast.RawHTML, src []byte) []byte {
	var b []byte
	for i := 0; i < r.Segments.Len(); i++ {
		seg := r.Segments.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// rewrittenBlock and rewrittenInline stand for raw HTML, a block and an
// inline tag, whose links were rewritten.
type rewrittenBlock struct {
	ast.BaseBlock
	html []byte
}

type rewrittenInline struct {
	ast.BaseInline
	html []byte
}

var (
	kindRewrittenBlock  = ast.NewNodeKind("GovdocRawHTMLBlock")
	kindRewrittenInline = ast.NewNodeKind("GovdocRawHTML")
)

func (n *rewrittenBlock) Kind() ast.NodeKind          { return kindRewrittenBlock }
func (n *rewrittenInline) Kind() ast.NodeKind         { return kindRewrittenInline }
func (n *rewrittenBlock) Dump(src []byte, level int)  { ast.DumpHelper(n, src, level, nil, nil) }
func (n *rewrittenInline) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// rawLinkRenderers writes rewritten raw HTML as other raw HTML a site lets
// through is written: with the elements govdoc refuses shown as text. The
// whole body is sanitized after rendering.
type rawLinkRenderers struct{}

func (rawLinkRenderers) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	write := func(w util.BufWriter, raw []byte) {
		_, _ = w.Write(showRefused(raw))
	}
	reg.Register(kindRewrittenBlock, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			write(w, n.(*rewrittenBlock).html)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(kindRewrittenInline, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			write(w, n.(*rewrittenInline).html)
		}
		return ast.WalkSkipChildren, nil
	})
}
