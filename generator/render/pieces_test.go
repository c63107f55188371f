package render_test

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/generator/render"
	"github.com/govdoc/govdoc/generator/site"
)

// handbook is the example handbook with a large section, whose sidebar
// shows windows of it, and a document whose title, tags, headings and
// matrix hold characters that must be escaped, in text, attributes and
// links alike.
func handbook(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(govdoc.Example, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "templates/") || strings.HasPrefix(p, "static/") {
			return err
		}
		data, err := fs.ReadFile(govdoc.Example, p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	}))
	fsys["content/big/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Big & <Busy>\n---\n# Big & <Busy>\n")}
	for i := range 2*render.SidebarMax + 7 {
		fsys[fmt.Sprintf("content/big/d%03d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\nDocument-ID: big-%03d\nOwner: Office of the CIO\nVersion: \"1.0\"\nStatus: Approved\nClassification: Internal\nLast Update: 2026-10-01\nWeight: %d\n---\n# Doc %03d\n\nSee [the odd one](../governance/odd.md).\n", i, i+1, i)}
	}
	fsys["content/governance/odd.md"] = &fstest.MapFile{Data: []byte(`---
Document-ID: "odd+1 <&> 'x'"
Owner: "R&D \"Ops\""
Version: "2.0+b"
Status: Review
Classification: Internal
Last Update: 2026-10-02
Tags: [Sécurité, "R&D", "a+b c"]
raci:
  - activity: "Approve <things> & 'stuff'"
    R: [CIO, CFO]
    A: CEO
    C: [DPO]
    I: [Board]
---
# Odd <one> & "quotes" + 'apostrophes'

## Ünïcode & <headings>

### Deeper + further

#### Deepest

## Zweite Überschrift

See [the framework](0010_governance_framework.md).
`)}
	return fsys
}

// model builds the handbook and returns what the theme sees.
func model(t *testing.T) *site.Site {
	t.Helper()
	s, _ := built(t)
	return s
}

// built builds the handbook and returns what the theme sees and the files
// written.
func built(t *testing.T) (*site.Site, *output.Memory) {
	t.Helper()
	out := output.NewMemory()
	res, err := generator.Build(context.Background(), generator.Options{Source: handbook(t), Theme: govdoc.Theme, Version: "test", Now: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)}, out)
	require.NoError(t, err)
	require.Zero(t, res.Findings.Errors(), res.Findings)
	return res.Site.Published(), out
}

// pages lists every page of the site, as a build renders them.
func pages(s *site.Site) []*render.Page { return render.Pages(s, s.Documents[:3]) }

func builtinTemplates(t testing.TB) fs.FS {
	t.Helper()
	sub, err := fs.Sub(govdoc.Theme, "templates")
	require.NoError(t, err)
	return sub
}

// siteCopy is a site's templates/ folder with its own copy of each of the
// built-in theme's files named: the same text but for a comment, so that
// the copy is the site's own and its template is executed.
func siteCopy(t *testing.T, names ...string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, n := range names {
		data, err := fs.ReadFile(builtinTemplates(t), n)
		require.NoError(t, err)
		fsys[n] = &fstest.MapFile{Data: append(data, "{{/* the site's own copy */}}"...)}
	}
	return fsys
}

func loadTheme(t *testing.T, override fs.FS) *render.Theme {
	t.Helper()
	theme, findings := render.Load(builtinTemplates(t), override)
	require.Empty(t, findings)
	return theme
}

