package pdf

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/generator/site"
)

// book holds the pages made for printing: each document alone, the front
// matter (cover and contents) and the whole handbook. A document's page
// holds the article of its page in the built site, with the theme's
// stylesheet, so it prints as the browser prints it, without the site's
// navigation; its links are rewritten for paper (see rewrite).
type book struct {
	title, organization, version, audience, lang, date string
	base                                               string // the site's base URL when it is http(s), else ""
	docs                                               []*entry
	byURL                                              map[string]int // a document's page path ("/governance/x/index.html") to its index
}

// entry is a document of the book.
type entry struct {
	doc     *site.Document
	article *html.Node
	pages   int           // of its own PDF, once printed
	took    time.Duration // to print it
}

// newBook reads the article of every published document from the built
// files, in the handbook's order: the documents at the top, then each
// section's, depth first.
func newBook(s *site.Site, files *output.Memory, date time.Time) (*book, error) {
	cfg := s.Config
	b := &book{
		title:    cfg.Title,
		audience: cfg.Audience,
		lang:     cfg.Language,
		date:     date.Format(time.DateOnly),
		byURL:    map[string]int{},
	}
	if v, ok := cfg.Meta["organization"].(string); ok {
		b.organization = v
	}
	if v, ok := cfg.Meta["version"].(string); ok {
		b.version = v
	}
	if strings.HasPrefix(cfg.BaseURL, "http://") || strings.HasPrefix(cfg.BaseURL, "https://") {
		b.base = cfg.BaseURL
	}
	for _, d := range order(s) {
		page, ok := files.File(d.URL)
		if !ok {
			return nil, fmt.Errorf("%s: the build wrote no page %s", d.Path, d.URL)
		}
		doc, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			return nil, fmt.Errorf("%s: reading its page: %w", d.URL, err)
		}
		article := find(doc, func(n *html.Node) bool {
			return n.DataAtom == atom.Article && slices.Contains(strings.Fields(attr(n, "class")), "document")
		})
		if article == nil {
			return nil, fmt.Errorf("%s: its page has no <article class=\"document\">; a site's templates/document.html must keep it for printing", d.URL)
		}
		article.Parent.RemoveChild(article)
		b.byURL["/"+d.URL] = len(b.docs)
		b.docs = append(b.docs, &entry{doc: d, article: article})
	}
	return b, nil
}

// order lists the published documents of s in the handbook's order.
func order(s *site.Site) []*site.Document {
	published := make(map[*site.Document]bool, len(s.Documents))
	for _, d := range s.Documents {
		published[d] = true
	}
	var docs []*site.Document
	take := func(sec *site.Section) {
		for _, d := range sec.Documents {
			if published[d] {
				docs = append(docs, d)
				delete(published, d)
			}
		}
	}
	if s.Root != nil {
		take(s.Root)
		for _, sec := range s.Sections() {
			take(sec)
		}
	}
	for _, d := range s.Documents { // in no section the tree holds
		if published[d] {
			docs = append(docs, d)
		}
	}
	return docs
}

// docPage is the page of document i alone.
func (b *book) docPage(i int) []byte {
	var body, rules strings.Builder
	b.writeDoc(&body, &rules, i, false)
	return b.page(b.docs[i].doc.Title, rules.String(), body.String())
}

// frontPage is the cover and contents alone, with the page each document
// starts on, or placeholders as wide when starts is nil.
func (b *book) frontPage(starts []int) []byte {
	var body, rules strings.Builder
	b.writeFront(&body, &rules, starts)
	return b.page(b.title, rules.String(), body.String())
}

// handbookPage is the whole handbook: cover, contents and every document.
func (b *book) handbookPage(starts []int) []byte {
	var body, rules strings.Builder
	b.writeFront(&body, &rules, starts)
	for i := range b.docs {
		b.writeDoc(&body, &rules, i, true)
	}
	return b.page(b.title, rules.String(), body.String())
}

