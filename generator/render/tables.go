package render

import (
	"cmp"
	"html/template"

	"github.com/govdoc/govdoc/generator/site"
)

// The tables of the site-wide pages list thousands of documents in a large
// handbook; like the other pieces, each is a partial of the built-in theme
// that Go code writes the same when the site does not replace it.
const (
	registerTableTemplate  = "partials/register-table.html"
	reviewsTableTemplate   = "partials/reviews-table.html"
	reviewCalendarTemplate = "partials/review-calendar.html"
	ownerReviewsTemplate   = "partials/owner-reviews.html"
	healthListsTemplate    = "partials/health-lists.html"
)

// tableFuncs are the template functions of the site-wide pages' tables.
func (t *Theme) tableFuncs() template.FuncMap {
	return template.FuncMap{
		"registerTable": func(dot map[string]any) (template.HTML, error) {
			p, docs := dotOf[[]*site.Document](dot, "docs")
			return t.piece(p, registerTableTemplate, dot, func(w *writer) { writeRegisterTable(w, docs) })
		},
		"reviewsTable": func(dot map[string]any) (template.HTML, error) {
			p, docs := dotOf[[]*site.Document](dot, "docs")
			if _, ok := dot["caption"].(string); !ok {
				p = nil
			}
			caption, _ := dot["caption"].(string)
			return t.piece(p, reviewsTableTemplate, dot, func(w *writer) { writeReviewsTable(w, docs, caption) })
		},
		"reviewCalendar": func(dot map[string]any) (template.HTML, error) {
			p, months := dotOf[[]site.ReviewGroup](dot, "months")
			return t.piece(p, reviewCalendarTemplate, dot, func(w *writer) { writeReviewCalendar(w, months) })
		},
		"ownerReviews": func(dot map[string]any) (template.HTML, error) {
			p, o := dotOf[*site.Owner](dot, "owner")
			return t.piece(p, ownerReviewsTemplate, dot, func(w *writer) { writeOwnerReviews(w, o) })
		},
		"healthLists": func(p *Page) (template.HTML, error) {
			return t.piece(p, healthListsTemplate, p, writeHealthLists)
		},
	}
}

// dotOf returns the page of a piece's dict dot and its value named key;
// the page is nil, so that the template shows the piece, when that value
// is not of the type Go writes.
func dotOf[T any](dot map[string]any, key string) (*Page, T) {
	p, _ := dot["page"].(*Page)
	v, ok := dot[key].(T)
	if !ok && dot[key] != nil {
		p = nil
	}
	return p, v
}

// writeRegisterTable writes partials/register-table.html.
func writeRegisterTable(w *writer, docs []*site.Document) {
	w.Grow(len(docs) * 512)
	w.raw(`<div class="table-wrap"><table class="doc-table register-table">` + "\n" +
		`<caption class="visually-hidden">Every published document with its document control</caption>` + "\n" +
		`<thead><tr><th scope="col">ID</th><th scope="col">Title</th><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Classification</th><th scope="col">Owner</th><th scope="col">Approved by</th><th scope="col">Approval date</th><th scope="col">Last update</th><th scope="col">Next review</th></tr></thead>` +
		"\n<tbody>")
	for _, d := range docs {
		w.raw("\n<tr><td class=\"doc-id\">")
		w.text(d.ID)
		w.raw(`</td><th scope="row"><a href="`)
		w.link(d.URL)
		w.raw(`">`)
		w.text(d.Title)
		w.raw("</a>")
		if s := d.Supersedes; s != nil {
			w.raw(` <span class="register-note">replaces `)
			w.text(cmp.Or(s.ID, s.Title))
			w.raw("</span>")
		}
		w.raw("</th><td>")
		w.text(d.Version)
		w.raw("</td><td>")
		w.badge("status", d.Status)
		w.raw("</td><td>")
		w.badge("classification", d.Classification)
		w.raw("</td><td>")
		w.text(d.Owner)
		w.raw("</td><td>")
		w.approver(d)
		w.raw("</td><td>")
		if d.ApprovalDate != "" {
			w.date(d.ApprovalDate)
		}
		w.raw("</td><td>")
		w.date(d.LastUpdate)
		w.raw("</td><td>")
		if d.NextReview != "" {
			w.date(d.NextReview)
		}
		w.reviewBadge(d.Review)
		w.raw("</td></tr>")
	}
	w.raw("\n</tbody></table></div>")
}

