package placeholder

import (
	"reflect"
	"strconv"
	"strings"
	"text/template/parse"
)

// valueFunc is the function a placeholder's parse tree is rewritten to call:
// each value passing from one command to the next, read from the data into
// a function's argument, or printed, goes through it. Content cannot name
// it: the parser does not know it.
const valueFunc = "govdocValue"

// guard rewrites the parse tree of a placeholder, which holds one action,
// so that no value larger than the limits reaches a function or the output,
// whether a function made it or the data held it: a meta value may hold the
// same long string many times through YAML aliases.
func guard(root *parse.ListNode) {
	if root == nil {
		return
	}
	for _, n := range root.Nodes {
		if a, ok := n.(*parse.ActionNode); ok {
			guardPipe(a.Pipe)
		}
	}
}

// guardPipe follows each command of p by valueFunc, but a command that is
// a constant, which the placeholder's length bounds.
func guardPipe(p *parse.PipeNode) {
	cmds := make([]*parse.CommandNode, 0, 2*len(p.Cmds))
	for _, c := range p.Cmds {
		guardArgs(c)
		cmds = append(cmds, c)
		if !constant(c) {
			cmds = append(cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: c.Position(),
				Args: []parse.Node{ident(valueFunc, c.Position()), label(resultLabel(c), c.Position())}})
		}
	}
	p.Cmds = cmds
}

// constant reports whether a command is a constant written in the
// placeholder.
func constant(c *parse.CommandNode) bool {
	if len(c.Args) != 1 {
		return false
	}
	switch c.Args[0].(type) {
	case *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode:
		return true
	}
	return false
}

// guardArgs passes each argument of c that reads the data through
// valueFunc. Arguments written as literals are bounded by the placeholder's
// own length.
func guardArgs(c *parse.CommandNode) {
	for i, a := range c.Args {
		switch a := a.(type) {
		case *parse.PipeNode:
			guardPipe(a)
		case *parse.ChainNode:
			if p, ok := a.Node.(*parse.PipeNode); ok {
				guardPipe(p)
			}
			if i > 0 {
				c.Args[i] = guardArg(a)
			}
		case *parse.FieldNode, *parse.VariableNode, *parse.DotNode:
			if i > 0 {
				c.Args[i] = guardArg(a)
			}
		}
	}
}

// guardArg returns the pipeline (valueFunc "label" n).
func guardArg(n parse.Node) parse.Node {
	return &parse.PipeNode{NodeType: parse.NodePipe, Pos: n.Position(), Cmds: []*parse.CommandNode{{
		NodeType: parse.NodeCommand, Pos: n.Position(),
		Args: []parse.Node{ident(valueFunc, n.Position()), label(nodeLabel(n), n.Position()), n},
	}}}
}

func ident(name string, pos parse.Pos) *parse.IdentifierNode {
	return parse.NewIdentifier(name).SetPos(pos)
}

func label(text string, pos parse.Pos) *parse.StringNode {
	return &parse.StringNode{NodeType: parse.NodeString, Pos: pos, Quoted: strconv.Quote(text), Text: text}
}

// resultLabel names the value of a command in a limit's message.
func resultLabel(c *parse.CommandNode) string {
	if len(c.Args) > 0 {
		if id, ok := c.Args[0].(*parse.IdentifierNode); ok {
			return "the result of " + id.Ident
		}
	}
	return nodeLabel(c)
}

// nodeLabel names a node as the user wrote it: meta.owner, not .meta.owner.
func nodeLabel(n parse.Node) string {
	s := n.String()
	if strings.HasPrefix(s, ".meta") || strings.HasPrefix(s, ".git") {
		s = s[1:]
	}
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// value checks a value passing through valueFunc: a string of at most
// MaxText bytes, a list or map of at most MaxList items, and anything that
// prints to at most MaxText bytes. It counts what it measured as work.
func (m *meter) value(label string, v any) (any, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		if rv.Len() > MaxText {
			return nil, limitf("%s is %s; a value in a placeholder is at most %s", label, bytesize(float64(rv.Len())), iec(MaxText))
		}
	case reflect.Slice, reflect.Array, reflect.Map:
		if rv.Len() > MaxList {
			return nil, limitf("%s has %s items; a value in a placeholder has at most %s", label, count(float64(rv.Len())), count(MaxList))
		}
	}
	n := printSize(v, MaxText)
	if n > MaxText {
		return nil, limitf("%s could print as over %s, the most a value in a placeholder may", label, iec(MaxText))
	}
	m.spend(label, n)
	return v, nil
}
