package render

import (
	"html/template"
	"strings"
)

// The frame of every page, its header, breadcrumbs and footer, is a set of
// pieces too: each is written for tens of thousands of pages in a large
// handbook.
const (
	headerTemplate      = "partials/header.html"
	footerTemplate      = "partials/footer.html"
	breadcrumbsTemplate = "partials/breadcrumbs.html"
)

// frameFuncs are the template functions of the frame's pieces.
func (t *Theme) frameFuncs() template.FuncMap {
	return template.FuncMap{
		"header": func(p *Page) (template.HTML, error) {
			return t.pieceSized(withOrg(p), headerTemplate, p, 1<<10, writeHeader)
		},
		"footer": func(p *Page) (template.HTML, error) {
			return t.pieceSized(withOrg(p), footerTemplate, p, 512, writeFooter)
		},
		"breadcrumbs": func(p *Page) (template.HTML, error) {
			return t.pieceSized(p, breadcrumbsTemplate, p, 512, writeBreadcrumbs)
		},
		"docHeader": func(p *Page) (template.HTML, error) {
			return t.pieceSized(p, docHeaderTemplate, p, 1<<10, writeDocHeader)
		},
		"docPager": func(p *Page) (template.HTML, error) {
			return t.pieceSized(p, docPagerTemplate, p, 1<<10, writeDocPager)
		},
		"redlineHeader": func(p *Page) (template.HTML, error) {
			return t.pieceSized(p, redlineHeaderTemplate, p, 1<<10, writeRedlineHeader)
		},
	}
}

// withOrg returns p, or nil when the site's meta organization is a value
// other than text, which the template shows as it prints any value.
func withOrg(p *Page) *Page {
	if p == nil || p.Site == nil {
		return nil
	}
	if v, ok := p.Site.Config.Meta["organization"]; ok && v != nil {
		if _, text := v.(string); !text {
			return nil
		}
	}
	return p
}

// org is the site's meta organization, "" for none.
func org(p *Page) string {
	s, _ := p.Site.Config.Meta["organization"].(string)
	return s
}

// writeHeader writes partials/header.html.
func writeHeader(w *writer) {
	p := w.p
	w.raw(`<header class="site-header"><div class="site-header-inner">` + "\n" + `<a class="site-title" href="`)
	w.link("index.html")
	w.raw(`"><span>`)
	w.text(p.Site.Config.Title)
	w.raw("</span></a>")
	if o := org(p); o != "" {
		w.raw("\n<span class=\"site-org\">")
		w.text(o)
		w.raw("</span>")
	}
	w.raw("\n" + `<a class="menu-button" href="#site-nav" aria-controls="site-nav">Menu</a>` + "\n" +
		`<div class="site-tools">` + "\n" +
		`<div class="site-search" role="search" aria-label="Search the handbook" data-root="`)
	w.text(strings.TrimSuffix(p.Root(), "index.html"))
	w.raw(`" data-index="`)
	w.text(p.Rel("search-index.js"))
	w.raw(`" hidden></div>` + "\n" +
		`<button type="button" class="theme-toggle" aria-pressed="false" title="Dark theme" hidden><span class="visually-hidden">Dark theme</span></button>` + "\n" +
		"</div>\n</div></header>\n")
}

// writeFooter writes partials/footer.html.
func writeFooter(w *writer) {
	s := w.p.Site
	w.raw("<footer class=\"site-footer\">\n<p>")
	w.text(s.Config.Title)
	if o := org(w.p); o != "" {
		w.raw(" · ")
		w.text(o)
	}
	w.raw("</p>\n<p class=\"build\">Built with govdoc ")
	w.text(s.Version)
	if c := s.Commit; c != nil {
		w.raw(` from commit <code title="`)
		w.text(c.Hash)
		w.raw(`">`)
		w.text(c.Short())
		w.raw("</code>")
		if !c.Date.IsZero() {
			w.raw(" of ")
			w.date(c.Date.Format("2006-01-02"))
		}
	}
	w.raw("</p>\n</footer>")
}

// writeBreadcrumbs writes partials/breadcrumbs.html.
func writeBreadcrumbs(w *writer) {
	p := w.p
	item := func(target, title string) {
		w.raw("\n<li><a href=\"")
		w.link(target)
		w.raw(`">`)
		w.text(title)
		w.raw("</a></li>")
	}
	w.raw(`<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>` + "\n" + `<li><a href="`)
	w.link("index.html")
	w.raw(`">Home</a></li>`)
	if p.Section != nil {
		for _, a := range p.Section.Ancestors() {
			item(a.URL, a.Title)
		}
	}
	if p.Role != nil {
		item(RolesURL, "Roles")
	}
	if p.Kind == KindOwner {
		item(OwnersURL, "Owners")
	}
	if p.Scorecard != nil || p.Kind == KindPresent {
		item(ScorecardsURL, "Scorecards")
	}
	if p.Tag != nil {
		item(TagsURL, "Tags")
	}
	if p.Doc != nil && p.Section != nil && !p.Section.IsRoot() {
		item(p.Section.URL, p.Section.Title)
	}
	w.raw("\n<li aria-current=\"page\">")
	w.text(p.Title)
	w.raw("</li>\n</ol></nav>\n")
}
