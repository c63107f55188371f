package source_test

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/source"
)

const seedFile = "testdata/0230_it_management_responsibilities.md"

// siteMeta is the meta of the example handbook's site.yaml.
func siteMeta() placeholder.Data {
	return placeholder.Data{"meta": map[string]any{
		"organization": "Acme Corp",
		"owner":        "Office of the CIO",
		"version":      "1.0",
		"date":         "2026-11-01",
		"author":       "IT Governance Team",
	}}
}

// parse parses src as content/doc.md and fills its front matter with
// siteMeta.
func parse(t *testing.T, src string) (*source.Document, map[string]*source.Field, []string, finding.List) {
	t.Helper()
	d := source.Parse("content/doc.md", []byte(src))
	fields, order, findings := d.Fields(placeholder.New(), siteMeta())
	return d, fields, order, findings
}

func TestNormalizeKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Last Update", "last_update"},
		{"last_update", "last_update"},
		{"last-update", "last_update"},
		{"LAST-UPDATE", "last_update"},
		{"  Last Update  ", "last_update"},
		{"Document-ID", "document_id"},
		{"Owner", "owner"},
		{"meta", "meta"},
	} {
		assert.Equal(t, tc.want, source.NormalizeKey(tc.in), tc.in)
	}
}

func TestParseSeed(t *testing.T) {
	data, err := os.ReadFile(seedFile)
	require.NoError(t, err)
	d := source.Parse("content/governance/0230_it_management_responsibilities.md", data)
	require.Empty(t, d.Findings)
	fields, order, findings := d.Fields(placeholder.New(), siteMeta())
	require.Empty(t, findings, "the seed's front matter is accepted as written")

	assert.Equal(t, []string{"document_id", "owner", "version", "status", "classification", "last_update"}, order)
	for _, tc := range []struct {
		key, name, value string
		line             int
		valueCol         int
	}{
		{"document_id", "Document-ID", "iso-38500-0230", 2, 14},
		{"owner", "Owner", "Office of the CIO", 3, 8},
		{"version", "Version", "1.0", 4, 10},
		{"status", "Status", "Draft", 5, 9},
		{"classification", "Classification", "Internal", 6, 17},
		{"last_update", "Last Update", "2026-11-01", 7, 14},
	} {
		t.Run(tc.key, func(t *testing.T) {
			f := fields[tc.key]
			require.NotNil(t, f)
			assert.Equal(t, tc.name, f.Name)
			assert.Equal(t, tc.value, f.String())
			assert.Equal(t, tc.line, f.Line, "the key's line in the file")
			assert.Equal(t, 1, f.Column)
			assert.Equal(t, finding.Position{File: d.Path, Line: tc.line, Column: tc.valueCol}, d.ValuePos(f))
		})
	}

	body := string(d.Body())
	assert.True(t, strings.HasPrefix(body, "\n# IT Management Responsibilities\n"), "body starts after the closing ---: %q", body[:40])
	assert.Equal(t, "---\n", string(data[d.BodyStart-4:d.BodyStart]))
	k := strings.Index(body, "# IT Management Responsibilities")
	assert.Equal(t, finding.Position{File: d.Path, Line: 10, Column: 1}, d.Pos(d.BodyStart+k))
	k = strings.Index(body, "{{ meta.organization }}")
	assert.Equal(t, finding.Position{File: d.Path, Line: 19, Column: 3}, d.Pos(d.BodyStart+k))
}

