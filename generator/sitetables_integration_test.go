package generator_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSiteWideTablesShowEachDocumentsRow pins the rows of the register, the
// reviews page and its calendar, an owner's reviews and the health page's
// lists as a reader sees them: each document's link, ID, badges, dates and
// review state, as of the build's date (2026-11-24).
func TestSiteWideTablesShowEachDocumentsRow(t *testing.T) {
	b := buildSite(t, controlSite)
	require.Zero(t, b.res.Findings.Errors(), b.res.Findings)
	overdue := ` <span class="badge review review-overdue">Review overdue</span>`
	soon := ` <span class="badge review review-due-soon">Review due soon</span>`
	approved := `<span class="badge status status-approved">Approved</span>`
	internal := `<span class="badge classification classification-internal">Internal</span>`

	assertInOrder(t, b.page("register/index.html"), []string{
		`<tbody>`,
		"\n" + `<tr><td class="doc-id">pol-0100</td><th scope="row"><a href="../pol/0100_overdue/index.html">Overdue Policy</a></th><td>1.0</td><td>` + approved + `</td><td>` + internal + `</td><td>Office of the CIO</td><td><a href="../roles/cio/index.html">Chief Information Officer</a></td><td><time datetime="2026-01-12">2026-01-12</time></td><td><time datetime="2026-01-10">2026-01-10</time></td><td><time datetime="2026-11-01">2026-11-01</time>` + overdue + `</td></tr>`,
		"\n" + `<tr><td class="doc-id">pol-0200</td><th scope="row"><a href="../pol/0200_soon/index.html">Soon Policy</a></th><td>1.0</td><td>` + approved + `</td><td>` + internal + `</td><td>Risk Office</td><td>Jane Smith</td><td><time datetime="2025-12-10">2025-12-10</time></td><td><time datetime="2025-12-10">2025-12-10</time></td><td><time datetime="2026-12-10">2026-12-10</time>` + soon + `</td></tr>`,
		"\n" + `<tr><td class="doc-id">pol-0400</td><th scope="row"><a href="../pol/0400_old/index.html">Old Policy</a></th><td>1.0</td><td><span class="badge status status-retired">Retired</span></td><td>` + internal + `</td><td>Office of the CIO</td><td></td><td></td><td><time datetime="2024-01-10">2024-01-10</time></td><td></td></tr>` + "\n</tbody></table></div>",
	})

	reviews := b.page("reviews/index.html")
	assertInOrder(t, reviews, []string{
		`<h2 id="reviews-overdue">Overdue <span class="count">(1)</span></h2>` + "\n\n" + `<div class="table-wrap"><table class="doc-table reviews-table">` + "\n" + `<caption class="visually-hidden">Documents whose review is overdue, the earliest first</caption>`,
		"\n" + `<tr><td><time datetime="2026-11-01">2026-11-01</time>` + overdue + `</td><td class="doc-id">pol-0100</td><th scope="row"><a href="../pol/0100_overdue/index.html">Overdue Policy</a></th><td>Office of the CIO</td><td>1.0</td><td><time datetime="2026-01-10">2026-01-10</time></td></tr>` + "\n</tbody></table></div>\n\n</section>",
		`<caption class="visually-hidden">Reviews of Risk Office</caption>`,
		"\n" + `<tr><td><time datetime="2027-03-15">2027-03-15</time></td><td class="doc-id">pol-0300</td><th scope="row"><a href="../pol/0300_later/index.html">Later Policy</a></th><td>Risk Office</td><td>1.0</td><td><time datetime="2026-11-01">2026-11-01</time></td></tr>`,
		`<ol class="review-calendar">` + "\n" + `<li class="review-month" id="month-2026-11"><h3>November 2026 <span class="count">(0)</span></h3>` + "\n" + `<p class="review-none">No review due.</p>` + "\n</li>",
		"\n" + `<li class="review-month" id="month-2026-12"><h3>December 2026 <span class="count">(1)</span></h3>` + "\n<ul>\n" +
			`<li><time datetime="2026-12-10">2026-12-10</time> <a href="../pol/0200_soon/index.html">Soon Policy</a> <span class="doc-id">pol-0200</span> · Risk Office` + soon + `</li>` + "\n</ul>\n</li>",
		`<li><time datetime="2027-03-15">2027-03-15</time> <a href="../pol/0300_later/index.html">Later Policy</a> <span class="doc-id">pol-0300</span> · Risk Office</li>`,
		`<li class="review-month" id="month-2027-10"><h3>October 2027 <span class="count">(0)</span></h3>` + "\n" + `<p class="review-none">No review due.</p>` + "\n</li>\n</ol>",
	})

	assertInOrder(t, b.page("owners/risk-office/index.html"), []string{
		`<h2 id="owner-reviews">Reviews <span class="count">(2)</span></h2>` + "\n" + `<p>The next review of each document in force: its Next Review, else its last update plus 365 days. 0 overdue, 1 due within 30 days.</p>`,
		"\n" + `<tr class="review-due-soon"><th scope="row"><a href="../../pol/0200_soon/index.html">Soon Policy</a> <span class="doc-id">pol-0200</span></th><td class="nowrap"><time datetime="2026-12-10">2026-12-10</time></td><td><span class="badge review-state review-due-soon">Due soon</span></td></tr>`,
		"\n" + `<tr><th scope="row"><a href="../../pol/0300_later/index.html">Later Policy</a> <span class="doc-id">pol-0300</span></th><td class="nowrap"><time datetime="2027-03-15">2027-03-15</time></td><td>On time</td></tr>` + "\n</tbody></table></div>\n</section>",
	})
	assert.Contains(t, b.page("owners/office-of-the-cio/index.html"), `<tr class="review-overdue"><th scope="row"><a href="../../pol/0100_overdue/index.html">Overdue Policy</a> <span class="doc-id">pol-0100</span></th><td class="nowrap"><time datetime="2026-11-01">2026-11-01</time></td><td><span class="badge review-state review-overdue">Overdue</span></td></tr>`)

	assertInOrder(t, b.page("health/index.html"), []string{
		`<section class="health-row" id="health-site" aria-labelledby="health-site-title">` + "\n" + `<h3 id="health-site-title">Whole handbook <span class="count">(4 documents, 3 in force)</span></h3>`,
		`<div id="health-site-approved" class="health-list">` + "\n<dt>Approved: 2 of 3 (67%)</dt>\n" +
			`<dd><span class="health-missed-label">Not met by 1, by section:</span> <ul class="health-missed"><li><a href="#health-section-pol-approved">Pol</a> (1)</li></ul></dd>`,
		`<div id="health-site-complete" class="health-list">` + "\n<dt>Complete metadata: 4 of 4 (100%)</dt>\n<dd>Every document meets it.</dd>",
		"<dt>Healthy (score): 1 of 3 (33%)</dt>",
		`<h3 id="health-section-pol-title">Section: <a href="../pol/index.html">Pol</a> <span class="count">(4 documents, 3 in force)</span></h3>`,
		`<div id="health-section-pol-approved" class="health-list">` + "\n<dt>Approved: 2 of 3 (67%)</dt>\n" +
			`<dd><span class="health-missed-label">Not met:</span> <ul class="health-missed"><li><a href="../pol/0300_later/index.html">Later Policy</a> <span class="doc-id">pol-0300</span> · Review</li></ul></dd>`,
		`<h3 id="health-owner-risk-office-title">Owner: <a href="../owners/risk-office/index.html">Risk Office</a> <span class="count">(2 documents, 2 in force)</span></h3>`,
	})
}
