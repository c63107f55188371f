package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// taskList is goldmark's task list extension with GFM's rule for the
// marker: "[ ]", "[x]" or "[X]" followed by a space, a tab or the end of
// the line. goldmark also takes "[x](a.md)" for a checked box, losing the
// link, and "[ ]todo" for an open one.
type taskList struct{}

func (taskList) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(taskMarkerParser{extension.NewTaskCheckBoxParser()}, 0)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500)))
}

// taskMarkerParser lets goldmark's checkbox parser see only markers that
// GFM takes for one.
type taskMarkerParser struct{ parser.InlineParser }

func (p taskMarkerParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) < 3 || line[0] != '[' || line[2] != ']' {
		return nil
	}
	if len(line) > 3 && line[3] != ' ' && line[3] != '\t' && line[3] != '\n' && line[3] != '\r' {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}
