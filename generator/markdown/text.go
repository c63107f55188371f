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
	"github.com/yuin/goldmark/util"
	nethtml "golang.org/x/net/html"
)

// A body's plain text is what a reader of its HTML reads, without markup:
// white space collapsed to single spaces, the words of separate blocks kept
// apart, inline elements running on. Render makes it from the AST it
// renders (bodyText) as HTMLText makes it from the HTML; the two agree, and
// the tests hold them to it.

// footnoteBacklink is the text of a footnote's link back to where it is
// cited, as goldmark writes it (&#x21a9;&#xfe0e;).
const footnoteBacklink = "\u21a9\ufe0e"

// TextWords bounds, in bytes, the words a body's text for the search index
// holds beyond its opening (see textBuilder): a document's share of the
// index stays bounded however long it is.
const TextWords = 8 << 10

// textBuilder collects plain text, white space collapsed, until it holds
// more than limit bytes. From then on it collects the words of the rest,
// each once, lower-cased, up to TextWords bytes: text gives the opening,
// cut at limit, and the words of the text that the opening lacks, so that
// the search index finds a word anywhere in a long body without holding the
// body.
type textBuilder struct {
	b     []byte
	space bool // white space or a block boundary since the last word
	limit int
	// cur is the word being read once b is full; rest the words read then,
	// each once (seen), and words their number of bytes.
	cur   []byte
	seen  map[string]bool
	rest  []string
	words int
}

// full reports whether the builder holds more than its limit of opening
// text: from then on it reads words only.
func (t *textBuilder) full() bool { return len(t.b) > t.limit }

// done reports whether the builder wants no more text: its opening is full
// and so are its words.
func (t *textBuilder) done() bool { return t.full() && t.words >= TextWords }

// brk separates what comes next from what came before, as white space or
// the edge of a block does.
func (t *textBuilder) brk() {
	t.space = true
	t.endWord()
}

// write adds text as a reader reads it.
func (t *textBuilder) write(s []byte) {
	if t.full() {
		t.read(s)
		return
	}
	for len(s) > 0 {
		if t.full() {
			t.read(s)
			return
		}
		c := s[0]
		if c < utf8.RuneSelf {
			if asciiSpace(c) {
				t.space = true
				s = s[1:]
				continue
			}
			n := 1
			for n < len(s) && s[n] < utf8.RuneSelf && !asciiSpace(s[n]) {
				n++
			}
			t.spaced()
			t.b = append(t.b, s[:n]...)
			s = s[n:]
			continue
		}
		r, n := utf8.DecodeRune(s)
		s = s[n:]
		if r == '\u00a0' {
			t.space = true
			continue
		}
		t.spaced()
		t.b = utf8.AppendRune(t.b, r) // an invalid byte becomes U+FFFD
	}
}

// read takes the words of text met once the opening is full.
func (t *textBuilder) read(s []byte) {
	for len(s) > 0 && t.words < TextWords {
		r, n := utf8.DecodeRune(s)
		s = s[n:]
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			t.cur = utf8.AppendRune(t.cur, r)
			continue
		}
		t.endWord()
	}
}

// endWord keeps the word read, if it is new.
func (t *textBuilder) endWord() {
	if len(t.cur) == 0 {
		return
	}
	w := strings.ToLower(string(t.cur))
	t.cur = t.cur[:0]
	t.keep(w)
}

// keep adds a word of the rest of the text, unless it was kept already or
// is too short or too long to search for.
func (t *textBuilder) keep(w string) {
	if len(w) < 2 || len(w) > maxWord || t.seen[w] || t.words >= TextWords {
		return
	}
	if t.seen == nil {
		t.seen = map[string]bool{}
	}
	t.seen[w] = true
	t.rest = append(t.rest, w)
	t.words += len(w) + 1
}

// maxWord is the longest word kept beyond the opening, in bytes: longer
// ones are codes and addresses rather than words a reader types.
const maxWord = 40

// asciiSpace reports whether c is white space that separates words.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
}

// raw adds text that goldmark writes escaped, and so a NUL as U+FFFD.
func (t *textBuilder) raw(s []byte) {
	if bytes.IndexByte(s, 0) >= 0 {
		s = bytes.ReplaceAll(s, []byte{0}, []byte("\ufffd"))
	}
	t.write(s)
}

// spaced writes the space owed before a word.
func (t *textBuilder) spaced() {
	if t.space && len(t.b) > 0 {
		t.b = append(t.b, ' ')
	}
	t.space = false
}

// text returns what the builder holds: the opening cut at limit and, if
// it was cut, a new line and the words of the text it lacks, each once,
// separated by spaces.
func (t *textBuilder) text() string {
	opening := CutText(string(t.b), t.limit)
	if !t.full() {
		return opening
	}
	t.endWord()
	in := map[string]bool{}
	for _, w := range textWords(opening) {
		in[w] = true
	}
	var b strings.Builder
	n := 0
	add := func(w string) {
		if in[w] || len(w) < 2 || len(w) > maxWord || n+len(w)+1 > TextWords {
			return
		}
		in[w] = true
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		n += len(w) + 1
	}
	// The end of the opening read is cut off, and words may span the cut.
	for _, w := range textWords(string(t.b)) {
		add(w)
	}
	for _, w := range t.rest {
		add(w)
	}
	if b.Len() == 0 {
		return opening
	}
	return opening + "\n" + b.String()
}

