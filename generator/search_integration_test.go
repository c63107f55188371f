package generator_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/generator/search"
)

// searchIndex builds a site for an audience and returns its search index
// as one map per document.
func searchIndex(t *testing.T, archive, audience string) []map[string]any {
	t.Helper()
	out := output.NewMemory()
	res, err := generator.Build(context.Background(), generator.Options{Source: siteFS(archive), Theme: govdoc.Theme, Version: "test", Now: testNow, Audience: audience}, out)
	require.NoError(t, err)
	require.Zero(t, res.Findings.Errors(), res.Findings)
	b := &built{t: t, res: res, out: out}
	fields, entries := b.searchEntries()
	var docs []map[string]any
	for _, e := range entries {
		m := map[string]any{}
		for i, f := range fields {
			m[f] = e[i]
		}
		docs = append(docs, m)
	}
	return docs
}

// scriptValue reads the JSON value that a script assigns after prefix.
func scriptValue(t *testing.T, js, prefix string, v any) {
	t.Helper()
	require.Contains(t, js, prefix)
	data := strings.TrimSuffix(strings.TrimSpace(js[strings.Index(js, prefix)+len(prefix):]), ";")
	require.NoError(t, json.Unmarshal([]byte(data), v), data)
}

// searchChunks returns the names of the search index's chunk files, as
// search-index.js names them.
func (b *built) searchChunks() []string {
	b.t.Helper()
	var ix struct {
		Fields []string
		Chunks []string
	}
	scriptValue(b.t, b.page("search-index.js"), "window."+search.Global+" = ", &ix)
	return ix.Chunks
}

// searchEntries returns the fields of the search index's entries and the
// entries of its chunks, in order.
func (b *built) searchEntries() (fields []string, entries [][]any) {
	b.t.Helper()
	var ix struct {
		Fields []string
		Chunks []string
	}
	scriptValue(b.t, b.page("search-index.js"), "window."+search.Global+" = ", &ix)
	for _, name := range ix.Chunks {
		var part [][]any
		scriptValue(b.t, b.page(name), fmt.Sprintf("(window.%s = window.%s || {})[%q] = ", search.Chunks, search.Chunks, name), &part)
		entries = append(entries, part...)
	}
	return ix.Fields, entries
}

// searchText returns the search index's files as one text: the index
// script and its chunks.
func (b *built) searchText() string {
	b.t.Helper()
	text := b.page("search-index.js")
	for _, name := range b.searchChunks() {
		text += b.page(name)
	}
	return text
}

func TestTheSearchIndexHoldsThePublishedDocumentsOfItsAudience(t *testing.T) {
	// navSite with a Restricted document, and a.md again with a body: the
	// later file of an archive replaces the earlier.
	archive := navSite + `
-- content/gov/z.md --
---
Document-ID: gov-z
Owner: Board Office
Version: "1.0"
Status: Approved
Classification: Restricted
Last Update: 2026-10-01
---
# Zulu Restricted Plan

The zulu acquisition text.
-- content/gov/a.md --
---
Document-ID: gov-a
Owner: Office of the CIO
Version: "1.2"
Status: Approved
Classification: Public
Last Update: 2026-10-01
Weight: 1
Tags: [Roles, governance]
---
# Alpha

## Purpose

Alpha sets out who approves what.

## Scope

Everyone.
`
	public := searchIndex(t, archive, "Public")
	require.Len(t, public, 1, "a Public build indexes its Public document only")
	assert.Equal(t, map[string]any{
		"title": "Alpha", "id": "gov-a", "url": "gov/a/index.html", "owner": "Office of the CIO", "status": "Approved",
		"classification": "Public", "tags": []any{"Roles", "governance"}, "section": "Governance", "headings": "Purpose\nScope",
		"text": "Purpose Alpha sets out who approves what. Scope Everyone.",
	}, public[0])

	var ids []string
	for _, d := range searchIndex(t, archive, "Internal") {
		ids = append(ids, d["id"].(string))
	}
	assert.Equal(t, []string{"gov-a", "gov-b", "gov-d", "ops-e"}, ids, "reading order; Confidential and Restricted documents left out")

	ids = nil
	for _, d := range searchIndex(t, archive, "Restricted") {
		ids = append(ids, d["id"].(string))
	}
	assert.Equal(t, []string{"gov-a", "gov-b", "gov-c", "gov-d", "gov-z", "ops-e"}, ids, "a Restricted build indexes everything")
}

func TestTheSearchIndexHoldsTheWholeTextOfASmallHandbook(t *testing.T) {
	body := strings.Repeat("Governance keeps the handbook in order. ", 200) // 8 KB
	docs := searchIndex(t, navSite+`
-- content/gov/long.md --
---
Document-ID: gov-long
Owner: Office of the CIO
Version: "1.0"
Status: Approved
Classification: Public
Last Update: 2026-10-01
---
# Long

`+body+`

The quartermaster clause comes last.
`, "Public")
	var text string
	for _, d := range docs {
		if d["id"] == "gov-long" {
			text = d["text"].(string)
		}
	}
	assert.Contains(t, text, "quartermaster clause comes last", "a word at the end of an 8 KB text")
}

// A build has each document's search text from rendering its body; it is
// the text of the page's body, as search.Text reads it, in the example
// handbook (its seed document, governance/0230, among them) at every
// length the index may keep, and where the blocks the documents place are
// cut out of the body.
func TestTheSearchTextIsTheTextOfTheRenderedBody(t *testing.T) {
	res := buildFS(t, exampleFS(t)).res
	require.NotEmpty(t, res.Site.Documents)
	limit := search.TextLimit(len(res.Site.Documents))
	blocks := 0
	for _, d := range res.Site.Documents {
		require.Equal(t, limit, d.SearchLimit, d.Path)
		assert.Equal(t, search.Text(d.Body, d.TitleID, limit), d.SearchText, d.Path)
		assert.NotContains(t, d.SearchText, "GOVDOCBLOCK", d.Path)
		blocks += len(d.Parts) - 1
		if d.Path == "content/governance/0230_it_management_responsibilities.md" {
			assert.True(t, strings.HasPrefix(d.SearchText, "Purpose This document defines the responsibilities of IT management"+
				" in executing IT governance and delivering IT services. Scope This document applies to: Acme Corp IT management team"), d.SearchText)
		}
	}
	assert.Equal(t, 2+1+18, blocks, "the {{ raci }}, {{ scorecard }} and history tables placed")
}
