package search_test

import (
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
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

// parseScript returns the JSON value a script assigns after prefix.
func parseScript(t *testing.T, js, prefix string, v any) {
	t.Helper()
	require.Contains(t, js, prefix)
	data := strings.TrimSuffix(strings.TrimSpace(js[strings.Index(js, prefix)+len(prefix):]), ";")
	require.NoError(t, json.Unmarshal([]byte(data), v), data)
}

func TestTheIndexIsAScriptThatNamesItsChunks(t *testing.T) {
	sec := &site.Section{Title: "Security", Parent: &site.Section{}}
	d := &site.Document{Title: "Access Policy", ID: "sec-0310", URL: "security/access/index.html", Owner: "CISO", Status: "Approved",
		Classification: "Internal", Tags: []string{"access"}, Section: sec,
		Headings: []markdown.Heading{{Level: 1, Text: "Access Policy"}, {Level: 2, Text: "Scope"}, {Level: 3, Text: "Exceptions"}, {Level: 4, Text: "Deep"}}}
	chunks := search.Split([]string{"content/security/access.md"}, []search.Entry{search.NewEntry(d, "The text </script>")})
	require.Len(t, chunks, 1)
	assert.Regexp(t, `^search-index/[0-9a-f]{12}\.js$`, chunks[0].Name)

	var ix struct {
		Fields []string
		Chunks []string
	}
	parseScript(t, string(search.Index(chunks)), "window."+search.Global+" = ", &ix)
	assert.Equal(t, search.Fields, ix.Fields)
	assert.Equal(t, []string{chunks[0].Name}, ix.Chunks)

	js := string(chunks[0].Script())
	var docs [][]any
	parseScript(t, js, "(window."+search.Chunks+" = window."+search.Chunks+" || {})[\""+chunks[0].Name+"\"] = ", &docs)
	require.Len(t, docs, 1)
	assert.Equal(t, []any{"Access Policy", "sec-0310", "security/access/index.html", "CISO", "Approved", "Internal", []any{"access"}, "Security", "Scope\nExceptions", "The text </script>"}, docs[0],
		"headings of levels 2 and 3 only")
	assert.NotContains(t, js, "</script>", "nothing in the index can end a script element")
}

// entries returns an entry for each path, which names its document.
func entries(paths []string) []search.Entry {
	out := make([]search.Entry, len(paths))
	for i, p := range paths {
		out[i] = search.Entry(`["` + p + `"]`)
	}
	return out
}

// names returns the script of each chunk, by name.
func names(chunks []search.Chunk) map[string]string {
	out := map[string]string{}
	for _, c := range chunks {
		out[c.Name] = string(c.Script())
	}
	return out
}

func TestAnEditChangesOneChunkAndANewDocumentTheChunkItFallsInto(t *testing.T) {
	var paths []string
	for i := range 2000 {
		paths = append(paths, fmt.Sprintf("content/sec%d/%04d_policy.md", i/300, i))
	}
	before := search.Split(paths, entries(paths))
	require.Greater(t, len(before), 5, "2,000 documents make several chunks")
	require.Less(t, len(before), 60)
	var total int
	for _, c := range before {
		total += len(c.Entries)
	}
	assert.Equal(t, len(paths), total, "every entry is in one chunk, in order")

	edited := entries(paths)
	edited[1234] = search.Entry(`["edited"]`)
	after := names(search.Split(paths, edited))
	changed := 0
	for name, script := range names(before) {
		if after[name] != script {
			changed++
			assert.Contains(t, after[name], "edited")
		}
	}
	assert.Equal(t, 1, changed, "an edit changes the chunk of its document")

	added := slices.Insert(slices.Clone(paths), 700, "content/sec2/0700a_new.md")
	grown := search.Split(added, entries(added))
	old := names(before)
	changed = 0
	for name, script := range names(grown) {
		if old[name] != script {
			changed++
		}
	}
	assert.LessOrEqual(t, changed, 2, "a new document changes the chunk it falls into, and starts at most one")
}

func TestTextLimitSharesTheBudget(t *testing.T) {
	assert.Equal(t, search.MaxText, search.TextLimit(4), "a small handbook is indexed whole")
	assert.Equal(t, search.Budget/1000, search.TextLimit(1000))
	assert.Equal(t, search.MinText, search.TextLimit(100000), "every document keeps its opening")
	assert.Equal(t, search.MaxText, search.TextLimit(0))
}

func TestTextHoldsTheWordsBeyondItsOpeningOnce(t *testing.T) {
	body := template.HTML(`<h1 id="t">Title</h1><p>Access control keeps records.</p><h2>Retention</h2><p>Records are kept seven years; Archive-Vault holds them. Records again.</p>`)
	assert.Equal(t, "Access control…\nkeeps records retention are kept seven years archive vault holds them again", search.Text(body, "t", 20),
		"the opening cut at a word, then each word of the rest once, lower-cased, that the opening lacks")
	assert.Equal(t, "Access control keeps records. Retention Records are kept seven years; Archive-Vault holds them. Records again.", search.Text(body, "t", 1000),
		"a text within the limit is held whole, with no words after it")
}

func TestAChunkListsTheWordsOfItsEntriesAndWhichHoldThem(t *testing.T) {
	d := func(title string) *site.Document {
		return &site.Document{Title: title, ID: strings.ToLower(title), URL: title + "/index.html"}
	}
	entries := []search.Entry{
		search.NewEntry(d("A"), "Opening…\nretention archive"),
		search.NewEntry(d("B"), "Short text"),
		search.NewEntry(d("C"), "Opening…\narchive"),
	}
	js := string(search.Split([]string{"a.md", "b.md", "c.md"}, entries)[0].Script())
	var part struct {
		Docs  [][]any
		Words string
	}
	parseScript(t, js, "] = ", &part)
	require.Len(t, part.Docs, 3)
	assert.Equal(t, "Opening…", part.Docs[0][9], "the entry holds the opening")
	assert.Equal(t, "retention "+string(search.PostingDigits[1])+" archive "+string(search.PostingDigits[1])+string(search.PostingDigits[2]), part.Words,
		"retention in the first entry; archive in the first and, two on, the third")
	assert.NotContains(t, js, "\x00")
}

// holders reads postings back as search.js does.
func holders(p []byte) []int {
	var out []int
	at := -1
	for _, c := range string(p) {
		v := strings.IndexRune(search.PostingDigits, c)
		if v == 0 {
			at += len(search.PostingDigits) - 1
			continue
		}
		at += v
		out = append(out, at)
	}
	return out
}

func TestPostingsSpellEveryEntryOnceInASafeCharacter(t *testing.T) {
	for _, entries := range [][]int{{0}, {0, 1, 2}, {87, 88, 89, 500}, {1000}, {3, 91, 179, 180, 181}} {
		p := search.Postings(entries)
		assert.Equal(t, entries, holders(p), "%s", p)
		assert.NotContains(t, string(p), `"`)
		assert.NotContains(t, string(p), `\`)
		assert.NotContains(t, string(p), "<")
		assert.NotContains(t, string(p), "{")
		assert.NotContains(t, string(p), " ")
	}
}
