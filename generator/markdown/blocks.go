package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Block is where a block marker stood in a rendered body (see
// Options.Blocks).
type Block struct {
	Marker string
	// Offset is the byte offset in Result.HTML where the marker stood: the
	// HTML before it is the body up to the block.
	Offset int
}

// markerNode is a block marker taken out of a document's text, or the
// Document History table's place.
type markerNode struct {
	ast.BaseInline
	Marker string
}

var kindMarker = ast.NewNodeKind("GovdocBlockMarker")

func (n *markerNode) Kind() ast.NodeKind { return kindMarker }
func (n *markerNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Marker": n.Marker}, nil)
}

// mark is a block marker in rendered HTML: at is where it starts, n its
// length there (0 when it is not written).
type mark struct {
	at, n  int
	marker string
}

// markerRenderer writes a marker node as nothing, noting where it stands,
// or, for a body that the sanitizer reads and writes again, as the marker
// itself, to be found in the sanitized body (findMarks).
type markerRenderer struct{ asText bool }

func (m markerRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMarker, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		marker := n.(*markerNode).Marker
		if m.asText {
			_, _ = w.WriteString(marker)
		} else if b, ok := w.(*htmlBuffer); ok {
			b.marks = append(b.marks, mark{at: b.Len(), marker: marker})
		}
		return ast.WalkContinue, nil
	})
}

// findMarks finds the markers in html, in order.
func findMarks(html []byte, markers []string) []mark {
	var marks []mark
	for from := 0; ; {
		m := mark{at: -1}
		for _, marker := range markers {
			if i := bytes.Index(html[from:], []byte(marker)); i >= 0 && (m.at < 0 || from+i < m.at) {
				m = mark{at: from + i, n: len(marker), marker: marker}
			}
		}
		if m.at < 0 {
			return marks
		}
		marks = append(marks, m)
		from = m.at + m.n
	}
}

var (
	openP  = []byte("<p>")
	closeP = []byte("</p>")
)

// cutBlocks takes the markers out of html, a marker alone in its paragraph
// with the paragraph, and escapes braces (escapeBraces) in what is left. It
// returns that HTML and where each marker stood in it.
func cutBlocks(html []byte, marks []mark) ([]byte, []Block) {
	if len(marks) == 0 {
		return escapeBraces(html), nil
	}
	out := make([]byte, 0, len(html))
	blocks := make([]Block, 0, len(marks))
	start := 0
	for i, m := range marks {
		before, next := html[start:m.at], m.at+m.n
		// Alone: nothing but the paragraph's tags around it, not even a
		// marker written as nothing.
		alone := bytes.HasSuffix(before, openP) && bytes.HasPrefix(html[next:], closeP) && (i+1 == len(marks) || marks[i+1].at > next)
		if alone {
			before, next = before[:len(before)-len(openP)], next+len(closeP)
			if next < len(html) && html[next] == '\n' {
				next++
			}
		}
		out = append(out, escapeBraces(before)...)
		blocks = append(blocks, Block{Marker: m.marker, Offset: len(out)})
		start = next
	}
	return append(out, escapeBraces(html[start:])...), blocks
}