// writeReviewsTable writes partials/reviews-table.html.
func writeReviewsTable(w *writer, docs []*site.Document, caption string) {
	w.Grow(len(docs) * 384)
	w.raw(`<div class="table-wrap"><table class="doc-table reviews-table">` + "\n" + `<caption class="visually-hidden">`)
	w.text(caption)
	w.raw("</caption>\n" +
		`<thead><tr><th scope="col">Next review</th><th scope="col">ID</th><th scope="col">Title</th><th scope="col">Owner</th><th scope="col">Version</th><th scope="col">Last update</th></tr></thead>` +
		"\n<tbody>")
	for _, d := range docs {
		w.raw("\n<tr><td>")
		w.date(d.NextReview)
		w.reviewBadge(d.Review)
		w.raw(`</td><td class="doc-id">`)
		w.text(d.ID)
		w.raw(`</td><th scope="row"><a href="`)
		w.link(d.URL)
		w.raw(`">`)
		w.text(d.Title)
		w.raw("</a></th><td>")
		w.text(d.Owner)
		w.raw("</td><td>")
		w.text(d.Version)
		w.raw("</td><td>")
		w.date(d.LastUpdate)
		w.raw("</td></tr>")
	}
	w.raw("\n</tbody></table></div>")
}

// writeReviewCalendar writes partials/review-calendar.html.
func writeReviewCalendar(w *writer, months []site.ReviewGroup) {
	w.raw(`<ol class="review-calendar">`)
	for _, m := range months {
		w.raw("\n<li class=\"review-month\" id=\"month-")
		w.text(m.Key)
		w.raw(`"><h3>`)
		w.text(m.Name)
		w.raw(` <span class="count">(`)
		w.int(len(m.Documents))
		w.raw(")</span></h3>")
		if len(m.Documents) == 0 {
			w.raw("\n<p class=\"review-none\">No review due.</p>\n</li>")
			continue
		}
		w.raw("\n<ul>")
		for _, d := range m.Documents {
			w.raw("\n<li>")
			w.date(d.NextReview)
			w.raw(` <a href="`)
			w.link(d.URL)
			w.raw(`">`)
			w.text(d.Title)
			w.raw("</a>")
			w.docID(d.ID)
			if d.Owner != "" {
				w.raw(" · ")
				w.text(d.Owner)
			}
			w.reviewBadge(d.Review)
			w.raw("</li>")
		}
		w.raw("\n</ul>\n</li>")
	}
	w.raw("\n</ol>")
}

// writeOwnerReviews writes partials/owner-reviews.html.
func writeOwnerReviews(w *writer, o *site.Owner) {
	if o == nil {
		return
	}
	w.raw(`<section class="owner-part" aria-labelledby="owner-reviews"><h2 id="owner-reviews">Reviews <span class="count">(`)
	w.int(len(o.Reviews))
	w.raw(")</span></h2>")
	if len(o.Reviews) == 0 {
		w.raw("\n<p class=\"role-none\">No document in force to review.</p>\n</section>")
		return
	}
	w.raw("\n<p>The next review of each document in force: its Next Review, else its last update plus ")
	w.int(w.p.Site.Config.Metadata.ReviewAfter)
	w.raw(" days. ")
	w.int(o.Overdue())
	w.raw(" overdue, ")
	w.int(o.DueSoon())
	w.raw(" due within 30 days.</p>\n" +
		`<div class="table-wrap"><table class="owner-reviews">` + "\n" +
		`<thead><tr><th scope="col">Document</th><th scope="col">Next review</th><th scope="col">State</th></tr></thead>` +
		"\n<tbody>")
	for _, r := range o.Reviews {
		w.raw("\n<tr")
		if r.State != "" {
			w.raw(` class="review-`)
			w.text(site.Slug(r.State))
			w.raw(`"`)
		}
		w.raw(`><th scope="row"><a href="`)
		w.link(r.Doc.URL)
		w.raw(`">`)
		w.text(r.Doc.Title)
		w.raw("</a>")
		w.docID(r.Doc.ID)
		w.raw(`</th><td class="nowrap">`)
		w.date(r.Due)
		w.raw("</td><td>")
		switch {
		case r.State == "overdue":
			w.raw(`<span class="badge review-state review-overdue">Overdue</span>`)
		case r.State != "":
			w.raw(`<span class="badge review-state review-due-soon">Due soon</span>`)
		default:
			w.raw("On time")
		}
		w.raw("</td></tr>")
	}
	w.raw("\n</tbody></table></div>\n</section>")
}

