package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// callouts renders the two callout syntaxes that handbooks written for
// GitHub and MkDocs use as one kind of box:
//
//	> [!WARNING]                      !!! warning "Mind the gap"
//	> Text.                               Text, indented four spaces.
//
// GitHub's alerts are NOTE, TIP, IMPORTANT, WARNING and CAUTION; MkDocs's
// admonitions take any type, a title in quotes ("" for none), and with
// ??? (closed) or ???+ (open) fold into a <details>.
type callouts struct{}

func (callouts) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(admonitionParser{}, 150)),
		parser.WithParagraphTransformers(util.Prioritized(alertMarker{}, 200)),
		parser.WithASTTransformers(util.Prioritized(alertTransformer{}, 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(calloutRenderer{}, 100)))
}

// callout is a callout box: a calloutTitle, then the content.
type callout struct {
	ast.BaseBlock
	// Variant is the callout's type in lower case: note, tip, warning...
	Variant string
	// Fold is 0 for a box, '-' for a closed <details>, '+' for an open one.
	Fold byte
}

var kindCallout = ast.NewNodeKind("GovdocCallout")

func (n *callout) Kind() ast.NodeKind { return kindCallout }
func (n *callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Variant": n.Variant, "Fold": string(n.Fold)}, nil)
}

// calloutTitle is a callout's title: the inline Markdown of an admonition's
// quoted title, or else Name.
type calloutTitle struct {
	ast.BaseBlock
	// Name is the title of a callout that has none written: its type's
	// name.
	Name string
}

var kindCalloutTitle = ast.NewNodeKind("GovdocCalloutTitle")

func (n *calloutTitle) Kind() ast.NodeKind { return kindCalloutTitle }
func (n *calloutTitle) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

// newCallout returns a callout with a title made of the type's name.
func newCallout(typ string, fold byte) *callout {
	c := &callout{Variant: typ, Fold: fold}
	c.AppendChild(c, &calloutTitle{Name: strings.ToUpper(typ[:1]) + typ[1:]})
	return c
}

// admonition is an MkDocs admonition's first line: !!!, ??? or ???+, the
// type and other class words, and an optional title in quotes.
var admonition = regexp.MustCompile(`^(!!!|\?\?\?\+?) ?([\w-]+)(?: +[\w-]+)*(?: +"(.*?)")? *$`)

// admonitionParser reads an MkDocs admonition: its first line, then every
// line indented four spaces or blank.
type admonitionParser struct{}

func (admonitionParser) Trigger() []byte { return []byte{'!', '?'} }

func (admonitionParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	m := admonition.FindSubmatchIndex(bytes.TrimRight(line[pos:], "\r\n"))
	if m == nil {
		return nil, parser.NoChildren
	}
	rest := line[pos:]
	marker := rest[m[2]:m[3]]
	var fold byte
	switch {
	case bytes.Equal(marker, []byte("???")):
		fold = '-'
	case bytes.Equal(marker, []byte("???+")):
		fold = '+'
	}
	c := &callout{Variant: strings.ToLower(string(rest[m[4]:m[5]])), Fold: fold}
	switch {
	case m[6] < 0:
		c = newCallout(c.Variant, fold)
	case m[7] > m[6]:
		t := &calloutTitle{}
		start := seg.Start + pos + m[6] - seg.Padding
		t.Lines().Append(text.NewSegment(start, start+m[7]-m[6]))
		c.AppendChild(c, t)
	case fold != 0:
		c = newCallout(c.Variant, fold) // a <details> needs a summary
	}
	reader.AdvanceToEOL()
	return c, parser.HasChildren
}

func (admonitionParser) Continue(_ ast.Node, reader text.Reader, _ parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	if indent, _ := util.IndentWidth(line, reader.LineOffset()); indent < 4 {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (admonitionParser) Close(ast.Node, text.Reader, parser.Context) {}
func (admonitionParser) CanInterruptParagraph() bool                 { return true }
func (admonitionParser) CanAcceptIndentedLine() bool                 { return false }

// alertTypes are the types of GitHub's alerts.
var alertTypes = map[string]bool{"note": true, "tip": true, "important": true, "warning": true, "caution": true}

// alertsKey holds the alerts found in a body, as []alert.
var alertsKey = parser.NewContextKey()

// alert is a blockquote that opens with an alert marker, and its type.
type alert struct {
	quote *ast.Blockquote
	typ   string
}

// alertMarker takes the "[!NOTE]" line out of the first paragraph of a
// blockquote, and remembers the blockquote for alertTransformer.
type alertMarker struct{}

func (alertMarker) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	quote, ok := p.Parent().(*ast.Blockquote)
	if !ok || quote.FirstChild() != p || p.Lines().Len() == 0 {
		return
	}
	line := p.Lines().At(0)
	first := bytes.TrimSpace(line.Value(reader.Source()))
	if len(first) < 4 || !bytes.HasPrefix(first, []byte("[!")) || first[len(first)-1] != ']' {
		return
	}
	typ := strings.ToLower(string(first[2 : len(first)-1]))
	if !alertTypes[typ] {
		return
	}
	p.Lines().SetSliced(1, p.Lines().Len())
	if p.Lines().Len() == 0 {
		quote.RemoveChild(quote, p)
	}
	alerts, _ := pc.Get(alertsKey).([]alert)
	pc.Set(alertsKey, append(alerts, alert{quote, typ}))
}

// alertTransformer replaces each blockquote alertMarker found with a
// callout.
type alertTransformer struct{}

func (alertTransformer) Transform(_ *ast.Document, _ text.Reader, pc parser.Context) {
	alerts, _ := pc.Get(alertsKey).([]alert)
	for _, a := range alerts {
		quote, parent := a.quote, a.quote.Parent()
		if parent == nil {
			continue
		}
		c := newCallout(a.typ, 0)
		for child := quote.FirstChild(); child != nil; {
			next := child.NextSibling()
			c.AppendChild(c, child)
			child = next
		}
		parent.ReplaceChild(parent, quote, c)
	}
}

// calloutRenderer writes a callout as a box with its title first, or as a
// <details> whose summary is the title.
type calloutRenderer struct{}

func (calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCallout, renderCallout)
	reg.Register(kindCalloutTitle, renderCalloutTitle)
}

func renderCallout(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	c := n.(*callout)
	switch {
	case entering && c.Fold == 0:
		_, _ = w.WriteString(`<div class="callout callout-` + c.Variant + `" role="note">` + "\n")
	case entering:
		_, _ = w.WriteString(`<details class="callout callout-` + c.Variant + `"`)
		if c.Fold == '+' {
			_, _ = w.WriteString(` open=""`)
		}
		_, _ = w.WriteString(">\n")
	case c.Fold == 0:
		_, _ = w.WriteString("</div>\n")
	default:
		_, _ = w.WriteString("</details>\n")
	}
	return ast.WalkContinue, nil
}

func renderCalloutTitle(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	tag := "p"
	if c, ok := n.Parent().(*callout); ok && c.Fold != 0 {
		tag = "summary"
	}
	if entering {
		_, _ = w.WriteString("<" + tag + ` class="callout-title">`)
		_, _ = w.WriteString(html.EscapeString(n.(*calloutTitle).Name))
	} else {
		_, _ = w.WriteString("</" + tag + ">\n")
	}
	return ast.WalkContinue, nil
}