func TestFieldsKeepTheTextAsWritten(t *testing.T) {
	_, fields, _, findings := parse(t, `---
Version: 1.0
Version Two: {{ meta.version }}
Last Update: 2026-11-01
Weight: 10
Approved: yes
Octal: 0o17
Quoted: "007"
Empty:
Null: null
Tilde: ~
Tags: [policy, 2026, {{ meta.organization }}]
Extra:
  nested: 1.10
  list:
    - 1e3
---
`)
	require.Empty(t, findings)
	for key, want := range map[string]string{
		"version":     "1.0",
		"version_two": "1.0",
		"last_update": "2026-11-01",
		"weight":      "10",
		"approved":    "yes",
		"octal":       "0o17",
		"quoted":      "007",
		"empty":       "",
		"null":        "",
		"tilde":       "",
	} {
		require.Contains(t, fields, key)
		assert.Equal(t, want, fields[key].Value, key)
	}
	assert.Equal(t, []any{"policy", "2026", "Acme Corp"}, fields["tags"].Value)
	assert.Equal(t, map[string]any{"nested": "1.10", "list": []any{"1e3"}}, fields["extra"].Value)
	assert.Empty(t, fields["tags"].String(), "String is only for scalars")
}

func TestFieldsFillPlaceholders(t *testing.T) {
	_, fields, _, findings := parse(t, `---
Title: The {{ meta.organization }} policy of {{ meta.owner | upper }}
Owner: "{{ meta.owner }}"
Author: '{{ meta.author }}'
Summary: >
  Kept by {{ meta.owner }}
  since {{ meta.date }}
Reviewers:
  - {{ meta.owner }}
  - Internal Audit
---
`)
	require.Empty(t, findings)
	assert.Equal(t, "The Acme Corp policy of OFFICE OF THE CIO", fields["title"].String())
	assert.Equal(t, "Office of the CIO", fields["owner"].String())
	assert.Equal(t, "IT Governance Team", fields["author"].String())
	assert.Equal(t, "Kept by Office of the CIO since 2026-11-01\n", fields["summary"].String())
	assert.Equal(t, []any{"Office of the CIO", "Internal Audit"}, fields["reviewers"].Value)
}

func TestFieldsMetaKeepsPlaceholders(t *testing.T) {
	d, fields, _, findings := parse(t, `---
meta:
  owner: Office of the CISO
  deputy: Deputy of {{ meta.owner }}
  missing: {{ meta.nobody }}
---
`)
	require.Empty(t, findings, "meta is filled later, once every level's meta is merged")
	want := map[string]any{"owner": "Office of the CISO", "deputy": "Deputy of {{ meta.owner }}", "missing": "{{ meta.nobody }}"}
	assert.Equal(t, want, fields["meta"].Value)
	assert.Equal(t, want, d.OwnMeta())
}

func TestOwnMetaAbsent(t *testing.T) {
	d := source.Parse("content/a.md", []byte("---\nTitle: x\n---\n"))
	assert.Nil(t, d.OwnMeta())
	d = source.Parse("content/a.md", []byte("no front matter"))
	assert.Nil(t, d.OwnMeta())
}

func TestUnresolvedPlaceholder(t *testing.T) {
	d, fields, _, findings := parse(t, "---\nTitle: T\nOwner:   {{ meta.nobody }}\nTags: [a, {{ meta.missing }}]\n---\n")
	require.Empty(t, d.Findings)
	require.Len(t, findings, 2)
	assert.Equal(t, finding.UnresolvedPlaceholder, findings[0].Rule)
	assert.Equal(t, finding.Error, findings[0].Severity)
	assert.Equal(t, finding.Position{File: "content/doc.md", Line: 3, Column: 10}, findings[0].Position)
	assert.Contains(t, findings[0].Message, `undefined key "nobody"`)
	assert.Equal(t, finding.Position{File: "content/doc.md", Line: 4, Column: 11}, findings[1].Position)
	assert.Contains(t, findings[1].Message, `undefined key "missing"`)

	assert.Equal(t, "{{ meta.nobody }}", fields["owner"].String(), "a failed placeholder keeps its text")
	for _, f := range findings {
		assert.NotContains(t, f.Message, "<no value>")
	}
}

func TestUnresolvedPlaceholderReportedOnce(t *testing.T) {
	// An alias repeats a value; its placeholder is still one mistake.
	_, _, _, findings := parse(t, "---\nOwner: &o {{ meta.nobody }}\nDeputy: *o\n---\n")
	require.Len(t, findings, 1)
	assert.Equal(t, 2, findings[0].Line)
}

