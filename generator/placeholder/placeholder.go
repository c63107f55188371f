// Package placeholder fills {{ meta.KEY }} placeholders, written in Go
// text/template syntax, with sprig's hermetic functions and nothing that reads
// the environment, files, the network or the clock. It finds placeholders in
// Markdown (leaving code as written) and in plain values, and records where
// each replacement went so positions in the result map back to the source.
// It does not know where the values come from.
//
// # Limits
//
// Documents have many authors, and a placeholder must not be able to
// exhaust the memory or the time of a build: {{ repeat 40000 (repeat 40000
// "x") }} would make 1.6 GB. So every value is bounded, and a placeholder
// that would pass a bound fails with an error wrapping ErrLimit, which
// names what was too large, while the rest of the text is still filled:
//
//   - Functions whose result can be much larger than their arguments
//     (repeat, indent, replace, until, seq, the regular expression
//     replacements, wrap, join, cat, concat, toJson, split and the like, and
//     text/template's print, printf and println) count the size of their
//     result before they make it, and refuse one over MaxText bytes or
//     MaxList items. Within those bounds each gives what sprig's gives;
//     a negative count is an error rather than a panic.
//   - Each placeholder's parse tree is rewritten (see guard) so that every
//     value passing from one command to the next, every value read from the
//     data into a function, and what the placeholder prints, is checked
//     against the same bounds. A meta value can hold one long string a
//     hundred thousand times through YAML aliases: it is refused before
//     any function or fmt prints it.
//   - A placeholder is at most MaxPlaceholderText bytes as written.
//   - A Text, a document's body or its front matter, fills at most
//     MaxPlaceholders placeholders that add at most MaxExpanded bytes, and
//     its functions do at most MaxWork of work: the values they check, and
//     for regular expressions the size of the program times the text they
//     read, which bounds time as the other limits bound memory. The first
//     placeholder past one of these fails, and those after it are left as
//     written without an error each.
//
// Sizes that fmt or encoding/json would print are measured by walking the
// value without printing it, stopping at the limit (see size.go), so that
// measuring costs no more than the limit. The measures are upper bounds,
// exact for strings.
package placeholder

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"

	"github.com/govdoc/govdoc/generator/finding"
)

// Data is what placeholders can name: meta is the merged meta of a document.
type Data map[string]any

// Error is a placeholder that could not be filled.
type Error struct {
	Offset  int // byte offset of the placeholder's "{{" in the text
	Text    string
	Message string
	// Limit is set when the placeholder would pass a limit (its error
	// wrapped ErrLimit) rather than being wrong.
	Limit bool
}

// Evaluator fills placeholders. It is safe for concurrent use; it keeps the
// parsed form of each placeholder text it has seen.
type Evaluator struct {
	names  map[string]any // the functions a placeholder may name
	parsed sync.Map       // action text -> *parsed

	mu   sync.Mutex
	idle []*runner // runners no Text holds
}

// parsed is a placeholder text parsed, or the error that parsing it gave.
type parsed struct {
	tree *parse.Tree
	err  error
}

// runner executes placeholders with functions of its own, which count
// their work in its meter. One Text at a time holds a runner.
type runner struct {
	m     *meter
	root  *template.Template // its functions; each text's tree is one of its templates
	tmpls map[*parsed]*template.Template
}

// Markers are what {{ raci }} and {{ scorecard }} leave in a body: the
// places where the page shows the document's responsibility matrix and
// scorecard.
const (
	RACIMarker      = "GOVDOCBLOCKRACI"
	ScorecardMarker = "GOVDOCBLOCKSCORECARD"
	// HistoryMarker stands where a body's Document History table was: the
	// page shows the history there, newest first.
	HistoryMarker = "GOVDOCBLOCKHISTORY"
)

// New returns an Evaluator with the content functions of Funcs.
func New() *Evaluator {
	names := map[string]any{}
	for name, fn := range Funcs() {
		names[name] = fn
	}
	// The functions text/template defines itself.
	for _, name := range []string{"and", "call", "html", "index", "slice", "js", "len", "not", "or",
		"print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne"} {
		if names[name] == nil {
			names[name] = true
		}
	}
	return &Evaluator{names: names}
}

