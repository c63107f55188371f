package placeholder

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"text/template/parse"
)

// The functions a placeholder's parse tree is rewritten to call: each value
// passing from one command to the next, or read from the data into a
// function's argument, goes through valueFunc, and what the placeholder
// prints through printFunc. Content cannot name them: the parser does not
// know them.
const (
	valueFunc = "govdocValue"
	printFunc = "govdocPrint"
)

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
			guardPipe(a.Pipe, len(a.Pipe.Decl) == 0)
		}
	}
}

// guardPipe follows each command of p by valueFunc, or the last by
// printFunc when the pipeline's value is printed.
func guardPipe(p *parse.PipeNode, prints bool) {
	cmds := make([]*parse.CommandNode, 0, 2*len(p.Cmds))
	for _, c := range p.Cmds {
		guardArgs(c)
		cmds = append(cmds, c, guardCommand(valueFunc, c.Position(), resultLabel(c)))
	}
	if prints && len(cmds) > 0 {
		last := cmds[len(cmds)-1]
		cmds[len(cmds)-1] = guardCommand(printFunc, last.Position(), resultLabel(p.Cmds[len(p.Cmds)-1]))
	}
	p.Cmds = cmds
}

// guardArgs passes each argument of c that reads the data through
// valueFunc. Arguments written as literals are bounded by the placeholder's
// own length.
func guardArgs(c *parse.CommandNode) {
	for i, a := range c.Args {
		switch a := a.(type) {
		case *parse.PipeNode:
			guardPipe(a, false)
		case *parse.ChainNode:
			if p, ok := a.Node.(*parse.PipeNode); ok {
				guardPipe(p, false)
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

// guardCommand returns the command (fn "label"), which takes the value
// before it in its pipeline.
func guardCommand(fn string, pos parse.Pos, text string) *parse.CommandNode {
	return &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos,
		Args: []parse.Node{ident(fn, pos), label(text, pos)}}
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
	if err := m.measure(label, v); err != nil {
		return nil, err
	}
	return v, nil
}

func (m *meter) measure(label string, v any) error {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		if rv.Len() > MaxText {
			return limitf("%s is %s; a value in a placeholder is at most %s", label, bytesize(float64(rv.Len())), iec(MaxText))
		}
	case reflect.Slice, reflect.Array, reflect.Map:
		if rv.Len() > MaxList {
			return limitf("%s has %s items; a value in a placeholder has at most %s", label, count(float64(rv.Len())), count(MaxList))
		}
	}
	n := printSize(v, MaxText)
	if n > MaxText {
		return limitf("%s could print as over %s, the most a value in a placeholder may", label, iec(MaxText))
	}
	m.spend(label, n)
	return nil
}

// print prints the value of a placeholder as text/template does, once it
// has checked it as value does.
func (m *meter) print(label string, v any) (string, error) {
	p, ok := printable(reflect.ValueOf(v))
	if !ok {
		return "", fmt.Errorf("can't print %s of type %T", label, v)
	}
	if err := m.measure(label, p); err != nil {
		return "", err
	}
	return fmt.Sprint(p), nil
}

var (
	errorType   = reflect.TypeFor[error]()
	stringerTyp = reflect.TypeFor[fmt.Stringer]()
)

// printable is text/template's printableValue: the value fmt is given to
// print v, or false for a value it cannot print.
func printable(v reflect.Value) (any, bool) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			break
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return "<no value>", true
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(stringerTyp) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(stringerTyp)) {
			v = v.Addr()
		} else {
			switch v.Kind() {
			case reflect.Chan, reflect.Func:
				return nil, false
			}
		}
	}
	return v.Interface(), true
}
