package scaffold_test

import (
	"context"
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"

	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/scaffold"
	"github.com/govdoc/govdoc/generator/site"
)

// siteFS turns a txtar archive into a site.
func siteFS(archive string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

func load(t *testing.T, fsys fs.FS) *site.Site {
	t.Helper()
	res, err := generator.Load(context.Background(), generator.Options{Source: fsys, Now: today})
	require.NoError(t, err)
	return res.Site
}

// draft drafts a document in a txtar site, adds it to the site with its new
// sections, and checks the site.
func draft(t *testing.T, archive, file string) (*scaffold.Draft, *generator.Result) {
	t.Helper()
	fsys := siteFS(archive)
	d, err := scaffold.NewDocument(fsys, load(t, fsys), file, today)
	require.NoError(t, err)
	for _, f := range append(d.Sections, scaffold.File{Path: d.Path, Text: d.Text}) {
		fsys[f.Path] = &fstest.MapFile{Data: f.Text}
	}
	res, err := generator.Check(context.Background(), generator.Options{Source: fsys, Now: today})
	require.NoError(t, err)
	return d, res
}

const handbook = `
-- site.yaml --
title: T
meta: {owner: Office of the CIO, author: IT Governance Team}
audience: Internal
-- content/security/_index.md --
---
title: Security
---
-- content/security/0300_policy.md --
---
Document-ID: SEC-0300
Owner: '{{ meta.owner }}'
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-11-01
---
# Policy
`

func TestNewDocumentHasTheRequiredMetadataAndChecksClean(t *testing.T) {
	d, res := draft(t, handbook, "content/security/0400_access_control.md")
	assert.Empty(t, res.Findings)
	assert.Equal(t, `---
Document-ID: SEC-0400
Owner: {{ meta.owner }}
Version: "0.1"
Status: Draft
Classification: Internal
Last Update: 2026-11-24
---

# Access Control

## Purpose

<!-- Why this document exists, what it governs and whom it applies to. -->

---

**Document History:**

| Version | Date | Author | Changes |
|---------|------|--------|---------|
| 0.1 | 2026-11-24 | {{ meta.author }} | Initial draft |
`, string(d.Text))
	assert.Empty(t, d.Sections, "the section exists")
	assert.Empty(t, d.Notes)

	var doc *site.Document
	for _, x := range res.Site.Documents {
		if x.Path == d.Path {
			doc = x
		}
	}
	require.NotNil(t, doc)
	assert.Equal(t, "Office of the CIO", doc.Owner)
	assert.Equal(t, "Access Control", doc.Title)
	require.Len(t, doc.History, 1)
	assert.Equal(t, "IT Governance Team", doc.History[0].Author)
}

func TestNewDocumentFollowsSiteYAML(t *testing.T) {
	d, res := draft(t, `
-- site.yaml --
title: T
meta: {owner: Office of the CIO, reviewer: Internal Audit}
metadata:
  required: [Document ID, owner, Version, Status, Classification, last_update, Reviewer, Approver, Title]
  status: [Proposed, Active]
  classification: [Open]
audience: Open
`, "content/policies/remote_work.md")
	assert.Contains(t, string(d.Text), `---
Document ID: DOC-0001
owner: {{ meta.owner }}
Version: "0.1"
Status: Proposed
Classification: Open
last_update: 2026-11-24
Reviewer: {{ meta.reviewer }}
Approver:
Title: Remote Work
---
`)
	assert.Contains(t, string(d.Text), "| 0.1 | 2026-11-24 | {{ meta.owner }} | Initial draft |", "the owner stands in for a missing author")
	assert.Equal(t, []string{"fill in Approver: site.yaml requires it"}, d.Notes)
	require.Len(t, res.Findings, 1, "only the key govdoc cannot fill")
	assert.Equal(t, "content/policies/remote_work.md:9:1: error: required metadata \"Approver\" is empty [missing-metadata]", res.Findings[0].String())
}

func TestNewDocumentTakesTheSectionsMeta(t *testing.T) {
	d, res := draft(t, `
-- site.yaml --
title: T
-- content/security/_index.md --
---
meta: {owner: Office of the CISO}
---
`, "content/security/cloud/0400_cloud.md")
	assert.Empty(t, res.Findings)
	assert.Contains(t, string(d.Text), "Owner: {{ meta.owner }}\n")
	assert.Equal(t, []scaffold.File{{Path: "content/security/cloud/_index.md", Text: []byte("---\ntitle: Cloud\n---\n")}}, d.Sections)
}

func TestNewDocumentLeavesTheSectionsCascadeToIt(t *testing.T) {
	d, res := draft(t, `
-- site.yaml --
title: T
audience: Restricted
-- content/hr/_index.md --
---
cascade:
  Classification: Confidential
  owner: Human Resources
---
`, "content/hr/payroll/0100_payroll.md")
	assert.Empty(t, res.Findings)
	assert.Equal(t, "Confidential", d.Classification)
	assert.Empty(t, d.Notes)
	assert.NotContains(t, string(d.Text), "Classification:", "the section's Confidential stands")
	assert.NotContains(t, string(d.Text), "Owner:")
	assert.Equal(t, "Confidential", res.Site.Documents[0].Classification)
	assert.Equal(t, "Human Resources", res.Site.Documents[0].Owner)
}

func TestNewDocumentWithoutAnOwner(t *testing.T) {
	d, res := draft(t, "-- site.yaml --\ntitle: T\nmetadata: {required: [Document-ID]}\n", "content/a/b/0001_first.md")
	assert.Contains(t, string(d.Text), "Owner:\n")
	assert.Contains(t, string(d.Text), "| 0.1 | 2026-11-24 |  | Initial draft |")
	assert.Equal(t, []string{"fill in Owner"}, d.Notes)
	assert.Empty(t, res.Findings, "Owner is not required here")
	assert.Equal(t, []string{"content/a/_index.md", "content/a/b/_index.md"}, []string{d.Sections[0].Path, d.Sections[1].Path})
}

func TestNewDocumentNotesASharedFileName(t *testing.T) {
	d, _ := draft(t, handbook, "content/other/0300_policy.md")
	assert.Equal(t, "SEC-0301", d.ID)
	assert.Equal(t, []string{"content/security/0300_policy.md has the same file name: refer to either by a relative link or its Document-ID, not by the bare file name"}, d.Notes)
}

func TestNewDocumentRefuses(t *testing.T) {
	fsys := siteFS(handbook)
	s := load(t, fsys)
	_, err := scaffold.NewDocument(fsys, s, "content/security/0300_policy.md", today)
	assert.True(t, errors.Is(err, fs.ErrExist), "%v", err)
	for _, p := range []string{"security/x.md", "content/x.txt", "content/../x.md", "../content/x.md", "content/_index.md", "content/_drafts/x.md", "content/.x.md", "content", "/content/x.md"} {
		_, err := scaffold.NewDocument(fsys, s, p, today)
		assert.ErrorIs(t, err, scaffold.ErrPath, p)
	}
}

func TestDocumentPath(t *testing.T) {
	for in, want := range map[string]string{
		"content/a.md":                  "content/a.md",
		"./content/security//b.MD":      "content/security/b.MD",
		"content/security/../risk/c.md": "content/risk/c.md",
	} {
		got, err := scaffold.DocumentPath(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
}

func TestTitleFromName(t *testing.T) {
	for name, want := range map[string]string{
		"0400_access_control.md":                 "Access Control",
		"0230_it_management_responsibilities.md": "It Management Responsibilities",
		"0230_IT_management.md":                  "IT Management",
		"terms-of-reference.md":                  "Terms of Reference",
		"and_then.md":                            "And Then",
		"security":                               "Security",
		"0400_.md":                               "0400_",
		"0400.md":                                "0400",
		"ölförsörjning.md":                       "Ölförsörjning",
	} {
		assert.Equal(t, want, scaffold.TitleFromName(name), name)
	}
}
