package generator_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
)

// headingSite has headings written for GitHub, in documents and a section,
// links to them from the same document and another one, and one link to
// an ID spelled as govdoc once spelled it.
const headingSite = siteYAML + `
-- content/gov/_index.md --
---
title: Governance
---
## Section _notes_ & **links**
-- content/gov/a.md --
` + "---\nDocument-ID: a\nOwner: x\nVersion: \"1.0\"\nStatus: Approved\nClassification: Internal\nLast Update: 2026-10-01\n---\n" + `
# Policy A

## Merging changes from [deploy-sourcegraph](https://github.com/x/y)

## The _scope_ of **this**

## Roles & Escalation

## Exceptions {#except}

See [merging](#merging-changes-from-deploy-sourcegraph), [scope](#the-scope-of-this) and [exceptions](#except).
-- content/gov/b.md --
` + "---\nDocument-ID: b\nOwner: x\nVersion: \"1.0\"\nStatus: Approved\nClassification: Internal\nLast Update: 2026-10-01\n---\n" + `
# Policy B

Read [[a.md#Roles & Escalation]], [[a.md#roles--escalation|the roles]] and [merging](a.md#merging-changes-from-deploy-sourcegraphhttpsgithubcomxy).
`

// TestHeadingIDsAreGitHubsEverywhere checks that one ID, spelled as GitHub
// spells it, is the heading's id, its table of contents entry, and what
// links, wiki links and the anchor check use; a link to an ID spelled
// otherwise is a broken anchor that names the ID now.
func TestHeadingIDsAreGitHubsEverywhere(t *testing.T) {
	b := buildSite(t, headingSite)
	assert.Equal(t, []string{"content/gov/b.md:12:76 broken-anchor"}, b.findings())
	assert.Equal(t, "#merging-changes-from-deploy-sourcegraphhttpsgithubcomxy is no heading in content/gov/a.md (did you mean #merging-changes-from-deploy-sourcegraph?)",
		b.find(finding.BrokenAnchor)[0].Message)

	a := b.page("gov/a/index.html")
	for _, want := range []string{
		`<h2 id="merging-changes-from-deploy-sourcegraph">Merging changes from <a href="https://github.com/x/y">deploy-sourcegraph</a></h2>`,
		`<h2 id="the-scope-of-this">The <em>scope</em> of <strong>this</strong></h2>`,
		`<h2 id="roles--escalation">Roles &amp; Escalation</h2>`,
		`<h2 id="except">Exceptions</h2>`,
		`<li><a href="#merging-changes-from-deploy-sourcegraph">Merging changes from deploy-sourcegraph</a></li>`,
		`<li><a href="#the-scope-of-this">The scope of this</a></li>`,
		`<li><a href="#except">Exceptions</a></li>`,
	} {
		assert.Contains(t, a, want)
	}
	assert.NotContains(t, a, "{#except}", "the ID's syntax shows nowhere")
	assert.Equal(t, 2, strings.Count(b.page("gov/b/index.html"), `href="../a/index.html#roles--escalation"`), "a wiki link names a heading by its text or its ID")
	assert.Contains(t, b.page("gov/index.html"), `<h2 id="section-notes--links">Section <em>notes</em> &amp; <strong>links</strong></h2>`)
}

