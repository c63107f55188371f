package generator_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/output"
)

// sessionSite is a site with sections, references, a matrix and a
// scorecard, so that edits reach every kind of page.
var sessionSite = siteYAML + raciRoles + `
-- content/_index.md --
---
title: Home Intro
---
Welcome to {{ meta.organization }}.
-- content/gov/_index.md --
---
title: Governance
weight: 1
---
Governance documents.
-- content/gov/0010_framework.md --
---
Document-ID: gov-0010
Owner: Office of the CIO
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
Tags: [governance]
raci:
  - activity: Framework review
    R: IT Managers
    A: CIO
---
# Framework

## Scope

See [[gov-0020]] and [who](0020_roles.md#who-does-what).
-- content/gov/0020_roles.md --
---
Document-ID: gov-0020
Owner: Office of the CIO
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-09-01
Tags: [roles, Governance]
---
# Roles

## Who does what

Text.

**Document History:**

| Version | Date | Author | Changes |
|---|---|---|---|
| 1.0 | 2026-09-01 | J. Smith | Initial creation |
-- content/ops/0100_service.md --
---
Document-ID: ops-0100
Owner: Service Office
Version: "1.0"
Status: Review
Classification: Internal
Last Update: 2026-08-01
scorecard:
  period: 2026-Q2
  source: metrics.csv
  metrics:
    - {id: uptime, name: Uptime, unit: "%", target: 99.9, amber: 99.5, owner: IT Managers}
---
# Service

- 0010_framework.md
-- content/ops/metrics.csv --
period,metric,value
2026-Q1,uptime,99.95
2026-Q2,uptime,99.7
-- content/ops/diagram.txt --
a diagram
`

// sessionStep changes the site on disk and names the changed files.
type sessionStep struct {
	name    string
	write   map[string]string // file -> new content ("" removes it)
	failing bool              // the rebuild has errors and keeps the last good output
}

func TestSessionEqualsAFullBuildAfterEveryChange(t *testing.T) {
	dir := writeSite(t, sessionSite)
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()
	opts := generator.Options{Source: root.FS(), Theme: govdoc.Theme, Version: "test", Now: testNow}
	sess := generator.NewSession(opts)
	u, err := sess.Rebuild(context.Background(), nil)
	require.NoError(t, err)
	assertSameAsFullBuild(t, sess, u, opts, "first build")

	steps := changeSteps(t, dir)
	for _, step := range steps {
		s := step()
		changed := s.apply(t, dir)
		before := sessionFiles(sess)
		u, err := sess.Rebuild(context.Background(), changed)
		require.NoError(t, err, s.name)
		if s.failing {
			require.True(t, u.Failed(), "%s: want errors, got %v", s.name, u.Result.Findings)
			assert.Equal(t, before, sessionFiles(sess), "%s: the last good output stays", s.name)
			assertSameFindings(t, u, opts, s.name)
			continue
		}
		require.False(t, u.Failed(), "%s: %v", s.name, u.Result.Findings)
		assertSameAsFullBuild(t, sess, u, opts, s.name)
		after := sessionFiles(sess)
		var differ, gone []string
		for name, data := range after {
			if old, ok := before[name]; !ok || old != data {
				differ = append(differ, name)
			}
		}
		for name := range before {
			if _, ok := after[name]; !ok {
				gone = append(gone, name)
			}
		}
		slices.Sort(differ)
		slices.Sort(gone)
		assert.Equal(t, differ, u.Changed, "%s: the files changed", s.name)
		assert.Equal(t, gone, u.Removed, "%s: the files removed", s.name)
		if s.name == "body edit" {
			assert.Equal(t, 1, u.Rendered, "a body edit renders its own page alone, not the site-wide pages that show none of its body")
			require.Len(t, u.Changed, 2, "the page and the chunk of the search index that holds its text: %v", u.Changed)
			assert.Equal(t, "gov/0020_roles/index.html", u.Changed[0])
			assert.Regexp(t, `^search-index/[0-9a-f]+\.js$`, u.Changed[1])
			chunk, _ := sess.File(u.Changed[1])
			assert.Contains(t, string(chunk), "New text.")
		}
	}
}