// TestPiecesWrittenInGoMatchTheirTemplates renders every page of a
// handbook with each piece that Go writes, and again with a site's copy of
// the piece's partial, which executes the partial's template: the pages
// are the same, byte for byte, and the second reports that it executed a
// template of the site's own.
func TestPiecesWrittenInGoMatchTheirTemplates(t *testing.T) {
	s := model(t)
	all := pages(s)
	fast := loadTheme(t, nil)
	want := map[string]render.Rendered{}
	for _, p := range all {
		r, err := fast.RenderPage(p)
		require.NoError(t, err, p.URL)
		assert.False(t, r.Overridden, "%s uses the built-in theme only", p.URL)
		want[p.URL] = r
	}
	for _, c := range []struct {
		partial    string
		shows      []string // pages that show the piece
		everywhere bool     // every page may show it
	}{
		{"partials/sidebar.html", []string{"index.html", "big/d015/index.html", "roles/index.html"}, true},
		{"partials/toc.html", []string{"governance/odd/index.html", "governance/0010_governance_framework/index.html"}, false},
		{"partials/backlinks.html", []string{"governance/0010_governance_framework/index.html", "governance/odd/index.html"}, false},
		{"partials/metadata.html", []string{"governance/odd/index.html"}, false},
		{"partials/doctable.html", []string{"documents/index.html", "big/index.html", "tags/r-d/index.html", "tags/sécurité/index.html"}, false},
		{"partials/role-list.html", []string{"roles/cio/index.html", "roles/ceo/index.html"}, false},
		{"partials/raci-matrix.html", []string{"responsibilities/index.html"}, false},
		{"partials/date.html", []string{"documents/index.html", "governance/odd/index.html"}, true},
		{"partials/raci-words.html", []string{"responsibilities/index.html", "governance/odd/index.html"}, false},
		{"partials/raci.html", []string{"governance/odd/index.html", "governance/0010_governance_framework/index.html"}, false},
		{"partials/raci-legend.html", []string{"governance/odd/index.html", "responsibilities/index.html"}, false},
		{"partials/register-table.html", []string{"register/index.html"}, false},
		{"partials/reviews-table.html", []string{"reviews/index.html"}, false},
		{"partials/review-calendar.html", []string{"reviews/index.html"}, false},
		{"partials/owner-reviews.html", []string{"owners/office-of-the-cio/index.html", "roles/cio/index.html"}, false},
		{"partials/owner-parts.html", []string{"owners/office-of-the-cio/index.html", "roles/cio/index.html"}, false},
		{"partials/health-lists.html", []string{"health/index.html"}, false},
		{"partials/header.html", []string{"index.html", "404.html", "governance/odd/index.html"}, true},
		{"partials/footer.html", []string{"index.html", "404.html", "governance/odd/index.html"}, true},
		{"partials/doc-header.html", []string{"governance/odd/index.html", "big/d015/index.html"}, false},
		{"partials/doc-pager.html", []string{"big/d015/index.html"}, false},
		{"partials/badges.html", []string{"governance/odd/index.html"}, false},
		{"partials/breadcrumbs.html", []string{"big/d015/index.html", "roles/cio/index.html", "owners/office-of-the-cio/index.html", "tags/r-d/index.html"}, false},
	} {
		t.Run(c.partial, func(t *testing.T) {
			slow := loadTheme(t, siteCopy(t, c.partial))
			shown := 0
			for _, p := range all {
				got, err := slow.RenderPage(p)
				require.NoError(t, err, p.URL)
				if !assert.Equal(t, string(want[p.URL].HTML), string(got.HTML), "%s is the same either way", p.URL) {
					return
				}
				if got.Overridden {
					shown++
				}
			}
			for _, u := range c.shows {
				got, err := slow.RenderPage(pageAt(t, all, u))
				require.NoError(t, err)
				assert.True(t, got.Overridden, "%s executes the site's %s", u, c.partial)
				assert.Contains(t, string(got.HTML), "href=", u)
			}
			if !c.everywhere {
				assert.Less(t, shown, len(all), "pages that do not show %s do not execute it", c.partial)
			}
		})
	}
	t.Run("every file the site's own", func(t *testing.T) {
		var names []string
		require.NoError(t, fs.WalkDir(builtinTemplates(t), ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				names = append(names, p)
			}
			return err
		}))
		slow := loadTheme(t, siteCopy(t, names...))
		for _, p := range all {
			got, err := slow.RenderPage(p)
			require.NoError(t, err, p.URL)
			assert.True(t, got.Overridden, p.URL)
			if !assert.Equal(t, string(want[p.URL].HTML), string(got.HTML), "%s is the same either way", p.URL) {
				return
			}
		}
	})
}

func pageAt(t *testing.T, all []*render.Page, url string) *render.Page {
	t.Helper()
	for _, p := range all {
		if p.URL == url {
			return p
		}
	}
	t.Fatalf("no page %s", url)
	return nil
}

