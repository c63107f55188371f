package search_test

import (
	"encoding/json"
	"html/template"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/search"
	"github.com/govdoc/govdoc/generator/site"
)

func TestTextIsTheBodysPlainText(t *testing.T) {
	body := template.HTML(`<h1 id="policy">Access Policy</h1>
<h2 id="purpose">Purpose</h2><p>Who gets <strong>access</strong> to what,&nbsp;and <a href="x">why</a> &amp; how.</p>
<ul><li>One</li><li>Two</li></ul><table><tr><td>cell</td><td>next</td></tr></table>`)
	assert.Equal(t, "Purpose Who gets access to what, and why & how. One Two cell next", search.Text(body, "policy", 1000),
		"the title heading left out, words of separate blocks kept apart, inline elements run on")
	assert.Equal(t, "Access Policy Purpose", search.Text(`<h1 id="policy">Access Policy</h1><h2>Purpose</h2>`, "", 1000),
		"a body without a title heading keeps its first heading")
}

func TestTextStopsAtTheLimitAtAWord(t *testing.T) {
	body := template.HTML("<p>" + strings.Repeat("governance ", 200) + "</p>")
	got := search.Text(body, "", 100)
	assert.LessOrEqual(t, len(got), 100+len("…"))
	assert.True(t, strings.HasSuffix(got, "governance…"), got)

	multibyte := search.Text(template.HTML("<p>"+strings.Repeat("é", 300)+"</p>"), "", 101)
	assert.True(t, strings.HasSuffix(multibyte, "é…"), "never half a character")
}

func TestIndexIsAScriptThatSetsAGlobal(t *testing.T) {
	sec := &site.Section{Title: "Security", Parent: &site.Section{}}
	d := &site.Document{Title: "Access Policy", ID: "sec-0310", URL: "security/access/index.html", Owner: "CISO", Status: "Approved",
		Classification: "Internal", Tags: []string{"access"}, Section: sec,
		Headings: []markdown.Heading{{Level: 1, Text: "Access Policy"}, {Level: 2, Text: "Scope"}, {Level: 3, Text: "Exceptions"}, {Level: 4, Text: "Deep"}}}
	js := string(search.Index([]search.Entry{search.NewEntry(d, "The text </script>")}))
	prefix := "window." + search.Global + " = "
	require.Contains(t, js, prefix)
	data := strings.TrimSuffix(strings.TrimSpace(js[strings.Index(js, prefix)+len(prefix):]), ";")
	var ix struct {
		Fields []string
		Docs   [][]any
	}
	require.NoError(t, json.Unmarshal([]byte(data), &ix), data)
	assert.Equal(t, search.Fields, ix.Fields)
	require.Len(t, ix.Docs, 1)
	assert.Equal(t, []any{"Access Policy", "sec-0310", "security/access/index.html", "CISO", "Approved", "Internal", []any{"access"}, "Security", "Scope\nExceptions", "The text </script>"}, ix.Docs[0],
		"headings of levels 2 and 3 only")
	assert.NotContains(t, js, "</script>", "nothing in the index can end a script element")
}

func TestTextLimitSharesTheBudget(t *testing.T) {
	assert.Equal(t, search.MaxText, search.TextLimit(18), "a small handbook is indexed whole")
	assert.Equal(t, search.Budget/1000, search.TextLimit(1000))
	assert.Equal(t, search.MinText, search.TextLimit(100000), "every document keeps its opening")
	assert.Equal(t, search.MaxText, search.TextLimit(0))
}
