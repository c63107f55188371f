package markdown

import (
	"bytes"
	"html"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// RefKind says how a reference is written.
type RefKind int

// The ways a document refers to another document or file.
const (
	// KindLink is a Markdown link: [text](dest).
	KindLink RefKind = iota
	// KindImage is a Markdown image: ![alt](src).
	KindImage
	// KindWiki is a wiki link: [[target#anchor|label]].
	KindWiki
	// KindBare is a list item that is only a document file name: - 0010_framework.md
	KindBare
)

// Ref is one reference found in a body.
type Ref struct {
	Kind RefKind
	// Dest is the link destination as written, or the wiki link's or bare
	// name's target with its #anchor.
	Dest string
	// Label is a wiki link's label, "" if none.
	Label  string
	Offset int // byte offset in the body of "[", "!", "[[" or the file name
}

// Target is what a reference resolves to.
type Target struct {
	// Dest is the destination to write. For a Markdown link or image it
	// replaces the written one; "" keeps the written one.
	Dest string
	// Label is the text of a wiki link or bare name that has none: the
	// target's title.
	Label string
	// Restricted replaces the whole reference, label included, with plain
	// "restricted document" text: its target is left out of this build.
	Restricted bool
	// Broken marks a wiki link or bare name that names nothing; it renders
	// as the text written.
	Broken bool
}

// Resolver maps each reference of a body to its target.
type Resolver func(Ref) Target

// RefNode is a wiki link or a bare document name in the AST.
type RefNode struct {
	ast.BaseInline
	Ref    Ref
	Target Target
}

// KindRefNode is the node kind of RefNode.
var KindRefNode = ast.NewNodeKind("GovdocRef")

// Kind implements ast.Node.
func (n *RefNode) Kind() ast.NodeKind { return KindRefNode }

// Dump implements ast.Node.
func (n *RefNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Dest": n.Ref.Dest, "Label": n.Ref.Label}, nil)
}

// wikiParser reads [[target#anchor|label]].
type wikiParser struct{}

func (wikiParser) Trigger() []byte { return []byte{'['} }

func (wikiParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) {
		return nil
	}
	// The target ends at the first bracket or line end: each "[" looks only
	// that far, so a line of brackets costs time in proportion to its length.
	end := bytes.IndexAny(line[2:], "[]\n")
	if end <= 0 || !bytes.HasPrefix(line[2+end:], []byte("]]")) {
		return nil
	}
	inner := line[2 : 2+end]
	target, label, _ := bytes.Cut(inner, []byte("|"))
	target = bytes.TrimSpace(target)
	if len(target) == 0 {
		return nil
	}
	block.Advance(2 + end + 2)
	return &RefNode{Ref: Ref{Kind: KindWiki, Dest: string(target), Label: string(bytes.TrimSpace(label)), Offset: seg.Start}}
}

// bareName is a list item that is only a document file name, with an
// optional anchor.
var bareName = regexp.MustCompile(`^[^\s/\\\[\]()<>` + "`" + `*]+\.md(#[^\s]*)?$`)

// bareRef returns the reference of a list item's text block that holds only
// a file name, or nil.
func bareRef(block ast.Node, src []byte) *RefNode {
	lines := block.Lines()
	if lines.Len() != 1 {
		return nil
	}
	seg := lines.At(0)
	raw := seg.Value(src)
	name := bytes.TrimSpace(raw)
	if !bareName.Match(name) {
		return nil
	}
	lead := len(raw) - len(bytes.TrimLeft(raw, " \t"))
	return &RefNode{Ref: Ref{Kind: KindBare, Dest: string(name), Offset: seg.Start + lead}}
}

// renderRef writes a wiki link or bare name as its target says.
func renderRef(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	r := n.(*RefNode)
	switch {
	case r.Target.Restricted:
		writeRestricted(w)
	case r.Target.Broken || r.Target.Dest == "":
		_, _ = w.WriteString(`<span class="broken-ref">`)
		_, _ = w.WriteString(html.EscapeString(r.Ref.Dest))
		_, _ = w.WriteString(`</span>`)
	default:
		_, _ = w.WriteString(`<a href="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(r.Target.Dest), true)))
		_, _ = w.WriteString(`">`)
		_, _ = w.WriteString(html.EscapeString(refText(r)))
		_, _ = w.WriteString(`</a>`)
	}
	return ast.WalkSkipChildren, nil
}

// refText is the text a wiki link or bare name shows.
func refText(r *RefNode) string {
	switch {
	case r.Target.Restricted:
		return restrictedText
	case r.Target.Broken || r.Target.Dest == "":
		return r.Ref.Dest
	case r.Ref.Label != "":
		return r.Ref.Label
	case r.Target.Label != "":
		return r.Target.Label
	}
	return r.Ref.Dest
}

// restrictedText stands for a reference to a document left out of a build.
const restrictedText = "restricted document"

func writeRestricted(w util.BufWriter) {
	_, _ = w.WriteString(`<span class="restricted-link">` + restrictedText + `</span>`)
}

// restrictedNode replaces a Markdown link to a document left out of a build.
type restrictedNode struct{ ast.BaseInline }

var kindRestricted = ast.NewNodeKind("GovdocRestricted")

func (n *restrictedNode) Kind() ast.NodeKind         { return kindRestricted }
func (n *restrictedNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func renderRestricted(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		writeRestricted(w)
	}
	return ast.WalkSkipChildren, nil
}

// refRenderers renders govdoc's own nodes.
type refRenderers struct{}

func (refRenderers) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRefNode, renderRef)
	reg.Register(kindRestricted, renderRestricted)
}
