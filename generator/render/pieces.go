package render

import (
	"fmt"
	"html/template"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/govdoc/govdoc/generator/site"
)

// The pieces of a page that cost the most to render, each a partial of the
// built-in theme, are written by Go code when the site does not replace
// the partial (nor a template the partial calls): a template function
// shows each, {{ toc $ }}, {{ sidebar . }} and so on, and the partial's text
// is then not executed but written the same by Go. The partial files stay
// the theme's documentation of each piece and what a site's own file
// replaces.
const (
	sidebarTemplate    = "partials/sidebar.html"
	tocTemplate        = "partials/toc.html"
	backlinksTemplate  = "partials/backlinks.html"
	metadataTemplate   = "partials/metadata.html"
	doctableTemplate   = "partials/doctable.html"
	roleListTemplate   = "partials/role-list.html"
	raciMatrixTemplate = "partials/raci-matrix.html"
	raciTemplate       = "partials/raci.html"
)

// pieceOf names the partial of each piece's template function.
var pieceOf = map[string]string{
	"sidebar":    sidebarTemplate,
	"toc":        tocTemplate,
	"backlinks":  backlinksTemplate,
	"metadata":   metadataTemplate,
	"doctable":   doctableTemplate,
	"roleList":   roleListTemplate,
	"raciMatrix": raciMatrixTemplate,
	"raci":       raciTemplate,

	"registerTable":  registerTableTemplate,
	"reviewsTable":   reviewsTableTemplate,
	"reviewCalendar": reviewCalendarTemplate,
	"ownerReviews":   ownerReviewsTemplate,
	"healthLists":    healthListsTemplate,

	"header":      headerTemplate,
	"footer":      footerTemplate,
	"breadcrumbs": breadcrumbsTemplate,
	"docHeader":   docHeaderTemplate,
	"docPager":    docPagerTemplate,

	"redlineHeader": redlineHeaderTemplate,
}

// pieces lists the partials Go code can write.
var pieces = []string{sidebarTemplate, tocTemplate, backlinksTemplate, metadataTemplate, doctableTemplate, roleListTemplate, raciMatrixTemplate, raciTemplate,
	registerTableTemplate, reviewsTableTemplate, reviewCalendarTemplate, ownerReviewsTemplate, healthListsTemplate,
	headerTemplate, footerTemplate, breadcrumbsTemplate, docHeaderTemplate, docPagerTemplate, redlineHeaderTemplate}

// pieceFuncs are the template functions of the pieces.
func (t *Theme) pieceFuncs() template.FuncMap {
	f := t.tableFuncs()
	maps.Copy(f, t.frameFuncs())
	maps.Copy(f, template.FuncMap{
		"sidebar": t.sidebar,
		"toc": func(p *Page) (template.HTML, error) {
			return t.piece(p, tocTemplate, docOf(p), writeTOC)
		},
		"backlinks": func(p *Page) (template.HTML, error) {
			return t.piece(p, backlinksTemplate, p, writeBacklinks)
		},
		"metadata": func(p *Page) (template.HTML, error) {
			return t.piece(p, metadataTemplate, docOf(p), writeMetadata)
		},
		"doctable": func(dot map[string]any) (template.HTML, error) {
			p, _ := dot["page"].(*Page)
			docs, ok := dot["docs"].([]*site.Document)
			if !ok && dot["docs"] != nil {
				p = nil // not what Go writes: the template shows it
			}
			index, _ := template.IsTrue(dot["index"])
			return t.piece(p, doctableTemplate, dot, func(w *writer) { writeDocTable(w, docs, index) })
		},
		"roleList": func(dot map[string]any) (template.HTML, error) {
			p, _ := dot["page"].(*Page)
			acts, ok := dot["acts"].([]*site.Activity)
			if !ok && dot["acts"] != nil {
				p = nil
			}
			withA, _ := template.IsTrue(dot["accountable"])
			title, _ := dot["title"].(string)
			id, _ := dot["id"].(string)
			return t.piece(p, roleListTemplate, dot, func(w *writer) { writeRoleList(w, title, id, acts, withA) })
		},
		"raciMatrix": func(p *Page) (template.HTML, error) {
			return t.piece(p, raciMatrixTemplate, p, writeRACIMatrix)
		},
		"raci": func(p *Page) (template.HTML, error) {
			return t.piece(p, raciTemplate, p, writeRACI)
		},
	})
	return f
}

