package generator

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/finding"
)

// A sidebar that document pages share is checked once, from the first page
// that shows it, and its links are left out of each page's own check.
func TestDeadLinksOfASharedSidebarAreFoundOnce(t *testing.T) {
	shared := `<nav><a href="../a/index.html">A</a><a href="../gone/index.html">Gone</a></nav>`
	page := func(url, own string) renderedPage {
		return renderedPage{url: url, html: []byte(`<html>` + own + `<a href="../../missing.html">M</a></html>`),
			source: "content/" + url, sidebar: shared, bodies: []string{own}}
	}
	pages := []renderedPage{
		page("s/a/index.html", `<nav><a href="index.html" aria-current="page">A</a><a href="../gone/index.html">Gone</a></nav>`),
		page("s/b/index.html", `<nav><a href="../a/index.html">A</a><a href="../gone/index.html">Gone</a></nav>`),
	}
	var got []string
	for _, f := range deadLinks(context.Background(), 2, pages, nil, "/", nil) {
		assert.Equal(t, finding.BrokenLink, f.Rule)
		got = append(got, f.File+": "+f.Message)
	}
	assert.ElementsMatch(t, []string{
		`content/s/a/index.html: the page s/a/index.html links to "../../missing.html", which is not in the output`,
		`content/s/b/index.html: the page s/b/index.html links to "../../missing.html", which is not in the output`,
		`templates/partials/sidebar.html: the page s/a/index.html links to "../gone/index.html", which is not in the output`,
	}, got)
}
