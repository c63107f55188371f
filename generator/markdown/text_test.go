package markdown_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/govdoc/govdoc/generator/internal/xsstest"
	"github.com/govdoc/govdoc/generator/markdown"
)

// The markers a build places blocks at, as the placeholder package spells
// them.
var blockMarkers = []string{"GOVDOCBLOCKRACI", "GOVDOCBLOCKSCORECARD", "GOVDOCBLOCKHISTORY"}

const historyMarker = "GOVDOCBLOCKHISTORY"

// bodies returns the Markdown bodies the tests read: the example handbook's
// documents and section introductions (content/ at the repository root;
// content/governance/0230_it_management_responsibilities.md is the seed
// document of the handbook), this package's golden files, cases and fuzz
// seeds, and the XSS cases, by name.
func bodies(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	root := filepath.Join("..", "..", "content")
	require.NoError(t, filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rest, ok := strings.CutPrefix(string(data), "---\n"); ok {
			if _, body, ok := strings.Cut(rest, "\n---\n"); ok {
				data = []byte(body)
			}
		}
		out[path] = data
		return nil
	}))
	require.Greater(t, len(out), 15, "the example handbook")
	files, err := filepath.Glob("testdata/*.md")
	require.NoError(t, err)
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		out[file] = data
	}
	cases, err := filepath.Glob("testdata/cases/*.txt")
	require.NoError(t, err)
	for _, file := range cases {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		for i, c := range strings.Split(string(data), "//= = = = = = = = = = = = = = = = = = = = = = = =//\n") {
			if parts := strings.Split(c, "//- - - - - - - - -//\n"); len(parts) == 3 {
				out[file+"#"+strconv.Itoa(i+1)] = []byte(parts[1])
			}
		}
	}
	seeds, err := filepath.Glob("testdata/fuzz/*/*")
	require.NoError(t, err)
	for _, file := range seeds {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		for _, line := range strings.Split(string(data), "\n") {
			if q, ok := strings.CutPrefix(line, "[]byte("); ok {
				s, err := strconv.Unquote(strings.TrimSuffix(q, ")"))
				require.NoError(t, err, file)
				out[file] = []byte(s)
			}
		}
	}
	for i, c := range append(xsstest.Payloads(t), xsstest.Cases(t)...) {
		out["xss#"+strconv.Itoa(i)] = []byte(c)
	}
	return out
}

// resolveAll resolves every reference somewhere, a few as restricted or
// broken, with labels that need escaping.
func resolveAll(r markdown.Ref) markdown.Target {
	switch {
	case strings.Contains(r.Dest, "secret"):
		return markdown.Target{Restricted: true}
	case strings.Contains(r.Dest, "missing"):
		return markdown.Target{Broken: true}
	}
	return markdown.Target{Dest: "/to/" + r.Dest, Label: "Title <&> of " + r.Dest}
}

// The text Render gives opens with the text the search index held before
// Render gave it: what search.Text, as it was (oldText), read from the body's HTML
// once its block markers were cut out (oldPlaceBlocks); HTMLText gives the
// same, words beyond the opening too. The HTML is the
// HTML that was then left, and the blocks stand where the markers stood.
func TestRenderGivesTheTextAndBlocksOfItsHTML(t *testing.T) {
	for _, rawHTML := range []bool{false, true} {
		before := markdown.New(markdown.Options{RawHTML: rawHTML, HistoryMarker: historyMarker})
		for _, limit := range []int{40, 1200, 1 << 20} {
			now := markdown.New(markdown.Options{RawHTML: rawHTML, HistoryMarker: historyMarker, Blocks: blockMarkers, TextLimit: limit})
			for name, body := range bodies(t) {
				old := before.Render(body, "", resolveAll)
				oldHTML, oldBlocks := oldPlaceBlocks(string(old.HTML))
				got := now.Render(body, "", resolveAll)
				at := name + " raw=" + strconv.FormatBool(rawHTML) + " limit=" + strconv.Itoa(limit)
				if !assert.Equal(t, oldHTML, string(got.HTML), at) {
					continue
				}
				assert.Equal(t, oldBlocks, got.Blocks, at)
				opening, _, _ := strings.Cut(got.Text, "\n")
				assert.Equal(t, oldText(oldHTML, old.TitleID, limit), opening, at)
				assert.Equal(t, markdown.HTMLText(string(got.HTML), got.TitleID, limit), got.Text, at)
			}
		}
	}
}

