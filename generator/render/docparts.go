package render

import (
	"strings"

	"github.com/govdoc/govdoc/generator/site"
)

// A document page's header and pager are pieces too: ten thousand
// documents make ten thousand of each.
const (
	docHeaderTemplate = "partials/doc-header.html"
	docPagerTemplate  = "partials/doc-pager.html"
)

// writeDocHeader writes partials/doc-header.html.
func writeDocHeader(w *writer) {
	d := w.p.Doc
	if d == nil {
		return
	}
	w.raw("<header class=\"doc-header\">\n<h1")
	if d.TitleID != "" {
		w.raw(` id="`)
		w.text(d.TitleID)
		w.raw(`"`)
	}
	w.raw(">")
	if d.TitleHTML != "" {
		w.raw(string(d.TitleHTML))
	} else {
		w.text(d.Title)
	}
	w.raw("</h1>\n<p class=\"badges\">")
	writeBadges(w, d)
	if d.Version != "" || d.LastUpdate != "" {
		w.raw(` <span class="doc-facts">`)
		status := strings.ToLower(d.Status)
		if approved := d.Approved(); d.Version != "" && status == "approved" && approved != "" {
			w.raw("Version ")
			w.text(d.Version)
			w.raw(", approved on ")
			w.date(approved)
		} else {
			if d.Version != "" {
				w.raw("Version ")
				w.text(d.Version)
			}
			if d.Version != "" && d.LastUpdate != "" {
				w.raw(" · ")
			}
			if d.LastUpdate != "" {
				w.raw("Last updated ")
				w.date(d.LastUpdate)
			}
		}
		if d.HasHistory() {
			w.raw(` · <a href="#govdoc-history">History</a>`)
			w.p.links.add(w.p.URL, "#govdoc-history")
		}
		if len(d.Redlines) > 0 {
			if from := d.Redlines[0].From; from != nil {
				w.raw(` · <a href="`)
				w.link(d.Redlines[0].URL)
				w.raw(`">Changes since `)
				w.text(from.Version)
				w.raw("</a>")
			}
		}
		if edit := w.p.Site.Config.Repository.EditURL(d.Path); edit != "" {
			w.raw(` · <a href="`)
			w.url(edit)
			w.raw(`" rel="nofollow">Edit this page</a>`)
		}
		w.raw("</span>")
	}
	w.raw("</p>\n</header>")
	switch strings.ToLower(d.Status) {
	case "draft":
		w.raw("\n" + `<div class="banner banner-draft" role="note"><p><strong>Draft.</strong> This document is not approved yet and may change.</p></div>`)
	case "retired":
		w.raw("\n" + `<div class="banner banner-retired" role="note"><p><strong>Retired.</strong> This document is no longer in force and is kept for reference.`)
		if len(d.SupersededBy) > 0 {
			w.raw(" It is superseded by ")
			w.docLinks(d.SupersededBy)
			w.raw(".")
		}
		w.raw("</p></div>")
	case "review":
		w.raw("\n" + `<div class="banner banner-review" role="note"><p><strong>In review.</strong> This document is being reviewed; changes may follow.</p></div>`)
	}
}

// writeBadges writes partials/badges.html: a document's status,
// classification and review badges.
func writeBadges(w *writer, d *site.Document) {
	if d.Status != "" {
		w.raw(`<span class="badge status status-`)
		w.text(site.Slug(d.Status))
		w.raw(`"><span class="visually-hidden">Status: </span>`)
		w.text(d.Status)
		w.raw("</span>")
	}
	if d.Classification != "" {
		w.raw(` <span class="badge classification classification-`)
		w.text(site.Slug(d.Classification))
		w.raw(`"><span class="visually-hidden">Classification: </span>`)
		w.text(d.Classification)
		w.raw("</span>")
	}
	w.reviewBadge(d.Review)
}

// writeDocPager writes partials/doc-pager.html.
func writeDocPager(w *writer) {
	d := w.p.Doc
	if d == nil {
		return
	}
	if d.Prev != nil || d.Next != nil {
		w.raw("\n" + `<nav class="doc-pager" aria-label="Previous and next document`)
		if !d.Section.IsRoot() {
			w.raw(" in ")
			w.text(d.Section.Title)
		}
		w.raw(`">`)
		if o := d.Prev; o != nil {
			w.raw("\n" + `<a class="doc-pager-prev" href="`)
			w.link(o.URL)
			w.raw(`" rel="prev"><span class="doc-pager-label"><span aria-hidden="true">← </span>Previous</span> <span class="doc-pager-title">`)
			w.text(o.Title)
			w.raw("</span></a>")
		}
		if o := d.Next; o != nil {
			w.raw("\n" + `<a class="doc-pager-next" href="`)
			w.link(o.URL)
			w.raw(`" rel="next"><span class="doc-pager-label">Next<span aria-hidden="true"> →</span></span> <span class="doc-pager-title">`)
			w.text(o.Title)
			w.raw("</span></a>")
		}
		w.raw("\n</nav>")
	}
	if base := w.p.Site.Config.BaseURL; strings.HasPrefix(base, "http") {
		w.raw("\n" + `<p class="print-only uncontrolled">Printed copies are uncontrolled. The current version is at `)
		w.text(base)
		w.text(strings.TrimSuffix(d.URL, "index.html"))
		w.raw("</p>")
	} else {
		w.raw("\n" + `<p class="print-only uncontrolled">Printed copies are uncontrolled. Check the handbook for the current version.</p>`)
	}
}

// redlineHeaderTemplate is a redline page's header, a piece as well: every
// document has a redline page, most with no earlier version to compare.
const redlineHeaderTemplate = "partials/redline-header.html"

// writeRedlineHeader writes partials/redline-header.html.
func writeRedlineHeader(w *writer) {
	r := w.p.Redline
	if r == nil {
		return
	}
	w.raw("<header class=\"doc-header\">\n<h1>Changes to ")
	w.text(r.Doc.Title)
	w.raw("</h1>\n<p class=\"lead\">")
	if r.From != nil {
		w.raw("What changed from version ")
		w.text(r.From.Version)
		if date := r.From.Date(); date != "" {
			w.raw(" of ")
			w.date(date)
		}
		w.raw(" to version ")
		w.text(r.To.Version)
		if date := r.To.Date(); date != "" {
			w.raw(" of ")
			w.date(date)
		}
		w.raw(`, word by word: <ins class="redline-ins">inserted words</ins> are underlined and marked “+”, <del class="redline-del">deleted words</del> struck through and marked “−”.`)
	} else {
		w.raw("There is no earlier version of this document to compare with: git holds no other version of it that this handbook may show.")
	}
	w.raw("\n<a href=\"")
	w.link(r.Doc.URL)
	w.raw("\">Back to the document</a>.</p>\n</header>")
	if r.From != nil {
		words := func(n int, what string) {
			w.int(n)
			w.raw(" word")
			if n != 1 {
				w.raw("s")
			}
			w.raw(what)
		}
		w.raw("\n<p class=\"redline-summary\">")
		words(r.Inserted, " inserted, ")
		words(r.Deleted, " deleted.</p>")
	}
}
