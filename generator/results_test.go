package generator_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
			// A build and an audience's check read the stored results one
			// by one, as a store does past its bound of files read whole.
			whole := int64(-1)
			if run == "check" {
				whole = 0
			}
			store, err := memo.OpenWith(cache, memo.Options{Identity: "test", WholeBytes: whole})
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
	// Each of the site's three documents and two section indexes parsed,
	// each document's body with its placeholders filled and scanned, and
	// for a build, its HTML and its text for the search index.
	assert.Equal(t, map[string]int64{"build": 17, "check": 11, "check --audience Public": 11}, hits, "the second run found the results of the first")
	for _, step := range changeSteps(t, dir) {
		s := step()
		s.apply(t, dir)
		compare(s.name)
	}
	entries, err := os.ReadDir(cache)
	require.NoError(t, err)
	assert.NotEmpty(t, entries, "the store keeps its results in the folder given")
}

// The search index keeps an equal share of its budget of each document's
// text, so a document added to the site shortens the text kept of the
// others: a run that reuses stored bodies cuts their text at the new
// length, as a fresh run does.
func TestStoredResultsFollowTheSearchIndexsShareOfText(t *testing.T) {
	var archive strings.Builder
	archive.WriteString(siteYAML)
	doc := func(i int, body string) {
		fmt.Fprintf(&archive, "-- content/docs/%04d_doc.md --\n---\nDocument-ID: doc-%04d\nOwner: CIO\nVersion: \"1.0\"\nStatus: Approved\n"+
			"Classification: Internal\nLast Update: 2026-10-01\n---\n\n# Document %d\n\n%s\n", i, i, i, body)
	}
	// 8 documents share the index's budget at 256 KB each (its most), 9 at
	// about 228 KB; the first document has more text than either.
	doc(0, strings.Repeat("The board reviews the policy every year.\n\n", 7000))
	for i := 1; i < 8; i++ {
		doc(i, "A short document.")
	}
	dir := writeSite(t, archive.String())
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()
	opts := generator.Options{Source: root.FS(), Theme: govdoc.Theme, Version: "test", Now: testNow}
	cache := t.TempDir()
	index := func(stored bool) string {
		t.Helper()
		o := opts
		if stored {
			store, err := memo.Open(cache, "test")
			require.NoError(t, err)
			defer func() { require.NoError(t, store.Close()) }()
			o.Results = store
		}
		out := output.NewMemory()
		res, err := generator.Build(context.Background(), o, out)
		require.NoError(t, err)
		require.Zero(t, res.Findings.Errors(), res.Findings)
		// The index script, then its chunks: the whole index.
		var all strings.Builder
		for _, name := range out.Names() {
			if name == "search-index.js" || strings.HasPrefix(name, "search-index/") {
				js, _ := out.File(name)
				all.Write(js)
			}
		}
		return all.String()
	}
	first := index(true)
	require.Contains(t, first, "The board reviews the policy every year. The board")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content", "docs", "0008_doc.md"), []byte("---\nDocument-ID: doc-0008\nOwner: CIO\nVersion: \"1.0\"\n"+
		"Status: Approved\nClassification: Internal\nLast Update: 2026-10-01\n---\n\nOne more.\n"), 0o644))
	fresh, stored := index(false), index(true)
	require.NotEqual(t, first, fresh)
	assert.Less(t, len(fresh), len(first)-3000, "the first document's text is cut shorter")
	if fresh != stored {
		t.Errorf("the stored run's search index differs from a fresh run's:\n%s", firstDiff(fresh, stored))
	}
	assert.Equal(t, stored, index(true), "and a run that keeps the text for the new share")
}