// The example handbook's Document History tables are blocks: the seed
// document ends with its own.
func TestHistoryTablesArePlacedAsBlocks(t *testing.T) {
	all := bodies(t)
	r := markdown.New(markdown.Options{HistoryMarker: historyMarker, Blocks: blockMarkers, TextLimit: 1 << 20})
	histories := 0
	for name, body := range all {
		if strings.HasPrefix(name, filepath.Join("..", "..", "content")) && len(r.Render(body, "", nil).Blocks) > 0 {
			histories++
		}
	}
	assert.Equal(t, 18, histories, "the documents with a history table")
	res := r.Render(all[filepath.Join("..", "..", "content", "governance", "0230_it_management_responsibilities.md")], "", nil)
	assert.Equal(t, []markdown.Block{{Marker: historyMarker, Offset: len(res.HTML)}}, res.Blocks)
	assert.True(t, strings.HasSuffix(string(res.HTML), "</ul>\n<hr />\n"), "the table and its label are gone")
	assert.True(t, strings.HasPrefix(res.Text, "Purpose This document defines the responsibilities of IT management"), res.Text)
	assert.NotContains(t, res.Text, "Initial creation", "nor are they in the text")
}

// Markers stand in text wherever placeholders put them: alone in a
// paragraph, which goes with them, inside one, in a heading, in a list,
// twice in a row; markers written in code stay as written.
func TestBlockMarkersArePlacedWhereTheTextHoldsThem(t *testing.T) {
	body := "Intro.\n\nGOVDOCBLOCKRACI\n\nText GOVDOCBLOCKSCORECARD inline, *GOVDOCBLOCKRACI*.\n\n" +
		"## Roles GOVDOCBLOCKRACI\n\n- GOVDOCBLOCKRACI\n- x\n\nGOVDOCBLOCKRACIGOVDOCBLOCKSCORECARD\n\n" +
		"`GOVDOCBLOCKRACI` and\n\n    GOVDOCBLOCKRACI\n\n| Version | Date |\n|---|---|\n| 1 | 2026-01-01 |\n\nEnd {{ x }}GOVDOCBLOCKRACI{{ y }}.\n"
	for _, rawHTML := range []bool{false, true} {
		before := markdown.New(markdown.Options{RawHTML: rawHTML, HistoryMarker: historyMarker})
		old := before.Render([]byte(body), "", nil)
		oldHTML, oldBlocks := oldPlaceBlocks(string(old.HTML))
		got := markdown.New(markdown.Options{RawHTML: rawHTML, HistoryMarker: historyMarker, Blocks: blockMarkers, TextLimit: 1000}).Render([]byte(body), "", nil)
		var cuts []string
		start := 0
		for _, b := range got.Blocks {
			cuts = append(cuts, string(got.HTML[start:b.Offset])+"<<"+b.Marker+">>")
			start = b.Offset
		}
		cuts = append(cuts, string(got.HTML[start:]))
		want := []string{
			"<p>Intro.</p>\n<<GOVDOCBLOCKRACI>>",
			"<p>Text <<GOVDOCBLOCKSCORECARD>>",
			" inline, <em><<GOVDOCBLOCKRACI>>",
			"</em>.</p>\n<h2 id=\"roles-govdocblockraci\">Roles <<GOVDOCBLOCKRACI>>",
			"</h2>\n<ul>\n<li><<GOVDOCBLOCKRACI>>",
			"</li>\n<li>x</li>\n</ul>\n<p><<GOVDOCBLOCKRACI>>",
			"<<GOVDOCBLOCKSCORECARD>>",
			"</p>\n<p><code>GOVDOCBLOCKRACI</code> and</p>\n<pre><code>GOVDOCBLOCKRACI\n</code></pre>\n<<GOVDOCBLOCKHISTORY>>",
			"<p>End &#123;&#123; x }}<<GOVDOCBLOCKRACI>>",
			"&#123;&#123; y }}.</p>\n",
		}
		if rawHTML {
			// The sanitizer writes the HTML again, and the markers are
			// found in what it writes, in code too, as they always were.
			assert.Equal(t, oldHTML, string(got.HTML))
			assert.Equal(t, oldBlocks, got.Blocks)
			assert.Len(t, got.Blocks, len(want)+1)
		} else {
			assert.Equal(t, want, cuts)
		}
		if rawHTML {
			assert.Equal(t, "Intro. Text inline, . Roles x and End {{ x }}{{ y }}.", got.Text)
		} else {
			assert.Equal(t, "Intro. Text inline, . Roles x GOVDOCBLOCKRACI and GOVDOCBLOCKRACI End {{ x }}{{ y }}.", got.Text)
		}
		assert.NotContains(t, string(got.HTML), "GOVDOCBLOCKSCORECARD")
	}
}

