package generator_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
)

func TestPlaceholdersFilledFromMetaCascade(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- content/security/_index.md --
---
title: Information Security
meta:
  owner: Office of the CISO
---
Security documents of {{ meta.organization }}.
-- content/security/0300_policy.md --
---
Document-ID: sec-0300
Owner: {{ meta.owner }}
Version: {{ meta.version }}
Status: Approved
Classification: Internal
Last Update: {{ meta.date }}
meta:
  author: J. Smith
---

# Security Policy

Owned by {{ meta.owner }} of {{ meta.organization | upper }}, written by {{ meta.author }}.
Version {{ meta.version }} as of {{ meta.date }}.
-- content/governance/0010_framework.md --
`+doc("gov-0010")+`
# Framework

{{ meta.owner }} owns this.
`)
	require.Empty(t, b.findings())
	p := b.page("security/0300_policy/index.html")
	assert.Contains(t, p, "Owned by Office of the CISO of ACME CORP, written by J. Smith.")
	assert.Contains(t, p, "Version 1.0 as of 2026-11-01.", "meta keeps the text as written")
	assert.Contains(t, p, `<dd>Office of the CISO</dd>`, "front matter placeholders use the section's meta")
	assert.Contains(t, p, `<dd>1.0</dd>`)
	assert.Contains(t, b.page("security/index.html"), "Security documents of Acme Corp.")
	assert.Contains(t, b.page("governance/0010_framework/index.html"), "Office of the CIO owns this.")
	// A placeholder left in a body shows as &#123;&#123; in HTML and as
	// {\u007b in the search index; in titles and metadata as written.
	for _, name := range b.out.Names() {
		data, _ := b.out.File(name)
		for _, left := range []string{"<no value>", "{{", "&#123;&#123;", `{\u007b`} {
			assert.False(t, strings.Contains(string(data), left), "%s holds %q", name, left)
		}
	}
}

func TestUnresolvedPlaceholderPointsIntoTheFile(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- content/a.md --
---
Document-ID: a
Owner: {{ meta.nobody }}
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
---

# A

First line.
Second {{ meta.missing }} line with `+"`{{ meta.incode }}`"+`.

`+"```"+`
{{ meta.infence }}
`+"```"+`

Then {{ env "HOME" }} and {{ now }} and {{ expandenv "$HOME" }}.
`)
	assert.Equal(t, []string{
		"content/a.md:3:8 unresolved-placeholder",
		"content/a.md:13:8 unresolved-placeholder",
		"content/a.md:19:6 unresolved-placeholder",
		"content/a.md:19:27 unresolved-placeholder",
		"content/a.md:19:41 unresolved-placeholder",
	}, b.findings())
	msgs := b.find(finding.UnresolvedPlaceholder)
	assert.Contains(t, msgs[0].Message, `"nobody"`)
	assert.Contains(t, msgs[2].Message, `function "env" is not available: it reads the environment or the network`)
	assert.Contains(t, msgs[3].Message, `function "now" is not available: it reads the clock`)
	assert.Contains(t, msgs[4].Message, `function "expandenv" is not available: it reads the environment`)
	for _, f := range msgs {
		assert.Equal(t, finding.Error, f.Severity)
	}
	p := b.page("a/index.html")
	assert.Contains(t, p, "<code>&#123;&#123; meta.incode }}</code>", "code spans keep placeholders as written")
	assert.Contains(t, p, "&#123;&#123; meta.infence }}", "fenced code keeps placeholders as written")
}

func TestPlaceholderTrimMarkers(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- content/governance/_index.md --
---
title: Governance
---
Owned by [ {{- meta.owner -}} ].
-- content/governance/0010_framework.md --
`+doc("gov-0010")+`
# Framework

Owner: [ {{- meta.owner -}} ]
Version:
  {{- meta.version }}, see [the plan](0099_missing.md).
Kept: [ {{- meta.nobody -}} ]
`)
	assert.Equal(t, []string{
		"content/governance/0010_framework.md:15:28 broken-link",
		"content/governance/0010_framework.md:16:9 unresolved-placeholder",
	}, b.findings(), "a finding after a trimmed line break points at the source line and column")
	p := b.page("governance/0010_framework/index.html")
	assert.Contains(t, p, "Owner: [Office of the CIO]")
	assert.Contains(t, p, "Version:1.0, see")
	assert.Contains(t, p, "Kept: [ &#123;&#123;- meta.nobody -}} ]", "a failed placeholder keeps its trim markers and spaces")
	assert.Contains(t, b.page("governance/index.html"), "Owned by [Office of the CIO].")
}

func TestFrontMatterKeysMatchAnyCaseAndSeparator(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- content/a.md --
---
document_id: a-1
OWNER: Office of the CIO
version: "2.1"
Status: Approved
classification: Internal
last-update: 2026-10-01
---
# A
-- content/b.md --
---
DOCUMENT ID: b-1
Owner: Office of the CIO
Version: "1.0"
Status: Approved
Classification: Internal
LAST_UPDATE: 2026-10-01
Title: Bee
Weight: 1
---
`)
	require.Empty(t, b.findings())
	p := b.page("a/index.html")
	assert.Contains(t, p, "a-1")
	assert.Contains(t, p, "<dd>2.1</dd>")
	assert.Contains(t, b.page("b/index.html"), "<title>Bee · Test Handbook</title>")
}

