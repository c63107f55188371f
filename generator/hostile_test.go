// The largest hostile inputs test limits, not concurrency, and take minutes
// under the race detector: they run in the test run without it.

//go:build !race

package generator_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/output"
)

// hostileFront is the front matter of a hostile document: 8 lines, so that
// the body's first line is the file's line 9.
func hostileFront(id string) string {
	return "---\nDocument-ID: " + id + "\nOwner: x\nVersion: \"1\"\nStatus: Approved\nClassification: Internal\nLast Update: 2026-10-01\n---\n"
}

// repeat repeats unit to about size bytes.
func repeat(unit string, size int) string { return strings.Repeat(unit, max(1, size/len(unit))) }

// hostileShapes are bodies, of about size bytes each, whose processing a
// careless parser makes grow with the square of their size: at a megabyte
// each would take minutes, and takes a second or so when linear.
var hostileShapes = []struct {
	name string
	body func(size int) string
}{
	// Every link is a finding on one line of megabytes.
	{"links", func(n int) string { return repeat("[x](fine.md#nope) ", n) + "\n" }},
	{"brackets", func(n int) string { return repeat("[ ", n) + "\n" }},
	{"nested-brackets", func(n int) string { return repeat("[ ", n/2) + "x" + repeat(" ]", n/2) + "\n" }},
	{"unclosed-destinations", func(n int) string { return repeat("[a](b", n/2) + repeat("[a](<b", n/2) + "\n" }},
	{"reference-definitions", func(n int) string { return repeat("[a]: fine.md\n", n/2) + repeat("[a] ", n/2) + "\n" }},
	{"open-parentheses", func(n int) string { return repeat("[](", n) + "\n" }},
	{"emphasis", func(n int) string { return repeat("*a", n) + "\n" }},
	{"mixed-emphasis", func(n int) string { return repeat("*a_b*c_d**e_f*g**h*i_j**", n/2) + repeat("*a_ ", n/2) + "\n" }},
	{"unmatched-strong", func(n int) string { return "a**b" + repeat("c* ", n) + "\n" }},
	{"strikethrough", func(n int) string { return repeat("a~~b ~c ", n) + "\n" }},
	{"escaped-backticks", func(n int) string { return repeat("\\``", n) + "\n" }},
	{"backticks", func(n int) string { return repeat("`", n) + "\n" }},
	{"less-than", func(n int) string { return repeat("<", n) + "\n" }},
	{"table", func(n int) string { return "|a|\n|-|\n" + repeat("|x|\n", n) }},
	{"quotes", func(n int) string { return repeat(strings.Repeat("> ", 100)+"q\n", n) }},
	{"broken-anchors", func(n int) string { return repeat("# a\n", n/2) + repeat("[x](#nope) ", n/2) + "\n" }},
}

// TestHostileShapesTakeLinearTime builds a site of each hostile shape at a
// megabyte: quadratic work would take minutes a shape and hit the test's
// timeout. Each document's findings are what it says, and the others build.
func TestHostileShapesTakeLinearTime(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":       {Data: []byte("title: H\naudience: Restricted\n")},
		"content/fine.md": {Data: []byte(hostileFront("fine") + "# Fine\n\nAn ordinary document among them.\n")},
	}
	for _, s := range hostileShapes {
		fsys["content/"+s.name+".md"] = &fstest.MapFile{Data: []byte(hostileFront(s.name) + s.body(1<<20))}
	}
	b := buildFS(t, fsys)
	byFile := map[string][]finding.Finding{}
	for _, f := range b.res.Findings {
		byFile[f.File] = append(byFile[f.File], f)
	}
	links := byFile["content/links.md"]
	require.Len(t, links, (1<<20)/len("[x](fine.md#nope) "))
	for _, f := range links {
		require.Equal(t, finding.BrokenAnchor, f.Rule)
		require.Equal(t, 9, f.Line)
	}
	assert.Equal(t, 1, links[0].Column)
	assert.Equal(t, 1+18*(len(links)-1), links[len(links)-1].Column, "columns count on a line of a megabyte")
	anchors := byFile["content/broken-anchors.md"]
	require.NotEmpty(t, anchors)
	assert.Equal(t, finding.BrokenAnchor, anchors[0].Rule)
	assert.Equal(t, 9+(1<<19)/4, anchors[0].Line)
	for _, s := range hostileShapes {
		name := "content/" + s.name + ".md"
		if s.name == "links" || s.name == "broken-anchors" {
			continue
		}
		assert.Empty(t, byFile[name], "%s has no problem", name)
		// The page is megabytes: no assertion prints it.
		assert.False(t, strings.Contains(b.page(s.name+"/index.html"), `<pre class="plain">`), "%s is rendered", name)
	}
	assert.True(t, strings.Contains(b.page("emphasis/index.html"), "<em>a</em>"), "emphasis is rendered")
	assert.Contains(t, b.page("fine/index.html"), "An ordinary document among them.")
	assert.Empty(t, byFile["content/fine.md"])
}