func TestForbiddenFunctionInFrontMatter(t *testing.T) {
	_, fields, _, findings := parse(t, "---\nOwner: {{ env \"CI_TOKEN\" }}\n---\n")
	require.Len(t, findings, 1)
	assert.Equal(t, finding.UnresolvedPlaceholder, findings[0].Rule)
	assert.Contains(t, findings[0].Message, `function "env" is not available: it reads the environment or the network`)
	assert.Equal(t, `{{ env "CI_TOKEN" }}`, fields["owner"].String())
}

func TestPlaceholderPastALimitInFrontMatter(t *testing.T) {
	_, fields, _, findings := parse(t, "---\nOwner: '{{ repeat 40000 (repeat 40000 \"x\") }}'\nTitle: '{{ meta.nobody }}'\n---\n")
	require.Len(t, findings, 2)
	assert.Equal(t, finding.LimitExceeded, findings[0].Rule)
	assert.Equal(t, finding.Position{File: "content/doc.md", Line: 2, Column: 9}, findings[0].Position)
	assert.Equal(t, `{{ repeat 40000 (repeat 40000 "x") }}: the result of repeat would be 1.6 GB; a placeholder function makes at most 1 MiB`, findings[0].Message)
	assert.Equal(t, `{{ repeat 40000 (repeat 40000 "x") }}`, fields["owner"].String(), "it keeps its text")
	assert.Equal(t, finding.UnresolvedPlaceholder, findings[1].Rule, "the other placeholders are still filled")
}

func TestFrontMatterStopsPastMaxPlaceholders(t *testing.T) {
	var src strings.Builder
	src.WriteString("---\nTags:\n")
	for range placeholder.MaxPlaceholders + 5 {
		src.WriteString("- '{{ 1 }}'\n")
	}
	src.WriteString("---\n")
	_, fields, _, findings := parse(t, src.String())
	require.Len(t, findings, 1, "one finding, not one for each placeholder past the limit")
	assert.Equal(t, finding.LimitExceeded, findings[0].Rule)
	assert.Equal(t, 3+placeholder.MaxPlaceholders, findings[0].Line)
	tags := fields["tags"].Value.([]any)
	assert.Equal(t, "1", tags[0])
	assert.Equal(t, "1", tags[placeholder.MaxPlaceholders-1])
	assert.Equal(t, "{{ 1 }}", tags[placeholder.MaxPlaceholders], "the rest are left as written")
	assert.Equal(t, "{{ 1 }}", tags[placeholder.MaxPlaceholders+4])
}

