package generator_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/site"
)

const raciRoles = `roles:
  - id: cio
    name: Chief Information Officer
    aliases: [CIO]
  - id: it-managers
    name: IT Managers
    aliases: [IT Management]
  - id: architecture-leads
    name: Architecture leads
    aliases: [Enterprise Architects]
  - id: service-desk
    name: Service desk
    aliases: [Helpdesk]
`

// raciSite has one document of good matrices and one with every problem.
var raciSite = siteYAML + raciRoles + `
-- content/ops/0100_incidents.md --
---
Document-ID: ops-0100
Owner: x
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
raci:
  - activity: Incident management
    R: [it management, HELPDESK]
    A: cio
    C: Enterprise Architects
    I: [Chief Information Officer]
  - activity: Problem management
    responsible: IT Managers
    accountable: Chief information officer
---
# Incidents

## Roles

{{ raci }}

## After

Text after the matrix.
-- content/ops/0200_problems.md --
---
Document-ID: ops-0200
Owner: x
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
raci:
  - activity: Change approval
    R: IT Managers
  - activity: Release planning
    A: [CIO, IT Managers]
    R: [Service desk]
  - activity: Capacity review
    R: [IT Managers]
    A: CIOO
    C: [Archtecture leads, Procurement]
  - activity: Problem management
    R: Service desk
    A: CIO
  - activity: Vendor review
    A: CIO
    C: [IT Managers]
---
# Problems
`

func TestRACIRulesPointAtTheEntry(t *testing.T) {
	b := buildSite(t, raciSite)
	assert.Equal(t, []string{
		"content/ops/0200_problems.md:9:5 raci-no-accountable",
		"content/ops/0200_problems.md:12:5 raci-multiple-accountable",
		"content/ops/0200_problems.md:16:8 unknown-role",
		"content/ops/0200_problems.md:17:9 unknown-role",
		"content/ops/0200_problems.md:17:28 unknown-role",
		"content/ops/0200_problems.md:18:5 raci-conflict",
		"content/ops/0200_problems.md:21:5 raci-no-responsible",
	}, b.findings())
	msgs := map[string]string{}
	for _, f := range b.res.Findings {
		msgs[f.Position.String()+" "+f.Rule] = f.Message
	}
	assert.Contains(t, msgs["content/ops/0200_problems.md:16:8 unknown-role"], `role "CIOO" is not in site.yaml's roles (did you mean "Chief Information Officer"?)`)
	assert.Contains(t, msgs["content/ops/0200_problems.md:17:9 unknown-role"], `(did you mean "Architecture leads"?)`)
	assert.Contains(t, msgs["content/ops/0200_problems.md:12:5 raci-multiple-accountable"], "Chief Information Officer, IT Managers")
	assert.Contains(t, msgs["content/ops/0200_problems.md:18:5 raci-conflict"], "content/ops/0100_incidents.md")
}

