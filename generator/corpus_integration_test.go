package generator_test

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/internal/corpus"
)

// Every defect written into a 300-document corpus is an error of check,
// at its place, and check reports no other error; for any audience, as a
// check sees every document. Good links of the same kinds stand beside the
// defects. A build finds the same.
func TestCheckFindsEveryDefectOfACorpusAndNothingElse(t *testing.T) {
	files := corpus.Generate(300, 1)
	defects := corpus.Break(files, 50, 1)
	require.Len(t, defects, 50)
	var want []string
	for _, d := range defects {
		want = append(want, d.String())
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	for _, audience := range []string{"", "Public"} {
		findings := checkFor(t, fsys, audience)
		assert.Equal(t, want, short(errorsOf(findings)), "audience %q", audience)
		for _, f := range findings {
			if f.Severity == finding.Warning {
				// The corpus assigns activities at random: some conflict.
				assert.Contains(t, []string{finding.RACIConflict, finding.RestrictedLink}, f.Rule, "%v", f)
			}
		}
	}
	b := buildFor(t, fsys, "Internal")
	assert.Equal(t, want, short(errorsOf(b.res.Findings)), "a build reports them, and nothing of the pages it writes")
}
