package render_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/internal/browsertest"
)

// raciSite is a handbook with responsibility matrices: five roles, one of
// them unused, and three documents in two sections that name the roles by
// id, name and alias in different cases. It has 8 activities: CIO has a
// letter in 3, all in one document; IT Managers in 7; CISO in 5.
const raciSite = `
-- site.yaml --
title: RACI handbook
metadata:
  required: [Document-ID]
  classification: [Public, Internal]
audience: Internal
roles:
  - id: cio
    name: CIO
  - id: ciso
    name: CISO
  - id: it-managers
    name: IT Managers
    aliases: [IT Management]
  - id: service-desk
    name: Service desk
  - id: cio-office
    name: CIO Office
-- content/governance/_index.md --
---
title: Governance
weight: 10
---
-- content/governance/0010_strategy.md --
---
Document-ID: gov-0010
Classification: Internal
raci:
  - activity: Approve the IT strategy
    A: cio
    R: IT management
    C: [CISO]
    I: service desk
  - activity: Review the budget
    A: CIO
    R: [cio, it-managers]
  - activity: Appoint the CISO
    A: Cio
    R: [CIO]
    C: [IT Management]
---
# IT strategy

How the strategy is made.
-- content/governance/0020_portfolio.md --
---
Document-ID: gov-0020
Classification: Internal
raci:
  - activity: Prioritise projects
    A: it managers
    R: IT Managers
    C: ciso
  - activity: Report progress
    A: IT Management
    R: Service Desk
    I: [ciso]
---
# Portfolio

How projects are chosen.
-- content/security/_index.md --
---
title: Security
weight: 20
---
-- content/security/0100_incidents.md --
---
Document-ID: sec-0100
Classification: Internal
raci:
  - activity: Handle security incidents
    A: ciso
    R: [Service desk, IT Management]
  - activity: Patch servers
    A: IT managers
    R: service-desk
    C: CISO
  - activity: Reset passwords
    A: Service desk
    R: service desk
---
# Incidents

How incidents are handled.
`

const matrixPage = "responsibilities/index.html"