func TestRACIRolesMatchByIDNameAndAliasInAnyCase(t *testing.T) {
	b := buildSite(t, raciSite)
	d := b.res.Site.Documents[0]
	require.Equal(t, "content/ops/0100_incidents.md", d.Path)
	require.Len(t, d.RACI, 2)
	a := d.RACI[0]
	names := func(rs []*site.Role) (out []string) {
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	assert.Equal(t, []string{"it-managers", "service-desk"}, names(a.R), "alias in lower case, alias in upper case")
	assert.Equal(t, []string{"cio"}, names(a.A), "id")
	assert.Equal(t, []string{"architecture-leads"}, names(a.C), "alias as a single value")
	assert.Equal(t, []string{"cio"}, names(a.I), "name")
	assert.Equal(t, []string{"cio"}, names(d.RACI[1].A), "name in other case, long key names")
}

func TestDocumentMatrixWhereTheDocumentPlacesIt(t *testing.T) {
	b := buildSite(t, raciSite)
	p := b.page("ops/0100_incidents/index.html")
	assertInOrder(t, p, []string{`id="roles"`, `class="raci-table"`, "Text after the matrix."}, "the matrix stands where {{ raci }} is")
	assert.NotContains(t, p, "GOVDOCBLOCKRACI")
	cell := regexp.MustCompile(`(?s)<th scope="row">Incident management</th>(.*?)</tr>`).FindStringSubmatch(p)
	require.NotNil(t, cell)
	assert.Equal(t, []string{"A/I", "R", "C", "R"}, cellLetters(cell[1]), "roles in site.yaml order: cio, it-managers, architecture-leads, service-desk")

	p2 := b.page("ops/0200_problems/index.html")
	assertInOrder(t, p2, []string{`class="doc-body"`, `class="raci-table"`}, "without {{ raci }} the matrix follows the body")
}

// cellLetters returns the letters of a row's cells.
func cellLetters(row string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`).FindAllStringSubmatch(row, -1) {
		out = append(out, strings.TrimSpace(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], "")))
	}
	return out
}

func TestResponsibilitiesCSVReadsBack(t *testing.T) {
	b := buildSite(t, raciSite)
	data := b.page("responsibilities.csv")
	require.True(t, strings.HasPrefix(data, "\uFEFF"), "a byte order mark so spreadsheets read UTF-8")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(data, "\uFEFF"))).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{"Section", "Document ID", "Document", "File", "Activity", "Chief Information Officer", "IT Managers", "Architecture leads", "Service desk"}, rows[0])
	assert.Equal(t, []string{"Ops", "ops-0100", "Incidents", "content/ops/0100_incidents.md", "Incident management", "A/I", "R", "C", "R"}, rows[1])
	assert.Equal(t, []string{"Ops", "ops-0100", "Incidents", "content/ops/0100_incidents.md", "Problem management", "A", "R", "", ""}, rows[2])
	assert.Len(t, rows, 1+2+5)
}

// A spreadsheet opens responsibilities.csv as the text it holds: no
// activity or title runs as a formula, and lines end as Excel writes them.
func TestResponsibilitiesCSVHoldsNoFormula(t *testing.T) {
	b := buildSite(t, siteYAML+raciRoles+`
-- content/ops/0100_hostile.md --
---
Document-ID: "@ops-0100"
Owner: x
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
raci:
  - activity: "=HYPERLINK(\"http://evil.example\", \"Click\")"
    R: IT Managers
    A: cio
---
# +Hostile title
`)
	data := b.page("responsibilities.csv")
	assert.Contains(t, data, "\r\n", "CRLF line ends")
	assert.NotContains(t, strings.ReplaceAll(data, "\r\n", ""), "\n", "no bare LF")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(data, "\uFEFF"))).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, []string{"Ops", "'@ops-0100", "'+Hostile title", "content/ops/0100_hostile.md", `'=HYPERLINK("http://evil.example", "Click")`, "A", "R", "", ""}, rows[1])
}

func TestRolePageListsWhatTheRoleIsAssigned(t *testing.T) {
	b := buildSite(t, raciSite)
	p := b.page("roles/cio/index.html")
	assert.Contains(t, p, "<h1>Chief Information Officer</h1>")
	acc := between(t, p, `id="role-accountable"`, `id="role-responsible"`)
	for _, want := range []string{"Incident management", "Problem management", "Release planning"} {
		assert.Contains(t, acc, want)
	}
	assert.Contains(t, acc, `href="../../ops/0100_incidents/index.html"`)
	assert.NotContains(t, acc, "Change approval")
	inf := from(t, p, `id="role-informed"`)
	assert.Contains(t, inf, "Incident management")

	roles := b.page("roles/index.html")
	assert.Contains(t, roles, `href="cio/index.html"`)
	assert.Contains(t, b.page("responsibilities/index.html"), `data-roles="cio it-managers architecture-leads service-desk"`)
}

func TestNoRolesNoMatrixPages(t *testing.T) {
	b := buildSite(t, siteYAML+"-- content/a.md --\n"+doc("a")+"# A\n")
	assert.NotContains(t, b.out.Names(), "responsibilities/index.html")
	assert.NotContains(t, b.page("a/index.html"), "Responsibilities")
}

// raciFixture writes a handbook of docs documents with activities each,
// using every one of roles roles.
func raciFixture(docs, activities, roles int) fstest.MapFS {
	var y strings.Builder
	y.WriteString("title: Matrix\nmetadata:\n  review_after: 0\naudience: Restricted\nroles:\n")
	for r := range roles {
		fmt.Fprintf(&y, "  - {id: role-%02d, name: Role %02d, aliases: [R%02d]}\n", r, r, r)
	}
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(y.String())}}
	for d := range docs {
		var b bytes.Buffer
		fmt.Fprintf(&b, "---\nDocument-ID: m-%03d\nOwner: x\nVersion: \"1\"\nStatus: Approved\nClassification: Internal\nLast Update: 2026-01-01\nraci:\n", d)
		for a := range activities {
			n := d*activities + a
			fmt.Fprintf(&b, "  - activity: Activity %04d\n    R: [R%02d, role-%02d]\n    A: Role %02d\n    C: [r%02d]\n    I: [R%02d, R%02d]\n",
				n, n%roles, (n+1)%roles, (n+2)%roles, (n+3)%roles, (n+4)%roles, (n+5)%roles)
		}
		fmt.Fprintf(&b, "---\n# Document %d\n", d)
		fsys[fmt.Sprintf("content/s%d/d%03d.md", d%4, d)] = &fstest.MapFile{Data: b.Bytes()}
	}
	return fsys
}

func TestLargeMatrixBuildsClean(t *testing.T) {
	b := buildFS(t, raciFixture(50, 10, 40))
	require.Empty(t, b.findings())
	p := b.page("responsibilities/index.html")
	assert.Equal(t, 500, strings.Count(p, `class="raci-row"`))
	assert.Equal(t, 40, len(b.res.Site.Roles))
	if dir := os.Getenv("GOVDOC_WRITE_FIXTURE"); dir != "" { // for looking at it in a browser
		require.NoError(t, os.WriteFile(filepath.Join(dir, "responsibilities.html"), []byte(p), 0o644))
	}
}

// TestMatrixGolden pins the HTML of a document's matrix and of the site's
// matrix. Run go test ./generator -run MatrixGolden -update after a
// deliberate change.
func TestMatrixGolden(t *testing.T) {
	b := buildSite(t, raciSite)
	p := b.page("ops/0100_incidents/index.html")
	golden(t, "raci-document.golden.html", between(t, p, `<section class="raci"`, "</section>")+"</section>")
	site := b.page("responsibilities/index.html")
	golden(t, "raci-site.golden.html", between(t, site, `<table class="raci-table" id="raci-matrix">`, "</table>")+"</table>")
}