// textWords returns the words of s, lower-cased: its runs of letters and
// digits.
func textWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// bodyText walks a body's AST, as its HTML will be written, for its plain
// text; it leaves out the level-1 heading whose id is titleID. It takes the
// place of HTMLText for a body that is not sanitized: all its HTML is
// goldmark's and govdoc's own, so what each node writes is known. Since the
// walk reads each text node anyway, it also takes the block markers out of
// them (split).
type bodyText struct {
	textBuilder
	src     []byte
	titleID string
	// collect is false when no text is wanted, only markers taken out.
	collect bool
	markers [][]byte // the markers a text node may hold; nil if none may
	scratch htmlBuffer
}

// walk visits every node of doc.
func (t *bodyText) walk(doc ast.Node) {
	_ = ast.Walk(doc, t.visit)
}

func (t *bodyText) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !t.collect || t.done() {
		if t.markers == nil {
			return ast.WalkStop, nil
		}
		// Only the markers are still to take out.
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				t.split(n)
			}
		case *ast.CodeSpan, *ast.Image, *RefNode, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	}
	if !entering {
		switch n := n.(type) {
		case *ast.Heading:
			if !t.isTitle(n) {
				t.brk()
			}
		case *ast.TextBlock:
			// goldmark ends a tight list item's text with a line break
			// when more follows.
			if n.NextSibling() != nil && n.FirstChild() != nil {
				t.brk()
			}
		case *calloutTitle:
			t.brk()
		case *ast.HTMLBlock:
			if n.HTMLBlockType != ast.HTMLBlockType2 {
				t.brk()
			}
		case *ast.Document:
		default:
			if n.Type() == ast.TypeBlock {
				t.brk()
			}
		}
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Document, *ast.TextBlock:
	case *ast.Text:
		if t.markers != nil {
			t.split(n)
		}
		t.textNode(n)
	case *ast.String:
		switch {
		case n.IsCode():
			t.write(n.Value)
		case n.IsRaw():
			t.raw(n.Value)
		default:
			t.escaped(n.Value)
		}
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if s, ok := c.(*ast.Text); ok {
				// A line break in a code span is a space: white space.
				t.raw(s.Segment.Value(t.src))
			}
		}
		return ast.WalkSkipChildren, nil
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		t.brk()
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			t.raw(seg.Value(t.src))
		}
	case *ast.Image:
		t.brk() // <img>: its alt text is an attribute
		return ast.WalkSkipChildren, nil
	case *ast.AutoLink:
		t.raw(n.Label(t.src))
	case *ast.RawHTML:
		// Shown as text (escapedHTML); a comment is left out.
		segs := n.Segments
		if segs.Len() > 0 {
			if first := segs.At(0); bytes.HasPrefix(first.Value(t.src), []byte("<!--")) {
				return ast.WalkSkipChildren, nil
			}
		}
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			t.write(seg.Value(t.src))
		}
		return ast.WalkSkipChildren, nil
	case *ast.HTMLBlock:
		if n.HTMLBlockType == ast.HTMLBlockType2 {
			return ast.WalkSkipChildren, nil // a comment, written as nothing
		}
		t.brk()
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			t.write(seg.Value(t.src))
		}
		if n.HasClosure() {
			t.write(n.ClosureLine.Value(t.src))
		}
		return ast.WalkSkipChildren, nil
	case *ast.Heading:
		if t.isTitle(n) {
			return ast.WalkSkipChildren, nil
		}
		t.brk()
	case *extast.TaskCheckBox:
		t.brk() // <input>
	case *extast.FootnoteLink:
		t.write([]byte(strconv.Itoa(n.Index)))
	case *extast.FootnoteBacklink:
		t.brk() // &#160;
		t.write([]byte(footnoteBacklink))
	case *RefNode:
		t.write([]byte(refText(n)))
		return ast.WalkSkipChildren, nil
	case *restrictedNode:
		t.write([]byte(restrictedText))
	case *calloutTitle:
		t.brk()
		t.write([]byte(n.Name))
	default:
		if n.Type() == ast.TypeBlock {
			t.brk()
		}
	}
	return ast.WalkContinue, nil
}

// isTitle reports whether a heading is the title heading HTMLText leaves
// out.
func (t *bodyText) isTitle(h *ast.Heading) bool {
	return h.Level == 1 && t.titleID != "" && attr(h, "id") == t.titleID
}

// textNode adds a text node as goldmark writes it: a hard line break is a
// <br />, a soft one a new line.
func (t *bodyText) textNode(n *ast.Text) {
	v := n.Segment.Value(t.src)
	if n.IsRaw() {
		t.raw(v)
		return
	}
	t.escaped(v)
	if n.HardLineBreak() || n.SoftLineBreak() {
		t.brk()
	}
}

