package generator_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/site"
)

// ownersSite has documents owned by a role written by its id, name and
// alias in any case and spacing, by a name that is no role written two
// ways, a Retired document, a section of drafts only, and a scorecard whose
// metrics have owners. The build is dated 2026-11-24, review_after is 365.
const ownersSite = siteYAML + raciRoles + `
-- content/a/one.md --
---
Document-ID: one
Owner: cio
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
scorecard:
  period: 2026-Q3
  metrics:
    - {id: uptime, name: Uptime, unit: "%", target: 99, owner: IT Managers, values: {2026-Q3: 99.5}}
    - {id: cost, name: Cost per user, target: 10, better: lower, amber: 12, owner: Helpdesk, values: {2026-Q3: 11}}
---
# One
-- content/a/two.md --
---
Document-ID: two
Owner: chief  INFORMATION officer
Version: "1.0"
Status: Draft
Classification: Internal
Last Update: 2025-01-01
---
# Two
-- content/a/three.md --
---
Document-ID: three
Owner: " CIO "
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2025-12-10
---
# Three
-- content/b/four.md --
---
Document-ID: four
Owner: Risk  Office
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
---
# Four
-- content/b/five.md --
---
Document-ID: five
Owner: risk office
Version: "1.0"
Status: Draft
Classification: Internal
Last Update: 2026-10-01
---
# Five
-- content/b/old.md --
---
Document-ID: old
Owner: Risk Office
Version: "1.0"
Status: Retired
Classification: Internal
Last Update: 2020-01-01
---
# Old
-- content/c/draft1.md --
---
Document-ID: draft1
Owner: Risk Office
Version: "0.1"
Status: Draft
Classification: Internal
Last Update: 2026-10-01
---
# Draft one
-- content/c/draft2.md --
---
Document-ID: draft2
Owner: Risk Office
Version: "0.1"
Status: Draft
Classification: Internal
Last Update: 2026-10-01
---
# Draft two
`

func TestOwnersAreMatchedToRolesByIDNameOrAlias(t *testing.T) {
	b := buildSite(t, ownersSite)
	require.Zero(t, b.res.Findings.Errors(), b.findings())
	owners := map[string][]string{}
	var names []string
	for _, o := range b.res.Site.Owners {
		names = append(names, o.Name+" "+o.URL)
		for _, d := range o.Documents {
			owners[o.Name] = append(owners[o.Name], d.ID)
		}
	}
	assert.Equal(t, []string{
		"Chief Information Officer roles/cio/index.html",
		"IT Managers roles/it-managers/index.html",
		"Service desk roles/service-desk/index.html",
		"Risk Office owners/risk-office/index.html",
	}, names, "roles in site.yaml's order, then other names; one owner however its name is written")
	assert.Equal(t, map[string][]string{
		"Chief Information Officer": {"one", "three", "two"},
		"Risk Office":               {"five", "four", "old", "draft1", "draft2"},
	}, owners)

	cio := b.res.Site.Owners[0]
	var reviews []string
	for _, r := range cio.Reviews {
		reviews = append(reviews, r.Doc.ID+" "+r.Due+" "+r.State)
	}
	assert.Equal(t, []string{"two 2026-01-01 overdue", "three 2026-12-10 due-soon", "one 2027-10-01 "}, reviews, "soonest first, as of the build")
	for _, r := range b.res.Site.Owners[3].Reviews {
		assert.NotEqual(t, "old", r.Doc.ID, "a Retired document is not due for review")
	}

	role := b.page("roles/cio/index.html")
	assertInOrder(t, role, []string{"Documents owned", ">One<", ">Three<", ">Two<", `id="owner-reviews">Reviews`})
	_, reviewsPart, _ := strings.Cut(role, `id="owner-reviews"`)
	assertInOrder(t, reviewsPart, []string{"1 overdue, 1 due within 30 days",
		`datetime="2026-01-01"`, "Overdue", `datetime="2026-12-10"`, "Due soon", `id="owner-kpis">KPIs <span class="count">(0)</span>`})
	desk := b.page("roles/service-desk/index.html")
	assertInOrder(t, desk, []string{"KPIs", "0 green, 1 amber, 0 red", "Cost per user", `href="../../a/one/index.html#govdoc-scorecard"`, "Amber", "≤ 10"},
		"a metric's owner written as an alias reaches the role's page")

	own := b.page("owners/risk-office/index.html")
	assertInOrder(t, own, []string{"<h1>Risk Office</h1>", "Documents owned", ">Five<", ">Four<", ">Old<", `id="owner-reviews">Reviews`})
	assert.Contains(t, own, `href="../index.html">Owners</a>`, "the breadcrumb leads to the owners index")

	idx := b.page("owners/index.html")
	assertInOrder(t, idx, []string{`href="../roles/cio/index.html">Chief Information Officer</a>`, `href="../roles/it-managers/index.html">IT Managers</a>`,
		`href="risk-office/index.html">Risk Office</a> <span class="owner-kind">not a role</span>`})
}