// TestHostileLimitsShowDocumentsAsText checks each limit a document can
// exceed: the finding names it at its line, the page shows the document as
// plain text, and the other documents build.
func TestHostileLimitsShowDocumentsAsText(t *testing.T) {
	var quotes strings.Builder
	for i := 1; i < 3000; i++ {
		quotes.WriteString(strings.Repeat(">", min(i, 2000)) + " q\n")
	}
	wide := "| " + strings.Repeat("a | ", 3000) + "\n|" + strings.Repeat(" - |", 3000) + "\n"
	docs := []struct {
		name, body string
		line       int
		message    string
	}{
		{"quotes", quotes.String(), 8 + 2000, "lists and block quotes nested 2000 levels deep; govdoc renders at most 100 levels, and shows this document as plain text"},
		{"quotes-on-a-line", strings.Repeat(">", 5000) + " q\n", 9, "lists and block quotes nested 5000 levels deep; govdoc renders at most 100 levels, and shows this document as plain text"},
		{"quotes-and-lists", "# Title\n\n" + strings.Repeat("> - ", 60) + "q\n", 11, "lists and block quotes nested 120 levels deep; govdoc renders at most 100 levels, and shows this document as plain text"},
		{"wide-table", wide + strings.Repeat("|\n", 1000), 8 + 2 + 665, "tables of more than 2000000 cells by this row; govdoc renders at most 2000000, and shows this document as plain text"},
		{"attributes", "# Title\n\n## Heading {" + strings.Repeat(".c ", 100000) + "}\n", 11, "a heading with 100000 attributes; govdoc reads at most 100, and shows this document as plain text"},
		{"footnotes", strings.Repeat("x[^1]\n", 3000) + "[^1]: y\n", 8 + 2001, "more than 2000 footnote references and definitions ([^) by this line; govdoc renders at most 2000, and shows this document as plain text"},
		{"marks", "# Title\n\n" + strings.Repeat("[", 3_000_000) + "\n", 11, "more than 2000000 marks (lines, quote and list markers, [ ] * _ ~ ` < | : @ www.) by this line; govdoc renders at most 2000000, and shows this document as plain text"},
	}
	fsys := fstest.MapFS{
		"site.yaml":                {Data: []byte("title: H\naudience: Restricted\n")},
		"content/fine.md":          {Data: []byte(hostileFront("fine") + "# Fine\n\nAn ordinary document among them.\n")},
		"content/limits/_index.md": {Data: []byte("---\ntitle: Limits\n---\n" + strings.Repeat("> ", 101) + "q\n")},
	}
	for _, d := range docs {
		fsys["content/limits/"+d.name+".md"] = &fstest.MapFile{Data: []byte(hostileFront(d.name) + d.body)}
	}
	b := buildFS(t, fsys)
	got := map[string]string{}
	for _, f := range b.res.Findings {
		got[f.File] += fmt.Sprintf("%d %s %s\n", f.Line, f.Rule, f.Message)
	}
	for _, d := range docs {
		name := "content/limits/" + d.name + ".md"
		assert.Equal(t, fmt.Sprintf("%d %s %s\n", d.line, finding.LimitExceeded, d.message), got[name], name)
		assert.True(t, strings.Contains(b.page("limits/"+d.name+"/index.html"), `<pre class="plain">`), "%s is shown as text", name)
	}
	assert.Equal(t, "4 limit-exceeded lists and block quotes nested 101 levels deep; govdoc renders at most 100 levels, and shows this introduction as plain text\n", got["content/limits/_index.md"])
	assert.Contains(t, b.page("limits/index.html"), `<pre class="plain">`)
	assert.Empty(t, got["content/fine.md"])
	assert.Contains(t, b.page("fine/index.html"), "An ordinary document among them.")
	res := checkSite(t, fsys)
	assert.Equal(t, b.res.Findings, res.Findings, "check reports what build reports")
}