// writeHealthLists writes partials/health-lists.html: the whole handbook's
// row, whose lists count the documents missed by section, then each
// section's and each owner's row, whose lists name them.
func writeHealthLists(w *writer) {
	rows := w.p.Site.Health
	criteria := make([][]site.HealthCriterion, len(rows))
	for i, row := range rows {
		criteria[i] = row.Criteria()
	}
	open := func(row *site.HealthRow, heading func()) {
		w.raw("\n<section class=\"health-row\" id=\"")
		w.text(row.ID)
		w.raw(`" aria-labelledby="`)
		w.text(row.ID)
		w.raw("-title\">\n<h3 id=\"")
		w.text(row.ID)
		w.raw(`-title">`)
		heading()
		w.raw(` <span class="count">(`)
		w.int(row.Total)
		w.raw(" document")
		if row.Total != 1 {
			w.raw("s")
		}
		w.raw(", ")
		w.int(row.Active)
		w.raw(" in force)</span></h3>\n<dl class=\"health-lists\">")
	}
	figure := func(row *site.HealthRow, c site.HealthCriterion) {
		w.raw("\n<div id=\"")
		w.text(row.ID)
		w.raw("-")
		w.text(c.Key)
		w.raw("\" class=\"health-list\">\n<dt>")
		if c.Key == "score" {
			w.raw("Healthy (score)")
		} else {
			w.text(c.Label)
		}
		w.raw(": ")
		w.int(len(c.Met))
		w.raw(" of ")
		w.int(c.Of)
		if c.Of != 0 {
			w.raw(" (")
			w.int(c.Share())
			w.raw("%)")
		}
		w.raw("</dt>\n<dd>")
	}
	shut := func(c site.HealthCriterion) {
		if len(c.Missed) == 0 {
			if c.Of != 0 {
				w.raw("Every document meets it.")
			} else {
				w.raw("No document counts for this figure.")
			}
		}
		w.raw("</dd>\n</div>")
	}
	for r, row := range rows {
		if row.Kind != "site" {
			continue
		}
		open(row, func() { w.text(row.Name) })
		for i, c := range criteria[r] {
			figure(row, c)
			if len(c.Missed) > 0 {
				w.raw(`<span class="health-missed-label">Not met by `)
				w.int(len(c.Missed))
				w.raw(`, by section:</span> <ul class="health-missed">`)
				for s, sec := range rows {
					if sec.Kind != "section" || i >= len(criteria[s]) || len(criteria[s][i].Missed) == 0 {
						continue
					}
					key := criteria[s][i].Key
					w.raw(`<li><a href="#`)
					w.fragment(sec.ID)
					w.raw("-")
					w.fragment(key)
					w.raw(`">`)
					w.p.links.add(w.p.URL, "#"+sec.ID+"-"+key)
					w.text(sec.Name)
					w.raw("</a> (")
					w.int(len(criteria[s][i].Missed))
					w.raw(")</li>")
				}
				w.raw("</ul>")
			}
			shut(c)
		}
		w.raw("\n</dl>\n</section>")
	}
	for _, kind := range []string{"section", "owner"} {
		for r, row := range rows {
			if row.Kind != kind {
				continue
			}
			open(row, func() {
				if kind == "section" {
					w.raw("Section: ")
				} else {
					w.raw("Owner: ")
				}
				if row.URL == "" {
					w.text(row.Name)
					return
				}
				w.anchor(row.URL, row.Name)
			})
			for _, c := range criteria[r] {
				figure(row, c)
				if len(c.Missed) > 0 {
					w.raw(`<span class="health-missed-label">Not met:</span> <ul class="health-missed">`)
					for _, d := range c.Missed {
						w.raw(`<li><a href="`)
						w.link(d.URL)
						w.raw(`">`)
						w.text(d.Title)
						w.raw("</a>")
						w.docID(d.ID)
						if d.Status != "" {
							w.raw(" · ")
							w.text(d.Status)
						}
						w.raw("</li>")
					}
					w.raw("</ul>")
				}
				shut(c)
			}
			w.raw("\n</dl>\n</section>")
		}
	}
}