func TestHealthCountsWhatItSays(t *testing.T) {
	b := buildSite(t, ownersSite)
	rows := map[string]*site.HealthRow{}
	for _, h := range b.res.Site.Health {
		rows[h.Kind+" "+h.Name] = h
	}
	// Section C holds two drafts with nothing else wrong: the average of
	// the five shares would give it 80%.
	c := rows["section C"]
	require.NotNil(t, c)
	assert.Equal(t, []int{2, 2, 0, 2, 2, 2, 2, 0}, []int{c.Total, c.Active, c.Approved, c.Complete, c.Reviewed, c.Linked, c.RACIValid, c.Score()},
		"a section of drafts scores 0")
	// Section B: Approved, Draft and Retired; the Retired one is out of the
	// approved share and the score, and in the others.
	sb := rows["section B"]
	assert.Equal(t, []int{3, 2, 1, 50, 100, 50}, []int{sb.Total, sb.Active, sb.Approved, sb.ActiveShare(sb.Approved), sb.Share(sb.Complete), sb.Score()})
	// Section A: two healthy of three; one Draft overdue for review.
	sa := rows["section A"]
	assert.Equal(t, []int{3, 3, 2, 2, 67}, []int{sa.Total, sa.Active, sa.Approved, sa.Reviewed, sa.Score()})
	all := rows["site Whole handbook"]
	assert.Equal(t, []int{8, 7, 3, 3, 43}, []int{all.Total, all.Active, all.Approved, all.Healthy, all.Score()})
	require.NotNil(t, rows["owner Risk Office"])
	assert.Equal(t, 25, rows["owner Risk Office"].Score(), "one healthy of four in force")

	// Every figure links to the list of the documents behind it.
	sc := b.page("scorecards/index.html")
	assert.Contains(t, sc, `<a class="health-figure" href="../health/index.html#health-section-b-approved">50%`)
	assert.Contains(t, sc, `href="../health/index.html#health-section-c-score"><strong>0%</strong>`)
	assert.Contains(t, sc, "a group of drafts scores 0%", "the definition is on the page")
	hp := b.page("health/index.html")
	list := func(id string) string {
		m := regexp.MustCompile(`(?s)<div id="` + id + `" class="health-list">(.*?)</div>`).FindStringSubmatch(hp)
		require.NotNil(t, m, id)
		return m[1]
	}
	approved := list("health-section-b-approved")
	assert.Contains(t, approved, "Approved: 1 of 2 (50%)")
	assert.Contains(t, approved, ">Five<", "the document that misses the figure is listed")
	assert.NotContains(t, approved, ">Four<", "the one that meets it is counted, not listed")
	assert.NotContains(t, approved, ">Old<", "a Retired document is not counted for approval")
	assert.Contains(t, list("health-section-b-complete"), "Every document meets it.")
	// The whole handbook's figures point to the sections' lists.
	site := list("health-site-approved")
	assert.Contains(t, site, "Approved: 3 of 7 (43%)")
	assert.Contains(t, site, `<a href="#health-section-b-approved">B</a> (1)`)
	assert.NotContains(t, site, ">Five<")
	score := list("health-owner-risk-office-score")
	assert.True(t, strings.Contains(score, "Healthy (score): 1 of 4 (25%)"), score)
}