// TestFrontMatterSyntax checks that a front matter that is not valid YAML
// is one finding at the line and column where YAML went wrong.
func TestFrontMatterSyntax(t *testing.T) {
	for _, tc := range []struct {
		name      string
		src       string
		line, col int
		message   string
	}{
		{"unclosed flow sequence", "---\nTitle: T\nOwner: [unclosed\nStatus: Draft\n---\nbody\n", 3, 8, "did not find expected ',' or ']'"},
		{"unclosed flow sequence on the first line", "---\nOwner: [unclosed\n---\nbody\n", 2, 8, "did not find expected ',' or ']'"},
		{"unclosed quote", "---\nTitle: T\nOwner: \"unclosed\nStatus: Draft\n---\nbody\n", 3, 8, "found unexpected end of stream"},
		{"mapping value in a plain value", "---\nTitle: T\nOwner: a: b\n---\nbody\n", 3, 9, "mapping values are not allowed in this context"},
		{"bad indentation", "---\nTitle: T\nStatus: Draft\n  Owner: x\n---\nbody\n", 4, 8, "mapping values are not allowed in this context"},
		{"tab indentation", "---\nTitle: T\nTags:\n\t- a\n---\nbody\n", 4, 1, "found character that cannot start any token"},
		{"list after a mapping", "---\nTitle: T\nStatus: Draft\n- a\n---\nbody\n", 4, 1, "did not find expected key"},
		{"key indented too little deep in a list", "---\nTitle: T\nReviewers:\n  - name: A\n    role: CIO\n  - name: B\n    role: CISO\n   since: 2026\n---\nbody\n", 8, 4, "did not find expected '-' indicator"},
		{"list item at the wrong depth", "---\nTitle: T\nReviewers:\n  - name: A\n    roles:\n    - CIO\n   - CISO\n---\nbody\n", 7, 4, "did not find expected '-' indicator"},
		{"not a mapping", "---\n- a\n- b\n---\nbody\n", 2, 1, "front matter must be a mapping of keys to values"},
		{"a plain scalar", "---\njust text\n---\nbody\n", 2, 1, "front matter must be a mapping of keys to values"},
		{"blank lines before the front matter", "\n\n---\nTitle: T\nOwner: a: b\n---\nbody\n", 5, 9, "mapping values are not allowed in this context"},
		{"mapping value on the first line", "---\nOwner: a: b\n---\nbody\n", 2, 9, "mapping values are not allowed in this context"},
		{"mapping value on the first line after blank lines", "\n\n---\nOwner: a: b\n---\nbody\n", 4, 9, "mapping values are not allowed in this context"},
		{"placeholder before the problem", "---\nOwner: {{ meta.owner }}\nTitle: a: b\n---\nbody\n", 3, 9, "mapping values are not allowed in this context"},
		{"unclosed front matter", "---\nTitle: T\nOwner: x\n", 1, 1, "front matter opened with --- is not closed by a --- line"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, fields, _, findings := parse(t, tc.src)
			require.Len(t, d.Findings, 1, "%v", d.Findings)
			f := d.Findings[0]
			assert.Equal(t, finding.FrontmatterSyntax, f.Rule)
			assert.Equal(t, finding.Error, f.Severity)
			assert.Equal(t, finding.Position{File: "content/doc.md", Line: tc.line, Column: tc.col}, f.Position, f.Message)
			assert.Contains(t, f.Message, tc.message)
			assert.Empty(t, fields, "a front matter that does not parse has no fields")
			assert.Empty(t, findings)
		})
	}
}

func TestBrokenFrontMatterKeepsTheBody(t *testing.T) {
	d, _, _, _ := parse(t, "---\nOwner: [unclosed\n---\n# Body\n")
	require.Len(t, d.Findings, 1)
	assert.Equal(t, "# Body\n", string(d.Body()))
	assert.Equal(t, 4, d.Pos(d.BodyStart).Line)

	d, _, _, _ = parse(t, "---\nTitle: T\n# Body\n")
	require.Len(t, d.Findings, 1)
	assert.Equal(t, "---\nTitle: T\n# Body\n", string(d.Body()), "with no closing line, the whole file is the body")
}

func TestNoFrontMatter(t *testing.T) {
	for _, src := range []string{
		"# Title\n\nText.\n",
		"Text before\n---\nTitle: x\n---\n",
		"",
		"\n\n",
	} {
		d, fields, order, findings := parse(t, src)
		assert.Empty(t, d.Findings, "%q", src)
		assert.Empty(t, findings)
		assert.Empty(t, fields)
		assert.Empty(t, order)
		assert.Equal(t, 0, d.BodyStart)
		assert.Equal(t, src, string(d.Body()))
	}
}

func TestEmptyFrontMatter(t *testing.T) {
	d, fields, _, findings := parse(t, "---\n---\n# Title\n")
	assert.Empty(t, d.Findings)
	assert.Empty(t, findings)
	assert.Empty(t, fields)
	assert.Equal(t, "# Title\n", string(d.Body()))
	assert.Equal(t, 3, d.Pos(d.BodyStart).Line)
}

func TestWindowsLineEndings(t *testing.T) {
	d, fields, _, findings := parse(t, "---\r\nOwner: {{ meta.owner }}\r\nVersion: 1.0\r\n---\r\n# Title\r\n")
	require.Empty(t, d.Findings)
	require.Empty(t, findings)
	assert.Equal(t, "Office of the CIO", fields["owner"].String())
	assert.Equal(t, "1.0", fields["version"].String())
	assert.Equal(t, 3, fields["version"].Line)
	assert.Equal(t, "# Title\r\n", string(d.Body()))
}