// changeSteps are changes of every kind to sessionSite written at dir, one
// after the other.
func changeSteps(t *testing.T, dir string) []func() sessionStep {
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		return string(data)
	}
	edit := func(name, old, new string) map[string]string {
		s := read(name)
		require.Contains(t, s, old, name)
		return map[string]string{name: strings.Replace(s, old, new, 1)}
	}
	var metrics string // a file removed, to restore
	return []func() sessionStep{
		func() sessionStep {
			return sessionStep{"body edit", edit("content/gov/0020_roles.md", "Text.", "New text."), false}
		},
		func() sessionStep {
			return sessionStep{"links added to a body", edit("content/gov/0020_roles.md", "New text.", "New text, after [[gov-0010]], [[ops-0100#service]] and [the framework](0010_framework.md)."), false}
		},
		func() sessionStep {
			return sessionStep{"title change reaches wiki links, bare names and sidebars", edit("content/gov/0010_framework.md", "# Framework", "# Governance Framework"), false}
		},
		func() sessionStep {
			return sessionStep{"heading change breaks an anchor", edit("content/gov/0020_roles.md", "## Who does what", "## People"), true}
		},
		func() sessionStep {
			return sessionStep{"and fixing it", edit("content/gov/0020_roles.md", "## People", "## Who does what"), false}
		},
		func() sessionStep {
			return sessionStep{"metadata change", edit("content/gov/0020_roles.md", "Status: Approved", "Status: Draft"), false}
		},
		func() sessionStep {
			return sessionStep{"an owner alone", edit("content/gov/0020_roles.md", "Owner: Office of the CIO", "Owner: Risk Office"), false}
		},
		func() sessionStep {
			return sessionStep{"a history row alone", edit("content/gov/0020_roles.md", "| J. Smith | Initial creation |", "| J. Smith | First approved edition |"), false}
		},
		func() sessionStep {
			return sessionStep{"a next review date alone", edit("content/gov/0020_roles.md", "Owner: Risk Office", "Owner: Risk Office\nNext Review: 2026-12-01"), false}
		},
		func() sessionStep {
			return sessionStep{"a review falls overdue", edit("content/gov/0020_roles.md", "Next Review: 2026-12-01", "Next Review: 2026-11-01"), false}
		},
		func() sessionStep {
			return sessionStep{"an approver alone", edit("content/gov/0020_roles.md", "Next Review: 2026-11-01", "Next Review: 2026-11-01\nApproved By: J. Smith"), false}
		},
		func() sessionStep {
			return sessionStep{"supersedes reaches the replaced document", edit("content/gov/0020_roles.md", "Approved By: J. Smith", "Approved By: J. Smith\nSupersedes: gov-0010"), false}
		},
		func() sessionStep {
			return sessionStep{"the replaced document's title reaches its successor", edit("content/gov/0010_framework.md", "# Governance Framework", "# The Governance Framework"), false}
		},
		func() sessionStep {
			return sessionStep{"new document", map[string]string{"content/gov/0030_new.md": "---\nDocument-ID: gov-0030\nOwner: Office of the CIO\nVersion: \"1.0\"\nStatus: Approved\nClassification: Internal\nLast Update: 2026-11-02\n---\n# New\n\nLinks [[gov-0010]].\n"}, false}
		},
		func() sessionStep {
			return sessionStep{"a duplicate Document-ID", edit("content/gov/0030_new.md", "Document-ID: gov-0030", "Document-ID: gov-0010"), true}
		},
		func() sessionStep {
			return sessionStep{"and fixing it", edit("content/gov/0030_new.md", "Document-ID: gov-0010", "Document-ID: gov-0030"), false}
		},
		func() sessionStep {
			return sessionStep{"rename", map[string]string{"content/gov/0030_new.md": "", "content/ops/0030_moved.md": read("content/gov/0030_new.md")}, false}
		},
		func() sessionStep {
			return sessionStep{"a tag added reaches the tag pages and the index", edit("content/ops/0100_service.md", "Status: Review", "Status: Review\nTags: [service, roles]"), false}
		},
		func() sessionStep {
			return sessionStep{"a tag renamed", edit("content/gov/0010_framework.md", "Tags: [governance]", "Tags: [framework]"), false}
		},
		func() sessionStep {
			return sessionStep{"matrix change", edit("content/gov/0010_framework.md", "R: IT Managers", "R: [IT Managers, Helpdesk]"), false}
		},
		func() sessionStep {
			return sessionStep{"a matrix that another assigns differently", edit("content/ops/0100_service.md", "Status: Review", "Status: Review\nraci:\n  - activity: Framework review\n    R: Helpdesk\n    A: CIO"), false}
		},
		func() sessionStep {
			return sessionStep{"and moved down a line", edit("content/ops/0100_service.md", "Status: Review", "Status: Review\nApproved By: Board"), false}
		},
		func() sessionStep {
			return sessionStep{"scorecard data", edit("content/ops/metrics.csv", "2026-Q2,uptime,99.7", "2026-Q2,uptime,99.2"), false}
		},
		func() sessionStep {
			metrics = read("content/ops/metrics.csv")
			return sessionStep{"a scorecard's data removed", map[string]string{"content/ops/metrics.csv": ""}, true}
		},
		func() sessionStep {
			return sessionStep{"and restored", map[string]string{"content/ops/metrics.csv": metrics}, false}
		},
		func() sessionStep {
			return sessionStep{"a title that another section's page shows as a backlink", edit("content/ops/0100_service.md", "Status: Review", "Status: Review\nTitle: Service Desk"), false}
		},
		func() sessionStep {
			return sessionStep{"the home page's introduction", edit("content/_index.md", "Welcome to", "Welcome to the handbook of"), false}
		},
		func() sessionStep {
			return sessionStep{"a Last Update, which orders the recent documents and the changes", edit("content/ops/0100_service.md", "Last Update: 2026-08-01", "Last Update: 2026-11-20"), false}
		},
		func() sessionStep {
			return sessionStep{"a section retitled", edit("content/gov/_index.md", "title: Governance", "title: Governance and Risk"), false}
		},
		func() sessionStep {
			return sessionStep{"section intro and meta", edit("content/gov/_index.md", "Governance documents.", "The governance of {{ meta.organization }}."), false}
		},
		func() sessionStep {
			return sessionStep{"site.yaml", edit("site.yaml", "organization: Acme Corp", "organization: Acme Group"), false}
		},
		func() sessionStep {
			yaml := read("site.yaml")
			broken := edit("content/gov/0010_framework.md", "## Scope", "## Scope of the framework")
			broken["site.yaml"] = yaml + "titel: typo\n"
			broken["templates/partials/footer.html"] = "<footer>Built by {{ .Site.Config.Title }}</footer>\n"
			return sessionStep{"a broken site.yaml with a document and a template changed", broken, true}
		},
		func() sessionStep {
			return sessionStep{"and site.yaml fixed alone", edit("site.yaml", "titel: typo\n", ""), false}
		},
		func() sessionStep {
			return sessionStep{"and the template removed", map[string]string{"templates/partials/footer.html": ""}, false}
		},
		func() sessionStep {
			return sessionStep{"a role renamed in site.yaml", edit("site.yaml", "name: Chief Information Officer", "name: Chief Digital Officer"), false}
		},
		func() sessionStep {
			cio := "  - id: cio\n    name: Chief Digital Officer\n    aliases: [CIO]\n"
			swapped := edit("site.yaml", cio, "")["site.yaml"]
			swapped = strings.Replace(swapped, "    aliases: [IT Management]\n", "    aliases: [IT Management]\n"+cio, 1)
			return sessionStep{"the roles in another order", map[string]string{"site.yaml": swapped}, false}
		},
		func() sessionStep {
			return sessionStep{"a key made required in site.yaml", edit("site.yaml", "required: [Document-ID,", "required: [Tags, Document-ID,"), true}
		},
		func() sessionStep {
			return sessionStep{"and no more", edit("site.yaml", "required: [Tags, Document-ID,", "required: [Document-ID,"), false}
		},
		func() sessionStep {
			return sessionStep{"a theme override", map[string]string{"templates/partials/footer.html": "<footer>Custom {{ .Site.Config.Title }}</footer>\n"}, false}
		},
		func() sessionStep {
			return sessionStep{"the override edited", edit("templates/partials/footer.html", "Custom", "Edited"), false}
		},
		func() sessionStep {
			return sessionStep{"an override that does not parse", edit("templates/partials/footer.html", "{{ .Site.Config.Title }}", "{{ .Site.Config.Title "), true}
		},
		func() sessionStep {
			return sessionStep{"and fixed", edit("templates/partials/footer.html", "{{ .Site.Config.Title ", "{{ .Site.Config.Title }} again"), false}
		},
		func() sessionStep {
			return sessionStep{"a static file", map[string]string{"static/extra.txt": "x\n", "content/ops/diagram.txt": ""}, false}
		},
		func() sessionStep {
			return sessionStep{"classification hides a document", edit("content/gov/0020_roles.md", "Classification: Internal", "Classification: Confidential"), false}
		},
		func() sessionStep {
			return sessionStep{"broken front matter keeps the last good site", edit("content/ops/0030_moved.md", "Owner: Office of the CIO", "Owner: [unclosed"), true}
		},
		func() sessionStep {
			return sessionStep{"delete", map[string]string{"content/ops/0030_moved.md": "", "templates/partials/footer.html": ""}, false}
		},
		func() sessionStep {
			return sessionStep{"a placeholder in a body", edit("content/gov/0010_framework.md", "See [[gov-0020]]", "Kept by {{ meta.organization }} for {{ meta.owner }}. See [[gov-0020]]"), false}
		},
		func() sessionStep {
			return sessionStep{"site.yaml's meta that it shows", edit("site.yaml", "owner: Office of the CIO", "owner: Office of the CDO"), false}
		},
		func() sessionStep {
			return sessionStep{"a section's meta that it shows", edit("content/gov/_index.md", "weight: 1", "weight: 1\nmeta:\n  organization: Acme Governance"), false}
		},
		func() sessionStep {
			w := edit("content/gov/_index.md", "weight: 1", "weight: 1\ncascade:\n  Owner: Governance Office")
			maps.Copy(w, edit("content/gov/0010_framework.md", "Owner: Office of the CIO\n", ""))
			return sessionStep{"an owner from a section's cascade", w, false}
		},
		func() sessionStep {
			return sessionStep{"and the cascade changed", edit("content/gov/_index.md", "Owner: Governance Office", "Owner: Risk Office"), false}
		},
	}
}