// docOf is the document of a document's page, the dot of its partials.
func docOf(p *Page) *site.Document {
	if p == nil {
		return nil
	}
	return p.Doc
}

// piece shows the partial name for the page p: written by Go, or else its
// template executed with dot.
func (t *Theme) piece(p *Page, name string, dot any, write func(w *writer)) (template.HTML, error) {
	return t.pieceSized(p, name, dot, 4<<10, write)
}

// pieceSized is piece for a piece of about size bytes.
func (t *Theme) pieceSized(p *Page, name string, dot any, size int, write func(w *writer)) (template.HTML, error) {
	if p == nil || p.Site == nil || !t.fast[name] {
		return t.execute(p, name, dot)
	}
	w := &writer{p: p}
	w.Grow(size)
	write(w)
	return template.HTML(w.String()), nil
}

// execute executes the template name with dot, in the templates of p's
// kind.
func (t *Theme) execute(p *Page, name string, dot any) (template.HTML, error) {
	set := t.anySet()
	if p != nil && t.pages[p.Kind] != nil {
		set = t.pages[p.Kind]
	}
	if set == nil {
		return "", fmt.Errorf("no template %s", name)
	}
	var b strings.Builder
	err := set.ExecuteTemplate(&b, name, dot)
	return template.HTML(b.String()), err
}

// anySet is a set of templates that holds every partial.
func (t *Theme) anySet() *template.Template {
	for _, k := range kinds {
		if set := t.pages[k]; set != nil {
			return set
		}
	}
	return nil
}

// writeTOC writes partials/toc.html.
func writeTOC(w *writer) {
	d := w.p.Doc
	if d == nil {
		return
	}
	toc := d.TOC()
	if len(toc) == 0 {
		return
	}
	w.raw(`<nav class="toc" aria-labelledby="govdoc-toc"><h2 id="govdoc-toc" class="panel-title">Contents</h2><ul>`)
	item := func(id, text string) {
		w.raw("\n<li><a href=\"#")
		w.fragment(id)
		w.raw(`">`)
		w.text(text)
		w.raw("</a></li>")
		w.p.links.add(w.p.URL, "#"+id)
	}
	for _, h := range toc {
		if h.Level == 2 {
			item(h.ID, h.Text)
			continue
		}
		w.raw("\n<li class=\"toc-h")
		w.int(h.Level)
		w.raw(`"><a href="#`)
		w.fragment(h.ID)
		w.raw(`">`)
		w.text(h.Text)
		w.raw("</a></li>")
		w.p.links.add(w.p.URL, "#"+h.ID)
	}
	if d.Scorecard != nil && !d.Placed("scorecard") {
		item("govdoc-scorecard", "Scorecard")
	}
	if d.HasHistory() && !d.Placed("history") {
		item("govdoc-history", "Document history")
	}
	if len(d.RACI) > 0 && !d.Placed("raci") {
		item("govdoc-raci", "Responsibilities")
	}
	if len(d.ReferencedBy) > 0 {
		item("govdoc-backlinks", "Referenced by")
	}
	w.raw("\n</ul></nav>")
}

// writeBacklinks writes partials/backlinks.html.
func writeBacklinks(w *writer) {
	if w.p.Doc == nil || len(w.p.Doc.ReferencedBy) == 0 {
		return
	}
	w.raw(`<section class="backlinks" aria-labelledby="govdoc-backlinks"><h2 id="govdoc-backlinks" class="panel-title">Referenced by</h2><ul>`)
	for _, d := range w.p.Doc.ReferencedBy {
		w.raw("\n<li><a href=\"")
		w.link(d.URL)
		w.raw(`">`)
		w.text(d.Title)
		w.raw("</a>")
		w.docID(d.ID)
		w.raw("</li>")
	}
	w.raw("\n</ul></section>")
}

// docID writes a document's ID after its title, if it has one.
func (w *writer) docID(id string) {
	if id != "" {
		w.raw(` <span class="doc-id">`)
		w.text(id)
		w.raw("</span>")
	}
}