// Text fills the placeholders of one text, a document's body or its front
// matter, within the limits of one text: MaxPlaceholders, MaxExpanded and
// MaxWork. Once a placeholder passes one of them, Stopped reports true and
// the placeholders after it are to be left as written. A Text is for one
// goroutine; Close gives back what it holds.
type Text struct {
	e                      *Evaluator
	r                      *runner
	placeholders, expanded int
	stopped                bool
}

// Text starts filling the placeholders of a text.
func (e *Evaluator) Text() *Text {
	e.mu.Lock()
	var r *runner
	if n := len(e.idle); n > 0 {
		r, e.idle = e.idle[n-1], e.idle[:n-1]
	}
	e.mu.Unlock()
	if r == nil {
		r = newRunner()
	}
	r.m.work = 0
	return &Text{e: e, r: r}
}

func newRunner() *runner {
	m := &meter{}
	f := funcs(m)
	f[valueFunc] = m.value
	return &runner{m: m, root: template.New("").Funcs(f).Option("missingkey=error"), tmpls: map[*parsed]*template.Template{}}
}

// Close ends the text. The Text is not to be used after.
func (t *Text) Close() {
	if t.r == nil {
		return
	}
	t.e.mu.Lock()
	t.e.idle = append(t.e.idle, t.r)
	t.e.mu.Unlock()
	t.r = nil
}

// Stopped reports whether a placeholder passed a limit of the whole text,
// so that the placeholders after it are left as written.
func (t *Text) Stopped() bool { return t.stopped }

// next counts one more placeholder of the text.
func (t *Text) next() error {
	if t.stopped {
		return stopf("an earlier placeholder passed a limit of this text")
	}
	t.placeholders++
	if t.placeholders > MaxPlaceholders {
		return t.stop(stopf("over %s placeholders: a document's front matter, and its body, each fill at most %s; this one and the rest are left as written",
			count(MaxPlaceholders), count(MaxPlaceholders)))
	}
	return nil
}

func (t *Text) stop(err *limitError) error {
	t.stopped = true
	return err
}

// Eval fills one placeholder of the text, given as written with its
// braces. Its errors wrap ErrLimit when it would pass a limit.
func (t *Text) Eval(text string, data Data) (string, error) {
	if err := t.next(); err != nil {
		return "", err
	}
	if len(text) > MaxPlaceholderText {
		return "", limitf("the placeholder is %s long; a placeholder is at most %s", bytesize(float64(len(text))), iec(MaxPlaceholderText))
	}
	p := t.e.parse(text)
	if p.err != nil {
		return "", p.err
	}
	tmpl := t.r.tmpls[p]
	if tmpl == nil {
		var err error
		tmpl, err = t.r.root.AddParseTree("p"+strconv.Itoa(len(t.r.tmpls)), p.tree)
		if err != nil {
			return "", err
		}
		t.r.tmpls[p] = tmpl
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, map[string]any(data)); err != nil {
		var limit *limitError
		if errors.As(err, &limit) {
			if limit.stop {
				return "", t.stop(limit)
			}
			return "", limit
		}
		return "", fmt.Errorf("%w%s", cleanError(err), nearKey(err, data))
	}
	out := b.String()
	if strings.Contains(out, "<no value>") {
		return "", fmt.Errorf("%s has no value", strings.TrimSpace(trimBraces(text)))
	}
	if t.expanded += len(out); t.expanded > MaxExpanded {
		return "", t.stop(stopf("the placeholders so far would add over %s: a document's front matter, and its body, each add at most %s; this one and the rest are left as written",
			iec(MaxExpanded), iec(MaxExpanded)))
	}
	return out, nil
}

// Eval fills one placeholder, given as written with its braces, as the
// only placeholder of its text.
func (e *Evaluator) Eval(text string, data Data) (string, error) {
	t := e.Text()
	defer t.Close()
	return t.Eval(text, data)
}

// undefinedFunc matches text/template's error for a function it does not know.
var undefinedFunc = regexp.MustCompile(`function "([^"]+)" not defined`)

