package config_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/finding"
)

func TestParseExampleSite(t *testing.T) {
	data, err := os.ReadFile("testdata/site.yaml")
	require.NoError(t, err)
	c, findings := config.Parse(data)
	require.Empty(t, findings)

	assert.Equal(t, "Acme IT Governance Handbook", c.Title)
	assert.Equal(t, "/", c.BaseURL)
	assert.Equal(t, map[string]any{
		"organization": "Acme Corp",
		"owner":        "Office of the CIO",
		"version":      "1.0",
		"date":         "2026-11-01",
		"author":       "IT Governance Team",
	}, c.Meta, "meta keeps the text as written")
	require.Len(t, c.Roles, 12)
	assert.Equal(t, config.Role{ID: "board", Name: "Board of Directors", Aliases: []string{"Board"}, Line: 11}, c.Roles[0])
	assert.Equal(t, config.Role{ID: "cio", Name: "Chief Information Officer", Aliases: []string{"CIO"}, Line: 17}, c.Roles[2])
	assert.Equal(t, config.Metadata{
		Required:       []string{"Document-ID", "Owner", "Version", "Status", "Classification", "Last Update"},
		Status:         []string{"Draft", "Review", "Approved", "Retired"},
		Classification: []string{"Public", "Internal", "Confidential", "Restricted"},
		ReviewAfter:    365,
	}, c.Metadata)
	assert.Equal(t, "Internal", c.Audience)
	assert.Equal(t, "public", c.Output)
	assert.Empty(t, c.ExcludeStatus)
	assert.False(t, c.RawHTML)
}

func TestParseMetaKeepsTheTextAsWritten(t *testing.T) {
	c, findings := config.Parse([]byte(`meta:
  version: 1.0
  quoted: "1.0"
  date: 2026-11-01
  count: 010
  flag: yes
  empty:
  list: [1.10, 2026-11-01]
  contacts:
    security: Office of the CISO
`))
	require.Empty(t, findings)
	assert.Equal(t, map[string]any{
		"version":  "1.0",
		"quoted":   "1.0",
		"date":     "2026-11-01",
		"count":    "010",
		"flag":     "yes",
		"empty":    "",
		"list":     []any{"1.10", "2026-11-01"},
		"contacts": map[string]any{"security": "Office of the CISO"},
	}, c.Meta)
}

func TestDefaults(t *testing.T) {
	// An empty site.yaml, or one of blank lines and comments, sets nothing.
	for _, src := range []string{"", "\n\n", "# only a comment\n", "\t\n", "  \t# a comment after a tab\n\t\n", "\uFEFF# c\n", "---\n# c\n", "title: Handbook\n", "~\n"} {
		c, findings := config.Parse([]byte(src))
		require.Empty(t, findings, "%q", src)
		want := config.Default()
		want.Audience = "Public" // the least sensitive level
		assert.Equal(t, want, c, "%q", src)
	}
	d := config.Default()
	assert.Equal(t, "/", d.BaseURL)
	assert.Equal(t, "public", d.Output)
	assert.Equal(t, 365, d.Metadata.ReviewAfter)
	assert.NotNil(t, d.Meta)
}

func TestDefaultAudienceFollowsClassification(t *testing.T) {
	c, findings := config.Parse([]byte("metadata:\n  classification: [Open, Closed]\n"))
	require.Empty(t, findings)
	assert.Equal(t, "Open", c.Audience)
}

func TestParseValues(t *testing.T) {
	c, findings := config.Parse([]byte(`title: "  Handbook  "
baseURL: https://handbook.example.internal/docs
audience: confidential
output: site
exclude_status: [Retired, draft]
raw_html: true
metadata:
  review_after: 0
`))
	require.Empty(t, findings)
	assert.Equal(t, "Handbook", c.Title)
	assert.Equal(t, "https://handbook.example.internal/docs/", c.BaseURL, "a slash is added")
	assert.Equal(t, "confidential", c.Audience, "matched case-insensitively, kept as written")
	lvl, ok := c.Level(c.Audience)
	assert.True(t, ok)
	assert.Equal(t, 2, lvl)
	assert.Equal(t, "site", c.Output)
	assert.Equal(t, []string{"Retired", "draft"}, c.ExcludeStatus)
	assert.True(t, c.RawHTML)
	assert.Zero(t, c.Metadata.ReviewAfter, "0 turns the check off")
}

