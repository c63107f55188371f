package scaffold_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/generator/scaffold"
)

// today is the date the tests write documents on.
var today = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

func TestInitWritesASkeletonThatBuildsClean(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "handbook")
	written, err := scaffold.Init(dir, today)
	require.NoError(t, err)
	assert.Equal(t, []string{
		".gitignore",
		"content/governance/0010_governance_framework.md",
		"content/governance/0020_roles_and_responsibilities.md",
		"content/governance/_index.md",
		"site.yaml",
	}, written)
	yaml, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	require.NoError(t, err)
	assert.Contains(t, string(yaml), "  date: 2026-11-24 ")
	assert.NotContains(t, string(yaml), scaffold.DateToken)

	out := output.NewMemory()
	res, err := generator.Build(context.Background(), generator.Options{Source: os.DirFS(dir), Theme: govdoc.Theme, Now: today}, out)
	require.NoError(t, err)
	assert.Empty(t, res.Findings, "no errors and no warnings: check --strict passes")
	assert.Len(t, res.Site.Documents, 2)
	assert.Len(t, res.Site.Roles, 4)
	assert.NotEmpty(t, res.Site.Documents[1].RACI)
	assert.Equal(t, []string{"content/governance/0020_roles_and_responsibilities.md"}, []string{res.Site.Documents[0].ReferencedBy[0].Path})
}

// TestSkeletonSiteYAMLExplainsEveryKey keeps site.yaml a guide: each line
// that sets a key says what it is for, but for the lines of a list of roles
// after the first role.
func TestSkeletonSiteYAMLExplainsEveryKey(t *testing.T) {
	data, err := fs.ReadFile(scaffold.Skeleton(), "site.yaml")
	require.NoError(t, err)
	firstRole, otherRoles := true, false
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "#"):
			continue
		case strings.HasPrefix(trimmed, "- id:") && !firstRole:
			otherRoles = true
		case trimmed == line:
			otherRoles = false // a key of the top level
		case strings.HasPrefix(trimmed, "aliases:"):
			firstRole = false
		}
		if !otherRoles {
			assert.Contains(t, line, " # ", "site.yaml line %d sets a key without saying what it is for: %s", i+1, line)
		}
	}
	for _, key := range []string{"title:", "language:", "baseURL:", "meta:", "roles:", "metadata:", "required:", "status:", "classification:", "review_after:", "audience:", "output:", "exclude_status:", "raw_html:", "ignore:"} {
		assert.Contains(t, string(data), key)
	}
}

func TestInitRefusesAHandbook(t *testing.T) {
	for _, existing := range []string{"site.yaml", "content"} {
		dir := t.TempDir()
		require.NoError(t, os.Mkdir(filepath.Join(dir, "content"), 0o755))
		if existing == "site.yaml" {
			require.NoError(t, os.Remove(filepath.Join(dir, "content")))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: Mine\n"), 0o644))
		}
		written, err := scaffold.Init(dir, today)
		assert.ErrorIs(t, err, scaffold.ErrSiteExists)
		assert.ErrorContains(t, err, "it has "+existing)
		assert.Empty(t, written)
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		assert.Len(t, entries, 1, "nothing was written")
	}
}

func TestInitKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("mine\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte("mine\n"), 0o644))
	written, err := scaffold.Init(dir, today)
	require.NoError(t, err)
	assert.NotContains(t, written, ".gitignore")
	assert.Contains(t, written, "site.yaml")
	data, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
	require.NoError(t, err)
	assert.Equal(t, "mine\n", string(data))
}
