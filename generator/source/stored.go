package source

import (
	"encoding/binary"
	"math"

	"gopkg.in/yaml.v3"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/internal/wire"
)

// A parsed document is kept between runs (package memo) as what its text
// alone does not give without reading YAML: where the body starts and the
// front matter's nodes. Its layout, numbers as encoding/binary's uvarints
// and strings as a length and the bytes:
//
//	version 2, body start, 0 (no front matter) or 1 then
//	    line base, placeholders (count, then each text and offset),
//	    the count of nodes, the front matter's mapping node
//	node    kind, style, tag, value, anchor, head, line and foot comments,
//	        line, column, count of children, then each child
//
// Only a document parsed without findings and whose front matter has no
// YAML alias is kept: the others are parsed again, which a damaged or
// hostile file is anyway.

const (
	storedVersion = 2
	// maxStoredDepth bounds how deep a kept front matter's nodes go, so
	// that reading one back needs a bounded stack.
	maxStoredDepth = 200
)

// Stored returns what Restore needs, beside the file's text, to give d
// back without parsing it, or false when d is not kept: it has findings,
// or its front matter holds an alias or nests deeper than kept ones may.
func (d *Document) Stored() ([]byte, bool) {
	if len(d.Findings) > 0 || d.Src == nil {
		return nil, false
	}
	b := binary.AppendUvarint(nil, storedVersion)
	b = binary.AppendUvarint(b, uint64(d.BodyStart))
	if d.fm == nil {
		return append(b, 0), true
	}
	b = append(b, 1)
	b = binary.AppendUvarint(b, uint64(d.fm.lineBase))
	b = binary.AppendUvarint(b, uint64(len(d.fm.actions)))
	for i, a := range d.fm.actions {
		b = wire.AppendString(b, a)
		b = binary.AppendUvarint(b, uint64(d.fm.offsets[i]))
	}
	b = binary.AppendUvarint(b, uint64(countNodes(d.fm.node)))
	b, ok := appendNode(b, d.fm.node, 0)
	return b, ok
}

// countNodes counts n and the nodes below it.
func countNodes(n *yaml.Node) int {
	c := 1
	for _, k := range n.Content {
		c += countNodes(k)
	}
	return c
}

func appendNode(b []byte, n *yaml.Node, depth int) ([]byte, bool) {
	if n == nil || n.Alias != nil || n.Kind == yaml.AliasNode || depth > maxStoredDepth || n.Line < 0 || n.Column < 0 {
		return nil, false
	}
	b = binary.AppendUvarint(b, uint64(n.Kind))
	b = binary.AppendUvarint(b, uint64(n.Style))
	for _, s := range [...]string{n.Tag, n.Value, n.Anchor, n.HeadComment, n.LineComment, n.FootComment} {
		b = wire.AppendString(b, s)
	}
	b = binary.AppendUvarint(b, uint64(n.Line))
	b = binary.AppendUvarint(b, uint64(n.Column))
	b = binary.AppendUvarint(b, uint64(len(n.Content)))
	for _, c := range n.Content {
		var ok bool
		if b, ok = appendNode(b, c, depth+1); !ok {
			return nil, false
		}
	}
	return b, true
}

// Restore gives back the document at path p that Parse made of data and
// that Stored kept as stored. It reports false when stored cannot be such a
// thing (damaged, or of another layout); any bytes give a document or
// false, never a panic. A document it gives is the one Parse gives only
// when stored was kept of data: the caller keys it by data.
func Restore(p string, data, stored []byte) (*Document, bool) {
	r := storedReader{Reader: wire.Reader{B: stored}}
	if r.Uvarint(math.MaxInt32) != storedVersion {
		return nil, false
	}
	d := &Document{Path: p, Src: data, Lines: finding.NewLines(data)}
	r.all = string(stored) // the strings of the front matter are slices of it
	d.BodyStart = int(r.Uvarint(uint64(len(data))))
	switch r.Byte() {
	case 0:
	case 1:
		fm := &frontMatter{}
		fm.lineBase = int(r.Uvarint(math.MaxInt32))
		n := r.Uvarint(uint64(r.Left()) / 2) // a text and an offset take 2 bytes at least
		if n > 0 {
			fm.actions = make([]string, n)
			fm.offsets = make([]int, n)
		}
		for i := range fm.actions {
			fm.actions[i] = r.string()
			fm.offsets[i] = int(r.Uvarint(uint64(len(data))))
		}
		// The nodes, and the lists of their children, are made at once.
		count := r.Uvarint(uint64(r.Left() / minStoredNode))
		r.nodes = make([]yaml.Node, count)
		r.children = make([]*yaml.Node, max(count, 1)-1)
		fm.node = r.node(0)
		if r.Bad || fm.node == nil || fm.node.Kind != yaml.MappingNode {
			return nil, false
		}
		d.fm = fm
	default:
		return nil, false
	}
	if r.Bad || r.Left() != 0 {
		return nil, false
	}
	return d, true
}

// storedReader reads what Stored wrote; its first problem sets bad, and
// its methods then return zeros.
type storedReader struct {
	wire.Reader
	all string // B whole, as a string
	// nodes and children are the room left for the nodes, and for the
	// lists of their children.
	nodes    []yaml.Node
	children []*yaml.Node
}

func (r *storedReader) string() string {
	b := r.Bytes(uint64(len(r.B)))
	if r.Bad {
		return ""
	}
	end := len(r.all) - len(r.B)
	return r.all[end-len(b) : end]
}

// minStoredNode is the fewest bytes a node takes: it bounds the children
// a count read from damaged bytes can ask room for.
const minStoredNode = 11

func (r *storedReader) node(depth int) *yaml.Node {
	if r.Bad || depth > maxStoredDepth {
		r.Bad = true
		return nil
	}
	if len(r.nodes) == 0 {
		r.Bad = true // more nodes than it said
		return nil
	}
	n := &r.nodes[0]
	r.nodes = r.nodes[1:]
	switch k := yaml.Kind(r.Uvarint(uint64(yaml.ScalarNode))); k {
	case yaml.DocumentNode, yaml.SequenceNode, yaml.MappingNode, yaml.ScalarNode:
		n.Kind = k
	default:
		r.Bad = true
		return nil
	}
	n.Style = yaml.Style(r.Uvarint(math.MaxUint8))
	n.Tag = r.string()
	n.Value = r.string()
	n.Anchor = r.string()
	n.HeadComment = r.string()
	n.LineComment = r.string()
	n.FootComment = r.string()
	n.Line = int(r.Uvarint(math.MaxInt32))
	n.Column = int(r.Uvarint(math.MaxInt32))
	if c := r.Uvarint(uint64(len(r.children))); c > 0 {
		n.Content = r.children[:c:c]
		r.children = r.children[c:]
		for i := range n.Content {
			if n.Content[i] = r.node(depth + 1); r.Bad {
				return nil
			}
		}
	}
	if r.Bad {
		return nil
	}
	return n
}
