package generator_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/output"
)

// controlSite has a document of every review state as of testNow
// (2026-11-24): overdue by its Next Review, due soon by its Last Update
// plus review_after, due in March 2027, and Retired.
const controlSite = `-- site.yaml --
title: Control Handbook
baseURL: https://handbook.example.org/
roles:
  - {id: cio, name: Chief Information Officer, aliases: [CIO]}
metadata:
  review_after: 365
audience: Internal
-- content/pol/0100_overdue.md --
---
Document-ID: pol-0100
Owner: Office of the CIO
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-01-10
Next Review: 2026-11-01
Approved By: CIO
Approval Date: 2026-01-12
---
# Overdue Policy
-- content/pol/0200_soon.md --
---
Document-ID: pol-0200
Owner: Risk Office
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2025-12-10
Approved By: Jane Smith
Approval Date: 2025-12-10
---
# Soon Policy
-- content/pol/0300_later.md --
---
Document-ID: pol-0300
Owner: Risk Office
Version: "1.0"
Status: Review
Classification: Internal
Last Update: 2026-11-01
Next Review: 2027-03-15
---
# Later Policy
-- content/pol/0400_old.md --
---
Document-ID: pol-0400
Owner: Office of the CIO
Version: "1.0"
Status: Retired
Classification: Internal
Last Update: 2024-01-10
---
# Old Policy
`

func buildAt(t *testing.T, archive string, now time.Time, audience string) *built {
	t.Helper()
	out := output.NewMemory()
	res, err := generator.Build(context.Background(), generator.Options{
		Source: siteFS(archive), Theme: govdoc.Theme, Version: "test", Now: now, Audience: audience,
	}, out)
	require.NoError(t, err)
	return &built{t: t, res: res, out: out}
}

