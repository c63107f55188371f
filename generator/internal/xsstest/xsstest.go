// Package xsstest holds what the raw HTML tests share: the XSS payloads kept
// in generator/markdown/testdata/xss, read as lists; Unsafe, which parses
// rendered HTML as a browser does and names every part of it that could run
// code; and Tree, which writes what a browser builds from HTML, so that two
// ways of writing the same markup compare equal. It does not render or
// sanitize anything.
package xsstest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dir is the folder of the payload files.
func dir(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot find the xsstest package's folder")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "markdown", "testdata", "xss")
}

// read returns a payload file without its header: the lines starting with
// "#" that open it.
func read(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for strings.HasPrefix(text, "#") {
		_, text, _ = strings.Cut(text, "\n")
	}
	return text
}

// Payloads returns the public payload list, payloadbox.txt: one payload a
// line, blank lines left out. It has a few hundred.
func Payloads(t testing.TB) []string {
	t.Helper()
	var out []string
	for line := range strings.Lines(read(t, "payloadbox.txt")) {
		if line = strings.TrimRight(line, "\r\n"); strings.TrimSpace(line) != "" {
			out = append(out, line)
		}
	}
	if len(out) < 300 {
		t.Fatalf("payloadbox.txt has %d payloads; it should have hundreds", len(out))
	}
	return out
}

// Cases returns govdoc's own cases, govdoc.txt: mutation XSS and links whose
// targets run code, each a piece of Markdown.
func Cases(t testing.TB) []string {
	t.Helper()
	cases := strings.Split(read(t, "govdoc.txt"), "\n=====\n")
	if len(cases) < 40 {
		t.Fatalf("govdoc.txt has %d cases; it should have over 40", len(cases))
	}
	for i, c := range cases {
		cases[i] = strings.TrimSpace(c) + "\n"
	}
	return cases
}

// elements are the elements rendered HTML may hold: those the raw HTML
// policy allows, govdoc's task list box among them.
const elements = `p div span br hr blockquote pre code h1 h2 h3 h4 h5 h6
	em strong b i u s del ins small sup sub mark abbr kbd samp var cite dfn q time wbr bdi
	ul ol li dl dt dd table caption thead tbody tfoot tr th td colgroup col
	details summary figure figcaption a img input`

// allowed reports whether rendered HTML may hold the element.
func allowed(name string) bool {
	return slices.Contains(strings.Fields(elements), name)
}

// urlAttr reports whether browsers follow or load an attribute's value as a
// URL.
func urlAttr(key string) bool {
	switch key {
	case "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "cite", "longdesc", "dynsrc", "lowsrc":
		return true
	}
	return false
}

// Unsafe parses a rendered body as a browser parses it inside a <div>, and
// returns a description of each part that could run code or reach beyond
// the handbook's markup: an element the policy does not allow, SVG or
// MathML, an event handler, a style attribute, a URL with a javascript:,
// vbscript: or data: scheme (data:image/ only as an image's src), an input
// other than a checkbox. It returns nil for a safe body.
func Unsafe(body string) []string {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(body), ctx)
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var found []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			found = append(found, unsafeElement(n)...)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return found
}

func unsafeElement(n *html.Node) []string {
	var found []string
	if n.Namespace != "" {
		found = append(found, n.Namespace+" element <"+n.Data+">")
	} else if !allowed(n.Data) {
		found = append(found, "element <"+n.Data+">")
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		switch {
		case strings.HasPrefix(key, "on"):
			found = append(found, "<"+n.Data+"> event handler "+key)
		case key == "style":
			found = append(found, "<"+n.Data+"> style attribute")
		case urlAttr(key) && codeURL(a.Val, n.Data == "img" && key == "src"):
			found = append(found, "<"+n.Data+"> "+key+"="+a.Val)
		case n.Data == "input" && key == "type" && !strings.EqualFold(a.Val, "checkbox"):
			found = append(found, "<input type="+a.Val+">")
		}
	}
	return found
}

// codeURL reports whether a URL's scheme runs code or shows a document of its
// own, as a browser reads it: without spaces and control characters, in any
// case. An image may be a data:image/ URL.
func codeURL(url string, image bool) bool {
	u := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, url))
	switch {
	case strings.HasPrefix(u, "javascript:"), strings.HasPrefix(u, "vbscript:"):
		return true
	case strings.HasPrefix(u, "data:"):
		return !image || !strings.HasPrefix(u, "data:image/")
	}
	return false
}

// Contained reports whether a body stays inside the element a page puts it
// in: the markup that follows it in the page still follows it when a
// browser parses the page, and is not taken into an element the body left
// open.
func Contained(body string) bool {
	page := `<!DOCTYPE html><html><body><div id="xsstest-body">` + body + `</div><p id="xsstest-after">after</p></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return false
	}
	var after *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == "xsstest-after" && after == nil {
				after = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if after == nil || after.Parent == nil || after.Parent.Data != "body" {
		return false
	}
	prev := after.PrevSibling
	for prev != nil && prev.Type != html.ElementNode {
		prev = prev.PrevSibling
	}
	return prev != nil && len(prev.Attr) > 0 && prev.Attr[0].Val == "xsstest-body"
}

// Tree writes what a browser builds from HTML, one node a line, each
// element with its attributes in order: a whole page when html starts with
// a doctype, else a body parsed inside a <div>.
func Tree(t testing.TB, doc []byte) string {
	t.Helper()
	var nodes []*html.Node
	if bytes.HasPrefix(bytes.ToLower(doc), []byte("<!doctype")) {
		n, err := html.Parse(bytes.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		nodes = []*html.Node{n}
	} else {
		ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		var err error
		if nodes, err = html.ParseFragment(bytes.NewReader(doc), ctx); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		indent := strings.Repeat("  ", depth)
		switch n.Type {
		case html.ElementNode:
			fmt.Fprintf(&b, "%s<%s", indent, n.Data)
			for _, a := range n.Attr {
				fmt.Fprintf(&b, " %s=%q", a.Key, a.Val)
			}
			b.WriteString(">\n")
		case html.TextNode:
			fmt.Fprintf(&b, "%s%q\n", indent, n.Data)
		default:
			fmt.Fprintf(&b, "%snode %d %q\n", indent, n.Type, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	for _, n := range nodes {
		walk(n, 0)
	}
	return b.String()
}