// TestSiteCopyWithTheBuiltInTextIsTheBuiltInOne: a site's templates/ that
// holds files with exactly the built-in text, as a copy of the theme does,
// keeps every piece written by Go and every link known.
func TestSiteCopyWithTheBuiltInTextIsTheBuiltInOne(t *testing.T) {
	s := model(t)
	same := fstest.MapFS{}
	for _, n := range []string{"baseof.html", "document.html", "partials/toc.html", "partials/sidebar.html"} {
		data, err := fs.ReadFile(builtinTemplates(t), n)
		require.NoError(t, err)
		same[n] = &fstest.MapFile{Data: data}
	}
	theme := loadTheme(t, same)
	for _, p := range pages(s)[:12] {
		r, err := theme.RenderPage(p)
		require.NoError(t, err)
		assert.False(t, r.Overridden, p.URL)
	}
}

// TestSharedSidebarLinksAreOneValuePerWindow: the documents of a window
// report their sidebar's links as one value, which holds the links of the
// sidebar they share; a page of another window, or another kind, has its
// own.
func TestSharedSidebarLinksAreOneValuePerWindow(t *testing.T) {
	s := model(t)
	theme := loadTheme(t, nil)
	render1 := func(url string) render.Rendered {
		r, err := theme.RenderPage(pageAt(t, pages(s), url))
		require.NoError(t, err)
		return r
	}
	a, b, c := render1("big/d010/index.html"), render1("big/d019/index.html"), render1("big/d020/index.html")
	require.NotNil(t, a.Sidebar)
	assert.Same(t, a.Sidebar, b.Sidebar, "one window")
	assert.NotSame(t, a.Sidebar, c.Sidebar, "the next window")
	assert.Contains(t, a.Sidebar.Targets, "big/d010/index.html")
	assert.Contains(t, a.Sidebar.Targets, "big/d019/index.html")
	assert.NotContains(t, a.Sidebar.Targets, "big/d020/index.html")
	assert.Contains(t, a.Sidebar.Targets, "big/index.html", "the links to the rest of the section")
	assert.NotContains(t, a.Targets, "big/d019/index.html", "the page's own links leave out its shared sidebar's")
	assert.Contains(t, a.Targets, "big/d011/index.html", "but not its link to the next document")
	assert.Contains(t, render1("governance/odd/index.html").Targets, "governance/odd/index.html#govdoc-raci", "contents link within the page")
	shared, own, ok := theme.SharedSidebar(pageAt(t, pages(s), "big/d010/index.html"))
	require.True(t, ok)
	assert.Contains(t, shared, `<a href="../d010/index.html">Doc 010</a>`)
	assert.Contains(t, own, `<a href="index.html" aria-current="page">Doc 010</a>`)
	assert.Contains(t, string(a.HTML), own)
	roles := render1("roles/index.html")
	assert.Nil(t, roles.Sidebar, "a page other than a document's has its sidebar's links among its own")
	assert.Contains(t, roles.Targets, "roles/index.html")
}

// TestSiteWideTablesReportTheirLinks: the links the site-wide pages'
// tables write in Go are the page's links, for the link checker, as those
// of the tables of documents are.
func TestSiteWideTablesReportTheirLinks(t *testing.T) {
	s := model(t)
	theme := loadTheme(t, nil)
	for url, targets := range map[string][]string{
		"register/index.html":                 {"governance/odd/index.html", "big/d026/index.html"},
		"reviews/index.html":                  {"big/d026/index.html"},
		"owners/office-of-the-cio/index.html": {"big/d026/index.html"},
		"health/index.html":                   {"governance/odd/index.html", "health/index.html#health-section-governance-approved"},
	} {
		r, err := theme.RenderPage(pageAt(t, pages(s), url))
		require.NoError(t, err)
		assert.False(t, r.Overridden, url)
		for _, target := range targets {
			assert.Contains(t, r.Targets, target, url)
			if !strings.Contains(target, "#") {
				assert.Contains(t, string(r.HTML), `href="`+render.Rel(url, target)+`"`, url)
			}
		}
	}
}