func TestReviewBadgesAndTheReviewsPageFollowTheBuildsDate(t *testing.T) {
	b := buildSite(t, controlSite)
	assert.Equal(t, []string{"content/pol/0100_overdue.md:8:14 review-overdue"}, b.findings())
	assert.Equal(t, "next review was due on 2026-11-01: review the document", b.find(finding.ReviewOverdue)[0].Message)

	overdue := `<span class="badge review review-overdue">Review overdue</span>`
	soon := `<span class="badge review review-due-soon">Review due soon</span>`
	page := b.page("pol/0100_overdue/index.html")
	assert.Contains(t, page, `<p class="badges">`+`<span class="badge status status-approved">`)
	assertInOrder(t, page, []string{`<p class="badges">`, overdue, `<dt>Next review</dt><dd><time datetime="2026-11-01">2026-11-01</time> ` + overdue + `</dd>`})
	assert.Contains(t, b.page("pol/0200_soon/index.html"), `<dt>Next review</dt><dd><time datetime="2026-12-10">2026-12-10</time> `+soon+`</dd>`)
	later := b.page("pol/0300_later/index.html")
	assert.Contains(t, later, `<dt>Next review</dt><dd><time datetime="2027-03-15">2027-03-15</time></dd>`)
	assert.NotContains(t, later, "badge review")
	assert.NotContains(t, b.page("pol/0400_old/index.html"), "Next review", "a Retired document is not reviewed")

	docs := b.page("documents/index.html")
	assert.Contains(t, docs, `<th scope="col" data-sort="text">Next review</th>`)
	assert.Contains(t, docs, `<td><time datetime="2026-11-01">2026-11-01</time> `+overdue+`</td></tr>`)
	assert.Contains(t, docs, `<td><time datetime="2026-12-10">2026-12-10</time> `+soon+`</td></tr>`)

	home := b.page("index.html")
	assert.Contains(t, home, "1 overdue, 1 due within 30 days.")
	assertInOrder(t, home, []string{`<h2 id="reviews-due-heading">Reviews due</h2>`, "Overdue Policy", overdue, "Soon Policy", soon})

	reviews := b.page("reviews/index.html")
	assert.Contains(t, reviews, `as of <time datetime="2026-11-24">2026-11-24</time>`)
	part := func(from, to string) string {
		t.Helper()
		i, j := strings.Index(reviews, from), strings.Index(reviews, to)
		require.True(t, i >= 0 && j > i, "%s then %s", from, to)
		return reviews[i:j]
	}
	titles := func(html string) []string {
		var out []string
		for _, title := range []string{"Overdue Policy", "Soon Policy", "Later Policy", "Old Policy"} {
			if strings.Contains(html, title) {
				out = append(out, title)
			}
		}
		return out
	}
	assert.Equal(t, []string{"Overdue Policy"}, titles(part(`<h2 id="reviews-overdue">Overdue <span class="count">(1)</span></h2>`, `<h2 id="reviews-due-soon">`)))
	assert.Equal(t, []string{"Soon Policy"}, titles(part(`<h2 id="reviews-due-soon">Due within 30 days <span class="count">(1)</span></h2>`, `<h2 id="reviews-by-owner">`)))
	assert.Equal(t, []string{"Overdue Policy"}, titles(part(`<h3 id="owner-office-of-the-cio">Office of the CIO <span class="count">(1)</span></h3>`, `<h3 id="owner-risk-office">`)))
	assert.Equal(t, []string{"Soon Policy", "Later Policy"}, titles(part(`<h3 id="owner-risk-office">Risk Office <span class="count">(2)</span></h3>`, `<h2 id="reviews-by-month">`)))
	assert.Empty(t, titles(part(`<li class="review-month" id="month-2026-11"><h3>November 2026 <span class="count">(0)</span></h3>`, `id="month-2026-12"`)), "overdue reviews are not in the calendar")
	assert.Equal(t, []string{"Soon Policy"}, titles(part(`<li class="review-month" id="month-2026-12"><h3>December 2026 <span class="count">(1)</span></h3>`, `id="month-2027-01"`)))
	assert.Equal(t, []string{"Later Policy"}, titles(part(`<li class="review-month" id="month-2027-03"><h3>March 2027 <span class="count">(1)</span></h3>`, `id="month-2027-04"`)))
	assert.Contains(t, reviews, `<li class="review-month" id="month-2027-10"><h3>October 2027`)
	assert.NotContains(t, reviews, "Old Policy")
	assert.NotContains(t, reviews, "month-2027-11", "twelve months from the build's month")

	// Another day, other states: the same site built on 2027-03-01.
	b = buildAt(t, controlSite, time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), "")
	assert.Equal(t, []string{"content/pol/0100_overdue.md:8:14 review-overdue", "content/pol/0200_soon.md:7:14 review-overdue"}, b.findings())
	assert.Contains(t, b.page("pol/0300_later/index.html"), `<dt>Next review</dt><dd><time datetime="2027-03-15">2027-03-15</time> `+soon+`</dd>`)
	assert.Contains(t, b.page("index.html"), "2 overdue, 1 due within 30 days.")
	assert.Contains(t, b.page("reviews/index.html"), `<li class="review-month" id="month-2027-03"><h3>March 2027 <span class="count">(1)</span></h3>`)
}

