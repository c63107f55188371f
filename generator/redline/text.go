package redline

import (
	"html/template"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A text's words are what a reader reads in its HTML, without markup; a
// word that starts with breakMark is where a block (a paragraph, heading,
// list item, table row) begins, and names it: "\nh2", "\np".
const breakMark = "\n"

// blocks are the elements that start a block of text.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Tr: true, atom.Pre: true, atom.Blockquote: true, atom.Dt: true, atom.Dd: true,
	atom.Figcaption: true, atom.Div: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Hr: true,
	atom.Caption: true, atom.Section: true, atom.Details: true, atom.Summary: true,
}

// Words returns the words of rendered HTML, with a mark where each block
// begins. Markers a renderer leaves for blocks placed apart are no words.
func Words(html template.HTML, skip ...string) []string {
	z := nethtml.NewTokenizer(strings.NewReader(string(html)))
	var words []string
	pending := ""
	hidden := 0    // inside script or style
	glued := false // the last word may go on in the next text: no space or block between
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return words
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Script || a == atom.Style {
				hidden++
			}
			if blocks[a] {
				pending, glued = string(name), false
			} else if a == atom.Br || a == atom.Td || a == atom.Th || a == atom.Img {
				glued = false
				if pending == "" && (a == atom.Td || a == atom.Th) {
					words = append(words, "|") // cells read apart
				}
			}
		case nethtml.EndTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); a == atom.Script || a == atom.Style {
				hidden = max(hidden-1, 0)
			}
		case nethtml.TextToken:
			if hidden > 0 {
				continue
			}
			text := string(z.Text())
			for i, w := range strings.Fields(text) {
				if skipped(w, skip) {
					continue
				}
				if i == 0 && glued && pending == "" && !startsSpace(text) && len(words) > 0 {
					words[len(words)-1] += w // "programme" and the "." after its link
					continue
				}
				if pending != "" {
					words = append(words, breakMark+pending)
					pending = ""
				}
				words = append(words, w)
			}
			if strings.TrimSpace(text) != "" {
				glued = !endsSpace(text)
			}
		}
	}
}

func startsSpace(s string) bool { return s != "" && strings.TrimLeft(s[:1], " \t\r\n\f") == "" }

func endsSpace(s string) bool { return s != "" && strings.TrimRight(s[len(s)-1:], " \t\r\n\f") == "" }

func skipped(w string, skip []string) bool {
	for _, s := range skip {
		if strings.Contains(w, s) {
			return true
		}
	}
	return false
}

// Markup returns the later text of an edit as HTML, a paragraph a block,
// with the words deleted from the earlier text in <del> and those
// inserted in <ins>, and how many of each there are. A heading's block
// has the class redline-heading, a list item's redline-item.
func Markup(ops []Op) (html template.HTML, inserted, deleted int) {
	var b strings.Builder
	open := false  // a paragraph is open
	run := Equal   // the kind of the open run of words
	inRun := false // a run of inserted or deleted words is open
	startP := func(kind string) {
		if inRun {
			b.WriteString(endTag(run))
			inRun = false
		}
		if open {
			b.WriteString("</p>\n")
		}
		b.WriteString("<p")
		switch {
		case len(kind) == 2 && kind[0] == 'h' && kind[1] >= '1' && kind[1] <= '6':
			b.WriteString(` class="redline-heading redline-h` + kind[1:] + `"`)
		case kind == "li":
			b.WriteString(` class="redline-item"`)
		}
		b.WriteString(">")
		open = true
	}
	first := true // no word yet in the open paragraph
	for _, op := range ops {
		if strings.HasPrefix(op.Word, breakMark) {
			if op.Kind == Delete {
				continue // the later text's blocks are shown
			}
			startP(op.Word[len(breakMark):])
			first = true
			continue
		}
		if !open {
			startP("p")
			first = true
		}
		switch op.Kind {
		case Insert:
			inserted++
		case Delete:
			deleted++
		}
		if inRun && run != op.Kind {
			b.WriteString(endTag(run))
			inRun = false
		}
		if !first {
			b.WriteString(" ")
		}
		if !inRun && op.Kind != Equal {
			b.WriteString(startTag(op.Kind))
			inRun = true
		}
		run = op.Kind
		b.WriteString(template.HTMLEscapeString(op.Word))
		first = false
	}
	if inRun {
		b.WriteString(endTag(run))
	}
	if open {
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String()), inserted, deleted
}

func startTag(k Kind) string {
	if k == Insert {
		return `<ins class="redline-ins">`
	}
	return `<del class="redline-del">`
}

func endTag(k Kind) string {
	if k == Insert {
		return "</ins>"
	}
	return "</del>"
}