// TestHostileBuildStopsWhenInterrupted interrupts a build as it parses a
// document of 30 MB, which takes seconds, among many ordinary ones: the
// build returns with the context's error before that parse has finished.
func TestHostileBuildStopsWhenInterrupted(t *testing.T) {
	fsys := fstest.MapFS{"site.yaml": {Data: []byte("title: H\naudience: Restricted\n")}}
	for i := range 300 {
		id := fmt.Sprintf("doc-%03d", i)
		fsys["content/"+id+".md"] = &fstest.MapFile{Data: []byte(hostileFront(id) + "# Ordinary\n\nSee [[doc-000]] and *this*.\n")}
	}
	fsys["content/huge.md"] = &fstest.MapFile{Data: []byte(hostileFront("huge") + repeat("A paragraph of a [very](doc-001.md) long document, and of some more words that it holds.\n\n", 30<<20))}
	for _, run := range []struct {
		name string
		run  func(context.Context, generator.Options) error
	}{
		{"build", func(ctx context.Context, opts generator.Options) error {
			_, err := generator.Build(ctx, opts, output.NewMemory())
			return err
		}},
		{"check", func(ctx context.Context, opts generator.Options) error {
			_, err := generator.Check(ctx, opts)
			return err
		}},
	} {
		t.Run(run.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			parsed := make(chan struct{})
			opts := generator.Options{Source: fsys, Theme: govdoc.Theme, Version: "test", Now: testNow, Workers: 2}
			generator.OnParsing(&opts, func(path string, started bool) {
				switch {
				case path != "content/huge.md":
				case started:
					cancel()
				default:
					close(parsed)
				}
			})
			done := make(chan error, 1)
			go func() { done <- run.run(ctx, opts) }()
			select {
			case err := <-done:
				assert.True(t, errors.Is(err, context.Canceled), "got %v", err)
				select {
				case <-parsed:
					t.Error("the run waited for the parse of the interrupted document")
				default:
				}
			case <-time.After(60 * time.Second):
				t.Fatal("the interrupted run did not return within 60 s")
			}
			<-parsed // the abandoned parse finishes on its own
		})
	}
}