func TestApprovalIsShownAndItsContradictionsAreFindings(t *testing.T) {
	b := buildSite(t, `-- site.yaml --
title: Approvals
roles:
  - {id: cio, name: Chief Information Officer, aliases: [CIO]}
metadata:
  required: [Document-ID, Owner, Version, Status, Classification, Last Update, Approved By, Approval Date]
audience: Internal
-- content/a.md --
`+doc("a", "Approved By: cio", "Approval Date: 2026-10-02")+`# Approved by a role
-- content/b.md --
`+doc("b", "Approved By: Jane Smith", "Effective Date: 2026-11-01")+`# Effective
-- content/c.md --
`+doc("c")+`# Approved without approval
-- content/d.md --
`+strings.Replace(doc("d"), "Status: Approved", "Status: Draft", 1)+`# A draft needs none
-- content/e.md --
`+doc("e", "Approved By: CIO", "Approval Date: 2026-09-30", "Next Review: soon")+`# Approved before its last update

| Version | Date | Author | Changes |
|---|---|---|---|
| 0.9 | 2026-09-01 | J. Smith | First draft |
`)
	assert.Equal(t, []string{
		"content/c.md:1:1 missing-metadata",
		"content/c.md:1:1 missing-metadata",
		"content/e.md:4:10 version-mismatch",
		"content/e.md:9:16 invalid-metadata",
		"content/e.md:10:14 invalid-metadata",
	}, b.findings())
	var messages []string
	for _, f := range b.res.Findings {
		messages = append(messages, f.Message)
	}
	assert.Equal(t, []string{
		`required metadata "Approval Date" is missing`,
		`required metadata "Approved By" is missing`,
		"Version 1.0 differs from the newest Document History row (0.9, 2026-09-01): add a history row or correct the version",
		"Approval Date 2026-09-30 is before the Last Update 2026-10-01 of version 1.0: approve the version as last updated, or correct the dates",
		`Next Review "soon" is not a date (write YYYY-MM-DD)`,
	}, messages)

	b = buildSite(t, siteYAML+`roles:
  - {id: cio, name: Chief Information Officer, aliases: [CIO]}
-- content/a.md --
`+doc("a", "Approved By: cio", "Approval Date: 2026-10-02")+`# Approved by a role
-- content/b.md --
`+doc("b", "Approved By: Jane <Smith>", "Effective Date: 2026-11-01")+`# Effective
`)
	require.Zero(t, b.res.Findings.Errors(), b.res.Findings)
	assert.Contains(t, b.page("a/index.html"), `<dt>Approved by</dt><dd><a href="../roles/cio/index.html">Chief Information Officer</a></dd>`+
		"\n"+`<dt>Approval date</dt><dd><time datetime="2026-10-02">2026-10-02</time></dd>`)
	assert.Contains(t, b.page("b/index.html"), `<dt>Approved by</dt><dd>Jane &lt;Smith&gt;</dd>`+
		"\n"+`<dt>Approval date</dt><dd><time datetime="2026-11-01">2026-11-01</time></dd>`)
}