// writeMetadata writes partials/metadata.html.
func writeMetadata(w *writer) {
	d := w.p.Doc
	if d == nil {
		return
	}
	or := func(s string) {
		if s == "" {
			s = "—"
		}
		w.text(s)
	}
	w.raw(`<section class="metadata" aria-labelledby="govdoc-metadata"><h2 id="govdoc-metadata" class="panel-title">Document control</h2><dl>` + "\n<dt>Document ID</dt><dd class=\"doc-id\">")
	or(d.ID)
	w.raw("</dd>\n<dt>Owner</dt><dd>")
	or(d.Owner)
	w.raw("</dd>\n<dt>Version</dt><dd>")
	or(d.Version)
	w.raw("</dd>\n<dt>Status</dt><dd>")
	if !w.badge("status", d.Status) {
		w.raw("—")
	}
	w.raw("</dd>\n<dt>Classification</dt><dd>")
	if !w.badge("classification", d.Classification) {
		w.raw("—")
	}
	w.raw("</dd>\n<dt>Last update</dt><dd>")
	w.date(d.LastUpdate)
	w.raw("</dd>")
	writeControl(w, d)
	if len(d.Tags) > 0 {
		w.raw("\n<dt>Tags</dt><dd><span class=\"tags\">")
		for i, tag := range d.Tags {
			if i > 0 {
				w.raw(`<span class="visually-hidden">, </span>`)
			}
			w.raw(`<a class="tag" href="`)
			w.link(site.TagURL(tag))
			w.raw(`">`)
			w.text(tag)
			w.raw("</a>")
		}
		w.raw("</span></dd>")
	}
	w.raw("\n</dl></section>")
}

// writeControl writes the document control rows of partials/metadata.html
// that follow Last update: the next review, the approval and the versions
// the document replaces and is replaced by.
func writeControl(w *writer, d *site.Document) {
	if d.NextReview != "" {
		w.raw("\n<dt>Next review</dt><dd>")
		w.date(d.NextReview)
		w.reviewBadge(d.Review)
		w.raw("</dd>")
	}
	if d.ApprovedBy != "" {
		w.raw("\n<dt>Approved by</dt><dd>")
		w.approver(d)
		w.raw("</dd>")
	}
	if d.ApprovalDate != "" {
		w.raw("\n<dt>Approval date</dt><dd>")
		w.date(d.ApprovalDate)
		w.raw("</dd>")
	}
	docs := func(label string, docs ...*site.Document) {
		w.raw("\n<dt>" + label + "</dt><dd>")
		w.docLinks(docs)
		w.raw("</dd>")
	}
	if d.Supersedes != nil {
		docs("Supersedes", d.Supersedes)
	}
	if len(d.SupersededBy) > 0 {
		docs("Superseded by", d.SupersededBy...)
	}
}

// approver writes who approved a document: a link to its role's page when
// it is a role.
func (w *writer) approver(d *site.Document) {
	if r := d.ApprovedRole; r != nil {
		w.anchor(r.URL, r.Name)
	} else {
		w.text(d.ApprovedBy)
	}
}

// docLinks writes links to docs, each with its ID, separated by commas.
func (w *writer) docLinks(docs []*site.Document) {
	for i, o := range docs {
		if i > 0 {
			w.raw(", ")
		}
		w.anchor(o.URL, o.Title)
		w.docID(o.ID)
	}
}

// reviewBadge writes the badge of a review state, after a space, if there
// is one.
func (w *writer) reviewBadge(state string) {
	if state == "" {
		return
	}
	w.raw(` <span class="badge review review-`)
	w.text(state)
	w.raw(`">`)
	w.text(site.ReviewLabel(state))
	w.raw("</span>")
}

// badge writes a status or classification badge, and reports whether there
// was one.
func (w *writer) badge(kind, value string) bool {
	if value == "" {
		return false
	}
	w.raw(`<span class="badge ` + kind + " " + kind + "-")
	w.text(site.Slug(value))
	w.raw(`">`)
	w.text(value)
	w.raw("</span>")
	return true
}

// date writes partials/date.html: an ISO date as a <time> element, else
// the text, or a dash for nothing.
func (w *writer) date(s string) {
	switch {
	case isoDate(s):
		w.raw(`<time datetime="`)
		w.text(s)
		w.raw(`">`)
		w.text(s)
		w.raw("</time>")
	case s == "":
		w.raw("—")
	default:
		w.text(s)
	}
}

