package markdown

import (
	"bytes"
	"html"
	"strings"

	nethtml "golang.org/x/net/html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

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

// urlAttrs are the attributes whose values browsers follow as URLs.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true,
	"data": true, "poster": true, "background": true, "srcset": true, "cite": true, "longdesc": true, "ping": true}

// sanitize rewrites raw HTML that a site let through: no script or
// iframe-like element, no event handler attribute, no URL that runs code.
// Everything else stays as written.
func sanitize(raw []byte) []byte {
	var out bytes.Buffer
	z := nethtml.NewTokenizer(bytes.NewReader(raw))
	skip := 0 // inside a refused element
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			return out.Bytes()
		}
		tok := z.Token()
		switch tt {
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			if refusedElement[tok.Data] {
				if tt == nethtml.StartTagToken {
					skip++
				}
				out.WriteString(html.EscapeString(string(z.Raw())))
				continue
			}
			attrs := tok.Attr[:0]
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") || urlAttrs[key] && Dangerous(a.Val) || key == "style" && strings.Contains(strings.ToLower(a.Val), "expression(") {
					continue
				}
				attrs = append(attrs, a)
			}
			tok.Attr = attrs
			out.WriteString(tok.String())
		case nethtml.EndTagToken:
			if refusedElement[tok.Data] {
				skip = max(0, skip-1)
				out.WriteString(html.EscapeString(string(z.Raw())))
				continue
			}
			out.Write(z.Raw())
		default:
			if skip > 0 {
				out.WriteString(html.EscapeString(string(z.Raw())))
				continue
			}
			out.Write(z.Raw())
		}
	}
}

// refusedElement are elements that run code or load other pages; they
// show as text.
var refusedElement = map[string]bool{"script": true, "iframe": true, "object": true, "embed": true, "frame": true, "frameset": true, "base": true, "meta": true}

// sanitizedHTML renders raw HTML through sanitize.
type sanitizedHTML struct{}

func (sanitizedHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
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
		_, _ = w.Write(sanitize(raw.Bytes()))
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
		_, _ = w.Write(sanitize(raw.Bytes()))
		return ast.WalkSkipChildren, nil
	})
}