func TestTheRegisterListsEveryPublishedDocumentForSpreadsheetsAndTools(t *testing.T) {
	b := buildSite(t, controlSite+`-- content/pol/0500_tricky.md --
---
Document-ID: '=HYPERLINK("http://evil")'
Title: 'Title, with "quotes"'
Owner: "+Owner"
Version: "-1"
Status: Draft
Classification: Internal
Last Update: 2026-11-01
Approved By: "@approver"
---
Text.
-- content/pol/0600_secret.md --
---
Document-ID: pol-0600
Owner: Board
Version: "1.0"
Status: Approved
Classification: Confidential
Last Update: 2026-11-01
---
# Secret Plan
`)
	require.Zero(t, b.res.Findings.Errors(), b.res.Findings)
	data, ok := b.out.File("register.csv")
	require.True(t, ok)
	require.True(t, bytes.HasPrefix(data, []byte("\uFEFF")), "a byte order mark, for Excel")
	text := string(data[3:])
	assert.Equal(t, len(strings.Split(text, "\n"))-1, strings.Count(text, "\r\n"), "every line ends in CRLF")
	assert.True(t, strings.HasPrefix(text, "Document ID,Title,Version,Status,Classification,Owner,Approved By,Approval Date,Last Update,Next Review,URL\r\n"))
	assert.Contains(t, text, "\r\npol-0100,Overdue Policy,1.0,Approved,Internal,Office of the CIO,Chief Information Officer,2026-01-12,2026-01-10,2026-11-01,https://handbook.example.org/pol/0100_overdue/\r\n")
	assert.Contains(t, text, "\r\npol-0400,Old Policy,1.0,Retired,Internal,Office of the CIO,,,2024-01-10,,https://handbook.example.org/pol/0400_old/\r\n")
	assert.Contains(t, text, "\r\n\"'=HYPERLINK(\"\"http://evil\"\")\",\"Title, with \"\"quotes\"\"\",'-1,Draft,Internal,'+Owner,'@approver,,2026-11-01,2027-11-01,https://handbook.example.org/pol/0500_tricky/\r\n")
	assert.NotContains(t, text, "Secret Plan", "only the documents of the build's audience")
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 6)
	for _, r := range rows {
		assert.Len(t, r, 11)
	}

	var reg struct {
		Date      string
		Audience  string
		Documents []map[string]string
	}
	require.NoError(t, json.Unmarshal([]byte(b.page("register.json")), &reg))
	assert.Equal(t, "2026-11-24", reg.Date)
	assert.Equal(t, "Internal", reg.Audience)
	require.Len(t, reg.Documents, 5)
	assert.Equal(t, map[string]string{"id": "pol-0200", "title": "Soon Policy", "version": "1.0", "status": "Approved", "classification": "Internal",
		"owner": "Risk Office", "approvedBy": "Jane Smith", "approvalDate": "2025-12-10", "lastUpdate": "2025-12-10", "nextReview": "2026-12-10",
		"review": "due-soon", "url": "https://handbook.example.org/pol/0200_soon/"}, reg.Documents[1])
	assert.Equal(t, `=HYPERLINK("http://evil")`, reg.Documents[4]["id"], "JSON keeps values as written")

	page := b.page("register/index.html")
	assert.Contains(t, page, `<a href="../register.csv">register.csv</a>`)
	assertInOrder(t, page, []string{"pol-0100", "Overdue Policy", `<a href="../roles/cio/index.html">Chief Information Officer</a>`, "2026-01-12", "pol-0200", "pol-0300", "pol-0400", "Title, with &#34;quotes&#34;"})
	assert.NotContains(t, page, "Secret Plan")
	assert.Contains(t, b.page("index.html"), `<a href="register/index.html">Register</a>`)
}

func TestTheReviewCalendarIsValidICalendar(t *testing.T) {
	long := "A Very Long Title Über Information Security Governance And Its Many Éléments, Reviewed; Yearly"
	b := buildSite(t, controlSite+`-- content/pol/0700_long.md --
---
Document-ID: pol-0700
Title: "`+long+`"
Owner: Office of the CIO
Version: "2.0"
Status: Approved
Classification: Internal
Last Update: 2026-11-01
Next Review: 2027-01-31
---
Text.
`)
	data, ok := b.out.File("reviews.ics")
	require.True(t, ok)
	text := string(data)
	require.True(t, strings.HasSuffix(text, "END:VCALENDAR\r\n"))
	var lines []string // unfolded
	for i, l := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		assert.NotContains(t, l, "\n", "line %d: lines end in CRLF", i+1)
		assert.LessOrEqual(t, len(l), 75, "line %d is folded at 75 octets: %q", i+1, l)
		assert.True(t, utf8.ValidString(l), "line %d splits no character: %q", i+1, l)
		if strings.HasPrefix(l, " ") {
			lines[len(lines)-1] += l[1:]
		} else {
			lines = append(lines, l)
		}
	}
	assert.Equal(t, []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//govdoc//Document reviews//EN"}, lines[:3])
	var events [][]string
	for _, l := range lines {
		switch {
		case l == "BEGIN:VEVENT":
			events = append(events, nil)
		case len(events) > 0 && l != "END:VEVENT" && !strings.HasPrefix(l, "END:VCALENDAR"):
			events[len(events)-1] = append(events[len(events)-1], l)
		}
	}
	require.Len(t, events, 4, "one event per document with a review date; none for the Retired one")
	uids := map[string]bool{}
	for _, e := range events {
		for _, l := range e {
			if strings.HasPrefix(l, "UID:") {
				uids[l] = true
			}
		}
		assert.Contains(t, e, "DTSTAMP:20261124T000000Z", "stamped with the build's date")
	}
	assert.Len(t, uids, 4, "a UID per document")
	assert.Equal(t, []string{
		"UID:review-pol-0100@handbook.example.org",
		"DTSTAMP:20261124T000000Z",
		"DTSTART;VALUE=DATE:20261101",
		"DTEND;VALUE=DATE:20261102",
		"SUMMARY:Review pol-0100 Overdue Policy",
		`DESCRIPTION:Owner: Office of the CIO\nVersion: 1.0\nStatus: Approved\nLast update: 2026-01-10`,
		"URL:https://handbook.example.org/pol/0100_overdue/",
		"CATEGORIES:Office of the CIO",
		"TRANSP:TRANSPARENT",
	}, events[0], "the earliest first")
	assert.Contains(t, events[2], `SUMMARY:Review pol-0700 `+strings.NewReplacer(",", `\,`, ";", `\;`).Replace(long))

}