// writeDocTable writes partials/doctable.html.
func writeDocTable(w *writer, docs []*site.Document, index bool) {
	if index {
		w.raw(`<div class="table-wrap"><table class="doc-table doc-index" id="doc-index">` + "\n" +
			`<caption class="visually-hidden">Every published document with its ID, title, owner, status, classification, version, last update and next review</caption>` + "\n" +
			`<thead><tr><th scope="col" data-sort="text">ID</th><th scope="col" data-sort="text">Title</th><th scope="col" data-sort="text">Owner</th><th scope="col" data-sort="status">Status</th><th scope="col" data-sort="classification">Classification</th><th scope="col" data-sort="version">Version</th><th scope="col" data-sort="text">Last update</th><th scope="col" data-sort="text">Next review</th></tr></thead>`)
	} else {
		w.raw(`<div class="table-wrap"><table class="doc-table">` + "\n" +
			`<thead><tr><th scope="col">ID</th><th scope="col">Title</th><th scope="col">Owner</th><th scope="col">Status</th><th scope="col">Classification</th><th scope="col">Version</th><th scope="col">Last update</th><th scope="col">Next review</th></tr></thead>`)
	}
	w.raw("\n<tbody>")
	for _, d := range docs {
		w.raw("\n<tr")
		if index {
			w.raw(` data-status="`)
			w.text(d.Status)
			w.raw(`" data-classification="`)
			w.text(d.Classification)
			w.raw(`"`)
		}
		w.raw(`><td class="doc-id">`)
		w.text(d.ID)
		w.raw(`</td><th scope="row"><a href="`)
		w.link(d.URL)
		w.raw(`">`)
		w.text(d.Title)
		w.raw("</a></th><td>")
		w.text(d.Owner)
		w.raw("</td><td>")
		w.badge("status", d.Status)
		w.raw("</td><td>")
		w.badge("classification", d.Classification)
		w.raw("</td><td>")
		w.text(d.Version)
		w.raw("</td><td>")
		w.date(d.LastUpdate)
		w.raw("</td><td>")
		if d.NextReview != "" {
			w.date(d.NextReview)
			w.reviewBadge(d.Review)
		}
		w.raw("</td></tr>")
	}
	w.raw("\n</tbody></table></div>")
}

// writeRoleList writes partials/role-list.html.
func writeRoleList(w *writer, title, id string, acts []*site.Activity, withA bool) {
	w.raw(`<section class="role-part" aria-labelledby="role-`)
	w.text(id)
	w.raw(`"><h2 id="role-`)
	w.text(id)
	w.raw(`">`)
	w.text(title)
	w.raw(` <span class="count">(`)
	w.int(len(acts))
	w.raw(")</span></h2>")
	if len(acts) == 0 {
		w.raw("\n<p class=\"role-none\">None.</p>\n</section>")
		return
	}
	w.raw("\n<div class=\"table-wrap\"><table class=\"role-table\">\n<thead><tr><th scope=\"col\">Activity</th><th scope=\"col\">Document</th><th scope=\"col\">Section</th>")
	if withA {
		w.raw(`<th scope="col">Accountable</th>`)
	}
	w.raw("</tr></thead>\n<tbody>")
	for _, a := range acts {
		w.raw("\n<tr><th scope=\"row\">")
		w.text(a.Name)
		w.raw(`</th><td><a href="`)
		w.link(a.Doc.URL)
		w.raw(`">`)
		w.text(a.Doc.Title)
		w.raw("</a>")
		w.docID(a.Doc.ID)
		w.raw("</td><td>")
		w.text(a.Doc.Section.Title)
		w.raw("</td>")
		if withA {
			w.raw("<td>")
			for i, r := range a.A {
				if i > 0 {
					w.raw(", ")
				}
				if r == w.p.Role {
					w.text(r.Name)
					continue
				}
				w.anchor(r.URL, r.Name)
			}
			if len(a.A) == 0 {
				w.raw(`<span class="role-none">none</span>`)
			}
			w.raw("</td>")
		}
		w.raw("</tr>")
	}
	w.raw("\n</tbody></table></div>\n</section>")
}

// raciWords are the words of a matrix's letters.
var raciWords = map[string]string{"R": "Responsible", "A": "Accountable", "C": "Consulted", "I": "Informed"}

