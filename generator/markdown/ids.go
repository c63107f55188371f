package markdown

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// headingIDs gives headings their IDs as GitHub does: the slug of the
// heading's text, and for a slug already taken the first of slug-1,
// slug-2... that is free. IDs set with {#id} are taken first, so that a
// heading without one never takes it.
type headingIDs struct {
	// taken maps each ID given so far to the last suffix tried for it as
	// a base.
	taken map[string]int
}

func newHeadingIDs() *headingIDs { return &headingIDs{taken: map[string]int{}} }

// reserve takes an ID set explicitly.
func (s *headingIDs) reserve(id string) {
	if _, ok := s.taken[id]; !ok {
		s.taken[id] = 0
	}
}

// next returns the ID of a heading whose slug is base.
func (s *headingIDs) next(base string) string {
	id := base
	for {
		if _, ok := s.taken[id]; !ok {
			break
		}
		s.taken[base]++
		id = base + "-" + strconv.Itoa(s.taken[base])
	}
	s.taken[id] = 0
	return id
}

// assignIDs sets the id attribute of every heading of doc, in document
// order: an explicit {#id} stays, the others get GitHub's IDs.
func assignIDs(doc ast.Node, src []byte) {
	ids := newHeadingIDs()
	var auto []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if id := attr(h, "id"); id != "" && !strings.ContainsFunc(id, unicode.IsSpace) {
			ids.reserve(id)
		} else {
			auto = append(auto, h) // an ID with a space in it is none
		}
		return ast.WalkSkipChildren, nil
	})
	for _, h := range auto {
		base := Slug(headingText(h, src, textForID))
		if base == "" {
			// GitHub gives such a heading (an image, emoji) an empty ID,
			// which nothing can link to; its image's alt text names it.
			base = Slug(headingText(h, src, textShown))
		}
		if base == "" {
			base = "heading"
		}
		h.SetAttributeString("id", []byte(ids.next(base)))
	}
}

// Slug is the ID of a heading that says text, as the first heading with
// that text on a page gets it on GitHub: lower-cased, letters of any
// script, marks, digits, "-" and "_" kept, each space a "-", every other
// character dropped. It is "" for a text with none of these. An ID is its
// own slug.
func Slug(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case r == ' ', r == '-':
			b.WriteByte('-')
		case r < utf8.RuneSelf:
			switch {
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '_':
				b.WriteRune(r)
			case 'A' <= r && r <= 'Z':
				b.WriteRune(r + 'a' - 'A')
			}
		case r == 'İ':
			b.WriteString("i\u0307") // its full lower case, as GitHub writes it
		case r != utf8.RuneError && (unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Nl, unicode.Pc) || unicode.Is(unicode.Other_Alphabetic, r)):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// textUse says what a heading's text is for.
type textUse int

const (
	// textShown is the text a reader sees: images by their alt text, line
	// breaks as spaces.
	textShown textUse = iota
	// textForID is the text GitHub makes the ID of: images left out, line
	// breaks kept (and so dropped from the ID).
	textForID
)

// headingText is the text of a heading or other inline container as it is
// rendered: a link's text without its URL, emphasis and code without their
// markers, escapes and entities resolved, raw HTML left out.
func headingText(n ast.Node, src []byte, use textUse) string {
	w := &textWriter{}
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				if c.IsRaw() {
					gmhtml.DefaultWriter.RawWrite(w, c.Segment.Value(src))
				} else {
					gmhtml.DefaultWriter.Write(w, c.Segment.Value(src))
				}
				switch {
				case c.HardLineBreak() || c.SoftLineBreak() && use == textShown:
					_ = w.WriteByte(' ')
				case c.SoftLineBreak():
					_ = w.WriteByte('\n')
				}
			case *ast.String:
				if c.IsCode() || c.IsRaw() {
					gmhtml.DefaultWriter.RawWrite(w, c.Value)
				} else {
					gmhtml.DefaultWriter.Write(w, c.Value)
				}
			case *ast.AutoLink:
				gmhtml.DefaultWriter.RawWrite(w, c.Label(src))
			case *ast.Image:
				if use == textShown {
					walk(c)
				}
			case *RefNode:
				label := c.Ref.Label
				if label == "" {
					label = c.Ref.Dest
				}
				gmhtml.DefaultWriter.RawWrite(w, []byte(label))
			case *ast.RawHTML, *extast.TaskCheckBox, *extast.FootnoteLink:
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return html.UnescapeString(w.String())
}

// textWriter is a util.BufWriter that writes into memory, for goldmark's
// text writer.
type textWriter struct{ bytes.Buffer }

func (w *textWriter) Available() int { return w.Cap() - w.Len() }
func (w *textWriter) Buffered() int  { return w.Len() }
func (w *textWriter) Flush() error   { return nil }