func TestSupersedesLinksTheVersionsBothWays(t *testing.T) {
	b := buildSite(t, siteYAML+`-- content/old.md --
`+strings.Replace(doc("pol-1"), "Status: Approved", "Status: Retired", 1)+`# Old Edition
-- content/new.md --
`+doc("pol-2", "Supersedes: POL-1")+`# New Edition
-- content/bad.md --
`+doc("pol-3", "Supersedes: pol-99")+`# Bad
`)
	assert.Equal(t, []string{"content/bad.md:8:13 broken-ref"}, b.findings())
	assert.Equal(t, `Supersedes names no document with Document-ID "pol-99"`, b.find(finding.BrokenRef)[0].Message)
	assert.Contains(t, b.page("new/index.html"), `<dt>Supersedes</dt><dd><a href="../old/index.html">Old Edition</a> <span class="doc-id">pol-1</span></dd>`)
	old := b.page("old/index.html")
	assert.Contains(t, old, `<dt>Superseded by</dt><dd><a href="../new/index.html">New Edition</a> <span class="doc-id">pol-2</span></dd>`)
	assert.Contains(t, old, `This document is no longer in force and is kept for reference. It is superseded by <a href="../new/index.html">New Edition</a> <span class="doc-id">pol-2</span>.</p></div>`)
	assert.NotContains(t, b.page("bad/index.html"), "Supersedes")
}

func TestASuccessorOrPredecessorLeftOutIsNotNamed(t *testing.T) {
	archive := siteYAML + `-- content/old.md --
` + strings.Replace(strings.Replace(doc("pol-1"), "Status: Approved", "Status: Retired", 1), "Classification: Internal", "Classification: Public", 1) + `# Old Edition
-- content/new.md --
` + strings.Replace(doc("pol-2", "Supersedes: pol-1", "Next Review: 2026-12-01"), "Classification: Internal", "Classification: Confidential", 1) + `# New Edition
-- content/pub.md --
` + strings.Replace(doc("pub-3", "Supersedes: pol-2"), "Classification: Internal", "Classification: Public", 1) + `# Public Edition
`
	all := buildAt(t, archive, testNow, "Confidential")
	assert.Contains(t, all.page("old/index.html"), "It is superseded by")
	assert.Contains(t, all.page("pub/index.html"), "<dt>Supersedes</dt>")
	assert.Contains(t, all.page("reviews.ics"), "pol-2")
	assert.Contains(t, all.page("register.csv"), "pol-2")

	pub := buildAt(t, archive, testNow, "Public")
	require.Zero(t, pub.res.Findings.Errors(), pub.res.Findings)
	old := pub.page("old/index.html")
	assert.Contains(t, old, "This document is no longer in force and is kept for reference.</p>")
	assert.NotContains(t, old, "Superseded by")
	assert.NotContains(t, pub.page("pub/index.html"), "Supersedes")
	for _, name := range pub.out.Names() {
		data, _ := pub.out.File(name)
		assert.NotContains(t, string(data), "pol-2", name)
		assert.NotContains(t, string(data), "New Edition", name)
	}
}