// parse parses a placeholder text once, and rewrites its tree with guard.
func (e *Evaluator) parse(text string) *parsed {
	if v, ok := e.parsed.Load(text); ok {
		return v.(*parsed)
	}
	trees, err := parse.Parse("", dotted(text), "", "", e.names)
	var tree *parse.Tree
	if err == nil {
		tree = trees[""]
		err = checkTree(trees)
	}
	if err != nil {
		if hint := markerHint(text); hint != nil {
			err = hint
		} else if m := undefinedFunc.FindStringSubmatch(err.Error()); m != nil && withheldError(m[1]) != nil {
			err = withheldError(m[1])
		}
		p := &parsed{err: cleanError(err)}
		e.parsed.Store(text, p)
		return p
	}
	guard(tree.Root)
	v, _ := e.parsed.LoadOrStore(text, &parsed{tree: tree})
	return v.(*parsed)
}

// Reads reports whether the placeholder text, given as written with its
// braces, may read the value name of its data (meta, git), so that a caller
// can leave out what no placeholder reads. It answers yes for a
// placeholder that can reach the whole data (a bare . or $), and no for
// one that does not parse: that is an error whatever the data.
func (e *Evaluator) Reads(text, name string) bool {
	p := e.parse(text)
	return p.err == nil && reads(p.tree.Root, name)
}

// reads walks a template's parse tree for a use of name, or of the whole
// data.
func reads(n parse.Node, name string) bool {
	switch n := n.(type) {
	case *parse.ListNode:
		return n != nil && readsAny(n.Nodes, name)
	case *parse.ActionNode:
		return reads(n.Pipe, name)
	case *parse.PipeNode:
		return n != nil && readsAny(n.Cmds, name)
	case *parse.CommandNode:
		return readsAny(n.Args, name)
	case *parse.IfNode:
		return readsBranch(&n.BranchNode, name)
	case *parse.RangeNode:
		return readsBranch(&n.BranchNode, name)
	case *parse.WithNode:
		return readsBranch(&n.BranchNode, name)
	case *parse.ChainNode:
		return reads(n.Node, name)
	case *parse.FieldNode:
		return n.Ident[0] == name
	case *parse.VariableNode:
		// $ is the whole data; other variables hold what their
		// declaration read, which was walked.
		return n.Ident[0] == "$" && (len(n.Ident) == 1 || n.Ident[1] == name)
	case *parse.DotNode:
		return true
	}
	return false
}

func readsAny[N parse.Node](nodes []N, name string) bool {
	for _, n := range nodes {
		if reads(n, name) {
			return true
		}
	}
	return false
}

func readsBranch(n *parse.BranchNode, name string) bool {
	return reads(n.Pipe, name) || reads(n.List, name) || reads(n.ElseList, name)
}

// Expand fills the placeholders of src at the given actions. It returns the
// new text, the map from its offsets back to src, and the placeholders that
// failed, which are left as written.
//
// As in Go templates, {{- removes the whitespace before a placeholder and -}}
// the whitespace after it, within the bounds of its Action. A placeholder
// that fails keeps its trim markers and the whitespace around it as written,
// so the user sees the text they wrote.
func (e *Evaluator) Expand(src []byte, acts []Action, data Data) ([]byte, *Map, []Error) {
	if len(acts) == 0 {
		return src, &Map{}, nil
	}
	t := e.Text()
	defer t.Close()
	vals := make([]string, len(acts))
	failed := make([]bool, len(acts))
	var errs []Error
	for i, a := range acts {
		failed[i] = true
		if t.Stopped() {
			continue
		}
		text := string(src[a.Start:a.End])
		var val string
		var err error
		if !a.Closed {
			err = t.next()
			if err == nil {
				err = errors.New("placeholder has no closing }}")
			}
		} else {
			val, err = t.Eval(text, data)
		}
		if err != nil {
			errs = append(errs, Error{a.Start, text, err.Error(), errors.Is(err, ErrLimit)})
			continue
		}
		vals[i], failed[i] = val, false
	}
	size := len(src) // room for every value, so that out is made once
	for i := range vals {
		size += len(vals[i])
	}
	var out bytes.Buffer
	out.Grow(size)
	m := &Map{}
	last := 0
	for i, a := range acts {
		if failed[i] {
			out.Write(src[last:a.End])
			last = a.End
			continue
		}
		from, to := trim(src, acts, failed, i, last)
		out.Write(src[last:from])
		m.edits = append(m.edits, edit{src: from, srcEnd: to, at: a.Start, out: out.Len(), outEnd: out.Len() + len(vals[i])})
		out.WriteString(vals[i])
		last = to
	}
	out.Write(src[last:])
	return out.Bytes(), m, errs
}