func TestLineBreakPositions(t *testing.T) {
	// Lines are counted by "\n", as editors count them; YAML also breaks
	// lines at a lone "\r" and at NEL, LS and PS, which must not move what
	// follows.
	type at struct {
		rule      string
		line, col int
	}
	type field struct {
		value       any
		line, col   int // the key's
		vLine, vCol int // the value's
	}
	for _, tc := range []struct {
		name     string
		src      string
		findings []at
		fields   map[string]field
	}{
		{
			name:     "lone carriage returns before a scalar",
			src:      "---\n\r\r0\n---\nbody\n",
			findings: []at{{finding.FrontmatterSyntax, 2, 1}},
		},
		{
			name:     "lone carriage return inside a value",
			src:      "---\nTitle: a\rb\nOwner: x\nowner: y\n---\n",
			findings: []at{{finding.InvalidMetadata, 4, 1}},
			fields: map[string]field{
				"title": {"a b", 2, 1, 2, 8},
				"owner": {"x", 3, 1, 3, 8},
			},
		},
		{
			name:     "keys after a line holding lone carriage returns",
			src:      "---\nA: 1\r\r\nB: {{ meta.nobody }}\nb: 2\n---\n",
			findings: []at{{finding.UnresolvedPlaceholder, 3, 4}, {finding.InvalidMetadata, 4, 1}},
			fields: map[string]field{
				"a": {"1", 2, 1, 2, 4},
				"b": {"{{ meta.nobody }}", 3, 1, 3, 4},
			},
		},
		{
			name:     "columns after lone carriage returns",
			src:      "---\nTitle: \r\rT\nT2: x\nt2: y\n---\n",
			findings: []at{{finding.InvalidMetadata, 4, 1}},
			fields: map[string]field{
				"title": {"T", 2, 1, 2, 10},
				"t2":    {"x", 3, 1, 3, 5},
			},
		},
		{
			name:     "lone carriage return at the start of a line",
			src:      "---\nA: 1\n\rB: 2\n---\n",
			findings: []at{{finding.FrontmatterSyntax, 3, 3}},
		},
		{
			name:     "lone carriage return between two keys on one line",
			src:      "---\nA: x\rB: y\n---\n",
			findings: []at{{finding.FrontmatterSyntax, 2, 7}},
		},
		{
			name:     "lone carriage return before the line ending",
			src:      "---\nA: 1\na: 2\r\r\nB: 3\r\nb: 4\n---\n",
			findings: []at{{finding.InvalidMetadata, 3, 1}, {finding.InvalidMetadata, 5, 1}},
			fields: map[string]field{
				"a": {"1", 2, 1, 2, 4},
				"b": {"3", 4, 1, 4, 4},
			},
		},
		{
			name:     "Windows line endings",
			src:      "---\r\nTitle: T\r\nOwner: x\r\nowner: y\r\n---\r\nbody\r\n",
			findings: []at{{finding.InvalidMetadata, 4, 1}},
			fields: map[string]field{
				"title": {"T", 2, 1, 2, 8},
				"owner": {"x", 3, 1, 3, 8},
			},
		},
		{
			name:     "Windows line endings and invalid YAML",
			src:      "---\r\nTitle: T\r\nOwner: a: b\r\n---\r\n",
			findings: []at{{finding.FrontmatterSyntax, 3, 9}},
		},
		{
			name:     "Windows line endings and a list",
			src:      "---\r\n\r\n- a\r\n---\r\n",
			findings: []at{{finding.FrontmatterSyntax, 3, 1}},
		},
		{
			name:     "mixed, with blank lines before the front matter",
			src:      "\r\n\r\r\n---\r\nA: 1\rB\r\na: {{ meta.nobody }}\n---\n",
			findings: []at{{finding.InvalidMetadata, 5, 1}},
			fields:   map[string]field{"a": {"1 B", 4, 1, 4, 4}},
		},
		{
			name:     "mixed, with invalid YAML after lone carriage returns",
			src:      "---\r\nA: 1\r\rx\r\nB: a: b\r\nC: 3\r\n---\r\n",
			findings: []at{{finding.FrontmatterSyntax, 3, 5}},
		},
		{
			name:     "Unicode line breaks before a scalar",
			src:      "---\n\u2029\u2028\u00850\n---\nbody\n",
			findings: []at{{finding.FrontmatterSyntax, 2, 1}},
		},
		{
			name:     "Unicode line breaks inside values",
			src:      "---\nTitle: a\u2028b\nSummary: c\u0085d\u2029e\nOwner: x\nowner: y\n---\n",
			findings: []at{{finding.InvalidMetadata, 5, 1}},
			fields: map[string]field{
				"title":   {"a   b", 2, 1, 2, 8},
				"summary": {"c  d   e", 3, 1, 3, 10},
				"owner":   {"x", 4, 1, 4, 8},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, fields, _, findings := parse(t, tc.src)
			var got []at
			for _, f := range append(d.Findings, findings...) {
				require.Equal(t, "content/doc.md", f.File)
				got = append(got, at{f.Rule, f.Line, f.Column})
			}
			assert.Equal(t, tc.findings, got)
			for key, want := range tc.fields {
				f := fields[key]
				require.NotNil(t, f, key)
				assert.Equal(t, want.value, f.Value, key)
				assert.Equal(t, [2]int{want.line, want.col}, [2]int{f.Line, f.Column}, "%s: the key", key)
				v := d.ValuePos(f)
				assert.Equal(t, [2]int{want.vLine, want.vCol}, [2]int{v.Line, v.Column}, "%s: the value", key)
			}
		})
	}
}

