package write

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/generator/render"
)

func messages(f finding.List) []string {
	var out []string
	for _, x := range f {
		out = append(out, x.Rule+" "+x.File+": "+x.Message)
	}
	return out
}

// Links outside the bodies must name an output file, and a #fragment an id
// of the page it names, wherever in the order that page is written.
func TestLinksOfEveryPageAreCheckedAsTheyAreWritten(t *testing.T) {
	out := output.NewMemory()
	pages := []Page{
		{URL: "index.html", Source: "templates/home.html", HTML: []byte(`<a href="a/index.html#top">A</a><a href="a/index.html#gone">A</a>` +
			`<a href="missing.html">M</a><img src="css/x.png"><a href="https://example.org/">E</a><a href="/base/a/">abs</a><a href="/other/">outside</a>`)},
		{URL: "a/index.html", Source: "content/a.md", HTML: []byte(`<h1 id="top">A</h1><div><a href="nowhere.html">in the body</a></div><a href="#top">up</a><a href="#nope">x</a>`),
			Bodies: []string{`<div><a href="nowhere.html">in the body</a></div>`}},
		{URL: "data.json", HTML: []byte(`{"href="x"}`)},
	}
	res, err := Pages(context.Background(), Options{Workers: 2, Out: out, Files: []string{"css/x.png"}, Base: "/base/"}, pages)
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{
		`broken-link templates/home.html: the page index.html links to "a/index.html#gone", whose #gone is no id on that page`,
		`broken-link templates/home.html: the page index.html links to "missing.html", which is not in the output`,
		`broken-link content/a.md: the page a/index.html links to "#nope", whose #nope is no id on that page`,
	}, messages(res.Findings))
	assert.Equal(t, 3, res.Written)
	assert.Equal(t, []string{"a/index.html", "data.json", "index.html"}, out.Names())
}

// A sidebar that document pages share is checked once, from the first page
// that shows it, and its links are left out of each page's own check.
func TestDeadLinksOfASharedSidebarAreFoundOnce(t *testing.T) {
	shared := `<nav><a href="../a/index.html">A</a><a href="../gone/index.html">Gone</a></nav>`
	page := func(url, own string) Page {
		return Page{URL: url, HTML: []byte(`<html>` + own + `<a href="../../missing.html">M</a></html>`),
			Source: "content/" + url, Sidebar: shared, Bodies: []string{own}}
	}
	pages := []Page{
		page("s/a/index.html", `<nav><a href="index.html" aria-current="page">A</a><a href="../gone/index.html">Gone</a></nav>`),
		page("s/b/index.html", `<nav><a href="../a/index.html">A</a><a href="../gone/index.html">Gone</a></nav>`),
	}
	res, err := Pages(context.Background(), Options{Workers: 1, Out: output.NewMemory(), Base: "/"}, pages)
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{
		`broken-link content/s/a/index.html: the page s/a/index.html links to "../../missing.html", which is not in the output`,
		`broken-link content/s/b/index.html: the page s/b/index.html links to "../../missing.html", which is not in the output`,
		`broken-link templates/partials/sidebar.html: the page s/a/index.html links to "../gone/index.html", which is not in the output`,
	}, messages(res.Findings))
}

type failing struct{ output.Writer }

func (failing) WriteFile(name string, _ []byte) error {
	if name == "b.html" {
		return errors.New("disk full")
	}
	return nil
}

// A write error stops the stage and is returned; a file that cannot be
// read is one too.
func TestAWriteErrorStopsTheStage(t *testing.T) {
	pages := []Page{{URL: "a.html", HTML: []byte("a")}, {URL: "b.html", HTML: []byte("b")}}
	_, err := Pages(context.Background(), Options{Workers: 1, Out: failing{}}, pages)
	assert.EqualError(t, err, "disk full")

	pages = []Page{{URL: "logo.png", Read: func() ([]byte, error) { return nil, errors.New("permission denied") }}}
	_, err = Pages(context.Background(), Options{Workers: 1, Out: output.NewMemory()}, pages)
	assert.EqualError(t, err, "permission denied")
}

// Keep is given a copy of the page that later pages do not overwrite,
// although pages are rendered into pooled buffers; a template error is a
// finding of its page, which is not written.
func TestRenderedPagesAreKeptAsTheirOwnAndTemplateErrorsAreFindings(t *testing.T) {
	theme := fstest.MapFS{"baseof.html": {Data: []byte(`{{ if eq .Title "broken" }}{{ .Nothing.Deeper }}{{ end }}<p>{{ .Title }}</p><a href="{{ .URL }}">self</a>`)}}
	for _, k := range render.Kinds() {
		theme[k+".html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}{{ end }}`)}
	}
	th, f := render.Load(nil, theme) // the site's own templates: their links are read from the page
	require.Empty(t, f)
	out := output.NewMemory()
	kept := map[string]string{}
	var mu sync.Mutex
	var pages []Page
	for _, title := range []string{"first", "second", "broken", "third"} {
		url := title + ".html"
		pages = append(pages, Page{URL: url, Source: "content/" + title + ".md", Render: &render.Page{Kind: render.Kind404, Title: title, URL: url},
			Keep: func(html []byte, links *Links) {
				mu.Lock()
				defer mu.Unlock()
				kept[url] = string(html)
				assert.Equal(t, []string{url}, links.Dests)
			}})
	}
	res, err := Pages(context.Background(), Options{Workers: 1, Theme: th, Out: out}, pages)
	require.NoError(t, err)
	assert.Equal(t, 3, res.Rendered)
	assert.Equal(t, []string{"first.html", "second.html", "third.html"}, out.Names())
	require.Len(t, res.Findings, 1)
	assert.Equal(t, finding.TemplateError, res.Findings[0].Rule)
	assert.Equal(t, "content/broken.md", res.Findings[0].File)
	for _, title := range []string{"first", "second", "third"} {
		want := `<p>` + title + `</p><a href="` + title + `.html">self</a>`
		assert.Equal(t, want, kept[title+".html"])
		data, _ := out.File(title + ".html")
		assert.Equal(t, want, string(data))
	}
}

// The links the built-in theme reports as it makes them are checked
// without reading the page: each must name an output file, and a #fragment
// an id of that page.
func TestLinksTheThemeReportsAreChecked(t *testing.T) {
	theme := fstest.MapFS{"baseof.html": {Data: []byte(`<h1 id="top">{{ .Title }}</h1><a href="{{ .Rel "missing.html" }}">m</a><a href="{{ .Rel "a.html#top" }}">ok</a><a href="{{ .Rel "a.html#nope" }}">x</a>`)}}
	for _, k := range render.Kinds() {
		theme[k+".html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}{{ end }}`)}
	}
	th, f := render.Load(theme, nil)
	require.Empty(t, f)
	pages := []Page{{URL: "a.html", Source: "templates/tags.html", Render: &render.Page{Kind: render.KindTags, Title: "A", URL: "a.html"}}}
	res, err := Pages(context.Background(), Options{Workers: 1, Theme: th, Out: output.NewMemory()}, pages)
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{
		`broken-link templates/tags.html: the page a.html links to "missing.html", which is not in the output`,
		`broken-link templates/tags.html: the page a.html links to "a.html#nope", whose #nope is no id on that page`,
	}, messages(res.Findings))
}