// trim returns the source text that filled placeholder acts[i] replaces:
// the placeholder and the whitespace its trim markers remove, from no
// earlier than last. Whitespace next to a placeholder that failed stays.
func trim(src []byte, acts []Action, failed []bool, i, last int) (from, to int) {
	a := acts[i]
	from, to = a.Start, a.End
	left, right := trimMarkers(src[a.Start:a.End])
	if left {
		from = min(max(a.Before, last), a.Start)
		from += len(bytes.TrimRight(src[from:a.Start], spaceChars))
		if i > 0 && failed[i-1] && from == acts[i-1].End {
			from = a.Start
		}
	}
	if right {
		to = len(src)
		if a.After > 0 {
			to = max(a.After, a.End)
		}
		if i+1 < len(acts) {
			to = min(to, acts[i+1].Start)
		}
		to -= len(bytes.TrimLeft(src[a.End:to], spaceChars))
		if i+1 < len(acts) && failed[i+1] && to == acts[i+1].Start {
			to = a.End
		}
	}
	return from, to
}

// spaceChars are text/template's spaces: what a trim marker removes, and
// what must follow {{- or precede -}} for the dash to be a trim marker.
const spaceChars = " \t\r\n"

func isSpace(c byte) bool { return strings.IndexByte(spaceChars, c) >= 0 }

// trimMarkers reports whether a placeholder, as written with its braces,
// opens with {{- and whether it closes with -}}. As in text/template, {{-3}}
// is the number -3, not a trim marker.
func trimMarkers(text []byte) (left, right bool) {
	n := len(text)
	left = n >= 4 && text[2] == '-' && isSpace(text[3])
	right = n >= 4 && bytes.HasSuffix(text, close) && text[n-3] == '-' && isSpace(text[n-4])
	return left, right
}

// Map turns offsets in an expanded text back into offsets in its source.
type Map struct{ edits []edit }

// An edit replaced src[src:srcEnd], a placeholder with the whitespace its
// trim markers removed, by out[out:outEnd]; the placeholder's {{ is at at.
type edit struct{ src, srcEnd, at, out, outEnd int }

// Source returns the source offset of expanded offset off. An offset inside
// a filled placeholder maps to the placeholder's "{{", not to the whitespace
// that its trim markers removed.
func (m *Map) Source(off int) int {
	// The edits are in order and do not overlap: the one that decides is
	// the last that starts at or before off, found in logarithmic time so
	// that a document of many placeholders and many links stays linear.
	i := sort.Search(len(m.edits), func(i int) bool { return m.edits[i].out > off })
	if i == 0 {
		return off
	}
	e := m.edits[i-1]
	if off < e.outEnd {
		return e.at
	}
	return off + e.srcEnd - e.outEnd
}

// Shifted reports whether any placeholder was filled.
func (m *Map) Shifted() bool { return len(m.edits) > 0 }