func TestByteOrderMark(t *testing.T) {
	// Some Windows editors save UTF-8 with a byte order mark.
	d, fields, _, findings := parse(t, "\uFEFF---\nOwner: {{ meta.owner }}\nVersion: 1.0\n---\n# Title\n")
	require.Empty(t, d.Findings)
	require.Empty(t, findings)
	assert.Equal(t, "Office of the CIO", fields["owner"].String())
	assert.Equal(t, 3, fields["version"].Line)
	assert.Equal(t, "# Title\n", string(d.Body()))

	d, _, _, _ = parse(t, "\uFEFF# Title\n")
	assert.Equal(t, "# Title\n", string(d.Body()), "the mark is not part of the body")
}

func TestBodyPositions(t *testing.T) {
	src := "---\nTitle: T\nOwner: x\n---\n\n# Heading\n\nSee [é link](x.md) here.\n"
	d, _, _, _ := parse(t, src)
	require.Empty(t, d.Findings)
	body := string(d.Body())
	for _, tc := range []struct {
		at        string
		line, col int
	}{
		{"# Heading", 6, 1},
		{"[é link]", 8, 5},
		{"link]", 8, 8},
		{"here", 8, 20},
	} {
		k := strings.Index(body, tc.at)
		require.GreaterOrEqual(t, k, 0, tc.at)
		assert.Equal(t, finding.Position{File: "content/doc.md", Line: tc.line, Column: tc.col}, d.Pos(d.BodyStart+k), tc.at)
	}
}

func TestDuplicateKeys(t *testing.T) {
	_, fields, order, findings := parse(t, "---\nLast Update: 2026-01-01\nlast_update: 2026-02-01\nOwner: x\nLAST-UPDATE: 2026-03-01\n---\n")
	require.Len(t, findings, 2)
	for i, line := range []int{3, 5} {
		assert.Equal(t, finding.InvalidMetadata, findings[i].Rule)
		assert.Equal(t, line, findings[i].Line)
		assert.Equal(t, 1, findings[i].Column)
		assert.Contains(t, findings[i].Message, `"Last Update" (line 2)`)
	}
	assert.Equal(t, "2026-01-01", fields["last_update"].String(), "the first one counts")
	assert.Equal(t, []string{"last_update", "owner"}, order)
}

