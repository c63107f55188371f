package render

import (
	"strconv"
	"strings"
)

// The theme's fast pieces write HTML with a writer, escaping each value as
// html/template would at the same place, so that a piece reads the same
// whichever way it is rendered.
type writer struct {
	strings.Builder
	p *Page // the page written, whose links are reported
}

// raw writes s as it is: markup of the piece itself.
func (w *writer) raw(s string) { w.WriteString(s) }

// text writes s as HTML text or as a quoted attribute's value, which
// html/template escapes alike.
func (w *writer) text(s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		w.WriteString(s[start:i])
		w.WriteString(repl)
		start = i + 1
	}
	w.WriteString(s[start:])
}

// int writes a number.
func (w *writer) int(n int) { w.WriteString(strconv.Itoa(n)) }

// link writes the relative link from the page to target, an output path
// with an optional #fragment, as the value of a quoted href, and reports
// it as a link of the page.
func (w *writer) link(target string) {
	w.url(w.p.Rel(target))
}

// anchor writes a link from the page to target (see link) whose words are
// text.
func (w *writer) anchor(target, text string) {
	w.raw(`<a href="`)
	w.link(target)
	w.raw(`">`)
	w.text(text)
	w.raw("</a>")
}

// url writes s as a whole URL attribute's value: html/template's filter
// (a scheme other than http, https or mailto makes it harmless) and
// normalizer, then attribute escaping.
func (w *writer) url(s string) {
	if !isSafeURL(s) {
		w.WriteString("#ZgotmplZ")
		return
	}
	w.percent(s, true)
}

// fragment writes s as the part of a URL after its "#" or "?", every
// reserved character percent-encoded, as html/template does there.
func (w *writer) fragment(s string) { w.percent(s, false) }

// percent percent-encodes the bytes of s that a URL may not hold as they
// are; norm keeps reserved characters and existing escapes. What is left is
// escaped for an attribute.
func (w *writer) percent(s string, norm bool) {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
			continue
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		w.text(s[start:i])
		w.WriteByte('%')
		w.WriteByte(hex[c>>4])
		w.WriteByte(hex[c&15])
		start = i + 1
	}
	w.text(s[start:])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isSafeURL is html/template's test of a URL's scheme.
func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}