// apply writes a step's changes to the site at dir and names the changed
// files.
func (s sessionStep) apply(t *testing.T, dir string) []string {
	var changed []string
	for name, content := range s.write {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if content == "" {
			require.NoError(t, os.Remove(p))
		} else {
			require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
			require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		}
		changed = append(changed, name)
	}
	return changed
}

// sessionFiles returns every output file of a session by name.
func sessionFiles(sess *generator.Session) map[string]string {
	files := map[string]string{}
	for _, name := range sess.Names() {
		data, _ := sess.File(name)
		files[name] = string(data)
	}
	return files
}

func assertSameAsFullBuild(t *testing.T, sess *generator.Session, u *generator.Update, opts generator.Options, step string) {
	t.Helper()
	full := output.NewMemory()
	res, err := generator.Build(context.Background(), opts, full)
	require.NoError(t, err)
	require.Zero(t, res.Findings.Errors(), "%s: %v", step, res.Findings)
	assert.Equal(t, res.Findings, u.Result.Findings, "%s: the findings", step)
	require.Equal(t, full.Names(), sess.Names(), step)
	for _, name := range full.Names() {
		want, _ := full.File(name)
		got, _ := sess.File(name)
		if string(want) != string(got) {
			t.Errorf("%s: %s differs from a full build:\n%s", step, name, firstDiff(string(want), string(got)))
		}
	}
}