// FuzzText checks that for any body the text Render reads from the AST is
// the text of the HTML it writes.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"# T\n\nA *b* `c\nd` &amp; &copy; \\* <b>x</b> <!-- c -->\n\n- [ ] t\n- u\n\n  v\n",
		"Hard  \nbreak\\\nx[^1] www.x.org <https://y.z> ![i](p.png)z\n\n[^1]: n\n",
		"> [!NOTE]\n> n\n\n!!! warning \"T *t*\"\n    b\n\nTerm\n: def\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"```\ncode <x>\n```\n\n    indented\n\n<div>\nblock\n</div>\n\n***\n\n[[a|b]] [[secret]] [x](secret.md) [y](javascript:z)\n\n- a.md\n",
		"\x00 \u00a0 \xff &#0; &#x110000; &nbsp;&NotAnEntity; \\& a&b",
	} {
		f.Add([]byte(s), uint16(1000))
	}
	r := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, body []byte, limit uint16) {
		if limit == 0 {
			limit = 1
		}
		res := markdown.New(markdown.Options{TextLimit: int(limit)}).Render(body, "", resolveAll)
		html := string(r.Render(body, "", resolveAll).HTML)
		// The opening is the text as a reader reads it; after it come the
		// words of the rest, which HTMLText reads from the HTML too.
		opening, _, _ := strings.Cut(res.Text, "\n")
		require.Equal(t, oldText(html, res.TitleID, int(limit)), opening, "%q", body)
		require.Equal(t, markdown.HTMLText(html, res.TitleID, int(limit)), res.Text, "%q", body)
	})
}

// oldPlaceBlocks is how a build cut a body's HTML where its block markers
// stood, by looking for them in the HTML: it returns the HTML without them
// and where each stood.
func oldPlaceBlocks(body string) (string, []markdown.Block) {
	var (
		b      strings.Builder
		blocks []markdown.Block
	)
	for {
		at, marker := -1, ""
		for _, m := range blockMarkers {
			if i := strings.Index(body, m); i >= 0 && (at < 0 || i < at) {
				at, marker = i, m
			}
		}
		if at < 0 {
			break
		}
		before, after := body[:at], body[at+len(marker):]
		if strings.HasSuffix(before, "<p>") && strings.HasPrefix(after, "</p>") {
			before, after = before[:len(before)-3], strings.TrimPrefix(after[4:], "\n")
		}
		b.WriteString(before)
		blocks = append(blocks, markdown.Block{Marker: marker, Offset: b.Len()})
		body = after
	}
	b.WriteString(body)
	return b.String(), blocks
}

// oldText is search.Text as it was, reading a body's text from its HTML.
func oldText(body, titleID string, limit int) string {
	inline := map[string]bool{
		"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true, "data": true,
		"del": true, "dfn": true, "em": true, "i": true, "ins": true, "kbd": true, "mark": true, "q": true,
		"s": true, "samp": true, "small": true, "span": true, "strong": true, "sub": true, "sup": true,
		"time": true, "u": true, "var": true,
	}
	attr := func(z *html.Tokenizer, key string) string {
		for {
			k, v, more := z.TagAttr()
			if string(k) == key {
				return string(v)
			}
			if !more {
				return ""
			}
		}
	}
	cut := func(s string) string {
		if len(s) <= limit {
			return s
		}
		s = s[:limit]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		if i := strings.LastIndexByte(s, ' '); i > limit/2 {
			s = s[:i]
		}
		return s + "…"
	}
	z := html.NewTokenizer(strings.NewReader(body))
	var b strings.Builder
	space := false
	skip := 0
	for b.Len() < limit+64 {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return cut(b.String())
		case html.TextToken:
			if skip > 0 {
				continue
			}
			for _, r := range string(z.Text()) {
				if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\u00a0' {
					space = true
					continue
				}
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteRune(r)
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if skip > 0 {
				if tt == html.StartTagToken && tag == "h1" {
					skip++
				} else if tt == html.EndTagToken && tag == "h1" {
					skip--
				}
				continue
			}
			if tt == html.StartTagToken && tag == "h1" && titleID != "" && hasAttr && attr(z, "id") == titleID {
				skip = 1
				continue
			}
			if !inline[tag] {
				space = true
			}
		}
	}
	return cut(b.String())
}