func TestTitleFromFrontMatterThenH1ThenFileName(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- content/x/0001_from_front_matter.md --
`+doc("x1", "Title: Front Matter Title")+`
# Body Heading

Text.
-- content/x/0002_from_h1.md --
`+doc("x2")+`

# Heading Title

Text.
-- content/x/0003_from_file_name.md --
`+doc("x3")+`
Just text.
`)
	require.Empty(t, b.findings())
	p1 := b.page("x/0001_from_front_matter/index.html")
	assert.Contains(t, p1, "<h1>Front Matter Title</h1>")
	assert.Contains(t, p1, `<h1 id="body-heading">Body Heading</h1>`, "an H1 that differs from the title stays in the body")
	p2 := b.page("x/0002_from_h1/index.html")
	assert.Contains(t, p2, `<h1 id="heading-title">Heading Title</h1>`)
	assert.Equal(t, 1, strings.Count(p2, "<h1"), "the body's H1 becomes the page title, not a second H1")
	assert.Contains(t, b.page("x/0003_from_file_name/index.html"), "<title>0003 from file name · Test Handbook</title>")
}

func TestSectionsOrderByWeightThenName(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- content/b/_index.md --
---
title: Bravo Section
weight: 1
---
-- content/a/_index.md --
---
title: Alpha Section
weight: 2
---
-- content/a/z.md --
`+doc("z", "Weight: 1", "Title: Zulu")+`
-- content/a/y.md --
`+doc("y", "Title: Yankee")+`
-- content/a/x.md --
`+doc("x", "Weight: 2", "Title: Xray")+`
-- content/b/w.md --
`+doc("w", "Title: Whiskey")+`
`)
	require.Empty(t, b.findings())
	home := b.page("index.html")
	assertInOrder(t, home, []string{"Bravo Section", "Alpha Section"})
	assertInOrder(t, b.page("a/index.html"), []string{"Zulu", "Xray", "Yankee"}, "weight 1, weight 2, then unweighted")
}

func TestCascadeGivesDefaultsToDocumentsBelow(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- content/sec/_index.md --
---
title: Security
cascade:
  Owner: Office of the CISO
  Classification: Internal
---
-- content/sec/a.md --
---
Document-ID: a
Version: "1.0"
Status: Approved
Last Update: 2026-10-01
---
# A
-- content/sec/b.md --
---
Document-ID: b
Owner: Someone Else
Version: "1.0"
Status: Approved
Last Update: 2026-10-01
Classification: Public
---
# B
`)
	require.Empty(t, b.findings())
	assert.Contains(t, b.page("sec/a/index.html"), "<dd>Office of the CISO</dd>")
	assert.Contains(t, b.page("sec/b/index.html"), "<dd>Someone Else</dd>")
}

func TestRawHTMLEscapedUnlessSiteOptsIn(t *testing.T) {
	body := "\n<script>alert('x')</script>\n\nInline <b>bold</b>.\n"
	escaped := buildSite(t, siteYAML+"-- content/a.md --\n"+doc("a")+body)
	p := escaped.page("a/index.html")
	assert.NotContains(t, p, "<script>alert")
	assert.Contains(t, p, "&lt;script&gt;alert(")
	assert.Contains(t, p, "&lt;b&gt;bold&lt;/b&gt;")

	allowed := buildSite(t, siteYAML+"raw_html: true\n-- content/a.md --\n"+doc("a")+body)
	p = allowed.page("a/index.html")
	assert.Contains(t, p, "<b>bold</b>")
}

func TestGFMAndHeadingIDs(t *testing.T) {
	b := buildSite(t, siteYAML+"-- content/a.md --\n"+doc("a")+`
# A

## Roles & Escalation

| Control | Owner |
|---|---|
| C-1 | CIO |

- [x] done
- [ ] open

~~old~~ and https://example.org/x

## Roles & Escalation
`)
	p := b.page("a/index.html")
	assert.Contains(t, p, `<h2 id="roles--escalation">Roles &amp; Escalation</h2>`)
	assert.Contains(t, p, `<h2 id="roles--escalation-1">`)
	assert.Contains(t, p, "<table>")
	assert.Contains(t, p, `<input checked="" disabled="" type="checkbox"`)
	assert.Contains(t, p, "<del>old</del>")
	assert.Contains(t, p, `<a href="https://example.org/x">`)
	assert.Contains(t, p, `<a href="#roles--escalation">Roles &amp; Escalation</a>`, "table of contents")
}

func TestRelativeLinksToDocumentsBecomePageLinks(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- content/gov/a.md --
`+doc("a")+`
# A

See [B](../sec/b.md#scope), [C](c.md) and ![diagram](img/chart.png).
-- content/gov/c.md --
`+doc("c")+`
# C
-- content/gov/img/chart.png --
PNG
-- content/sec/b.md --
`+doc("b")+`
# B

## Scope
`)
	p := b.page("gov/a/index.html")
	assert.Contains(t, p, `<a href="../../sec/b/index.html#scope">B</a>`)
	assert.Contains(t, p, `<a href="../c/index.html">C</a>`)
	assert.Contains(t, p, `<img src="../img/chart.png" alt="diagram"`)
	assert.Equal(t, "PNG\n", b.page("gov/img/chart.png"))
}

