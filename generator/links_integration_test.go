package generator_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/output"
)

// buildFor builds a site in memory for an audience ("" for site.yaml's).
func buildFor(t *testing.T, fsys fstest.MapFS, audience string) *built {
	t.Helper()
	out := output.NewMemory()
	res, err := generator.Build(context.Background(), generator.Options{
		Source: fsys, Theme: govdoc.Theme, Version: "test", Now: testNow, Audience: audience,
	}, out)
	require.NoError(t, err)
	return &built{t: t, res: res, out: out}
}

// checkFor checks a site, for an audience as check --audience does, or for
// none.
func checkFor(t *testing.T, fsys fstest.MapFS, audience string) finding.List {
	t.Helper()
	res, err := generator.Check(context.Background(), generator.Options{Source: fsys, Theme: govdoc.Theme, Version: "test", Now: testNow, Audience: audience})
	require.NoError(t, err)
	return res.Findings
}

// short lists findings as "file:line:col rule".
func short(findings finding.List) []string {
	var out []string
	for _, f := range findings {
		out = append(out, f.Position.String()+" "+f.Rule)
	}
	return out
}

// strs formats findings as govdoc prints them.
func strs(findings finding.List) []string {
	var out []string
	for _, f := range findings {
		out = append(out, f.String())
	}
	return out
}

// errorsOf keeps the error findings.
func errorsOf(findings finding.List) finding.List {
	var out finding.List
	for _, f := range findings {
		if f.Severity == finding.Error {
			out = append(out, f)
		}
	}
	return out
}

// classified is front matter with every required key and a classification.
func classified(id, level string, extra ...string) string {
	return strings.Replace(doc(id, extra...), "Classification: Internal", "Classification: "+level, 1)
}

// noAudienceYAML has no audience: a build publishes only Public documents.
const noAudienceYAML = `-- site.yaml --
title: Test Handbook
meta: {owner: Office of the CIO}
`

// internalSite has two Internal documents, which a build for its default
// audience (Public) leaves out, with a broken anchor between them.
var internalSite = noAudienceYAML + `
-- content/public/0010_welcome.md --
` + classified("pub-0010", "Public") + `
# Welcome

Start with the [access policy](../policies/0100_access_policy.md).
-- content/policies/0100_access_policy.md --
` + doc("pol-0100") + `
# Access Policy

## Scope

See the [standard](../standards/0200_access_standard.md#no-such-heading) and its [scope](../standards/0200_access_standard.md#scope).
-- content/standards/0200_access_standard.md --
` + doc("std-0200", "raci:\n  - activity: Access reviews\n    R: [Nobody]") + `
# Access Standard

## Scope

Uses {{ meta.nothing }}.
`

// A link into a document that the audience leaves out is checked all the
// same, and every other rule too: check sees every document whatever the
// audience, and a build reports the same errors.
func TestCheckSeesEveryDocumentWhateverTheAudience(t *testing.T) {
	fsys := siteFS(internalSite)
	errs := []string{
		"content/policies/0100_access_policy.md:15:9 broken-anchor",
		"content/standards/0200_access_standard.md:9:5 raci-no-accountable",
		"content/standards/0200_access_standard.md:10:9 unknown-role",
		"content/standards/0200_access_standard.md:17:6 unresolved-placeholder",
	}
	assert.Equal(t, errs, short(checkFor(t, fsys, "")), "check, no audience: no restricted-link warnings either")
	withWarning := []string{errs[0], "content/public/0010_welcome.md:13:16 restricted-link", errs[1], errs[2], errs[3]}
	assert.Equal(t, withWarning, short(checkFor(t, fsys, "Public")), "check --audience Public adds that build's warnings")
	b := buildFor(t, fsys, "")
	assert.Equal(t, withWarning, b.findings(),
		"a build for Public fails on the errors of the documents it leaves out")
	for _, name := range b.out.Names() {
		data, _ := b.out.File(name)
		assert.NotContains(t, string(data), "Access Standard", name)
		assert.NotContains(t, string(data), "0100_access_policy", name)
	}
	found := checkFor(t, fsys, "")
	require.NotEmpty(t, found)
	msg := found[0].Message
	assert.Equal(t, "#no-such-heading is no heading in content/standards/0200_access_standard.md", msg)
}

// A broken anchor from a published document into one left out names no
// heading of the left-out document: a build's log is read by the authors
// of the published one.
func TestBrokenAnchorIntoALeftOutDocumentSuggestsNothing(t *testing.T) {
	fsys := siteFS(noAudienceYAML + `
-- content/a.md --
` + classified("a", "Public") + `
# A

[b](b.md#scop)
-- content/b.md --
` + classified("b", "Restricted") + `
# B

## Scope
`)
	all := checkFor(t, fsys, "")
	require.Len(t, all, 1)
	assert.Equal(t, "#scop is no heading in content/b.md (did you mean #scope?)", all[0].Message, "check sees every document")
	leftOut := errorsOf(checkFor(t, fsys, "Public"))
	require.Len(t, leftOut, 1)
	assert.Equal(t, "#scop is no heading in content/b.md", leftOut[0].Message)
}