func TestLevel(t *testing.T) {
	c := config.Default()
	for _, tc := range []struct {
		in    string
		level int
		ok    bool
	}{
		{"Public", 0, true},
		{"internal", 1, true},
		{" Restricted ", 3, true},
		{"Secret", 0, false},
		{"", 0, false},
	} {
		level, ok := c.Level(tc.in)
		assert.Equal(t, tc.level, level, tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
	}
}

func TestBaseURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/", "/"},
		{"", "/"},
		{"/handbook", "/handbook/"},
		{"/handbook/", "/handbook/"},
		{"http://localhost:8080", "http://localhost:8080/"},
		{"https://handbook.example.internal/", "https://handbook.example.internal/"},
	} {
		c, findings := config.Parse([]byte("baseURL: " + tc.in + "\n"))
		require.Empty(t, findings, tc.in)
		assert.Equal(t, tc.want, c.BaseURL, tc.in)
	}
}

// TestFindings runs site.yaml files that are wrong and checks each problem
// is a config error on the right line and column, with a message that says
// what to do.
func TestFindings(t *testing.T) {
	for _, tc := range []struct {
		name      string
		src       string
		line, col int
		message   string
	}{
		{"unknown key", "title: x\ntitel: y\n", 2, 1, `unknown key "titel" in site.yaml (did you mean "title"?)`},
		{"unknown key with other case", "title: x\nbaseurl: /\n", 2, 1, `(did you mean "baseURL"?)`},
		{"unknown key far from any", "zzzzzzzz: 1\n", 1, 1, "(known keys: title, language, baseURL, meta, roles, metadata"},
		{"unknown metadata key", "metadata:\n  reqired: [Owner]\n", 2, 3, `unknown key "reqired" in metadata (did you mean "required"?)`},
		{"unknown role key", "roles:\n  - id: cio\n    nmae: CIO\n", 3, 5, `unknown key "nmae" in a role (did you mean "name"?)`},
		{"key set twice", "title: x\ntitle: y\n", 2, 1, `key "title" is set twice`},
		{"roles is a number", "title: x\nroles: 3\n", 2, 8, "roles must be a list"},
		{"role is not a mapping", "roles:\n  - cio\n", 2, 5, "a role must be a mapping"},
		{"role without id", "roles:\n  - name: CIO\n", 2, 5, "a role needs an id"},
		{"review_after is a word in a flow mapping", "title: x\nmetadata: {review_after: soon}\n", 2, 26, `metadata.review_after must be a whole number of 0 or more, not "soon"`},
		{"review_after is a word", "metadata:\n  review_after: soon\n", 2, 17, `not "soon"`},
		{"review_after is negative", "metadata:\n  review_after: -1\n", 2, 17, `not "-1"`},
		{"metadata is a list", "metadata: [a]\n", 1, 11, "metadata must be a mapping, not a list"},
		{"required is text", "metadata:\n  required: Owner\n", 2, 13, `metadata.required must be a list, not "Owner"`},
		{"status is empty", "metadata:\n  status: []\n", 2, 11, "metadata.status needs at least one status"},
		{"classification is empty", "metadata:\n  classification: []\n", 2, 19, "metadata.classification needs at least one level"},
		{"title is a mapping", "title: {a: b}\n", 1, 8, "title must be a text value, not a mapping"},
		{"meta is a number", "meta: 3\n", 1, 7, "meta must be a mapping"},
		{"audience not in classification", "title: x\naudience: Secret\n", 2, 11, `audience "Secret" is not one of metadata.classification [Public, Internal, Confidential, Restricted]`},
		{"audience checked against a later classification", "audience: Internal\nmetadata:\n  classification: [Public, Secret]\n", 1, 11, `audience "Internal" is not one of metadata.classification [Public, Secret]`},
		{"exclude_status not in status", "title: x\nexclude_status: [Retired, Gone]\n", 2, 27, `exclude_status "Gone" is not one of metadata.status`},
		{"exclude_status on its own lines", "exclude_status:\n  - Retired\n  - Gone\n", 3, 5, `exclude_status "Gone"`},
		{"exclude_status is text", "exclude_status: Retired\n", 1, 17, "exclude_status must be a list"},
		{"ftp baseURL", "title: x\nbaseURL: ftp://x\n", 2, 10, `baseURL "ftp://x" must be a path such as / or /handbook/, or an http(s) URL`},
		{"relative baseURL", "baseURL: handbook\n", 1, 10, `baseURL "handbook"`},
		{"baseURL without host", "baseURL: https:///x\n", 1, 10, `baseURL "https:///x"`},
		{"baseURL with a query", "baseURL: /x?y=1\n", 1, 10, `baseURL "/x?y=1"`},
		{"raw_html is yes", "raw_html: yes\n", 1, 11, `raw_html must be true or false, not "yes"`},
		{"empty output", "output: ''\n", 1, 9, "output must name a folder"},
		{"not a mapping", "- a\n", 1, 1, "site.yaml must be a mapping, not a list"},
		{"syntax error", "title: x\n  y: z\n", 2, 4, "site.yaml is not valid YAML: mapping values are not allowed in this context"},
		{"tab indentation", "meta:\n\towner: x\n", 2, 1, "site.yaml is not valid YAML"},
		{"unclosed quote", "title: x\nmeta:\n  owner: \"Office\n", 3, 10, "site.yaml is not valid YAML"},
		{"unclosed flow sequence", "title: x\nroles: [a\n", 2, 8, "site.yaml is not valid YAML: did not find expected ',' or ']'"},
		{"syntax error after a lone carriage return", "title: x\r\r\nbaseURL: a: b\n", 2, 11, "mapping values are not allowed"},
		{"unknown key after lone carriage returns", "title: x\r\r\n\r\ntitel: y\n", 3, 1, `unknown key "titel"`},
		{"unknown key after a line separator", "title: x\u2028\u2028\ntitel: y\n", 2, 1, `unknown key "titel"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, findings := config.Parse([]byte(tc.src))
			require.Len(t, findings, 1, "%v", findings)
			f := findings[0]
			assert.Equal(t, finding.ConfigError, f.Rule)
			assert.Equal(t, finding.Error, f.Severity)
			assert.Equal(t, config.File, f.File)
			assert.Equal(t, tc.line, f.Line, "line: %s", f)
			assert.Equal(t, tc.col, f.Column, "column: %s", f)
			assert.Contains(t, f.Message, tc.message)
		})
	}
}

func TestDuplicateRoleNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		line int
		dup  string
	}{
		{"same id", "roles:\n  - id: cio\n  - id: CIO\n", 3, `role name "CIO" is already used by the role on line 2`},
		{"alias of another role", "roles:\n  - id: cio\n    name: Chief Information Officer\n  - id: deputy\n    aliases: [chief information officer]\n", 5, `role name "chief information officer" is already used by the role on line 2`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, findings := config.Parse([]byte(tc.src))
			require.Len(t, findings, 1, "%v", findings)
			assert.Equal(t, finding.ConfigError, findings[0].Rule)
			assert.Equal(t, tc.line, findings[0].Line)
			assert.Equal(t, tc.dup, findings[0].Message)
			assert.Len(t, c.Roles, 2)
		})
	}
	c, findings := config.Parse([]byte("roles:\n  - id: cio\n    name: CIO\n    aliases: [cio]\n"))
	assert.Empty(t, findings, "a role may repeat its own id as name or alias")
	assert.Len(t, c.Roles, 1)
}

func TestRoleNameDefaultsToID(t *testing.T) {
	c, findings := config.Parse([]byte("roles:\n  - id: dpo\n"))
	require.Empty(t, findings)
	assert.Equal(t, []config.Role{{ID: "dpo", Name: "dpo", Line: 2}}, c.Roles)
}

func TestSeveralFindings(t *testing.T) {
	_, findings := config.Parse([]byte("titel: x\nroles: 3\naudience: Secret\n"))
	require.Len(t, findings, 3, "every problem is reported, not only the first")
	findings.Sort()
	assert.Equal(t, []int{1, 2, 3}, []int{findings[0].Line, findings[1].Line, findings[2].Line})
}

func TestMetaAliases(t *testing.T) {
	c, findings := config.Parse([]byte("meta:\n  owner: &o Office of the CIO\n  deputy: *o\n"))
	require.Empty(t, findings)
	assert.Equal(t, map[string]any{"owner": "Office of the CIO", "deputy": "Office of the CIO"}, c.Meta)
}

// TestMetaAliasBomb checks that meta's aliases expand to no more values
// than the limit, which one finding names. A deadline stops a parse that
// would run away, rather than let it hang the tests.
func TestMetaAliasBomb(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"recursive", "meta: &m\n  self: *m\n", "site.yaml:1:7: error: meta expands to more than 100000 values (YAML aliases?) [config]"},
		{"billion laughs", billionLaughs(), "site.yaml:2:3: error: meta expands to more than 100000 values (YAML aliases?) [config]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			type parsed struct {
				c        *config.Config
				findings finding.List
			}
			done := make(chan parsed, 1)
			go func() {
				c, findings := config.Parse([]byte(tc.src))
				done <- parsed{c, findings}
			}()
			select {
			case p := <-done:
				assert.Equal(t, []string{tc.want}, lines(p.findings))
				assert.LessOrEqual(t, values(p.c.Meta), 100_000, "meta holds no more values than the limit")
			case <-time.After(60 * time.Second):
				require.FailNow(t, "Parse did not return within 60 s")
			}
		})
	}
}

// values counts the strings in a meta value.
func values(v any) int {
	switch v := v.(type) {
	case map[string]any:
		n := 0
		for _, e := range v {
			n += values(e)
		}
		return n
	case []any:
		n := 0
		for _, e := range v {
			n += values(e)
		}
		return n
	}
	return 1
}

// lines returns findings sorted, as the terminal shows them.
func lines(findings finding.List) []string {
	findings.Sort()
	var out []string
	for _, f := range findings {
		out = append(out, f.String())
	}
	return out
}

// billionLaughs is a site.yaml whose meta aliases expand to 10^9 values.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("meta:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString("  " + name + ": &" + name + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n")
		prev = name
	}
	return b.String()
}

func TestLoad(t *testing.T) {
	data, err := os.ReadFile("testdata/site.yaml")
	require.NoError(t, err)
	c, findings, err := config.Load(fstest.MapFS{config.File: {Data: data}})
	require.NoError(t, err)
	assert.Empty(t, findings)
	assert.Equal(t, "Acme IT Governance Handbook", c.Title)

	_, findings, err = config.Load(fstest.MapFS{config.File: {Data: []byte("titel: x\n")}})
	require.NoError(t, err, "problems in the file are findings")
	assert.Len(t, findings, 1)

	_, _, err = config.Load(fstest.MapFS{"content/a.md": {}})
	assert.ErrorIs(t, err, config.ErrNotFound)
}

// TestBrokenSiteYAML runs site.yaml files that are wrong, some in several
// ways, and checks the exact findings: one for each problem, where the
// problem is, never two for one.
func TestBrokenSiteYAML(t *testing.T) {
	const notYAML = "error: site.yaml is not valid YAML: "
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"empty", "", nil},
		{"blank lines", "\n \n\n", nil},
		{"comments only", "# The handbook's settings\n  # none yet\n", nil},
		{"tabs and comments only", "\t\n \t# none yet\n", nil},
		{"a key indented too far deep in the file",
			"title: Handbook\nlanguage: en\nbaseURL: /\nmeta:\n  organization: Acme\n  owner: CIO\n  version: \"1.0\"\n   author: Team\n",
			[]string{"site.yaml:8:4: " + notYAML + "did not find expected key [config]"}},
		{"a key indented too far after a plain value",
			"title: Handbook\nlanguage: en\nbaseURL: /\nmeta:\n  organization: Acme\n  owner: CIO\n  version: 1.0\n   author: Team\n",
			[]string{"site.yaml:8:10: " + notYAML + "mapping values are not allowed in this context [config]"}},
		{"a key indented too little in a nested mapping",
			"title: Handbook\nmetadata:\n  required:\n    - Owner\n    - Version\n  status:\n    - Draft\n review_after: 30\n",
			[]string{"site.yaml:8:2: " + notYAML + "did not find expected key [config]"}},
		{"tab indentation",
			"title: Handbook\nmeta:\n  owner: CIO\n\tversion: 1\n",
			[]string{"site.yaml:4:1: " + notYAML + "found a tab character that violates indentation [config]"}},
		{"tab indentation under a key",
			"title: Handbook\nmeta:\n\towner: CIO\n",
			[]string{"site.yaml:3:1: " + notYAML + "found character that cannot start any token [config]"}},
		{"unclosed quote",
			"title: Handbook\nmeta:\n  owner: \"Office of the CIO\n  version: 1\n",
			[]string{"site.yaml:3:10: " + notYAML + "found unexpected end of stream [config]"}},
		{"unclosed quote on the first line",
			"title: 'Handbook\nlanguage: en\n",
			[]string{"site.yaml:1:8: " + notYAML + "found unexpected end of stream [config]"}},
		{"unclosed bracket",
			"title: Handbook\nexclude_status: [Retired, Draft\naudience: Internal\n",
			[]string{"site.yaml:2:17: " + notYAML + "did not find expected ',' or ']' [config]"}},
		{"unclosed bracket over several lines",
			"title: Handbook\nmetadata:\n  status: [\n    Draft,\n    Approved\n  review_after: 30\n",
			[]string{"site.yaml:3:11: " + notYAML + "did not find expected ',' or ']' [config]"}},
		{"unclosed brace",
			"title: Handbook\nmeta: {owner: CIO\naudience: Internal\n",
			[]string{"site.yaml:2:7: " + notYAML + "did not find expected ',' or '}' [config]"}},
		{"a bracket too many",
			"title: Handbook\nmeta:\n  tags: [a, b]]\n",
			[]string{"site.yaml:3:15: " + notYAML + "did not find expected key [config]"}},
		{"a key: value under a scalar",
			"title: Handbook\noutput: public\n  folder: site\n",
			[]string{"site.yaml:3:9: " + notYAML + "mapping values are not allowed in this context [config]"}},
		{"a value with a colon and a space",
			"title: Governance: the handbook\n",
			[]string{"site.yaml:1:18: " + notYAML + "mapping values are not allowed in this context [config]"}},
		{"a list item at the wrong depth",
			"title: Handbook\nroles:\n  - id: cio\n    aliases:\n      - CIO\n     - Chief\n",
			[]string{"site.yaml:6:6: " + notYAML + "did not find expected key [config]"}},
		{"a list item less indented than its list",
			"roles:\n  - id: cio\n    name: CIO\n    aliases:\n    - Chief\n   - Boss\n",
			[]string{"site.yaml:6:4: " + notYAML + "did not find expected '-' indicator [config]"}},
		{"a list item in a mapping",
			"meta:\n  owner: CIO\n  - deputy\n",
			[]string{"site.yaml:3:3: " + notYAML + "did not find expected key [config]"}},
		{"an unknown alias",
			"title: Handbook\nmeta:\n  owner: *boss\n",
			[]string{"site.yaml:3:10: " + notYAML + "unknown anchor 'boss' referenced [config]"}},
		{"a control character",
			"title: Hand\x01book\n",
			[]string{"site.yaml:1:12: " + notYAML + "control characters are not allowed [config]"}},
		{"a key set twice",
			"title: A\nlanguage: en\ntitle: B\n",
			[]string{`site.yaml:3:1: error: key "title" is set twice in site.yaml [config]`}},
		{"a key set twice in metadata",
			"metadata:\n  status: [Draft]\n  status: [Approved]\n",
			[]string{`site.yaml:3:3: error: key "status" is set twice in metadata [config]`}},
		{"keys set twice in meta",
			"meta:\n  owner: CIO\n  contacts:\n    email: a@example.org\n    email: b@example.org\n  owner: CISO\n",
			[]string{
				`site.yaml:5:5: error: key "email" is set twice in meta.contacts [config]`,
				`site.yaml:6:3: error: key "owner" is set twice in meta [config]`,
			}},
		{"a key set twice in a value two aliases repeat",
			"meta:\n  base: &b {k: 1, k: 2}\n  copy: *b\n  again: *b\n",
			[]string{`site.yaml:2:19: error: key "k" is set twice in meta.base [config]`}},
		{"role names used twice",
			"roles:\n  - id: cio\n    aliases: [Board]\n  - id: CIO\n    aliases: [board, CIO]\n",
			[]string{
				`site.yaml:4:9: error: role name "CIO" is already used by the role on line 2 [config]`,
				`site.yaml:5:15: error: role name "board" is already used by the role on line 2 [config]`,
			}},
		{"an empty role",
			"roles:\n  -\n  - id: cio\n",
			[]string{"site.yaml:2:4: error: a role must be a mapping with id, name and aliases, not empty [config]"}},
		{"an empty classification, and the audience that cannot be in it",
			"metadata:\n  classification: []\naudience: Internal\n",
			[]string{"site.yaml:2:19: error: metadata.classification needs at least one level [config]"}},
		{"an empty status list, and the statuses that cannot be in it",
			"metadata:\n  status: []\nexclude_status: [Retired, Draft]\n",
			[]string{"site.yaml:2:11: error: metadata.status needs at least one status [config]"}},
		{"three problems",
			"titel: x\nroles: 3\naudience: Secret\n",
			[]string{
				`site.yaml:1:1: error: unknown key "titel" in site.yaml (did you mean "title"?) [config]`,
				"site.yaml:2:8: error: roles must be a list of roles with id, name and aliases [config]",
				"site.yaml:3:11: error: audience \"Secret\" is not one of metadata.classification [Public, Internal, Confidential, Restricted] [config]",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, findings := config.Parse([]byte(tc.src))
			assert.Equal(t, tc.want, lines(findings))
		})
	}
}