// hostileSite holds the inputs a careless or hostile author can give.
func hostileSite() fstest.MapFS {
	front := func(id string) string {
		return "---\nDocument-ID: " + id + "\nOwner: x\nVersion: \"1\"\nStatus: Approved\nClassification: Internal\nLast Update: 2026-10-01\n---\n"
	}
	var nested strings.Builder
	for i := range 3000 {
		nested.WriteString(strings.Repeat("  ", i) + "- level\n")
	}
	bomb := "---\nDocument-ID: bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n# Bomb\n"
	files := map[string]string{
		"site.yaml":              strings.Replace(siteYAML[len("-- site.yaml --\n"):], "audience: Internal", "audience: Restricted", 1),
		"content/utf8.md":        front("utf8") + "# Caf\xe9 \xff\xfe\n",
		"content/nul.md":         front("nul") + "# Zero\x00Byte\n",
		"content/huge.md":        front("huge") + strings.Repeat("A paragraph of a very long document.\n\n", 1_400_000), // 53 MB
		"content/nested.md":      front("nested") + "# Nested\n\n" + nested.String(),
		"content/nested10k.md":   front("nested10k") + "# Ten thousand levels\n\n" + strings.Repeat("- ", 10000) + "item\n",
		"content/self.md":        front("self") + "# Self\n\nSee [[self]], [me](self.md#self) and [[self.md]].\n",
		"content/cycle-a.md":     front("cycle-a") + "# A\n\n[[cycle-b]]\n",
		"content/cycle-b.md":     front("cycle-b") + "# B\n\n[[cycle-a]]\n",
		"content/dup-1.md":       front("dup") + "# One\n",
		"content/dup-2.md":       front("dup") + "# Two\n",
		"content/bomb.md":        bomb,
		"content/fine.md":        front("fine") + "# Fine\n\nAn ordinary document among them.\n",
		"content/deepquote.md":   front("deepquote") + strings.Repeat(">", 5000) + " quote\n",
		"content/manylinks.md":   front("manylinks") + strings.Repeat("[[fine]] [x](fine.md#nope) ", 20000) + "\n",
		"content/emptyfront.md":  "---\n---\n",
		"content/onlydashes.md":  "---\n",
		"content/controlchar.md": front("ctrl") + "# \x01\x02\x1b[31mred\n",
	}
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func TestHostileInputGivesFindingsNotCrashes(t *testing.T) {
	fsys := hostileSite()
	b := buildFS(t, fsys) // finishes: the test's own timeout bounds it
	rules := map[string][]string{}
	for _, f := range b.res.Findings {
		rules[f.File] = append(rules[f.File], f.Rule)
	}
	assert.Contains(t, rules["content/utf8.md"], "read-error")
	assert.Contains(t, rules["content/nul.md"], "read-error")
	assert.Contains(t, rules["content/huge.md"], "read-error")
	assert.Contains(t, rules["content/nested.md"], "limit-exceeded")
	assert.Contains(t, rules["content/nested10k.md"], "limit-exceeded")
	assert.Contains(t, rules["content/deepquote.md"], "limit-exceeded")
	assert.Contains(t, rules["content/dup-1.md"], "duplicate-id")
	assert.Contains(t, rules["content/dup-2.md"], "duplicate-id")
	assert.Contains(t, rules["content/bomb.md"], "frontmatter-syntax")
	assert.Contains(t, rules["content/manylinks.md"], "broken-anchor")
	assert.Empty(t, rules["content/self.md"], "a document may refer to itself")
	assert.Empty(t, rules["content/cycle-a.md"], "documents may refer to each other")
	assert.Empty(t, rules["content/fine.md"], "every other document is processed")
	for _, f := range b.res.Findings {
		assert.NotEmpty(t, f.File, "%v", f)
		assert.NotEmpty(t, f.Message, "%v", f)
	}
	require.Contains(t, b.out.Names(), "fine/index.html", "the build goes on past every failure")
	nested := b.page("nested/index.html")
	assert.Contains(t, nested, `<pre class="plain">`)
	assert.Contains(t, b.page("self/index.html"), "Self")
	assert.Contains(t, b.page("cycle-a/index.html"), `href="../cycle-b/index.html"`)
	assert.Contains(t, b.page("utf8/index.html"), "Caf\uFFFD \uFFFD</h1>", "bad bytes are shown as U+FFFD")
	assert.Contains(t, b.page("controlchar/index.html"), "[31mred</h1>")
	// No output file holds a NUL, raw or escaped in JSON (every output of
	// this site is text).
	for _, name := range b.out.Names() {
		data, _ := b.out.File(name)
		assert.Equal(t, -1, bytes.IndexByte(data, 0), "a NUL byte in %s", name)
		assert.Equal(t, -1, bytes.Index(data, []byte(`\u0000`)), "an escaped NUL in %s", name)
	}

	res := checkSite(t, fsys)
	assert.Equal(t, b.res.Findings, res.Findings, "check reports what build reports")
}

func TestHostilePlaceholdersAreLimitExceededFindings(t *testing.T) {
	long := strings.Repeat("x", 500_000)
	aliases := "  many: [" + strings.TrimSuffix(strings.Repeat("*big, ", 100), ", ") + "]"
	site := siteFS(siteYAML + `
-- content/fine.md --
` + doc("fine") + `
# Fine

Owned by {{ meta.owner }}.
-- content/bomb.md --
` + doc("bomb") + `
# Bomb

Text {{ repeat 40000 (repeat 40000 "x") }} and {{ meta.owner }}.
-- content/front.md --
` + doc("front", `Title: '{{ repeat 2000000 "x" }}'`) + `
# Front
-- content/aliases.md --
` + doc("aliases", "meta:", `  big: &big "`+long+`"`, aliases) + `
# Aliases

{{ meta.many | join "," }}
-- content/many.md --
` + doc("many") + `
# Many

` + strings.Repeat("{{ 1 }}\n", 20_000))
	b := buildFS(t, site)
	var limits []string
	for _, f := range b.find("limit-exceeded") {
		limits = append(limits, f.Position.String()+": "+f.Message)
	}
	assert.ElementsMatch(t, []string{
		`content/bomb.md:13:6: {{ repeat 40000 (repeat 40000 "x") }}: the result of repeat would be 1.6 GB; a placeholder function makes at most 1 MiB`,
		`content/front.md:8:9: {{ repeat 2000000 "x" }}: the result of repeat would be 2.0 MB; a placeholder function makes at most 1 MiB`,
		`content/aliases.md:15:1: {{ meta.many | join "," }}: meta.many could print as over 1 MiB, the most a value in a placeholder may`,
		`content/many.md:10013:1: {{ 1 }}: over 10,000 placeholders: a document's front matter, and its body, each fill at most 10,000; this one and the rest are left as written`,
	}, limits)
	assert.Empty(t, b.find("unresolved-placeholder"))

	// Pages are long: the assertions say what they look for, not the page.
	assert.True(t, strings.Contains(b.page("fine/index.html"), "Owned by Office of the CIO."), "the other documents are filled")
	assert.True(t, strings.Contains(b.page("bomb/index.html"), "Text &#123;&#123; repeat 40000 (repeat 40000 &quot;x&quot;) }} and Office of the CIO."),
		"the placeholder past a limit is left as written, and the rest of the text is filled")
	assert.True(t, strings.Contains(b.page("front/index.html"), "<title>{{ repeat 2000000 &#34;x&#34; }} ·"), "the title placeholder is left as written")
	many := b.page("many/index.html")
	assert.Equal(t, 10_000, strings.Count(many, "&#123;&#123; 1 }}"), "the placeholders past the first 10,000 are left as written")
	filled := 0
	for _, line := range strings.Split(many, "\n") {
		if strings.TrimPrefix(strings.TrimSpace(line), "<p>") == "1" {
			filled++
		}
	}
	assert.Equal(t, 10_000, filled, "the first 10,000 are filled")
}

// BenchmarkHostile builds a site of one hostile document, of each shape at
// 1 MB and at 2 MB: the times of the two sizes should be about in the
// ratio of the sizes, 2.
func BenchmarkHostile(b *testing.B) {
	for _, s := range hostileShapes {
		for _, mb := range []int{1, 2} {
			fsys := fstest.MapFS{
				"site.yaml":                 {Data: []byte("title: H\naudience: Restricted\n")},
				"content/fine.md":           {Data: []byte(hostileFront("fine") + "# Fine\n")},
				"content/" + s.name + ".md": {Data: []byte(hostileFront(s.name) + s.body(mb<<20))},
			}
			opts := generator.Options{Source: fsys, Theme: govdoc.Theme, Version: "bench", Now: testNow}
			b.Run(fmt.Sprintf("%s-%dMB", s.name, mb), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := generator.Build(context.Background(), opts, output.NewMemory()); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