// writeRACIMatrix writes partials/raci-matrix.html.
func writeRACIMatrix(w *writer) {
	roles := w.p.Site.Roles
	cols := len(roles) + 1
	w.raw(`<div class="table-wrap raci-wrap raci-site" tabindex="0" aria-label="Responsibility matrix; scrolls in both directions"><table class="raci-table" id="raci-matrix">` + "\n" +
		`<caption class="visually-hidden">Every activity by every role</caption>` + "\n" +
		`<thead><tr><th scope="col" class="raci-activity">Activity</th>`)
	for _, r := range roles {
		w.raw("\n<th scope=\"col\" data-role=\"")
		w.text(r.Slug)
		w.raw(`" data-names="`)
		w.text(strings.ToLower(r.ID))
		w.raw("|")
		w.text(strings.ToLower(r.Name))
		for _, a := range r.Aliases {
			w.raw("|")
			w.text(strings.ToLower(a))
		}
		w.raw(`"><a href="`)
		w.link(r.URL)
		w.raw(`" title="`)
		w.text(r.Name)
		if len(r.Aliases) > 0 {
			w.raw(" (")
			w.text(strings.Join(r.Aliases, ", "))
			w.raw(")")
		}
		w.raw(`">`)
		w.roleHead(r)
		w.raw("</a></th>")
	}
	w.raw("\n</tr></thead>")
	letters := make([]string, len(roles))
	for _, g := range w.p.Site.RACIBySection() {
		w.raw("\n<tbody data-section=\"")
		w.text(g.Section.Dir)
		w.raw("\">\n<tr class=\"raci-group raci-section-row\"><th scope=\"rowgroup\" colspan=\"")
		w.int(cols)
		w.raw(`"><span class="raci-group-label">`)
		w.text(g.Section.Title)
		w.raw("</span></th></tr>")
		for _, d := range g.Documents {
			w.raw("\n<tr class=\"raci-group raci-doc-row\"><th scope=\"rowgroup\" colspan=\"")
			w.int(cols)
			w.raw(`"><span class="raci-group-label"><a href="`)
			w.link(d.URL)
			w.raw(`">`)
			w.text(d.Title)
			w.raw("</a>")
			w.docID(d.ID)
			w.raw("</span></th></tr>")
			for _, a := range d.RACI {
				for i, r := range roles {
					letters[i] = a.Letters(r)
				}
				w.raw("\n<tr class=\"raci-row\" data-roles=\"")
				first := true
				for i, r := range roles {
					if letters[i] == "" {
						continue
					}
					if !first {
						w.raw(" ")
					}
					first = false
					w.text(r.Slug)
				}
				w.raw(`"><th scope="row">`)
				w.text(a.Name)
				w.raw("</th>")
				w.raciCells(letters)
				w.raw("</tr>")
			}
		}
		w.raw("\n</tbody>")
	}
	w.raw("\n</table></div>")
}

// roleHead writes partials/role-head.html: a role's name in a matrix's
// column header.
func (w *writer) roleHead(r *site.Role) {
	short := r.Short()
	if short == r.Name {
		w.text(r.Name)
		return
	}
	w.raw(`<span class="role-short" aria-hidden="true">`)
	w.text(short)
	w.raw(`</span><span class="visually-hidden">`)
	w.text(r.Name)
	w.raw(`</span>`)
}

// raciCells writes the cells of a matrix's row, each with a role's letters.
func (w *writer) raciCells(letters []string) {
	for _, l := range letters {
		if l == "" {
			w.raw("<td></td>")
			continue
		}
		w.raw(`<td class="`)
		words := ""
		for i, c := range strings.Split(l, "/") {
			if i > 0 {
				w.raw(" ")
				words += ", "
			}
			w.raw("raci-")
			w.text(strings.ToLower(c))
			words += raciWords[c]
		}
		w.raw(`"><abbr title="`)
		w.text(words)
		w.raw(`">`)
		w.text(l)
		w.raw("</abbr></td>")
	}
}

// raciLegend is partials/raci-legend.html.
const raciLegend = `<dl class="raci-legend" aria-label="Key to the letters">
<div><dt class="raci-r"><abbr title="Responsible">R</abbr></dt><dd>Responsible: does the work</dd></div>
<div><dt class="raci-a"><abbr title="Accountable">A</abbr></dt><dd>Accountable: answers for it and signs off; exactly one role</dd></div>
<div><dt class="raci-c"><abbr title="Consulted">C</abbr></dt><dd>Consulted: gives input before</dd></div>
<div><dt class="raci-i"><abbr title="Informed">I</abbr></dt><dd>Informed: is told after</dd></div>
</dl>`