func TestAudienceLeavesOutMoreSensitiveDocuments(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- content/a.md --
`+doc("a")+`
# Internal Doc
-- content/secret.md --
---
Document-ID: s
Owner: x
Version: "1"
Status: Approved
Classification: Confidential
Last Update: 2026-10-01
---
# SECRETTITLE
-- content/unclassified.md --
---
Document-ID: u
Owner: x
Version: "1"
Status: Approved
Classification: Unknownlevel
Last Update: 2026-10-01
---
# UNCLASSIFIEDTITLE
`)
	assert.Equal(t, []string{"content/unclassified.md:6:17 invalid-metadata"}, b.findings())
	for _, name := range b.out.Names() {
		data, _ := b.out.File(name)
		assert.NotContains(t, string(data), "SECRETTITLE", name)
		assert.NotContains(t, string(data), "UNCLASSIFIEDTITLE", name, "an unknown classification counts as the most sensitive")
	}
	assert.Len(t, b.res.Site.Excluded, 2)
}

func TestThemeFileOverriddenBySite(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- templates/partials/footer.html --
<footer class="custom">Custom footer of {{ .Site.Config.Title }}</footer>
-- static/css/extra.css --
body{}
-- content/a.md --
`+doc("a")+`
# A
`)
	p := b.page("a/index.html")
	assert.Contains(t, p, `<footer class="custom">Custom footer of Test Handbook</footer>`)
	assert.Contains(t, p, `class="sidebar"`, "other theme files still come from the built-in theme")
	assert.Equal(t, "body{}\n", b.page("css/extra.css"))
	assert.NotEmpty(t, b.page("css/govdoc.css"))
}

