package generator_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
)

// navSite has a section of four documents in weight order, one of them
// Confidential and so left out of the Internal build, a second section,
// and tags written in different cases, one of them only on the left-out
// document.
const navSite = siteYAML + `
-- content/gov/_index.md --
---
title: Governance
weight: 1
---
-- content/gov/a.md --
---
Document-ID: gov-a
Owner: Office of the CIO
Version: "1.2"
Status: Approved
Classification: Public
Last Update: 2026-10-01
Weight: 1
Tags: [Roles, governance]
---
# Alpha
-- content/gov/b.md --
---
Document-ID: gov-b
Owner: Office of the CIO
Version: "1.10"
Status: Draft
Classification: Internal
Last Update: 2026-09-01
Weight: 2
Tags: roles, Board & Executive
---
# Bravo
-- content/gov/c.md --
---
Document-ID: gov-c
Owner: Secret Owner
Version: "1.0"
Status: Approved
Classification: Confidential
Last Update: 2026-08-01
Weight: 3
Tags: [merger-secret, governance]
---
# Charlie Secret
-- content/gov/d.md --
---
Document-ID: gov-d
Owner: Risk Office
Version: "2.0"
Status: Review
Classification: Internal
Last Update: 2026-11-01
Weight: 4
---
# Delta
-- content/ops/e.md --
` + "---\nDocument-ID: ops-e\nOwner: Service Office\nVersion: \"1.0\"\nStatus: Approved\nClassification: Internal\nLast Update: 2026-07-01\nTags: [roles]\n---\n# Echo\n"

// links returns the link targets and texts of a page's element with the
// given class.
func links(t *testing.T, page, class string) map[string]string {
	t.Helper()
	at := strings.Index(page, `class="`+class+`"`)
	if at < 0 {
		return nil
	}
	block := page[at:]
	block = block[:strings.Index(block, "</nav>")]
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`href="([^"]+)" rel="(prev|next)"><span class="doc-pager-label">.*?</span> <span class="doc-pager-title">([^<]+)</span>`).FindAllStringSubmatch(block, -1) {
		out[m[2]] = m[1] + " " + m[3]
	}
	return out
}

func TestPreviousAndNextFollowTheSectionsReadingOrder(t *testing.T) {
	b := buildSite(t, navSite)
	require.Zero(t, b.res.Findings.Errors(), b.findings())
	assert.Equal(t, map[string]string{"next": "../b/index.html Bravo"}, links(t, b.page("gov/a/index.html"), "doc-pager"), "the first has no previous")
	assert.Equal(t, map[string]string{"prev": "../a/index.html Alpha", "next": "../d/index.html Delta"}, links(t, b.page("gov/b/index.html"), "doc-pager"),
		"the left-out document between them is skipped")
	assert.Equal(t, map[string]string{"prev": "../b/index.html Bravo"}, links(t, b.page("gov/d/index.html"), "doc-pager"), "the last has no next, and never the next section's first")
	assert.NotContains(t, b.page("ops/e/index.html"), `class="doc-pager"`, "a document alone in its section has no pager")
	assert.Contains(t, b.page("gov/b/index.html"), `aria-label="Previous and next document in Governance"`)
}

func TestTagPagesListThePublishedDocumentsOfEachTag(t *testing.T) {
	b := buildSite(t, navSite)
	require.Zero(t, b.res.Findings.Errors(), b.findings())

	index := b.page("tags/index.html")
	re := regexp.MustCompile(`<a class="tag" href="([^"]+)">([^<]+)</a> <span class="count">(\d+) documents?</span>`)
	var tags []string
	for _, m := range re.FindAllStringSubmatch(index, -1) {
		tags = append(tags, m[1]+" "+m[2]+" "+m[3])
	}
	assert.Equal(t, []string{
		"board-executive/index.html Board &amp; Executive 1",
		"governance/index.html governance 1",
		"roles/index.html Roles 3",
	}, tags, "sorted by name; Roles and roles are one tag, named as the first document writes it; counts of published documents only")

	roles := b.page("tags/roles/index.html")
	assert.Contains(t, roles, "<h1>Documents tagged “Roles”</h1>")
	var titles []string
	for _, m := range regexp.MustCompile(`<th scope="row"><a href="([^"]+)">([^<]+)</a></th>`).FindAllStringSubmatch(roles, -1) {
		titles = append(titles, m[1]+" "+m[2])
	}
	assert.Equal(t, []string{"../../gov/a/index.html Alpha", "../../gov/b/index.html Bravo", "../../ops/e/index.html Echo"}, titles, "in reading order")
	assert.Contains(t, roles, `<li><a href="../index.html">Tags</a></li>`, "the breadcrumbs lead to the tags page")
	assert.Contains(t, roles, `<a href="../index.html" aria-current="page">Tags</a>`, "the sidebar marks Tags")

	gov := b.page("tags/governance/index.html")
	assert.NotContains(t, gov, "Charlie", "a left-out document is on no tag page")

	for _, name := range b.out.Names() {
		data, _ := b.out.File(name)
		assert.NotContains(t, strings.ToLower(name+string(data)), "merger-secret", "%s: the tag of a left-out document appears nowhere", name)
	}

	a := b.page("gov/a/index.html")
	assert.Contains(t, a, `<a class="tag" href="../../tags/roles/index.html">Roles</a>`, "a document's tags link to their pages")
	assert.Contains(t, a, `<a class="tag" href="../../tags/governance/index.html">governance</a>`)
}