// TestRACIBrowser checks the responsibility pages in Chromium: the filter of
// the site's matrix, its state in the address, the sticky headers, a
// document's matrix and a role page.
func TestRACIBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base := serveArchive(t, raciSite)

	t.Run("filter by role", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+matrixPage)
		assert.True(t, visible(t, tab, ".raci-filter"), "raci.js shows the filter form")
		assert.Len(t, visibleRows(t, tab), 8)
		assert.Equal(t, "8 activities", text(t, tab, "#raci-count"))

		require.NoError(t, chromedp.Do(tab, chromedp.SendKeys("#raci-role", "CIO")))
		assert.Equal(t, []string{"Approve the IT strategy", "Review the budget", "Appoint the CISO"}, visibleRows(t, tab))
		assert.Empty(t, eval[[]string](t, tab, `[...document.querySelectorAll("tr.raci-row:not([hidden])")]
			.filter(tr => tr.cells[[...document.querySelectorAll("thead th")].findIndex(th => th.dataset.role === "cio")].textContent.trim() === "")
			.map(tr => tr.cells[0].textContent)`), "every row shown has a CIO letter")
		assert.Equal(t, "3 of 8 activities for CIO", text(t, tab, "#raci-count"))
		assert.Equal(t, []string{"cio"}, eval[[]string](t, tab, `[...document.querySelectorAll("thead th.raci-match")].map(th => th.dataset.role)`),
			"an exact name marks its role only, not CIO Office")
		assert.Equal(t, 3, eval[int](t, tab, `document.querySelectorAll("td.raci-match:not(:is([hidden] *))").length`))
		assert.Equal(t, []string{"IT strategy"}, visibleText(t, tab, "tr.raci-doc-row"), "a document with no CIO activity is hidden")
		assert.Equal(t, []string{"Governance"}, visibleText(t, tab, "tr.raci-section-row"), "a section with no CIO activity is hidden")
		assert.Equal(t, "#role=CIO", eval[string](t, tab, `location.hash`))

		require.NoError(t, chromedp.Do(tab, chromedp.KeyEvent(kb.Backspace+kb.Backspace+kb.Backspace)))
		assert.Len(t, visibleRows(t, tab), 8, "an empty role shows every row")
		assert.Equal(t, "8 activities", text(t, tab, "#raci-count"))
		assert.Zero(t, eval[int](t, tab, `document.querySelectorAll(".raci-match").length`))
		assert.Equal(t, "", eval[string](t, tab, `location.hash`))

		require.NoError(t, chromedp.Do(tab, chromedp.SendKeys("#raci-role", "  it management ")))
		assert.Equal(t, []string{
			"Approve the IT strategy", "Review the budget", "Appoint the CISO", "Prioritise projects", "Report progress",
			"Handle security incidents", "Patch servers",
		}, visibleRows(t, tab), "an alias in another case finds IT Managers")
		assert.Equal(t, "7 of 8 activities for IT Managers", text(t, tab, "#raci-count"))

		require.NoError(t, chromedp.Do(tab, chromedp.SendKeys("#raci-role", "x")))
		assert.Empty(t, visibleRows(t, tab))
		assert.Equal(t, `No role matches “it management x”`, text(t, tab, "#raci-count"))
	})

	t.Run("partial name and section", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+matrixPage)
		require.NoError(t, chromedp.Do(tab, chromedp.SendKeys("#raci-role", "cis")))
		assert.Equal(t, []string{"ciso"}, eval[[]string](t, tab, `[...document.querySelectorAll("thead th.raci-match")].map(th => th.dataset.role)`),
			"no exact name: the roles whose name contains the text")
		assert.Len(t, visibleRows(t, tab), 5)

		selectSection(t, tab, "content/security")
		assert.Equal(t, []string{"Handle security incidents", "Patch servers"}, visibleRows(t, tab))
		assert.Equal(t, "2 of 8 activities for CISO in Security", text(t, tab, "#raci-count"))
		assert.Equal(t, []string{"content/security"}, eval[[]string](t, tab, `[...document.querySelectorAll("tbody[data-section]:not([hidden])")].map(b => b.dataset.section)`))

		require.NoError(t, chromedp.Do(tab, chromedp.Click(".raci-filter button[type=reset]")))
		_, err := chromedp.Run(tab, chromedp.Poll[bool](`document.querySelectorAll("tr.raci-row:not([hidden])").length === 8`))
		require.NoError(t, err, "Show all shows every row")
		assert.Equal(t, "", eval[string](t, tab, `document.getElementById("raci-role").value`))
		assert.Equal(t, "", eval[string](t, tab, `location.hash`))
	})

	t.Run("state in the address", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+matrixPage+"#role=ciso&section=content/governance")
		assert.Equal(t, "ciso", eval[string](t, tab, `document.getElementById("raci-role").value`))
		assert.Equal(t, "content/governance", eval[string](t, tab, `document.getElementById("raci-section").value`))
		assert.Equal(t, []string{"Approve the IT strategy", "Prioritise projects", "Report progress"}, visibleRows(t, tab))
		assert.Equal(t, "3 of 8 activities for CISO in Governance", text(t, tab, "#raci-count"))

		require.NoError(t, chromedp.Do(tab, chromedp.Reload()))
		assert.Equal(t, []string{"Approve the IT strategy", "Prioritise projects", "Report progress"}, visibleRows(t, tab), "a reload keeps the filter")

		tab = openTab(t, browser, 1280, 900, base+matrixPage+"#role=service+desk")
		assert.Equal(t, "service desk", eval[string](t, tab, `document.getElementById("raci-role").value`))
		assert.Equal(t, "", eval[string](t, tab, `document.getElementById("raci-section").value`))
		assert.Len(t, visibleRows(t, tab), 5)
	})

	t.Run("sticky header and activity column", func(t *testing.T) {
		tab := openTab(t, browser, 375, 400, base+matrixPage)
		require.Greater(t, eval[int](t, tab, `document.querySelector(".raci-site").scrollHeight`),
			eval[int](t, tab, `document.querySelector(".raci-site").clientHeight`), "the matrix scrolls inside its box")
		require.Greater(t, eval[int](t, tab, `document.querySelector(".raci-site").scrollWidth`),
			eval[int](t, tab, `document.querySelector(".raci-site").clientWidth`), "the matrix scrolls sideways at 375px")
		assert.LessOrEqual(t, eval[int](t, tab, `document.documentElement.scrollWidth`), 375, "the page itself does not scroll sideways")

		offsets := eval[map[string]float64](t, tab, `(() => {
			const wrap = document.querySelector(".raci-site");
			wrap.scrollTop = 150;
			wrap.scrollLeft = 80;
			const box = wrap.getBoundingClientRect();
			const inner = { top: box.top + wrap.clientTop, left: box.left + wrap.clientLeft };
			return {
				scrollTop: wrap.scrollTop,
				header: document.querySelector('thead th[data-role="cio"]').getBoundingClientRect().top - inner.top,
				activity: document.querySelector("tr.raci-row:last-child th").getBoundingClientRect().left - inner.left,
			};
		})()`)
		require.Greater(t, offsets["scrollTop"], 100.0)
		assert.InDelta(t, 0, offsets["header"], 1, "the role names stay at the top of the box")
		assert.InDelta(t, 0, offsets["activity"], 1, "the activity names stay at the left of the box")
	})

	t.Run("print", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+matrixPage)
		require.NoError(t, chromedp.Do(tab, emulateMedia("print", "")))
		assert.Equal(t, "none", computed(t, tab, ".raci-filter", "display"), "no filter on paper")
		assert.Equal(t, "static", computed(t, tab, ".raci-site thead th", "position"))
		assert.Equal(t, "visible", computed(t, tab, ".raci-site", "overflow-y"), "every row on paper")
		assert.NotEqual(t, "0px", computed(t, tab, ".raci-site .raci-row td", "border-top-width"), "cells have borders on paper")
	})

	t.Run("document matrix", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+"governance/0010_strategy/index.html")
		assert.Equal(t, map[string]map[string]string{
			"Approve the IT strategy": {"CIO": "A", "CISO": "C", "IT Managers": "R", "Service desk": "I"},
			"Review the budget":       {"CIO": "A/R", "CISO": "", "IT Managers": "R", "Service desk": ""},
			"Appoint the CISO":        {"CIO": "A/R", "CISO": "", "IT Managers": "C", "Service desk": ""},
		}, eval[map[string]map[string]string](t, tab, `(() => {
			const table = document.querySelector("section.raci table");
			const roles = [...table.tHead.rows[0].cells].map(c => c.textContent.trim());
			const out = {};
			for (const tr of table.tBodies[0].rows) {
				out[tr.cells[0].textContent.trim()] = Object.fromEntries([...tr.cells].slice(1).map((c, i) => [roles[i + 1], c.textContent.trim()]));
			}
			return out;
		})()`), "the matrix has the roles the document names, with their letters")
		assert.Equal(t, "Accountable, Responsible", eval[string](t, tab, `document.querySelector("section.raci td.raci-a.raci-r abbr").title`))
		assert.Equal(t, "800", computed(t, tab, "section.raci td.raci-a abbr", "font-weight"), "A is bold")
		assert.True(t, visible(t, tab, "section.raci .raci-legend"))
	})

	t.Run("role page", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+"roles/cio/index.html")
		assert.Equal(t, "CIO", text(t, tab, "h1"))
		assert.Equal(t, [][]string{
			{"Approve the IT strategy", "IT strategy", base + "governance/0010_strategy/index.html"},
			{"Review the budget", "IT strategy", base + "governance/0010_strategy/index.html"},
			{"Appoint the CISO", "IT strategy", base + "governance/0010_strategy/index.html"},
		}, eval[[][]string](t, tab, `[...document.querySelectorAll("#role-accountable ~ .table-wrap tbody tr")]
			.map(tr => { const a = tr.querySelector("a"); return [tr.cells[0].textContent.trim(), a.textContent.trim(), a.href]; })`),
			"the activities CIO is accountable for, with links to their document")

		require.NoError(t, chromedp.Do(tab, chromedp.Click(".role-summary p a"), chromedp.WaitVisible(".raci-filter")))
		assert.Equal(t, "#role=CIO", eval[string](t, tab, `location.hash`), "the role page links to the filtered matrix")
		assert.Equal(t, []string{"Approve the IT strategy", "Review the budget", "Appoint the CISO"}, visibleRows(t, tab))
	})

	t.Run("roles page", func(t *testing.T) {
		tab := openTab(t, browser, 1280, 900, base+"roles/index.html")
		assert.Equal(t, map[string]string{"CIO": "3", "CISO": "1", "IT Managers": "3", "Service desk": "1", "CIO Office": "0"},
			eval[map[string]string](t, tab, `Object.fromEntries([...document.querySelectorAll(".roles-table tbody tr")]
				.map(tr => [tr.cells[0].textContent.trim(), tr.querySelector(".count-a").textContent.trim()]))`), "accountable counts")
		assert.Equal(t, "role-unused", eval[string](t, tab, `[...document.querySelectorAll(".roles-table tbody tr")].pop().className`))
	})
}

