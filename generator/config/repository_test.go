package config_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/finding"
)

func TestRepositoryGivesCommitAndEditLinks(t *testing.T) {
	c, findings := config.Parse([]byte("repository: {url: https://git.example.org/gov/handbook/, branch: trunk}\n"))
	require.Empty(t, findings)
	assert.Equal(t, "https://git.example.org/gov/handbook/commit/abc123", c.Repository.CommitURL("abc123"))
	assert.Equal(t, "https://git.example.org/gov/handbook/edit/trunk/content/a.md", c.Repository.EditURL("content/a.md"))

	c, findings = config.Parse([]byte("repository:\n  url: https://git.example.org/gov/handbook\n"))
	require.Empty(t, findings)
	assert.Equal(t, "https://git.example.org/gov/handbook/edit/main/content/a.md", c.Repository.EditURL("content/a.md"), "the branch is main when not set")

	c, findings = config.Parse([]byte("title: x\n"))
	require.Empty(t, findings)
	assert.Empty(t, c.Repository.CommitURL("abc123"), "no links without a repository")
	assert.Empty(t, c.Repository.EditURL("content/a.md"))
}

func TestRepositoryFindings(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line, col int
		message   string
	}{
		{"unknown key", "repository:\n  url: https://x.org/a\n  brnach: main\n", 3, 3, `unknown key "brnach" in repository (did you mean "branch"?)`},
		{"not a mapping", "repository: https://x.org/a\n", 1, 13, "repository must be a mapping, not"},
		{"url is a list", "repository:\n  url: [a]\n", 2, 8, "repository.url must be a text value, not a list"},
		{"url is not http", "repository:\n  url: git@x.org:a.git\n", 2, 8, `repository.url "git@x.org:a.git" must be an http(s) URL`},
		{"no url", "repository:\n  branch: main\n", 2, 3, "repository needs a url"},
		{"empty branch", "repository: {url: https://x.org/a, branch: ''}\n", 1, 44, "repository.branch must name a branch"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, findings := config.Parse([]byte(tc.src))
			require.Len(t, findings, 1, "%v", findings)
			f := findings[0]
			assert.Equal(t, finding.ConfigError, f.Rule)
			assert.Equal(t, config.File, f.File)
			assert.Equal(t, tc.line, f.Line, "line: %s", f)
			assert.Equal(t, tc.col, f.Column, "column: %s", f)
			assert.Contains(t, f.Message, tc.message)
		})
	}
}