func TestABuildThatPublishesNothingIsAnError(t *testing.T) {
	fsys := siteFS(noAudienceYAML + `
-- content/a.md --
` + doc("a") + `
# A
-- content/b.md --
` + strings.Replace(classified("b", "Confidential"), "Approved", "Draft", 1) + `
# B
-- content/c.md --
` + strings.Replace(classified("c", "Public"), "Approved", "Retired", 1) + `
# C
-- site.yaml --
title: T
exclude_status: [Retired]
`)
	b := buildFor(t, fsys, "")
	want := "site.yaml: error: the build for the audience Public would publish no document: all 3 are left out (2 classified above Public or not classified, 1 with a status of exclude_status); choose a wider audience (--audience or site.yaml's audience) [empty-build]"
	require.Len(t, b.res.Findings, 1)
	assert.Equal(t, want, b.res.Findings[0].String())
	assert.Equal(t, []string{want}, strs(checkFor(t, fsys, "Public")), "check --audience says so too")
	assert.Empty(t, checkFor(t, fsys, ""), "a check without an audience sees every document")
	assert.Empty(t, buildFor(t, fsys, "Confidential").find(finding.EmptyBuild))
}

// sectionSite links sections by their folders and _index.md, with and
// without fragments, from documents and from an _index.md.
var sectionSite = siteYAML + `
-- content/_index.md --
---
title: Handbook
---
## Start here

Read the [strategy](strategy#purpose) first, then [governance](governance/#principles).
-- content/strategy/_index.md --
---
title: Strategy
---
The strategy.

## Purpose

Why.
-- content/governance/_index.md --
---
title: Governance
---
# Governance

## Principles

See [wellness](../people/wellness/#benefits) and [the intro](_index.md#principles), [its top](#principles).
Broken: [a](../strategy/#purposes), [b](#nope), [c](../people/#anything).
-- content/governance/0010_framework.md --
` + doc("gov-0010") + `
# Framework

[Principles](./#principles), [strategy](../strategy/_index.md#purpose), [wellness](../people/wellness#benefits).
[Title](./#governance), [home](../#start-here), [bad](../people/wellness/_index.md#benefit).
-- content/people/wellness/_index.md --
---
title: Wellness
---
## Benefits
`

func TestLinksToSectionsLandOnTheirHeadings(t *testing.T) {
	b := buildSite(t, sectionSite)
	assert.Equal(t, []string{
		"content/governance/0010_framework.md:14:1 broken-anchor",
		"content/governance/0010_framework.md:14:49 broken-anchor",
		"content/governance/_index.md:9:9 broken-anchor",
		"content/governance/_index.md:9:37 broken-anchor",
		"content/governance/_index.md:9:49 broken-anchor",
	}, b.findings())
	msgs := map[string]string{}
	for _, f := range b.res.Findings {
		msgs[f.Position.String()] = f.Message
	}
	assert.Equal(t, "#governance is no heading on the page of the section content/governance", msgs["content/governance/0010_framework.md:14:1"],
		"the title heading is the page's own, without an ID")
	assert.Equal(t, "#benefit is no heading on the page of the section content/people/wellness (did you mean #benefits?)", msgs["content/governance/0010_framework.md:14:49"])
	assert.Equal(t, "#purposes is no heading on the page of the section content/strategy (did you mean #purpose?)", msgs["content/governance/_index.md:9:9"])
	assert.Equal(t, "#nope is no heading in this _index.md", msgs["content/governance/_index.md:9:37"])
	assert.Equal(t, "#anything is no heading on the page of the section content/people, which has no _index.md", msgs["content/governance/_index.md:9:49"])

	doc := b.page("governance/0010_framework/index.html")
	for _, want := range []string{
		`<a href="../index.html#principles">Principles</a>`,
		`<a href="../../strategy/index.html#purpose">strategy</a>`,
		`<a href="../../people/wellness/index.html#benefits">wellness</a>`,
		`<a href="../../index.html#start-here">home</a>`,
	} {
		assert.Contains(t, doc, want)
	}
	sec := b.page("governance/index.html")
	assert.Contains(t, sec, `<h2 id="principles">Principles</h2>`, "the heading the links land on")
	assert.Contains(t, sec, `<a href="../people/wellness/index.html#benefits">wellness</a>`)
	assert.Contains(t, sec, `<a href="index.html#principles">the intro</a>`)
	assert.Contains(t, sec, `<a href="#principles">its top</a>`)
	assert.Contains(t, b.page("people/wellness/index.html"), `<h2 id="benefits">Benefits</h2>`)
	home := b.page("index.html")
	assert.Contains(t, home, `<a href="strategy/index.html#purpose">strategy</a>`)
	assert.Contains(t, home, `<a href="governance/index.html#principles">governance</a>`)
	assert.Contains(t, home, `<h2 id="start-here">Start here</h2>`)
}