// TestCalloutsAndTheirLinks checks that GitHub alerts and MkDocs
// admonitions render as callouts, that the links in them are resolved and
// checked where they are written, and that their placeholders are filled.
func TestCalloutsAndTheirLinks(t *testing.T) {
	b := buildSite(t, siteYAML+"-- content/gov/a.md --\n"+doc("a")+`# Policy A

> [!WARNING]
> Read [policy B](b.md) and [the missing one](missing.md).
> Ask {{ meta.owner }}.

!!! note "About [B](b.md#scope)"
    Its [scope](b.md#scop), for {{ meta.organization }}.

??? tip
    Folded.
-- content/gov/b.md --
`+doc("b")+"# Policy B\n\n## Scope\n")
	assert.Equal(t, []string{"content/gov/a.md:13:29 broken-link", "content/gov/a.md:17:9 broken-anchor"}, b.findings())
	assert.Contains(t, b.find(finding.BrokenAnchor)[0].Message, "(did you mean #scope?)")
	a := b.page("gov/a/index.html")
	for _, want := range []string{
		`<div class="callout callout-warning" role="note">` + "\n" + `<p class="callout-title">Warning</p>` + "\n" +
			`<p>Read <a href="../b/index.html">policy B</a> and <a href="missing.md">the missing one</a>.` + "\n" + `Ask Office of the CIO.</p>` + "\n</div>",
		`<p>Its <a href="../b/index.html#scop">scope</a>, for Acme Corp.</p>`,
		`<div class="callout callout-note" role="note">` + "\n" + `<p class="callout-title">About <a href="../b/index.html#scope">B</a></p>`,
		`<details class="callout callout-tip">` + "\n" + `<summary class="callout-title">Tip</summary>`,
	} {
		assert.Contains(t, a, want)
	}
	assert.NotContains(t, a, "[!WARNING]")
	assert.NotContains(t, a, "!!!")
	assert.Contains(t, b.page("gov/b/index.html"), `<a href="../a/index.html">Policy A</a>`, "listed as referring to B")
}

// TestTitleFromAHeadingWithMarkup checks that a title taken from a heading
// with emphasis reads as plain text wherever the site names the document,
// and that the heading itself keeps its emphasis.
func TestTitleFromAHeadingWithMarkup(t *testing.T) {
	b := buildSite(t, siteYAML+"-- content/gov/a.md --\n"+doc("a")+"# **Access Control** `Policy`\n\nText.\n")
	require.Empty(t, b.findings())
	a := b.page("gov/a/index.html")
	assert.Contains(t, a, "<title>Access Control Policy · Test Handbook</title>")
	assert.Contains(t, a, `<h1 id="access-control-policy"><strong>Access Control</strong> <code>Policy</code></h1>`)
	assert.Contains(t, a, `<li aria-current="page">Access Control Policy</li>`, "the breadcrumb")
	assert.Contains(t, a, `aria-current="page">Access Control Policy</a>`, "the sidebar")
	assert.Contains(t, b.page("documents/index.html"), `<a href="../gov/a/index.html">Access Control Policy</a>`)
	assert.Contains(t, b.searchText(), `"Access Control Policy"`)
	for _, name := range b.out.Names() {
		data, _ := b.out.File(name)
		assert.NotContains(t, string(data), "**Access", name)
		assert.NotContains(t, string(data), "`Policy`", name)
	}
}

// TestSectionTitleFromItsIndexHeading checks that a section whose
// _index.md opens with a heading and has no title: is named by that
// heading, shown once, while a title: in front matter still wins.
func TestSectionTitleFromItsIndexHeading(t *testing.T) {
	b := buildSite(t, siteYAML+`-- content/infosec/_index.md --
# Information _Security_

The security documents.
-- content/infosec/a.md --
`+doc("a")+`# Policy A
-- content/ops/_index.md --
---
title: Operations
---
# Running the shop

Text.
-- content/ops/b.md --
`+doc("b")+"# Policy B\n")
	require.Empty(t, b.findings())
	sec := b.page("infosec/index.html")
	assert.Contains(t, sec, "<title>Information Security · Test Handbook</title>")
	assert.Contains(t, sec, "<h1>Information <em>Security</em></h1>")
	assert.Equal(t, 1, strings.Count(sec, "Information <em>Security</em>"), "the heading is the page's title, not printed again")
	assert.Contains(t, sec, `<div class="intro"><p>The security documents.</p>`)
	assert.Contains(t, b.page("infosec/a/index.html"), `<li><a href="../index.html">Information Security</a></li>`, "the breadcrumb")

	ops := b.page("ops/index.html")
	assert.Contains(t, ops, "<h1>Operations</h1>")
	assert.Contains(t, ops, `<h1 id="running-the-shop">Running the shop</h1>`, "a heading other than the title stays")
	assert.Contains(t, b.page("index.html"), ">Information Security</a>")
}