// writeRACI writes partials/raci.html: a document's matrix.
func writeRACI(w *writer) {
	d := w.p.Doc
	if d == nil || len(d.RACI) == 0 {
		return
	}
	roles := d.RACIRoles(w.p.Site.Roles)
	w.raw("\n<section class=\"raci\" aria-labelledby=\"govdoc-raci\">\n<h2 id=\"govdoc-raci\">Responsibilities</h2>\n" +
		`<div class="table-wrap raci-wrap raci-document" tabindex="0" aria-label="Responsibility matrix of `)
	w.text(d.Title)
	w.raw("\"><table class=\"raci-table\">\n<caption class=\"visually-hidden\">Responsibility matrix of ")
	w.text(d.Title)
	w.raw(": activities by role</caption>\n<thead><tr><th scope=\"col\" class=\"raci-activity\">Activity</th>")
	for _, r := range roles {
		w.raw("\n<th scope=\"col\" data-role=\"")
		w.text(r.Slug)
		w.raw(`"><a href="`)
		w.link(r.URL)
		w.raw(`" title="`)
		w.text(r.Name)
		w.raw(`">`)
		w.roleHead(r)
		w.raw("</a></th>")
	}
	w.raw("\n</tr></thead>\n<tbody>")
	letters := make([]string, len(roles))
	for _, a := range d.RACI {
		for i, r := range roles {
			letters[i] = a.Letters(r)
		}
		w.raw("\n<tr class=\"raci-row\"><th scope=\"row\">")
		w.text(a.Name)
		w.raw("</th>")
		w.raciCells(letters)
		w.raw("</tr>")
	}
	w.raw("\n</tbody></table></div>\n" + raciLegend + "\n</section>")
}

// sidebarKey names one rendering of the built-in sidebar: the documents of a
// section share it, window by window, as their links to it are the same.
type sidebarKey struct {
	section *site.Section
	window  int
	parent  string // the folder above the page's own, which its links start from
}

// sharedSidebar is a sidebar that the documents of a window share.
type sharedSidebar struct {
	html  string
	links *SharedLinks
}

// sidebar shows the sidebar partial for p; it is the template function
// {{ sidebar . }}. A section with thousands of documents would otherwise
// spend much of a build on the same navigation, so the built-in sidebar of
// a document page is written once per window of its section and the
// current document is then marked in a copy.
func (t *Theme) sidebar(p *Page) (template.HTML, error) {
	if !t.fast[sidebarTemplate] {
		return t.execute(p, sidebarTemplate, p)
	}
	if sh, own, ok := t.shared(p, true); ok {
		if p.links != nil {
			p.links.sidebar = sh.links
		}
		return template.HTML(own), nil
	}
	w := &writer{p: p}
	writeSidebar(w)
	return template.HTML(w.String()), nil
}

// SharedSidebar returns, for a document page rendered with the built-in
// sidebar, the sidebar it shares with the other documents of its window and
// its own copy, in which its document is marked current; ok is false when
// the page has a sidebar of its own. A link the shared sidebar holds means
// the same on each of those pages, so it need be checked once.
func (t *Theme) SharedSidebar(p *Page) (shared, own string, ok bool) {
	sh, own, ok := t.shared(p, false)
	return sh.html, own, ok
}

// shared returns p's shared and own sidebar, writing the shared one if
// asked to and it is not written yet.
func (t *Theme) shared(p *Page, render bool) (shared sharedSidebar, own string, ok bool) {
	if t.sidebars == nil || p.Kind != KindDocument || p.Doc == nil || p.Site == nil {
		return sharedSidebar{}, "", false
	}
	parent := path.Dir(path.Dir(p.URL))
	key := sidebarKey{p.Section, p.window(p.Section), parent}
	// The shared copy is written as if for a page beside the documents, so
	// that it links to each of them the same way.
	beside := path.Join(parent, "~", "index.html")
	cached, found := t.sidebars.Load(key)
	if !found {
		if !render {
			return sharedSidebar{}, "", false
		}
		sh := *p
		sh.Doc, sh.navDoc, sh.URL, sh.links = nil, p.Doc, beside, &linkSet{}
		w := &writer{p: &sh}
		writeSidebar(w)
		cached, _ = t.sidebars.LoadOrStore(key, sharedSidebar{w.String(), &SharedLinks{Targets: sh.links.links()}})
	}
	shared = cached.(sharedSidebar)
	link := (&writer{p: &Page{URL: beside}}).hrefOf(p.Doc.URL)
	i := strings.Index(shared.html, link)
	if i < 0 {
		return sharedSidebar{}, "", false
	}
	current := (&writer{p: &Page{URL: p.URL}}).hrefOf(p.Doc.URL)
	current = current[:len(current)-1] + ` aria-current="page">`
	return shared, shared.html[:i] + current + shared.html[i+len(link):], true
}