func TestBinaryFile(t *testing.T) {
	d, fields, _, findings := parse(t, "---\nTitle: x\n---\nab\x00\x01\x02")
	require.Len(t, d.Findings, 1)
	f := d.Findings[0]
	assert.Equal(t, finding.ReadError, f.Rule)
	assert.Equal(t, finding.Position{File: "content/doc.md", Line: 4, Column: 3}, f.Position)
	assert.Empty(t, d.Body())
	assert.Empty(t, fields)
	assert.Empty(t, findings)
}

func TestInvalidUTF8(t *testing.T) {
	d, fields, _, findings := parse(t, "---\nOwner: {{ meta.owner }}\n---\nhello\nwé\xffrld\n")
	require.Len(t, d.Findings, 1)
	f := d.Findings[0]
	assert.Equal(t, finding.ReadError, f.Rule)
	assert.Equal(t, finding.Position{File: "content/doc.md", Line: 5, Column: 3}, f.Position, "the first bad byte")
	assert.Equal(t, "hello\nwé\uFFFDrld\n", string(d.Body()), "the body is still there, the bad byte shown as U+FFFD")
	assert.Empty(t, findings)
	assert.Equal(t, "Office of the CIO", fields["owner"].String())
}

func TestNilData(t *testing.T) {
	d := source.Parse("content/doc.md", nil)
	assert.Empty(t, d.Findings)
	assert.Empty(t, d.Body())
	fields, _, findings := d.Fields(placeholder.New(), siteMeta())
	assert.Empty(t, fields)
	assert.Empty(t, findings)
}

func TestTooLarge(t *testing.T) {
	d := source.Parse("content/doc.md", make([]byte, source.MaxFileSize+1))
	require.Len(t, d.Findings, 1)
	assert.Equal(t, finding.ReadError, d.Findings[0].Rule)
	assert.Empty(t, d.Body())
}

func TestLargeDocument(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("---\nTitle: Big\nOwner: {{ meta.owner }}\n---\n")
	para := "Some text owned by {{ meta.owner }} with `code` and a [link](other.md).\n\n"
	for b.Len() < 10<<20 {
		b.WriteString(para)
	}
	d, fields, _, findings := parse(t, b.String())
	require.Empty(t, d.Findings)
	require.Empty(t, findings)
	assert.Equal(t, "Office of the CIO", fields["owner"].String())
	assert.Equal(t, b.Len()-d.BodyStart, len(d.Body()))
	last := d.Pos(b.Len() - 1)
	assert.Equal(t, 4+2*(b.Len()-d.BodyStart)/len(para), last.Line)
}