// indexSite has links of every kind in _index.md bodies, which are
// resolved from their folder as a document's are.
var indexSite = siteYAML + `
-- content/gov/_index.md --
---
title: Governance
---
The [framework](0010_framework.md#scope), [[gov-0010]], [its scope](/gov/0010_framework.md#scope)
and ![the chart](img/chart.png). See <https://example.org/gov>.

- 0010_framework.md

Broken: [gone](0099_gone.md), [[gov-0099]], [anchor](0010_framework.md#scop), ![none](img/none.png).
-- content/gov/0010_framework.md --
` + doc("gov-0010") + `
# Framework

## Scope
-- content/gov/img/chart.png --
PNG
-- content/gov/sub/_index.md --
---
title: Sub
---
Up to the [framework](../0010_framework.md) and [governance](../).
`

func TestLinksInSectionIntroductionsAreResolved(t *testing.T) {
	b := buildSite(t, indexSite)
	assert.Equal(t, []string{
		"content/gov/_index.md:9:9 broken-link",
		"content/gov/_index.md:9:31 broken-ref",
		"content/gov/_index.md:9:45 broken-anchor",
		"content/gov/_index.md:9:79 broken-link",
	}, b.findings(), "found in _index.md, at the link; none blamed on a template")
	sec := b.page("gov/index.html")
	intro := sec[strings.Index(sec, `<div class="intro">`):]
	intro = intro[:strings.Index(intro, "</div>")]
	for _, want := range []string{
		`<a href="0010_framework/index.html#scope">framework</a>`,
		`<a href="0010_framework/index.html">Framework</a>`,
		`<a href="0010_framework/index.html#scope">its scope</a>`,
		`<img src="img/chart.png" alt="the chart"`,
		`<li><a href="0010_framework/index.html">Framework</a></li>`,
		`<a href="0099_gone.md">gone</a>`,
	} {
		assert.Contains(t, intro, want)
	}
	// The home page shows the introduction on the section's card: its links
	// start from there.
	home := b.page("index.html")
	card := home[strings.Index(home, `<div class="card-intro">`):]
	card = card[:strings.Index(card, "</div>")]
	assert.Contains(t, card, `<a href="gov/0010_framework/index.html#scope">framework</a>`)
	assert.Contains(t, card, `<img src="gov/img/chart.png" alt="the chart"`)
	sub := b.page("gov/sub/index.html")
	assert.Contains(t, sub, `<a href="../0010_framework/index.html">framework</a>`)
	assert.Contains(t, sub, `<a href="../index.html">governance</a>`)
	assert.Contains(t, sec, `<a href="0010_framework/index.html">framework</a>`, "the sub-section's card on its parent's page")
	assert.Equal(t, "PNG\n", b.page("gov/img/chart.png"))
	res := checkSite(t, siteFS(indexSite))
	assert.Equal(t, b.findings(), short(res.Findings), "check finds the same")
}

func TestSiteAbsoluteLinksResolveFromContent(t *testing.T) {
	b := buildSite(t, `-- site.yaml --
title: T
baseURL: https://handbook.example.internal/handbook/
audience: Internal
-- content/standards/0010_passwords.md --
`+doc("std-0010")+`
# Passwords

## Length

[Self](/standards/0010_passwords.md#length), [page](/standards/0010_passwords/), [its file](/standards/0010_passwords/index.html#length),
[section](/standards/), [home](/), [image](/images/a.png), [manual](/files/manual.pdf), [theme](/css/govdoc.css).

Broken: [gone](/standards/0099_gone.md), [anchor](/standards/0010_passwords.md#lenght), [out](/../site.yaml), [nothing](/files/none.pdf).
-- content/images/a.png --
PNG
-- static/files/manual.pdf --
PDF
`)
	assert.Equal(t, []string{
		"content/standards/0010_passwords.md:18:9 broken-link",
		"content/standards/0010_passwords.md:18:42 broken-anchor",
		"content/standards/0010_passwords.md:18:89 broken-link",
		"content/standards/0010_passwords.md:18:111 broken-link",
	}, b.findings())
	require.NotEmpty(t, b.res.Findings)
	assert.Contains(t, b.res.Findings[0].Message, `"/standards/0099_gone.md" names no file: neither content/standards/0099_gone.md nor static/standards/0099_gone.md exists`)
	p := b.page("standards/0010_passwords/index.html")
	for _, want := range []string{
		`<a href="#length">Self</a>`,
		`<a href="index.html">page</a>`,
		`<a href="#length">its file</a>`,
		`<a href="../index.html">section</a>`,
		`<a href="../../index.html">home</a>`,
		`<a href="../../images/a.png">image</a>`,
		`<a href="../../files/manual.pdf">manual</a>`,
		`<a href="../../css/govdoc.css">theme</a>`,
		`<a href="/standards/0099_gone.md">gone</a>`,
	} {
		assert.Contains(t, p, want)
	}
	assert.Equal(t, "PDF\n", b.page("files/manual.pdf"))
}