// page is a printable page with the theme's stylesheet, the rules given
// and the body.
func (b *book) page(title, rules, body string) []byte {
	var w bytes.Buffer
	fmt.Fprintf(&w, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n", stdhtml.EscapeString(b.lang), stdhtml.EscapeString(title))
	w.WriteString("<link rel=\"stylesheet\" href=\"/css/govdoc.css\">\n<style>\n" + printRules + rules + "</style>\n</head>\n")
	w.WriteString("<body class=\"page-document govdoc-print\">\n<main id=\"main\">\n" + body + "</main>\n</body>\n</html>\n")
	return w.Bytes()
}

// printRules lay out what only the printed pages have: the cover and the
// contents. Each document is a named page (see writeDoc), so it starts on
// a new page and carries its own running head.
const printRules = `@page govdoc-cover {
  @top-left { content: none; }
  @top-right { content: none; }
  @bottom-left { content: none; }
  @bottom-right { content: none; }
}
.govdoc-cover { page: govdoc-cover; padding-top: 30vh; }
.govdoc-cover h1 { font-size: 28pt; margin: 0 0 1rem; }
.govdoc-cover p { font-size: 13pt; margin: 0.25rem 0; }
.govdoc-contents { page: govdoc-contents; }
.govdoc-contents table { width: 100%; border-collapse: collapse; font-size: 10pt; }
.govdoc-contents th, .govdoc-contents td { text-align: left; padding: 0.2rem 0.4rem; border-bottom: 1px solid #999; vertical-align: top; }
.govdoc-contents .contents-section th { padding-top: 0.75rem; font-size: 11pt; border-bottom: 1px solid #000; }
.govdoc-contents td.contents-page { text-align: right; white-space: nowrap; }
.govdoc-contents td.contents-id { white-space: nowrap; }
`

// writeFront writes the cover and the contents.
func (b *book) writeFront(body, rules *strings.Builder, starts []int) {
	fmt.Fprintf(rules, "@page govdoc-contents {\n  @top-left { content: %s; }\n  @top-right { content: %s; }\n}\n",
		cssString(b.title), cssString(b.audience))
	esc := stdhtml.EscapeString
	body.WriteString("<section class=\"govdoc-cover\">\n<h1>" + esc(b.title) + "</h1>\n")
	if b.organization != "" {
		body.WriteString("<p class=\"cover-organization\">" + esc(b.organization) + "</p>\n")
	}
	if b.version != "" {
		body.WriteString("<p class=\"cover-version\">Version " + esc(b.version) + "</p>\n")
	}
	body.WriteString("<p class=\"cover-date\">" + esc(b.date) + "</p>\n")
	if b.audience != "" {
		fmt.Fprintf(body, "<p class=\"cover-audience\">Audience: %s (the documents classified %s or below)</p>\n", esc(b.audience), esc(b.audience))
	}
	fmt.Fprintf(body, "<p class=\"cover-count\">%d document%s</p>\n</section>\n", len(b.docs), plural(len(b.docs)))

	body.WriteString("<section class=\"govdoc-contents\">\n<h1>Contents</h1>\n<table>\n<thead><tr><th scope=\"col\">Document ID</th><th scope=\"col\">Title</th><th scope=\"col\">Version</th><th scope=\"col\">Page</th></tr></thead>\n<tbody>\n")
	var section *site.Section
	width := len(strconv.Itoa(len(b.docs) * 50))
	for i, e := range b.docs {
		d := e.doc
		if d.Section != section {
			section = d.Section
			if section != nil && !section.IsRoot() {
				body.WriteString("<tr class=\"contents-section\"><th colspan=\"4\" scope=\"rowgroup\">" + esc(section.Title) + "</th></tr>\n")
			}
		}
		page := strings.Repeat("0", width)
		if starts != nil {
			page = strconv.Itoa(starts[i])
		}
		fmt.Fprintf(body, "<tr><td class=\"contents-id\">%s</td><td><a href=\"#%s\">%s</a></td><td>%s</td><td class=\"contents-page\">%s</td></tr>\n",
			esc(d.ID), docAnchor(i), esc(d.Title), esc(d.Version), page)
	}
	body.WriteString("</tbody>\n</table>\n</section>\n")
}

// writeDoc writes document i as a named page of its own, whose head
// carries its ID, version and classification. In the handbook its IDs are
// made unique and its links to other documents lead to them in the
// handbook.
func (b *book) writeDoc(body, rules *strings.Builder, i int, handbook bool) {
	d := b.docs[i].doc
	name := docAnchor(i)
	head := d.ID
	if head == "" {
		head = d.Title
	}
	if d.Version != "" {
		head += " · Version " + d.Version
	}
	fmt.Fprintf(rules, "@page %s {\n  @top-left { content: %s; }\n  @top-right { content: %s; }\n}\n#%s { page: %s; }\n",
		name, cssString(head), cssString(d.Classification), name, name)
	article := cloneTree(b.docs[i].article)
	b.rewrite(article, i, handbook)
	fmt.Fprintf(body, "<div class=\"govdoc-print-doc\" id=\"%s\">\n", name)
	var w bytes.Buffer
	_ = html.Render(&w, article) // writes to memory: no error
	body.Write(w.Bytes())
	body.WriteString("\n</div>\n")
}

// docAnchor is the ID, and the page's name, of document i in the printed
// pages.
func docAnchor(i int) string { return "govdoc-doc-" + strconv.Itoa(i) }

// rewrite makes the links of document i's article work on paper. Links to
// places in the document stay; in the handbook, its IDs get a prefix so
// that they are unique, and links to other documents lead to them in the
// handbook. Elsewhere, links to other pages of the site lead to the
// published site when its base URL is an http(s) address, and are
// otherwise plain text. Images are fetched from the built site.
func (b *book) rewrite(article *html.Node, i int, handbook bool) {
	prefix := ""
	if handbook {
		prefix = fmt.Sprintf("d%d-", i)
	}
	page := &url.URL{Path: "/" + b.docs[i].doc.URL}
	walk(article, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		for k := range n.Attr {
			a := &n.Attr[k]
			switch a.Key {
			case "id":
				a.Val = prefix + a.Val
			case "aria-labelledby", "aria-describedby", "aria-controls", "headers", "for":
				ids := strings.Fields(a.Val)
				for j := range ids {
					ids[j] = prefix + ids[j]
				}
				a.Val = strings.Join(ids, " ")
			case "src":
				if u, err := page.Parse(a.Val); err == nil && u.Scheme == "" && u.Host == "" {
					a.Val = u.String()
				}
			}
		}
		if n.DataAtom == atom.A && hasAttr(n, "href") {
			href, keep := b.link(page, attr(n, "href"), i, prefix, handbook)
			if keep {
				setAttr(n, "href", href)
			} else {
				removeAttr(n, "href")
			}
		}
	})
}

