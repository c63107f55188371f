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

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/source"
)

var update = flag.Bool("update", false, "rewrite golden files")

// overdueInExample is the one finding of the example handbook as of
// testNow: a document whose review is overdue, as the example shows one.
const overdueInExample = "content/governance/0020_governance_principles.md:10:14 review-overdue"

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
	assert.Equal(t, []string{overdueInExample}, b.findings(), "the example shows an overdue review")
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
		`<tr><th scope="row">1.0</th><td><time datetime="2026-11-01">2026-11-01</time></td><td>IT Governance Team</td><td>Initial creation</td></tr>`,
	} {
		assert.Contains(t, seed, want)
	}
}

// TestSeedPageGolden pins the whole HTML of the seed document's page in the
// example handbook. Run go test ./generator -run SeedPageGolden -update
// after a deliberate change.
func TestSeedPageGolden(t *testing.T) {
	b := buildFS(t, exampleFS(t))
	got := b.page("governance/0230_it_management_responsibilities/index.html")
	golden := filepath.Join("testdata", "seed.golden.html")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run with -update to create the golden file")
	assert.Equal(t, string(want), got)
}

func TestSeedReferencesResolveAndARemovedOneIsABrokenRef(t *testing.T) {
	fsys := exampleFS(t)
	res := checkSite(t, fsys)
	require.Len(t, res.Findings, 1)
	require.Equal(t, overdueInExample, res.Findings[0].Position.String()+" "+res.Findings[0].Rule)

	delete(fsys, "content/governance/0180_it_management_responsibilities.md")
	res = checkSite(t, fsys)
	var seed []finding.Finding
	for _, f := range res.Findings {
		if f.Rule == finding.ReviewOverdue {
			continue
		}
		assert.Equal(t, "broken-ref", f.Rule)
		if strings.HasSuffix(f.File, "0230_it_management_responsibilities.md") {
			seed = append(seed, f)
		}
	}
	require.Len(t, seed, 1)
	f := seed[0]
	assert.Equal(t, "content/governance/0230_it_management_responsibilities.md", f.File)
	assert.Equal(t, 309, f.Line, "the seed's Document References line for it")
	assert.Equal(t, 3, f.Column)
	assert.Contains(t, f.Message, "0180_it_management_responsibilities.md")
}