// billionLaughs is a front matter whose aliases expand to 10^9 values.
func billionLaughs(key string) string {
	var b strings.Builder
	b.WriteString("---\nTitle: T\n" + key + ":\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString("  " + name + ": &" + name + " [")
		for i := range 10 {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	b.WriteString("---\nbody\n")
	return b.String()
}

// parseBounded parses src as parse does and fails the test if that takes
// longer than a generous deadline, so an expansion that runs away ends the
// test instead of hanging it.
func parseBounded(t *testing.T, src string) (*source.Document, finding.List) {
	t.Helper()
	type parsed struct {
		d        *source.Document
		findings finding.List
	}
	done := make(chan parsed, 1)
	go func() {
		d := source.Parse("content/doc.md", []byte(src))
		_, _, findings := d.Fields(placeholder.New(), siteMeta())
		_ = d.OwnMeta()
		done <- parsed{d, findings}
	}()
	select {
	case p := <-done:
		return p.d, p.findings
	case <-time.After(30 * time.Second):
		t.Fatal("parsing did not end within 30s")
		return nil, nil
	}
}

func TestAliasBomb(t *testing.T) {
	for _, key := range []string{"Extra", "meta"} {
		t.Run(key, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			d, findings := parseBounded(t, billionLaughs(key))
			runtime.ReadMemStats(&after)

			require.Empty(t, d.Findings)
			require.Len(t, findings, 1)
			assert.Equal(t, finding.FrontmatterSyntax, findings[0].Rule)
			assert.Equal(t, 2, findings[0].Line)
			assert.Contains(t, findings[0].Message, "YAML aliases")
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(256<<20), "bytes allocated")
		})
	}
}

// BenchmarkAliasBomb measures how long front matter whose aliases would
// expand to 10^9 values takes to be refused.
func BenchmarkAliasBomb(b *testing.B) {
	src := []byte(billionLaughs("Extra"))
	b.ReportAllocs()
	for b.Loop() {
		d := source.Parse("content/doc.md", src)
		if _, _, findings := d.Fields(placeholder.New(), siteMeta()); len(findings) != 1 {
			b.Fatalf("want one finding, got %v", findings)
		}
	}
}

func TestRecursiveAlias(t *testing.T) {
	d, _, _, findings := parse(t, "---\nExtra: &x {self: *x}\nmeta: &m {self: [*m]}\n---\n")
	_ = d.OwnMeta()
	require.NotEmpty(t, findings)
	assert.Equal(t, finding.FrontmatterSyntax, findings[0].Rule)
	assert.Contains(t, findings[0].Message, "the alias *x stands for a value that holds it")
	// A cycle is found when met, not after the value budget is spent.
	allocs := testing.AllocsPerRun(5, func() { parse(t, "---\nA: &x {b: *x}\n---\n") })
	assert.Less(t, allocs, 1000.0)
}

func TestDiscover(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":                                 {Data: []byte("title: x\n")},
		"README.md":                                 {Data: []byte("not content")},
		"content/_index.md":                         {Data: []byte("root section")},
		"content/governance/_index.md":              {Data: []byte("")},
		"content/governance/0010_framework.md":      {Data: []byte("")},
		"content/governance/0230_it.MD":             {Data: []byte("")},
		"content/governance/diagram.png":            {Data: []byte("png")},
		"content/governance/service-metrics.csv":    {Data: []byte("period,metric,value\n")},
		"content/governance/.draft.md":              {Data: []byte("")},
		"content/governance/_notes.md":              {Data: []byte("")},
		"content/governance/.git/config":            {Data: []byte("")},
		"content/_drafts/0300_draft.md":             {Data: []byte("")},
		"content/.obsidian/workspace.md":            {Data: []byte("")},
		"content/security/policies/0400_policy.md":  {Data: []byte("")},
		"content/security/policies/_index.md":       {Data: []byte("")},
		"content/security/policies/.hidden/img.png": {Data: []byte("")},
	}
	files, err := source.Discover(fsys)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"content/governance/0010_framework.md",
		"content/governance/0230_it.MD",
		"content/security/policies/0400_policy.md",
	}, files.Documents)
	assert.Equal(t, []string{
		"content/_index.md",
		"content/governance/_index.md",
		"content/security/policies/_index.md",
	}, files.Indexes)
	assert.Equal(t, []string{
		"content/governance/diagram.png",
		"content/governance/service-metrics.csv",
	}, files.Assets)
}

func TestDiscoverWithoutContent(t *testing.T) {
	_, err := source.Discover(fstest.MapFS{"site.yaml": {Data: []byte("title: x\n")}})
	require.Error(t, err, "a site with no content/ folder")
}

func TestReads(t *testing.T) {
	ev := placeholder.New()
	for _, tc := range []struct {
		name, src string
		want      bool
	}{
		{"front matter", "---\nLast Update: '{{ git.date }}'\n---\nBody {{ meta.owner }}.\n", true},
		{"body", "---\nOwner: '{{ meta.owner }}'\n---\nChanged by {{ git.author | default \"nobody\" }}.\n", true},
		{"the whole data", "# T\n\n{{ index . \"meta\" \"owner\" }}\n", true},
		{"code, which is never filled", "# T\n\nWrite `{{ git.date }}`.\n", true},
		{"meta only", "---\nOwner: '{{ meta.owner }}'\n---\n{{ meta.organization | upper }}\n", false},
		{"no placeholder", "---\nOwner: x\n---\nA git repository.\n", false},
	} {
		d := source.Parse("content/a.md", []byte(tc.src))
		assert.Equal(t, tc.want, d.Reads(ev, "git"), tc.name)
	}
}
