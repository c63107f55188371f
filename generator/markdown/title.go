package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// maxTitleBlock bounds the first block LeadingTitle reads.
const maxTitleBlock = 4096

// LeadingTitle returns the text of the H1 (# or ===) that opens body, as a
// title shows it: without its markup, "# **Access Control**" reading
// "Access Control". It is "" when the body opens with anything else. It
// reads only the body's first block, and is the Title that Render and Scan
// find when there is no other title.
func (r *Renderer) LeadingTitle(body []byte) string {
	for len(body) > 0 {
		line, rest, _ := bytes.Cut(body, []byte("\n"))
		if len(bytes.TrimSpace(line)) > 0 {
			break
		}
		body = rest
	}
	if len(body) == 0 {
		return ""
	}
	block := body
	if i := bytes.Index(block, []byte("\n\n")); i >= 0 {
		block = block[:i+1]
	}
	if j := bytes.Index(block, []byte("\n\r\n")); j >= 0 {
		block = block[:j+1]
	}
	if len(block) > maxTitleBlock {
		return ""
	}
	if t, ok := plainATXTitle(block); ok {
		return t
	}
	if !bytes.HasPrefix(bytes.TrimLeft(block, " "), []byte("#")) && !bytes.Contains(block, []byte("=")) {
		return ""
	}
	doc := r.md.Parser().Parse(text.NewReader(block))
	if h, ok := doc.FirstChild().(*ast.Heading); ok && h.Level == 1 {
		return plainText(h, block)
	}
	return ""
}

// plainATXTitle reads a one-line "# Title" without any character that
// could be markup, as most titles are, without parsing it.
func plainATXTitle(block []byte) (string, bool) {
	line, rest, _ := bytes.Cut(block, []byte("\n"))
	if len(bytes.TrimSpace(rest)) > 0 || !bytes.HasPrefix(line, []byte("# ")) || bytes.ContainsAny(line, "\\`*_[<&~{") {
		return "", false
	}
	t := strings.TrimSpace(string(line[2:]))
	if s := strings.TrimRight(t, "#"); s != t && (s == "" || strings.HasSuffix(s, " ") || strings.HasSuffix(s, "\t")) {
		t = strings.TrimSpace(s) // a closing sequence
	}
	return t, true
}