// link is where a link of document i's article leads on paper, and
// whether it stays a link.
func (b *book) link(page *url.URL, href string, i int, prefix string, handbook bool) (string, bool) {
	u, err := page.Parse(href)
	switch {
	case err != nil:
		return "", false
	case u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto":
		return "", false
	case strings.HasPrefix(href, "#"):
		return "#" + prefix + u.Fragment, true
	case u.Scheme != "" || u.Host != "":
		return href, true // outside the site
	}
	target := u.Path
	if strings.HasSuffix(target, "/") {
		target += "index.html"
	}
	if j, ok := b.byURL[target]; ok {
		switch {
		case j == i && u.Fragment != "":
			return "#" + prefix + u.Fragment, true
		case handbook && u.Fragment != "":
			return fmt.Sprintf("#d%d-%s", j, u.Fragment), true
		case handbook || j == i:
			return "#" + docAnchor(j), true
		}
	}
	if b.base == "" {
		return "", false
	}
	abs := strings.TrimSuffix(b.base, "/") + strings.TrimSuffix(path.Clean(target), "index.html")
	if u.Fragment != "" {
		abs += "#" + u.Fragment
	}
	return abs, true
}

// cssString is s as a CSS string, quoted, with the characters that could
// end it or the style element escaped.
func cssString(s string) string {
	var w strings.Builder
	w.WriteByte('"')
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7f || r == '"' || r == '\\' || r == '<' || r == '>' || r == '&':
			fmt.Fprintf(&w, "\\%x ", r)
		default:
			w.WriteRune(r)
		}
	}
	w.WriteByte('"')
	return w.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// find returns the first node below n, n included, that match reports.
func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, match); f != nil {
			return f
		}
	}
	return nil
}

// walk calls visit with n and every node below it.
func walk(n *html.Node, visit func(*html.Node)) {
	visit(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, visit)
	}
}

// cloneTree copies n and everything below it.
func cloneTree(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace, Attr: slices.Clone(n.Attr)}
	for child := n.FirstChild; child != nil; child = child.NextSibling {
		c.AppendChild(cloneTree(child))
	}
	return c
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == key && a.Namespace == "" })
}

func setAttr(n *html.Node, key, val string) {
	for k := range n.Attr {
		if n.Attr[k].Key == key && n.Attr[k].Namespace == "" {
			n.Attr[k].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

func removeAttr(n *html.Node, key string) {
	n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool { return a.Key == key && a.Namespace == "" })
}
