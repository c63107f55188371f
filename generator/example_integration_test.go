package generator_test

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/source"
)

var update = flag.Bool("update", false, "rewrite golden files")

// exampleFS is the repository's own example handbook.
func exampleFS(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS("..")
	for _, dir := range []string{"site.yaml", "content", "templates", "static"} {
		require.NoError(t, fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(root, p)
			fsys[p] = &fstest.MapFile{Data: data}
			return err
		}))
	}
	return fsys
}

func TestExampleHandbookBuildsCleanWithAPageForEveryDocument(t *testing.T) {
	fsys := exampleFS(t)
	b := buildFS(t, fsys)
	assert.Empty(t, b.findings())
	files, err := source.Discover(fsys)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files.Documents), 12)
	for _, d := range files.Documents {
		page := strings.TrimSuffix(strings.TrimPrefix(d, "content/"), ".md") + "/index.html"
		assert.Contains(t, b.out.Names(), page)
	}
	for _, name := range b.out.Names() {
		data, _ := b.out.File(name)
		assert.NotContains(t, string(data), "<no value>", name)
		assert.NotContains(t, string(data), "{{ meta.", name)
	}
	seed := b.page("governance/0230_it_management_responsibilities/index.html")
	for _, want := range []string{
		"<h1 id=\"it-management-responsibilities\">IT Management Responsibilities</h1>",
		"iso-38500-0230", "<dd>Office of the CIO</dd>", "<dd>1.0</dd>", "2026-11-01",
		"<li>Acme Corp</li>",
		"<td>1.0</td>\n<td>2026-11-01</td>\n<td>IT Governance Team</td>",
	} {
		assert.Contains(t, seed, want)
	}
}

// TestSeedPageGolden pins the whole HTML of the seed document's page. Run
// go test ./generator -run SeedPageGolden -update after a deliberate change.
func TestSeedPageGolden(t *testing.T) {
	seed, err := os.ReadFile("../content/governance/0230_it_management_responsibilities.md")
	require.NoError(t, err)
	site, err := os.ReadFile("../site.yaml")
	require.NoError(t, err)
	b := buildFS(t, fstest.MapFS{
		"site.yaml":                    {Data: site},
		"content/governance/_index.md": {Data: []byte("---\ntitle: IT Governance\n---\nGovernance documents of {{ meta.organization }}.\n")},
		"content/governance/0230_it_management_responsibilities.md": {Data: seed},
	})
	got := b.page("governance/0230_it_management_responsibilities/index.html")
	golden := filepath.Join("testdata", "seed.golden.html")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run with -update to create the golden file")
	assert.Equal(t, string(want), got)
}