// escaped adds text that goldmark writes resolving backslash escapes and
// character references.
func (t *bodyText) escaped(v []byte) {
	if !resolves(v) {
		t.write(v)
		return
	}
	t.scratch.Reset()
	gmhtml.DefaultWriter.Write(&t.scratch, v)
	t.write([]byte(html.UnescapeString(t.scratch.String())))
}

// resolves reports whether goldmark writes text other than as it reads,
// once escaped for HTML: whether it holds a backslash, a NUL, or an "&" that
// may start a character reference ("Risk & Compliance" does not).
func resolves(v []byte) bool {
	if bytes.IndexByte(v, '\\') >= 0 || bytes.IndexByte(v, 0) >= 0 {
		return true
	}
	for i := 0; ; {
		j := bytes.IndexByte(v[i:], '&')
		if j < 0 {
			return false
		}
		i += j + 1
		if i < len(v) && (v[i] == '#' || 'a' <= v[i]|0x20 && v[i]|0x20 <= 'z' || '0' <= v[i] && v[i] <= '9') {
			return true
		}
	}
}

// split takes the first marker out of a text node that holds one: the node
// keeps the text before it, and the marker and a node with the text after it
// follow, to be visited next.
func (t *bodyText) split(n *ast.Text) {
	v := n.Segment.Value(t.src)
	at, marker := -1, []byte(nil)
	for _, m := range t.markers {
		if i := bytes.Index(v, m); i >= 0 && (at < 0 || i < at) {
			at, marker = i, m
		}
	}
	if at < 0 {
		return
	}
	parent := n.Parent()
	start := n.Segment.Start - n.Segment.Padding + at
	rest := ast.NewTextSegment(n.Segment.WithStart(start + len(marker)))
	rest.Segment.Padding = 0
	rest.SetRaw(n.IsRaw())
	rest.SetSoftLineBreak(n.SoftLineBreak())
	rest.SetHardLineBreak(n.HardLineBreak())
	n.Segment = n.Segment.WithStop(start)
	n.SetSoftLineBreak(false)
	n.SetHardLineBreak(false)
	m := &markerNode{Marker: string(marker)}
	parent.InsertAfter(parent, n, m)
	if rest.Segment.Len() > 0 || rest.SoftLineBreak() || rest.HardLineBreak() {
		parent.InsertAfter(parent, m, rest)
	}
}

// CutText shortens text to at most limit bytes, ended at a word with "…",
// as the search index holds a document's text.
func CutText(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	s = s[:limit]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	if i := strings.LastIndexByte(s, ' '); i > limit/2 {
		s = s[:i]
	}
	return s + "…"
}

// inline elements run on in the text; any other element breaks words apart.
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true, "data": true,
	"del": true, "dfn": true, "em": true, "i": true, "ins": true, "kbd": true, "mark": true, "q": true,
	"s": true, "samp": true, "small": true, "span": true, "strong": true, "sub": true, "sup": true,
	"time": true, "u": true, "var": true,
}

// HTMLText returns the plain text of a rendered body, white space
// collapsed, up to about limit bytes cut at a word (see CutText), and the
// words of the rest as textBuilder.text gives them. The
// level-1 heading whose id is titleID, the document's title, is left out.
func HTMLText(body, titleID string, limit int) string {
	z := nethtml.NewTokenizer(strings.NewReader(body))
	t := textBuilder{limit: limit}
	skip := 0 // depth inside an element left out
	for !t.done() {
		tt := z.Next()
		switch tt {
		case nethtml.ErrorToken:
			return t.text()
		case nethtml.TextToken:
			if skip == 0 {
				t.write(z.Text())
			}
		case nethtml.StartTagToken, nethtml.EndTagToken, nethtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if skip > 0 {
				if tt == nethtml.StartTagToken && tag == "h1" {
					skip++
				} else if tt == nethtml.EndTagToken && tag == "h1" {
					skip--
				}
				continue
			}
			if tt == nethtml.StartTagToken && tag == "h1" && titleID != "" && hasAttr && tagAttr(z, "id") == titleID {
				skip = 1
				continue
			}
			if !inline[tag] {
				t.brk()
			}
		}
	}
	return t.text()
}

// tagAttr returns the value of the current tag's attribute key.
func tagAttr(z *nethtml.Tokenizer, key string) string {
	for {
		k, v, more := z.TagAttr()
		if string(k) == key {
			return string(v)
		}
		if !more {
			return ""
		}
	}
}

// htmlBuffer is the writer goldmark renders to: a bytes.Buffer it writes
// straight to, so that its length is where the HTML written so far ends.
type htmlBuffer struct {
	bytes.Buffer
	// marks are the block markers written, in order, where each stands.
	marks []mark
}

var _ util.BufWriter = (*htmlBuffer)(nil)

// Buffered implements util.BufWriter: all that is written.
func (b *htmlBuffer) Buffered() int { return b.Len() }

// Flush implements util.BufWriter: there is nothing to flush.
func (b *htmlBuffer) Flush() error { return nil }
