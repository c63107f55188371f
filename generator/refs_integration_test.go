package generator_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
)

// refSite has one document of each kind of reference, good and bad.
const refSite = siteYAML + `
-- content/gov/0010_framework.md --
---
Document-ID: iso-38500-0010
Owner: x
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
---
# Governance Framework

## Scope

Text.
-- content/gov/0020_roles.md --
---
Document-ID: iso-38500-0020
Owner: x
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
---
# Governance Roles

See [[iso-38500-0010]], [[0010_framework.md#scope|the framework's scope]] and [[0010_framework]].
Also [the framework](0010_framework.md#scope) and [scope here](#roles).

## Roles

## Document References

- 0010_framework.md
- 0030_secret.md
-- content/gov/0030_secret.md --
---
Document-ID: iso-38500-0030
Owner: x
Version: "1.0"
Status: Approved
Classification: Restricted
Last Update: 2026-10-01
---
# Merger Plan Codename Falcon
-- content/gov/0040_broken.md --
---
Document-ID: iso-38500-0040
Owner: x
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
---
# Broken

A [missing file](0099_missing.md) and a [bad anchor](0010_framework.md#scop).
A wiki link to [[iso-38500-9999]] and an ![image](img/none.png).

- 0098_gone.md
- dup.md
-- content/a/dup.md --
---
Document-ID: dup-a
Owner: x
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
---
# Dup A
-- content/b/dup.md --
---
Document-ID: dup-b
Owner: x
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
---
# Dup B
`

func TestReferencesResolveToPagesWithTitles(t *testing.T) {
	b := buildSite(t, refSite)
	p := b.page("gov/0020_roles/index.html")
	for _, want := range []string{
		`<a href="../0010_framework/index.html">Governance Framework</a>`,
		`<a href="../0010_framework/index.html#scope">the framework&#39;s scope</a>`,
		`<a href="../0010_framework/index.html#scope">the framework</a>`,
		`<a href="#roles">scope here</a>`,
		`<li><a href="../0010_framework/index.html">Governance Framework</a></li>`,
		`<li><span class="restricted-link">restricted document</span></li>`,
	} {
		assert.Contains(t, p, want)
	}
	body := from(t, p, `class="doc-body"`)
	assert.Equal(t, 3, strings.Count(body, `<a href="../0010_framework/index.html">Governance Framework</a>`), "ID, file name and bare name")
}

func TestReferenceFindingsPointAtTheReference(t *testing.T) {
	b := buildSite(t, refSite)
	assert.Equal(t, []string{
		"content/gov/0020_roles.md:19:3 restricted-link",
		"content/gov/0040_broken.md:11:3 broken-link",
		"content/gov/0040_broken.md:11:41 broken-anchor",
		"content/gov/0040_broken.md:12:16 broken-ref",
		"content/gov/0040_broken.md:12:42 broken-link",
		"content/gov/0040_broken.md:14:3 broken-ref",
		"content/gov/0040_broken.md:15:3 ambiguous-ref",
	}, b.findings())
	msg := map[string]string{}
	for _, f := range b.res.Findings {
		msg[f.Rule] = f.Message
	}
	assert.Contains(t, msg[finding.BrokenAnchor], "#scop is no heading in content/gov/0010_framework.md (did you mean #scope?)")
	assert.Contains(t, msg[finding.AmbiguousRef], "content/a/dup.md, content/b/dup.md")
	assert.NotContains(t, msg[finding.RestrictedLink], "Falcon", "a warning does not leak the restricted title")
	assert.Equal(t, finding.Warning, b.find(finding.RestrictedLink)[0].Severity)
}

func TestRestrictedDocumentLeavesNoTrace(t *testing.T) {
	b := buildSite(t, refSite)
	for _, name := range b.out.Names() {
		data, _ := b.out.File(name)
		assert.NotContains(t, string(data), "Falcon", name)
		assert.NotContains(t, string(data), "iso-38500-0030", name)
		assert.NotContains(t, string(data), "0030_secret", name)
	}
}

func TestReferencedByListsTheDocumentsThatReferToAPage(t *testing.T) {
	b := buildSite(t, refSite)
	p := b.page("gov/0010_framework/index.html")
	section := between(t, p, "Referenced by", "</section>")
	assert.Contains(t, section, `<a href="../0020_roles/index.html">Governance Roles</a>`)
	assert.Contains(t, section, `<a href="../0040_broken/index.html">Broken</a>`)
	assert.Equal(t, 1, strings.Count(section, "0020_roles/index.html"), "listed once however often it refers")
}

func TestCheckReportsWhatBuildReports(t *testing.T) {
	b := buildSite(t, refSite)
	require.NotEmpty(t, b.res.Findings)
	assert.Equal(t, b.res.Findings, checkFor(t, siteFS(refSite), "Internal"), "check --audience of the build's audience")
	assert.Equal(t, errorsOf(b.res.Findings), checkSite(t, siteFS(refSite)).Findings, "check: the errors, and no link is restricted")
}

// Headings in German, Greek or French keep their letters in their IDs, as
// on GitHub, so that links written with them resolve.
func TestHeadingIDsKeepLettersBeyondASCII(t *testing.T) {
	b := buildSite(t, siteYAML+"-- content/a.md --\n"+doc("a")+"# Richtlinie\n\n## Überblick\n\n## Maßnahmen\n\n## Έλεγχος πρόσβασης\n\n"+
		"Siehe [oben](#überblick), [Maßnahmen](#ma%C3%9Fnahmen) und [[b.md#Portée]], [[b.md#portée|ihre Tragweite]], [[b.md#port%C3%A9e|dort]].\n"+
		"-- content/b.md --\n"+doc("b")+"# Politique\n\n## Portée\n\n[Contrôle](a.md#έλεγχος-πρόσβασης) et [ancien](a.md#berblick).\n")
	assert.Equal(t, []string{"content/b.md:14:39 broken-anchor"}, b.findings(), "only the link to the ID without its Ü")
	assert.Contains(t, b.find(finding.BrokenAnchor)[0].Message, "(did you mean #überblick?)")
	a := b.page("a/index.html")
	assert.Contains(t, a, `<h2 id="überblick">Überblick</h2>`)
	assert.Contains(t, a, `<h2 id="maßnahmen">Maßnahmen</h2>`)
	assert.Contains(t, a, `<h2 id="έλεγχος-πρόσβασης">Έλεγχος πρόσβασης</h2>`)
	assert.Contains(t, a, `<a href="#%C3%BCberblick">oben</a>`, "the browser decodes the fragment to the ID")
	assert.Equal(t, 3, strings.Count(a, `href="../b/index.html#port%C3%A9e"`), "a wiki link names a heading by its text or its ID, raw or encoded")
	assert.Contains(t, b.page("b/index.html"), `<a href="../a/index.html#%CE%AD%CE%BB%CE%B5%CE%B3%CF%87%CE%BF%CF%82-%CF%80%CF%81%CF%8C%CF%83%CE%B2%CE%B1%CF%83%CE%B7%CF%82">Contrôle</a>`)
}