// hrefOf is the attribute href="..."> that links the page to target.
func (w *writer) hrefOf(target string) string {
	w.raw(`href="`)
	w.url(Rel(w.p.URL, target))
	w.raw(`">`)
	return w.String()
}

// writeSidebar writes partials/sidebar.html.
func writeSidebar(w *writer) {
	p := w.p
	current := func(yes bool) {
		if yes {
			w.raw(` aria-current="page"`)
		}
	}
	w.raw(`<nav class="sidebar" id="site-nav" aria-label="Sections"><div class="sidebar-inner"><a class="menu-close" href="#main">Close menu</a><ul class="sidebar-sections">` + "\n<li><a href=\"")
	w.link("index.html")
	w.raw(`"`)
	current(p.Kind == KindHome)
	w.raw(">Home</a></li>")
	var ancestors []*site.Section
	if p.Section != nil {
		ancestors = p.Section.Ancestors()
	}
	for _, sec := range p.Site.Root.Sections {
		open := p.Section != nil && (p.Section == sec || slices.Contains(ancestors, sec))
		w.raw("\n<li")
		if open {
			w.raw(` class="is-open"`)
		}
		w.raw(`><a href="`)
		w.link(sec.URL)
		w.raw(`"`)
		current(p.Kind == KindSection && p.Section == sec)
		w.raw(">")
		w.text(sec.Title)
		w.raw("</a>")
		if open {
			win := p.Sidebar(sec)
			w.raw("<ul>")
			more := func(n int, what string) {
				w.raw("\n<li class=\"sidebar-more\"><a href=\"")
				w.link(sec.URL)
				w.raw(`">`)
				w.int(n)
				w.raw(what)
				if n != 1 {
					w.raw("s")
				}
				w.raw(" in ")
				w.text(sec.Title)
				w.raw("</a></li>")
			}
			if win.Before > 0 {
				more(win.Before, " earlier document")
			}
			item := func(url string, isCurrent bool, title string) {
				w.raw("\n<li><a href=\"")
				w.link(url)
				w.raw(`"`)
				current(isCurrent)
				w.raw(">")
				w.text(title)
				w.raw("</a></li>")
			}
			for _, d := range win.Documents {
				item(d.URL, p.Doc == d, d.Title)
			}
			if win.After > 0 {
				more(win.After, " more document")
			}
			for _, sub := range sec.Sections {
				item(sub.URL, p.Kind == KindSection && p.Section == sub, sub.Title)
			}
			w.raw("\n</ul>")
		}
		w.raw("</li>")
	}
	w.raw("\n</ul>\n<ul class=\"sidebar-extra\">")
	extra := func(target, title string, yes bool) {
		w.raw("\n<li><a href=\"")
		w.link(target)
		w.raw(`"`)
		current(yes)
		w.raw(">" + title + "</a></li>")
	}
	extra(DocumentsURL, "All documents", p.Kind == KindDocuments)
	extra(RegisterURL, "Register", p.Kind == KindRegister)
	extra(ReviewsURL, "Reviews", p.Kind == KindReviews)
	if len(p.Site.Tags) > 0 {
		extra(TagsURL, "Tags", p.Kind == KindTags || p.Kind == KindTag)
	}
	if p.Site.HasResponsibilities() {
		extra(ResponsibilitiesURL, "Responsibilities", p.Kind == KindResponsibilities)
		extra(RolesURL, "Roles", p.Kind == KindRoles || p.Kind == KindRole)
	}
	extra(OwnersURL, "Owners", p.Kind == KindOwners || p.Kind == KindOwner)
	extra(ScorecardsURL, "Scorecards", p.Kind == KindScorecards || p.Kind == KindHealth)
	extra(ChangesURL, "Changes", p.Kind == KindChanges)
	w.raw("\n</ul></div></nav>")
}
