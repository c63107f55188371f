package generator_test

import (
	"bytes"
	"path"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/internal/xsstest"
)

// TestExampleHandbookLooksTheSameWithRawHTML builds the example handbook,
// which has no raw HTML, with raw_html on: the sanitizer then goes over every
// body, so every page must show what it shows with raw_html off. The HTML
// may be written differently (<br/> for <br />), but what a browser builds
// from each page is the same, element by element and attribute by
// attribute: the policy keeps all the markup govdoc writes, heading IDs,
// callouts, footnotes, task boxes, table scopes and the places of the
// history, matrix and scorecard blocks among it.
func TestExampleHandbookLooksTheSameWithRawHTML(t *testing.T) {
	off := buildFS(t, exampleFS(t))
	fsys := exampleFS(t)
	yaml := fsys["site.yaml"]
	require.NotContains(t, string(yaml.Data), "raw_html")
	yaml.Data = append(bytes.Clone(yaml.Data), "raw_html: true\n"...)
	on := buildFS(t, fsys)

	assert.Equal(t, off.findings(), on.findings())
	require.Equal(t, off.out.Names(), on.out.Names())
	pages, rewritten := 0, 0
	for _, name := range off.out.Names() {
		want, _ := off.out.File(name)
		got, _ := on.out.File(name)
		if path.Ext(name) != ".html" {
			assert.Equal(t, string(want), string(got), name)
			continue
		}
		assert.Equal(t, xsstest.Tree(t, want), xsstest.Tree(t, got), name)
		pages++
		if !bytes.Equal(want, got) {
			rewritten++
		}
	}
	assert.Greater(t, pages, 20)
	assert.Positive(t, rewritten, "the sanitizer writes some markup its own way, so it went over the bodies")
	seed := on.page("governance/0230_it_management_responsibilities/index.html")
	for _, want := range []string{`<h2 id="purpose">`, `class="history"`, `scope="row"`} {
		assert.Contains(t, seed, want)
	}
}