// dotted rewrites the names meta and git, as users write them, into fields of
// the data: {{ meta.owner }} becomes {{ .meta.owner }}. Quoted strings are
// left alone.
func dotted(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '"' || c == '\'' || c == '`':
			j := i + 1
			for j < len(text) && text[j] != c {
				if text[j] == '\\' && c != '`' {
					j++
				}
				j++
			}
			b.WriteString(text[i:min(j+1, len(text))])
			i = j
			continue
		case isIdentStart(c) && (i == 0 || !isIdent(text[i-1]) && text[i-1] != '.' && text[i-1] != '$'):
			j := i
			for j < len(text) && isIdent(text[j]) {
				j++
			}
			if w := text[i:j]; w == "meta" || w == "git" {
				b.WriteByte('.')
			}
			b.WriteString(text[i:j])
			i = j - 1
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdent(c byte) bool      { return isIdentStart(c) || c >= '0' && c <= '9' }

// checkTree refuses templates that define or call other templates: content
// placeholders are expressions, not layouts.
func checkTree(trees map[string]*parse.Tree) error {
	if len(trees) > 1 || trees[""] == nil {
		return fmt.Errorf("a placeholder cannot define templates")
	}
	if strings.Contains(trees[""].Root.String(), "{{template ") {
		return fmt.Errorf("a placeholder cannot call templates")
	}
	return nil
}

// executing is the start of text/template's context of an error in
// executing a template, whatever its name.
var executing = regexp.MustCompile(`executing "[^"]*" at <`)

// cleanError drops text/template's "template: :1:3: executing ..." prefix,
// which names an internal template the user never wrote.
func cleanError(err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "template: ")
	for _, p := range []string{":1:", ":"} {
		if strings.HasPrefix(msg, p) {
			if i := strings.Index(msg, ": "); i >= 0 {
				msg = msg[i+2:]
			}
			break
		}
	}
	if loc := executing.FindStringIndex(msg); loc != nil {
		if j := strings.Index(msg[loc[1]:], ">: "); j >= 0 {
			msg = msg[loc[1]+j+3:]
		}
	}
	msg = strings.Replace(msg, "map has no entry for key", "undefined key", 1)
	return fmt.Errorf("%s", msg)
}

// nearKey suggests, for a key that data does not have, the key beside it
// nearest in spelling, as in ` (did you mean "meta.owner"?)`; otherwise "".
// text/template names the missing key's path in its error: "at
// <.meta.ownr>: map has no entry for key".
func nearKey(err error, data Data) string {
	msg := err.Error()
	i := strings.Index(msg, " at <.")
	_, key, found := strings.Cut(msg, "map has no entry for key ")
	if i < 0 || !found {
		return ""
	}
	key, kerr := strconv.Unquote(key)
	path, _, ok := strings.Cut(msg[i+len(" at <."):], ">")
	if !ok || kerr != nil {
		return ""
	}
	names := strings.Split(path, ".")
	if k := slices.Index(names, key); k >= 0 {
		names = names[:k+1] // the path down to the missing key
	}
	var at any = map[string]any(data)
	for _, name := range names[:len(names)-1] {
		m, ok := at.(map[string]any)
		if !ok {
			return ""
		}
		at = m[name]
	}
	m, ok := at.(map[string]any)
	if !ok {
		return ""
	}
	best, ok := finding.Closest(names[len(names)-1], slices.Sorted(maps.Keys(m)))
	if !ok {
		return ""
	}
	return finding.DidYouMean(strings.Join(append(names[:len(names)-1:len(names)-1], best), "."))
}

// markerHint explains a placeholder that failed to parse because a dash
// meant as a trim marker touches what follows or precedes it: Go reads
// {{-meta.owner }} as a minus sign, not as a trim. It returns nil when no
// dash is out of place.
func markerHint(text string) error {
	inner := strings.TrimSuffix(strings.TrimPrefix(text, "{{"), "}}")
	left := len(inner) > 1 && inner[0] == '-'
	right := len(inner) > 1 && inner[len(inner)-1] == '-'
	leftTight := left && !isSpace(inner[1])
	rightTight := right && !isSpace(inner[len(inner)-2])
	if !leftTight && !rightTight {
		return nil
	}
	head, tail := "{{ ", " }}"
	if left {
		head, inner = "{{- ", inner[1:]
	}
	if right && inner != "" {
		tail, inner = " -}}", inner[:len(inner)-1]
	}
	fix := head + strings.TrimSpace(inner) + tail
	if leftTight {
		return fmt.Errorf(`"{{-" trims only with a space after it: write "%s"`, fix)
	}
	return fmt.Errorf(`"-}}" trims only with a space before it: write "%s"`, fix)
}

// trimBraces returns the inside of a placeholder, without its braces and
// trim markers.
func trimBraces(s string) string {
	left, right := trimMarkers([]byte(s))
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{{"), "}}")
	if left {
		s = s[1:]
	}
	if right && s != "" {
		s = s[:len(s)-1]
	}
	return s
}
