package markdown

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// emphasisParser reads runs of "*", "_" and "~" and, once a block's inlines
// are read, pairs them into emphasis, strong emphasis and strikethrough as
// goldmark does, by the same rules, but keeping CommonMark's "openers
// bottom": the place below which no run can open for a kind of closing
// run, found once. goldmark looks back over every earlier run for each
// closing one, so a paragraph of many unmatched runs costs time that grows
// with the square of its length; here it grows with its length.
type emphasisParser struct{}

// delimiters is the key of a block's runs in the parser's context.
var delimiters = parser.NewContextKey()

// delimiterRun is a run of "*", "_" or "~" not yet paired. It is replaced by
// text, or removed, when its block has been read.
type delimiterRun struct {
	ast.BaseInline
	segment           text.Segment
	char              byte
	canOpen, canClose bool
	length, original  int
	index             int // its place among the runs of its container
	previous, next    *delimiterRun
}

var kindDelimiterRun = ast.NewNodeKind("GovdocDelimiterRun")

func (d *delimiterRun) Kind() ast.NodeKind { return kindDelimiterRun }

func (d *delimiterRun) Dump(src []byte, level int) {
	fmt.Printf("%sDelimiterRun: %q\n", strings.Repeat("    ", level), d.segment.Value(src))
}

// delimiterChars tells goldmark's ScanDelimiter which bytes make runs.
type delimiterChars struct{}

func (delimiterChars) IsDelimiter(b byte) bool { return b == '*' || b == '_' || b == '~' }

// CanOpenCloser and OnMatch are not called: runs are paired by pair.
func (delimiterChars) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}
func (delimiterChars) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

func (emphasisParser) Trigger() []byte { return []byte{'*', '_', '~'} }

func (emphasisParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	d := parser.ScanDelimiter(line, before, 1, delimiterChars{})
	if d == nil || d.Char == '~' && (d.OriginalLength > 2 || before == '~') {
		return nil // "~~~" is no strikethrough
	}
	block.Advance(d.OriginalLength)
	run := &delimiterRun{
		segment: segment.WithStop(segment.Start + d.OriginalLength), char: d.Char,
		canOpen: d.CanOpen, canClose: d.CanClose, length: d.OriginalLength, original: d.OriginalLength,
	}
	runs, ok := pc.Get(delimiters).(*[]*delimiterRun)
	if !ok {
		runs = &[]*delimiterRun{}
		pc.Set(delimiters, runs)
	}
	*runs = append(*runs, run)
	return run
}

// CloseBlock pairs the runs of the block just read, container by
// container: those inside a link's text pair among themselves.
func (emphasisParser) CloseBlock(_ ast.Node, _ text.Reader, pc parser.Context) {
	list, _ := pc.Get(delimiters).(*[]*delimiterRun)
	if list == nil || len(*list) == 0 {
		return
	}
	runs := *list
	pc.Set(delimiters, nil)
	var order []ast.Node
	groups := map[ast.Node][]*delimiterRun{}
	for _, r := range runs {
		p := r.Parent()
		if p == nil {
			continue
		}
		if _, ok := groups[p]; !ok {
			order = append(order, p)
		}
		groups[p] = append(groups[p], r)
	}
	for _, p := range order {
		pair(groups[p])
	}
	for _, r := range runs {
		p := r.Parent()
		switch {
		case p == nil:
		case r.length > 0:
			ast.MergeOrReplaceTextSegment(p, r, r.segment)
		default:
			p.RemoveChild(p, r)
		}
	}
}

// bottomKey is the kind of a closing run that decides which runs can open
// for it: its character, whether it can open too, and its length modulo 3.
type bottomKey struct {
	char    byte
	canOpen bool
	mod3    int
}

// pair matches the runs of one container, in order, as goldmark's
// ProcessDelimiters does.
func pair(runs []*delimiterRun) {
	for i, r := range runs {
		r.index = i
		r.previous, r.next = nil, nil
		if i > 0 {
			r.previous = runs[i-1]
			runs[i-1].next = r
		}
	}
	first := runs[0]
	unlink := func(r *delimiterRun) {
		if r.previous != nil {
			r.previous.next = r.next
		} else {
			first = r.next
		}
		if r.next != nil {
			r.next.previous = r.previous
		}
		r.previous, r.next = nil, nil
	}
	bottom := map[bottomKey]int{}
	for closer := first; closer != nil; {
		if !closer.canClose {
			closer = closer.next
			continue
		}
		key := bottomKey{closer.char, closer.canOpen, closer.original % 3}
		low, ok := bottom[key]
		if !ok {
			low = -1
		}
		var opener *delimiterRun
		consume, maybeOpener := 0, false
		for o := closer.previous; o != nil && o.index > low; o = o.previous {
			if o.canOpen && o.char == closer.char {
				maybeOpener = true
				if consume = consumption(o, closer); consume > 0 {
					opener = o
					break
				}
			}
		}
		if opener == nil {
			// No run down to here can open for this kind of closer, nor
			// will: what makes a run able to open for it does not change.
			if closer.previous != nil {
				bottom[key] = closer.previous.index
			}
			next := closer.next
			if !maybeOpener && !closer.canOpen {
				unlink(closer)
			}
			closer = next
			continue
		}
		opener.length -= consume
		opener.segment = opener.segment.WithStop(opener.segment.Start + opener.length)
		closer.length -= consume
		closer.segment = closer.segment.WithStop(closer.segment.Start + closer.length)

		var node ast.Node = ast.NewEmphasis(consume)
		if closer.char == '~' {
			node = extast.NewStrikethrough()
		}
		node.(interface{ SetPos(int) }).SetPos(opener.segment.Start)
		parent := opener.Parent()
		for child := opener.NextSibling(); child != nil && child != ast.Node(closer); {
			next := child.NextSibling()
			node.AppendChild(node, child)
			child = next
		}
		parent.InsertAfter(parent, opener, node)
		for r := opener.next; r != nil && r != closer; {
			next := r.next
			unlink(r)
			r = next
		}
		if opener.length == 0 {
			unlink(opener)
		}
		if closer.length == 0 {
			next := closer.next
			unlink(closer)
			closer = next
		}
	}
}

// consumption is how many characters an opening run and a closing one
// use for the node they make, 0 when the rule of three forbids pairing
// them (goldmark's Delimiter.CalcComsumption).
func consumption(opener, closer *delimiterRun) int {
	if (opener.canClose || closer.canOpen) && (opener.original+closer.original)%3 == 0 && closer.original%3 != 0 {
		return 0
	}
	if opener.length >= 2 && closer.length >= 2 {
		return 2
	}
	return 1
}
