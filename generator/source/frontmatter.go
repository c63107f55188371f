package source

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/yamlerr"
)

// Field is one front-matter key with its value. Scalars are strings exactly
// as written (version: 1.0 stays "1.0"); lists are []any and mappings
// map[string]any of the same.
type Field struct {
	Name   string // the key as written
	Value  any
	Node   *yaml.Node // the value node, with placeholders still in token form
	Line   int        // the key's position in the file
	Column int
}

// String returns a scalar value, or "" for a list or mapping.
func (f *Field) String() string {
	if f == nil {
		return ""
	}
	s, _ := f.Value.(string)
	return s
}

// NormalizeKey folds a front-matter key so that "Last Update", "last_update"
// and "LAST-UPDATE" are one key.
func NormalizeKey(k string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return '_'
		}
		return r
	}, strings.ToLower(strings.TrimSpace(k)))
}

// frontMatter is a parsed front matter whose placeholders are not yet filled.
type frontMatter struct {
	node     *yaml.Node // the mapping
	lineBase int        // lines of the file before the front matter's first line
	actions  []string   // placeholder texts, by token number
	offsets  []int      // their byte offsets in the file
}

// tokens stand in for placeholders while YAML parses, so that
// "Owner: {{ meta.owner }}" reads as a plain value, as users mean it.
var tokenRE = regexp.MustCompile(`GOVDOCPH(\d+)Z_*`)

// errFrontMatter marks a front matter that does not parse.
type errFrontMatter struct {
	line int // in the file
	col  int // 0 when not known
	msg  string
}

func (e *errFrontMatter) Error() string { return e.msg }

// splitFrontMatter separates the YAML front matter from the body with
// adrg/frontmatter. It returns the body's offset in data.
func splitFrontMatter(data []byte) (fm *frontMatter, bodyStart int, err error) {
	fm = &frontMatter{}
	format := frontmatter.NewFormat("---", "---", func(raw []byte, _ any) error {
		start := frontMatterStart(data)
		fm.lineBase = bytes.Count(data[:start], []byte("\n"))
		return fm.parse(raw, start)
	})
	bom := 0
	if bytes.HasPrefix(data, utf8BOM) {
		bom = len(utf8BOM)
	}
	// The library copies the body it returns; only its length is needed,
	// so it is given the text up to the first line that may close the
	// front matter, and the whole text only if that line does not.
	cut := len(data)
	if end := closingLine(data[bom:]); end > 0 {
		cut = bom + end
	}
	rest, err := frontmatter.Parse(bytes.NewReader(data[bom:cut]), nil, format)
	if cut < len(data) && (err != nil || fm.node == nil) {
		fm = &frontMatter{}
		rest, err = frontmatter.Parse(bytes.NewReader(data[bom:]), nil, format)
		cut = len(data)
	}
	if err != nil {
		var fe *errFrontMatter
		if errors.As(err, &fe) {
			return nil, 0, err
		}
		return nil, 0, &errFrontMatter{line: 1, msg: "front matter cannot be read: " + err.Error()}
	}
	bodyStart = cut - len(rest)
	if fm.node == nil {
		if opensFrontMatter(data) {
			return nil, 0, &errFrontMatter{line: 1, msg: "front matter opened with --- is not closed by a --- line"}
		}
		return nil, bom, nil
	}
	return fm, bodyStart, nil
}

// closingLine returns the offset just past the first line after an opening
// --- line that reads --- once trimmed, or 0 when data opens no front
// matter or has no such line.
func closingLine(data []byte) int {
	if !opensFrontMatter(data) {
		return 0
	}
	start := frontMatterStart(data)
	for i := start; i < len(data); {
		end := bytes.IndexByte(data[i:], '\n')
		next := i + end + 1
		if end < 0 {
			next = len(data)
			end = len(data) - i
		}
		if string(bytes.TrimSpace(data[i:i+end])) == "---" {
			return next
		}
		i = next
	}
	return 0
}

// frontMatterStart is the offset of the line after the opening ---, past
// any blank lines before it, as adrg/frontmatter reads it.
func frontMatterStart(data []byte) int {
	for i := 0; i < len(data); {
		end := bytes.IndexByte(data[i:], '\n')
		if end < 0 {
			return len(data)
		}
		line := bytes.TrimSpace(data[i : i+end])
		i += end + 1
		if len(line) > 0 {
			return i
		}
	}
	return len(data)
}

// utf8BOM opens the files some Windows editors save; it is not text.
var utf8BOM = []byte("\uFEFF")

func opensFrontMatter(data []byte) bool {
	first, _, _ := bytes.Cut(bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), "\r\n"), []byte("\n"))
	return string(bytes.TrimSpace(first)) == "---"
}

func (fm *frontMatter) parse(raw []byte, start int) error {
	acts := placeholder.Scan(raw)
	tokenized := raw
	if len(acts) > 0 {
		var b bytes.Buffer
		last := 0
		for i, a := range acts {
			b.Write(raw[last:a.Start])
			tok := "GOVDOCPH" + strconv.Itoa(i) + "Z"
			if n := a.End - a.Start; n > len(tok) {
				tok += strings.Repeat("_", n-len(tok)) // keep columns as written
			}
			b.WriteString(tok)
			fm.actions = append(fm.actions, string(raw[a.Start:a.End]))
			fm.offsets = append(fm.offsets, start+a.Start)
			last = a.End
		}
		b.Write(raw[last:])
		tokenized = b.Bytes()
	}
	doc, err := yamlerr.Parse(tokenized)
	if err != nil {
		return &errFrontMatter{line: err.Line + fm.lineBase, col: err.Column, msg: "front matter is not valid YAML: " + err.Msg}
	}
	if len(doc.Content) == 0 {
		fm.node = &yaml.Node{Kind: yaml.MappingNode}
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return &errFrontMatter{line: root.Line + fm.lineBase, msg: "front matter must be a mapping of keys to values"}
	}
	fm.node = root
	return nil
}

// maxNodes bounds the values a front matter can expand to through YAML
// aliases, so a "billion laughs" document cannot exhaust memory.
const maxNodes = 100_000

// converter turns YAML nodes into field values, filling placeholder tokens.
type converter struct {
	fm     *frontMatter
	fill   func(i int) string // the value of placeholder i
	budget int
	err    error
	within []*yaml.Node // the anchored values being converted, outermost first
}

func (c *converter) value(n *yaml.Node) any {
	if c.budget--; c.budget < 0 {
		c.err = fmt.Errorf("front matter expands to more than %d values (YAML aliases?)", maxNodes)
		return nil
	}
	if n.Anchor != "" && (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) {
		c.within = append(c.within, n)
		defer func() { c.within = c.within[:len(c.within)-1] }()
	}
	switch n.Kind {
	case yaml.AliasNode:
		if slices.Contains(c.within, n.Alias) {
			c.err = fmt.Errorf("the alias *%s stands for a value that holds it", n.Value)
			return nil
		}
		return c.value(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[c.scalar(n.Content[i])] = c.value(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			l = append(l, c.value(e))
		}
		return l
	}
	return c.scalar(n)
}

func (c *converter) scalar(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" && (n.Value == "" || n.Value == "~" || strings.EqualFold(n.Value, "null")) {
		return ""
	}
	if len(c.fm.actions) == 0 || !strings.Contains(n.Value, "GOVDOCPH") {
		return n.Value
	}
	return tokenRE.ReplaceAllStringFunc(n.Value, func(tok string) string {
		i, _ := strconv.Atoi(tokenRE.FindStringSubmatch(tok)[1])
		if i >= len(c.fm.actions) {
			return tok
		}
		return c.fill(i)
	})
}