// serveArchive builds the txtar site archive with the built-in theme into a
// temporary folder and serves it on loopback. It returns the base URL, with
// a trailing slash.
func serveArchive(t *testing.T, archive string) string {
	t.Helper()
	src := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		src[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	out := filepath.Join(t.TempDir(), "site")
	res, _, err := generator.Publish(context.Background(), generator.Options{
		Source: src, Theme: govdoc.Theme, Version: "test", Now: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC),
	}, t.TempDir(), out)
	if res != nil {
		for _, f := range res.Findings {
			t.Log(f)
		}
	}
	require.NoError(t, err)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// visibleRows returns the activity names of the matrix rows that show.
func visibleRows(t *testing.T, tab context.Context) []string {
	t.Helper()
	return visibleText(t, tab, "tr.raci-row")
}

// visibleText returns the text of each rendered row that sel matches: its
// link's, as a document row's, or its first cell's.
func visibleText(t *testing.T, tab context.Context, sel string) []string {
	t.Helper()
	return eval[[]string](t, tab, fmt.Sprintf(`[...document.querySelectorAll(%q)]
		.filter(tr => tr.getClientRects().length > 0)
		.map(tr => (tr.querySelector("a") || tr.cells[0]).textContent.trim())`, sel))
}

// selectSection chooses a section in the filter as a reader would, which
// fires the select's change event.
func selectSection(t *testing.T, tab context.Context, dir string) {
	t.Helper()
	js := fmt.Sprintf(`(() => {
		const s = document.getElementById("raci-section");
		s.value = %q;
		s.dispatchEvent(new Event("change", { bubbles: true }));
		return s.value;
	})()`, dir)
	require.Equal(t, dir, eval[string](t, tab, js))
}