func TestBrokenThemeTemplateIsAFinding(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- templates/partials/footer.html --
<footer>{{ .Nope </footer>
-- content/a.md --
`+doc("a")+`
`)
	require.NotEmpty(t, b.find(finding.TemplateError))
	assert.Equal(t, "templates/partials/footer.html", b.find(finding.TemplateError)[0].File)
}

func TestMetadataRules(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- content/a.md --
---
Document-ID: dup
Owner: ""
Version: "1.0"
Status: Aproved
Classification: Secret
Last Update: 1st of May
Weight: heavy
---
-- content/b.md --
---
Document-ID: dup
Owner: x
Status: Approved
Classification: Internal
Last Update: 2024-01-01
---
`)
	assert.Equal(t, []string{
		"content/a.md:2:14 duplicate-id",
		"content/a.md:3:1 missing-metadata",
		"content/a.md:5:9 invalid-metadata",
		"content/a.md:6:17 invalid-metadata",
		"content/a.md:7:14 invalid-metadata",
		"content/a.md:8:9 invalid-metadata",
		"content/b.md:1:1 missing-metadata",
		"content/b.md:2:14 duplicate-id",
		"content/b.md:6:14 review-overdue",
	}, b.findings())
	assert.Equal(t, finding.Warning, b.find(finding.ReviewOverdue)[0].Severity)
}

func TestAwkwardFilesGiveFindingsNotPanics(t *testing.T) {
	big := strings.Repeat("A governance paragraph of some length, repeated to make a large file.\n\n", 150_000) // ~10 MB
	b := buildSite(t, strings.Replace(siteYAML, "audience: Internal", "audience: Restricted", 1)+`
-- content/empty.md --
-- content/nofm.md --
# Only A Heading

Text.
-- content/notyaml.md --
---
Owner: [unclosed
Title: x
---
# Still Renders
-- content/open.md --
---
Document-ID: open
`+"-- content/big.md --\n"+doc("big")+"# Big\n\n"+big+`
-- content/binary.md --
`+"\x00\x01\x02PNG"+`
-- content/latin1.md --
`+doc("l1")+"# Caf\xe9\n")
	assert.Contains(t, b.findings(), "content/notyaml.md:2:8 frontmatter-syntax")
	assert.Contains(t, b.findings(), "content/open.md:1:1 frontmatter-syntax")
	assert.Contains(t, b.findings(), "content/binary.md:1:1 read-error")
	assert.Contains(t, b.findings(), "content/latin1.md:10:6 read-error")
	assert.Contains(t, b.findings(), "content/empty.md:1:1 missing-metadata")
	assert.Contains(t, b.page("notyaml/index.html"), "Still Renders")
	assert.Contains(t, b.page("latin1/index.html"), "Caf\uFFFD")
	assert.Contains(t, b.page("big/index.html"), "A governance paragraph")
	assert.Contains(t, b.page("nofm/index.html"), "<h1 id=\"only-a-heading\">Only A Heading</h1>")
}

func TestNotFoundPageLinksFromTheBaseURL(t *testing.T) {
	b := buildSite(t, strings.Replace(siteYAML, "title: Test Handbook", "title: Test Handbook\nbaseURL: https://intranet.example/handbook\nlanguage: de-CH", 1)+"-- content/a.md --\n"+doc("a")+"# A\n")
	p := b.page("404.html")
	assert.Contains(t, p, `href="/handbook/css/govdoc.css"`, "a server shows it at any address, so relative links would break")
	assert.Contains(t, p, `<html lang="de-CH">`)
	assert.Contains(t, b.page("a/index.html"), `href="../css/govdoc.css"`)
}

func TestThemeLinkToNothingIsABrokenLink(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- templates/partials/footer.html --
<footer><a href="{{ .Rel "policies/privacy.html" }}">Privacy</a> <a href="{{ .Rel "index.html" }}#nowhere">Top</a> <a href="https://example.org/">Out</a></footer>
-- content/a.md --
`+doc("a")+`
# A

[gone](missing.md)
`)
	assert.Equal(t, []string{
		"content/a.md broken-link", // the footer of a's page, twice
		"content/a.md broken-link",
		"content/a.md:13:1 broken-link", // the body link, at its place in the source
		"templates/404.html broken-link",
		"templates/404.html broken-link",
		"templates/changes.html broken-link",
		"templates/changes.html broken-link",
		"templates/documents.html broken-link",
		"templates/documents.html broken-link",
		"templates/health.html broken-link",
		"templates/health.html broken-link",
		"templates/home.html broken-link",
		"templates/home.html broken-link",
		"templates/owner.html broken-link",
		"templates/owner.html broken-link",
		"templates/owners.html broken-link",
		"templates/owners.html broken-link",
		"templates/redline.html broken-link", // a's redline page
		"templates/redline.html broken-link",
		"templates/register.html broken-link",
		"templates/register.html broken-link",
		"templates/reviews.html broken-link",
		"templates/reviews.html broken-link",
		"templates/scorecards.html broken-link",
		"templates/scorecards.html broken-link",
	}, b.findings())
	for _, f := range b.find(finding.BrokenLink)[:2] {
		assert.Contains(t, f.Message, "the page a/index.html links to")
	}
}

func TestSidebarListsAWindowOfALargeSection(t *testing.T) {
	archive := siteYAML
	for i := range 120 {
		archive += fmt.Sprintf("-- content/big/d%03d.md --\n%s# Doc %03d\n", i, doc(fmt.Sprintf("d%03d", i), fmt.Sprintf("Weight: %d", i+1)), i)
	}
	b := buildSite(t, archive)
	side := func(page string) string {
		p := b.page(page)
		return between(t, p, `class="sidebar"`, "</nav>")
	}
	s := side("big/d060/index.html")
	assert.Equal(t, 10, strings.Count(s, ">Doc "), "the window of 10 that holds the current document")
	assert.Contains(t, s, ">Doc 060<")
	assert.Contains(t, s, ">Doc 069<")
	assert.NotContains(t, s, ">Doc 059<")
	assert.NotContains(t, s, ">Doc 070<")
	assert.Contains(t, s, "60 earlier documents in Big")
	assert.Contains(t, s, "50 more documents in Big")
	assert.Contains(t, s, `<a href="index.html" aria-current="page">Doc 060<`)
	assert.Contains(t, s, `<a href="../d061/index.html">Doc 061<`)
	assert.Equal(t, 1, strings.Count(s, "aria-current"))
	assert.Equal(t, strings.Replace(s, `<a href="index.html" aria-current="page">Doc 060<`, `<a href="../d060/index.html">Doc 060<`, 1),
		strings.Replace(side("big/d061/index.html"), `<a href="index.html" aria-current="page">Doc 061<`, `<a href="../d061/index.html">Doc 061<`, 1),
		"documents of one window share their sidebar but for the current one")
	first := side("big/d000/index.html")
	assert.Contains(t, first, ">Doc 000<")
	assert.NotContains(t, first, "earlier documents")
	assert.Contains(t, first, "110 more documents in Big")
	last := side("big/d119/index.html")
	assert.Contains(t, last, "110 earlier documents in Big", "the last window ends with the section")
	assert.Contains(t, last, `aria-current="page">Doc 119<`)
}

func TestOwnSidebarTemplateIsRenderedForEveryPage(t *testing.T) {
	archive := siteYAML + "-- templates/partials/sidebar.html --\n<nav class=\"sidebar\">{{ range (.Sidebar .Section).Documents }}<a href=\"{{ $.Rel .URL }}\"{{ if eq $.Doc . }} class=\"here\"{{ end }}>{{ .Title }}</a>{{ end }}</nav>\n"
	for i := range 60 {
		archive += fmt.Sprintf("-- content/big/d%03d.md --\n%s# Doc %03d\n", i, doc(fmt.Sprintf("d%03d", i), fmt.Sprintf("Weight: %d", i+1)), i)
	}
	b := buildSite(t, archive)
	assert.Contains(t, b.page("big/d003/index.html"), `<a href="index.html" class="here">Doc 003</a>`)
	assert.Contains(t, b.page("big/d004/index.html"), `<a href="index.html" class="here">Doc 004</a><a href="../d005/index.html">Doc 005</a>`)
}

func TestDocumentHistoryNewestFirstFromTableOrFrontMatter(t *testing.T) {
	b := buildSite(t, siteYAML+`
-- content/table.md --
---
Document-ID: t
Owner: x
Version: "1.2"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
---
# Table

Text.

**Document History:**

| Version | Date | Author | Changes |
|---|---|---|---|
| 1.0 | 2025-01-10 | J. Smith | Initial creation |
| 1.1 | 2025-06-01 | A. Müller | Clarified scope |
| 1.2 | 2026-10-01 | R. Okafor | Annual review |

After.
-- content/front.md --
---
Document-ID: f
Owner: x
Version: "2.0"
Status: Draft
Classification: Internal
Last Update: 2026-10-01
history:
  - {version: "1.0", date: 2025-01-10, author: J. Smith, changes: Initial creation}
  - {Version: "2.0", Date: 2026-10-01, Author: L. Chen, Changes: Rewritten}
---
# Front
`)
	require.Empty(t, b.findings())
	p := b.page("table/index.html")
	assert.NotContains(t, p, "Document History:", "the label goes with the table")
	assertInOrder(t, p, []string{`scope="row">1.2<`, `scope="row">1.1<`, `scope="row">1.0<`}, "newest first")
	assertInOrder(t, p, []string{`id="govdoc-history"`, "After."}, "the history stands where the table was")
	assert.Contains(t, p, `Version 1.2, approved on <time datetime="2026-10-01">2026-10-01</time> · <a href="#govdoc-history">History</a>`)

	f := b.page("front/index.html")
	assertInOrder(t, f, []string{`scope="row">2.0<`, `scope="row">1.0<`}, "newest first")
	assert.Contains(t, f, "L. Chen")
	assert.Contains(t, f, "Version 2.0 · Last updated", "only an approved document says approved")
}

func TestThemesCannotReadTheEnvironmentOrTheClock(t *testing.T) {
	for _, call := range []string{`env "HOME"`, `expandenv "$HOME"`, `now`, `date "2006" now`, `getHostByName "example.org"`, `randAlpha 5`, `uuidv4`, `genPrivateKey "rsa"`} {
		b := buildSite(t, siteYAML+"-- templates/partials/footer.html --\n<footer>{{ "+call+" }}</footer>\n-- content/a.md --\n"+doc("a")+"# A\n")
		require.NotEmpty(t, b.find(finding.TemplateError), call)
		assert.Contains(t, b.find(finding.TemplateError)[0].Message, "not defined", call)
	}
}