// assertSameFindings asserts that a failed rebuild found what a full build
// finds.
func assertSameFindings(t *testing.T, u *generator.Update, opts generator.Options, step string) {
	t.Helper()
	res, err := generator.Build(context.Background(), opts, output.NewMemory())
	if !errors.Is(err, generator.ErrConfig) {
		require.NoError(t, err, step)
	}
	assert.Equal(t, res.Findings, u.Result.Findings, "%s: the findings", step)
}

// firstDiff shows where two texts first differ.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf("full:    %q\nsession: %q", a[lo:min(len(a), i+80)], b[lo:min(len(b), i+80)])
}

func TestSessionRecordsABrokenSiteYAMLAsAFailure(t *testing.T) {
	dir := writeSite(t, siteYAML+goodDoc)
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()
	sess := generator.NewSession(generator.Options{Source: root.FS(), Theme: govdoc.Theme, Version: "test", Now: testNow})
	_, err = sess.Rebuild(context.Background(), nil)
	require.NoError(t, err)
	good := sessionFiles(sess)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: x\ntitel: typo\n"), 0o644))
	u, err := sess.Rebuild(context.Background(), []string{"site.yaml"})
	require.NoError(t, err)
	assert.True(t, u.Failed())
	require.NotNil(t, sess.Failed())
	assert.Equal(t, "config", sess.Failed().Findings[0].Rule)
	assert.Equal(t, good, sessionFiles(sess), "the last good site stays")
}
