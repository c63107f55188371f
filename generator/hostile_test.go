// The largest hostile inputs test limits, not concurrency, and take minutes
// under the race detector: they run in the test run without it.

//go:build !race

package generator_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
