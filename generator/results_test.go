package generator_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/memo"
	"github.com/govdoc/govdoc/generator/output"
)

// A run that reuses the results an earlier run stored gives what a fresh
// run gives, byte for byte and finding for finding, after every kind of
// change: build and check, each run a new process's store on the same
// folder.
func TestStoredResultsGiveWhatAFreshRunGives(t *testing.T) {
	dir := writeSite(t, sessionSite)
	cache := t.TempDir()
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()
	opts := generator.Options{Source: root.FS(), Theme: govdoc.Theme, Version: "test", Now: testNow}

	hits := map[string]int64{} // results found in the store, by run, in the last step
	compare := func(step string) {
		t.Helper()
		for _, run := range []string{"build", "check", "check --audience Public"} {
			fresh, cached := opts, opts
			if run == "check --audience Public" {
				fresh.Audience, cached.Audience = "Public", "Public"
			}
			store, err := memo.Open(cache, "test")
			require.NoError(t, err)
			cached.Results = store
			var want, got *generator.Result
			var wantErr, gotErr error
			wantOut, gotOut := output.NewMemory(), output.NewMemory()
			if run == "build" {
				want, wantErr = generator.Build(context.Background(), fresh, wantOut)
				got, gotErr = generator.Build(context.Background(), cached, gotOut)
			} else {
				want, wantErr = generator.Check(context.Background(), fresh)
				got, gotErr = generator.Check(context.Background(), cached)
			}
			if !errors.Is(wantErr, generator.ErrConfig) { // errors in site.yaml are findings too
				require.NoError(t, wantErr, step)
			}
			require.Equal(t, wantErr, gotErr, step)
			hits[run] = store.Stats().Hits
			require.NoError(t, store.Close())
			assert.Equal(t, want.Findings, got.Findings, "%s, %s: the findings", step, run)
			require.Equal(t, wantOut.Names(), gotOut.Names(), "%s, %s", step, run)
			for _, name := range wantOut.Names() {
				w, _ := wantOut.File(name)
				g, _ := gotOut.File(name)
				if string(w) != string(g) {
					t.Errorf("%s, %s: %s differs from a fresh run:\n%s", step, run, name, firstDiff(string(w), string(g)))
				}
			}
		}
	}
	compare("first run")
	compare("a run with nothing changed")
	// Each of the site's three documents: scanned, and for a build, its HTML.
	assert.Equal(t, map[string]int64{"build": 6, "check": 3, "check --audience Public": 3}, hits, "the second run found the results of the first")
	for _, step := range changeSteps(t, dir) {
		s := step()
		s.apply(t, dir)
		compare(s.name)
	}
	entries, err := os.ReadDir(cache)
	require.NoError(t, err)
	assert.NotEmpty(t, entries, "the store keeps its results in the folder given")
}
