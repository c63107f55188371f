package markdown

// This file is goldmark's code span parser (parser/code_span.go), under
// goldmark's licence, which link.go quotes. It is changed so that a
// paragraph of many unmatched backticks costs time in proportion to its
// length: the runs of backticks of a block are found once, and an opening
// run with no closing run of its length is text at once, where goldmark
// looks for one to the end of the block.

import (
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// codeSpanParser reads code spans.
type codeSpanParser struct{}

// backtickRunsKey holds the backtickRuns of the block being read.
var backtickRunsKey = parser.NewContextKey()

// backtickRuns are where the runs of backticks of a block start, from the
// first code span looked for, by their length.
type backtickRuns struct {
	parent ast.Node
	starts map[int][]int
}

// closes reports whether a run of n backticks starts at or after offset at.
func (r *backtickRuns) closes(n, at int) bool {
	starts := r.starts[n]
	return sort.SearchInts(starts, at) < len(starts)
}

// runsOf returns the backtick runs of the block being read, finding them
// from the reader's place when they are not known yet.
func runsOf(parent ast.Node, block text.Reader, pc parser.Context) *backtickRuns {
	if r, ok := pc.Get(backtickRunsKey).(*backtickRuns); ok && r.parent == parent {
		return r
	}
	r := &backtickRuns{parent: parent, starts: map[int][]int{}}
	l, pos := block.Position()
	for {
		line, segment := block.PeekLine()
		if line == nil {
			break
		}
		for i := 0; i < len(line); {
			if line[i] != '`' {
				i++
				continue
			}
			start := i
			for i < len(line) && line[i] == '`' {
				i++
			}
			at := segment.Start + start - segment.Padding
			r.starts[i-start] = append(r.starts[i-start], at)
		}
		block.AdvanceLine()
	}
	block.SetPosition(l, pos)
	pc.Set(backtickRunsKey, r)
	return r
}

func (s *codeSpanParser) CloseBlock(_ ast.Node, _ text.Reader, pc parser.Context) {
	pc.Set(backtickRunsKey, nil)
}

func (s *codeSpanParser) Trigger() []byte {
	return []byte{'`'}
}

func (s *codeSpanParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, startSegment := block.PeekLine()
	opener := 0
	for ; opener < len(line) && line[opener] == '`'; opener++ {
	}
	if !runsOf(parent, block, pc).closes(opener, startSegment.Start-startSegment.Padding+opener) {
		block.Advance(opener)
		return ast.NewTextSegment(startSegment.WithStop(startSegment.Start + opener))
	}
	block.Advance(opener)
	l, pos := block.Position()
	node := ast.NewCodeSpan()
	for {
		line, segment := block.PeekLine()
		if line == nil {
			block.SetPosition(l, pos)
			return ast.NewTextSegment(startSegment.WithStop(startSegment.Start + opener))
		}
		for i := 0; i < len(line); i++ {
			c := line[i]
			if c == '`' {
				oldi := i
				for ; i < len(line) && line[i] == '`'; i++ {
				}
				closure := i - oldi
				if closure == opener && (i >= len(line) || line[i] != '`') {
					segment = segment.WithStop(segment.Start + i - closure)
					if !segment.IsEmpty() {
						node.AppendChild(node, ast.NewRawTextSegment(segment))
					}
					block.Advance(i)
					goto end
				}
			}
		}
		node.AppendChild(node, ast.NewRawTextSegment(segment))
		block.AdvanceLine()
	}
end:
	if !node.IsBlank(block.Source()) {
		// trim first halfspace and last halfspace
		segment := node.FirstChild().(*ast.Text).Segment
		shouldTrimmed := true
		if !(!segment.IsEmpty() && isSpaceOrNewline(block.Source()[segment.Start])) {
			shouldTrimmed = false
		}
		segment = node.LastChild().(*ast.Text).Segment
		if !(!segment.IsEmpty() && isSpaceOrNewline(block.Source()[segment.Stop-1])) {
			shouldTrimmed = false
		}
		if shouldTrimmed {
			t := node.FirstChild().(*ast.Text)
			segment := t.Segment
			t.Segment = segment.WithStart(segment.Start + 1)
			t = node.LastChild().(*ast.Text)
			segment = node.LastChild().(*ast.Text).Segment
			t.Segment = segment.WithStop(segment.Stop - 1)
		}

	}
	return node
}

func isSpaceOrNewline(c byte) bool {
	return c == ' ' || c == '\n'
}