// rawSite lets raw HTML through; its links are resolved and checked as
// Markdown links are.
const rawSite = `-- site.yaml --
title: T
raw_html: true
audience: Internal
-- content/gov/0010_framework.md --
` + "---\nDocument-ID: gov-0010\nOwner: x\nVersion: \"1\"\nStatus: Approved\nClassification: Internal\nLast Update: 2026-10-01\n---\n" + `
# Framework

## Scope

<div class="note">
See the <a href="0020_roles.md#roles">roles</a> and <img src="img/chart.png" alt="chart">.
Broken: <a href="0099_gone.md">gone</a>, <a class="x" href="0020_roles.md#rolez">anchor</a>.
</div>

Inline: <a href="/gov/0020_roles.md">roles</a>, <img src="img/gone.png">, <a href="../secret.md">ZQXLABEL</a>.
-- content/gov/0020_roles.md --
` + "---\nDocument-ID: gov-0020\nOwner: x\nVersion: \"1\"\nStatus: Approved\nClassification: Internal\nLast Update: 2026-10-01\n---\n" + `
# Roles

## Roles
-- content/gov/img/chart.png --
PNG
-- content/secret.md --
` + "---\nDocument-ID: s\nOwner: x\nVersion: \"1\"\nStatus: Approved\nClassification: Restricted\nLast Update: 2026-10-01\n---\n" + `
# Secret

<img src="gov/img/onlysecret.png">
-- content/gov/img/onlysecret.png --
ZQXSECRETBYTES
`

func TestRawHTMLLinksAreResolvedAndChecked(t *testing.T) {
	b := buildSite(t, rawSite)
	assert.Equal(t, []string{
		"content/gov/0010_framework.md:16:12 broken-link",
		"content/gov/0010_framework.md:16:55 broken-anchor",
		"content/gov/0010_framework.md:19:54 broken-link",
		"content/gov/0010_framework.md:19:78 restricted-link",
	}, b.findings(), "at the attribute")
	p := b.page("gov/0010_framework/index.html")
	for _, want := range []string{
		`<a href="../0020_roles/index.html#roles">roles</a>`,
		`<img src="../img/chart.png" alt="chart"/>`,
		`<a href="0099_gone.md">gone</a>`,
		`<a href="../0020_roles/index.html">roles</a>`,
		`<span class="restricted-link">restricted document</span>`,
	} {
		assert.Contains(t, p, want)
	}
	assert.NotContains(t, p, "ZQXLABEL")
	_, published := b.out.File("gov/img/onlysecret.png")
	assert.False(t, published, "an image that only a left-out document shows, in raw HTML, is left out too")
	assert.Equal(t, "PNG\n", b.page("gov/img/chart.png"))
	assert.Contains(t, b.page("gov/0020_roles/index.html"), `Referenced by`, "a raw HTML link is a reference")
}

// Build and check agree: every error a build reports, for any audience,
// check reports too; check --audience reports what that build reports.
func TestBuildAndCheckReportTheSameErrors(t *testing.T) {
	sites := map[string]string{
		"references": refSite, "internal": internalSite, "sections": sectionSite, "indexes": indexSite,
		"raw HTML": rawSite, "leak": leakSite,
	}
	for name, archive := range sites {
		fsys := siteFS(archive)
		all := short(errorsOf(checkFor(t, fsys, "")))
		for _, audience := range []string{"Public", "Internal", "Confidential", "Restricted"} {
			b := buildFor(t, fsys, audience)
			built := short(errorsOf(b.res.Findings))
			for _, f := range built {
				if !strings.HasPrefix(f, "site.yaml") { // empty-build: the audience's, not a document's
					assert.Contains(t, all, f, "%s, built for %s: check without an audience reports it too", name, audience)
				}
			}
			assert.Equal(t, short(b.res.Findings), short(checkFor(t, fsys, audience)), "%s: build and check --audience %s", name, audience)
		}
	}
}