func TestNoTagsNoTagPages(t *testing.T) {
	b := buildSite(t, siteYAML+"-- content/a.md --\n"+doc("a")+"# A\n")
	for _, name := range b.out.Names() {
		assert.False(t, strings.HasPrefix(name, "tags/"), name)
	}
	assert.NotContains(t, b.page("a/index.html"), "tags/index.html", "no link to a tags page that is not there")
}

func TestTheIndexOfAllDocumentsHasARowPerPublishedDocument(t *testing.T) {
	b := buildSite(t, navSite)
	require.Zero(t, b.res.Findings.Errors(), b.findings())
	p := b.page("documents/index.html")
	row := regexp.MustCompile(`(?s)<tr data-status="([^"]*)" data-classification="([^"]*)">\s*<td class="doc-id">([^<]*)</td>\s*<th scope="row"><a href="([^"]+)">([^<]+)</a></th>\s*<td>([^<]*)</td>\s*<td>(?:<span[^>]*>([^<]*)</span>)?</td>\s*<td>(?:<span[^>]*>([^<]*)</span>)?</td>\s*<td>([^<]*)</td>\s*<td><time datetime="[^"]+">([^<]+)</time></td>`)
	var rows [][]string
	for _, m := range row.FindAllStringSubmatch(p, -1) {
		rows = append(rows, m[3:])
	}
	assert.Equal(t, [][]string{
		{"gov-a", "../gov/a/index.html", "Alpha", "Office of the CIO", "Approved", "Public", "1.2", "2026-10-01"},
		{"gov-b", "../gov/b/index.html", "Bravo", "Office of the CIO", "Draft", "Internal", "1.10", "2026-09-01"},
		{"gov-d", "../gov/d/index.html", "Delta", "Risk Office", "Review", "Internal", "2.0", "2026-11-01"},
		{"ops-e", "../ops/e/index.html", "Echo", "Service Office", "Approved", "Internal", "1.0", "2026-07-01"},
	}, rows, "every published document in reading order: ID, title, owner, status, classification, version, last update")
	assert.NotContains(t, p, "Charlie")
	assert.Contains(t, p, `<option value="Public">Public</option><option value="Internal">Internal</option></select>`,
		"the classification filter offers the levels this build publishes, no more")
	assert.Contains(t, p, `<option value="Draft">Draft</option><option value="Review">Review</option><option value="Approved">Approved</option><option value="Retired">Retired</option>`)
	assert.Contains(t, p, `<form class="doc-filter" role="search" aria-label="Filter the documents" hidden>`, "without JavaScript no filter shows")
	assert.Contains(t, p, `<a href="index.html" aria-current="page">All documents</a>`, "the sidebar marks the page")
	assert.Contains(t, b.page("index.html"), `<a href="documents/index.html">All documents</a>`, "the home page links to it")
}

func TestAFolderCannotTakeTheAddressOfABuiltInPage(t *testing.T) {
	b := buildSite(t, navSite+`
-- content/documents/_index.md --
---
title: Documents
---
-- content/documents/x.md --
`+doc("x")+`# X
-- content/tags/roles.md --
`+doc("y")+`# Y
`)
	var got []string
	for _, f := range b.find(finding.PageConflict) {
		got = append(got, f.Position.String()+" "+f.Message)
	}
	assert.Equal(t, []string{
		"content/documents/_index.md:1:1 the section's page documents/index.html would overwrite the list of all documents; rename the folder",
		"content/tags/ the section's page tags/index.html would overwrite the list of tags; rename the folder",
		"content/tags/roles.md:1:1 its page tags/roles/index.html would overwrite the page of the tag \"Roles\"; rename the file",
	}, got)
}

func TestASitesOwnHeaderAndDocumentTemplatesStillBuild(t *testing.T) {
	// Templates written before search, themes and previous/next existed.
	b := buildSite(t, navSite+`
-- templates/partials/header.html --
<header class="site-header"><a href="{{ .Root }}">{{ .Site.Config.Title }}</a></header>
-- templates/document.html --
{{ define "main" }}<h1>{{ .Doc.Title }}</h1>{{ template "partials/metadata.html" .Doc }}{{ .Doc.Body }}{{ end }}
`)
	require.Zero(t, b.res.Findings.Errors(), b.findings())
	p := b.page("gov/a/index.html")
	assert.NotContains(t, p, "site-search", "the site's header has no search box")
	assert.NotContains(t, p, "doc-pager", "nor its document page previous and next links")
	assert.Contains(t, p, `<a class="tag" href="../../tags/roles/index.html">Roles</a>`, "the built-in metadata panel still links tags")
	assert.Contains(t, b.searchText(), `"gov-a"`, "the index is written all the same")
	assert.NotEmpty(t, b.page("documents/index.html"))
}
