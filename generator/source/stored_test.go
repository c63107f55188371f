package source_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/source"
)

// sameDocument fails unless got reads as want does: the same body, fields
// with their values and positions, meta, and placeholders.
func sameDocument(t *testing.T, want, got *source.Document) {
	t.Helper()
	ev := placeholder.New()
	require.Equal(t, want.Path, got.Path)
	require.Equal(t, string(want.Body()), string(got.Body()))
	wf, wo, wfind := want.Fields(ev, siteMeta())
	gf, gorder, gfind := got.Fields(ev, siteMeta())
	require.Equal(t, wo, gorder)
	require.Equal(t, wfind, gfind)
	for _, k := range wo {
		assert.Equal(t, wf[k].Value, gf[k].Value, k)
		assert.Equal(t, want.ValuePos(wf[k]), got.ValuePos(gf[k]), k)
		assert.Equal(t, *wf[k].Node, *gf[k].Node, k) // what matrices and scorecards read
	}
	assert.Equal(t, want.OwnMeta(), got.OwnMeta())
	assert.Equal(t, want.FrontMatterOK(), got.FrontMatterOK())
	assert.Equal(t, want.Reads(ev, "git"), got.Reads(ev, "git"))
}

// A document kept by Stored and given back by Restore reads as Parse made
// it, without its YAML being parsed again.
func TestRestoreGivesWhatParseGave(t *testing.T) {
	seed, err := os.ReadFile(seedFile)
	require.NoError(t, err)
	for _, text := range []string{
		string(seed),
		"no front matter\n",
		"\uFEFF---\nA: {{ meta.owner }}\nB: [x, {c: d}] # note\n---\nbody {{ meta.owner }}\n",
		"---\n---\n",
	} {
		want := source.Parse("content/doc.md", []byte(text))
		stored, ok := want.Stored()
		require.True(t, ok, text)
		got, ok := source.Restore("content/doc.md", []byte(text), stored)
		require.True(t, ok, text)
		sameDocument(t, want, got)
	}
}

// A document with findings, or with a YAML alias, is not kept: it is
// parsed again each run.
func TestStoredKeepsOnlyPlainDocuments(t *testing.T) {
	for _, text := range []string{
		"---\nOwner: [unclosed\n---\nbody\n",
		"---\nA: &x [1]\nB: *x\n---\n",
		"bad \xff byte\n",
	} {
		_, ok := source.Parse("content/doc.md", []byte(text)).Stored()
		assert.False(t, ok, text)
	}
}

// Any bytes given to Restore give a document or false, never a panic, and
// a document they give can be read; every shorter piece of what Stored
// kept is refused.
func FuzzRestore(f *testing.F) {
	seed, err := os.ReadFile(seedFile)
	require.NoError(f, err)
	d := source.Parse("content/doc.md", seed)
	stored, ok := d.Stored()
	require.True(f, ok)
	f.Add(seed, stored)
	f.Add([]byte("x"), []byte{2, 0, 0})
	f.Add([]byte("---\nA: b\n---\n"), []byte{2, 13, 1, 0, 0, 1, 4, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0})
	for i := range stored {
		if _, ok := source.Restore("content/doc.md", seed, stored[:i]); ok {
			f.Fatalf("a stored document cut at %d of %d bytes was taken", i, len(stored))
		}
	}
	ev := placeholder.New()
	f.Fuzz(func(t *testing.T, data, stored []byte) {
		d, ok := source.Restore("content/doc.md", data, stored)
		if !ok {
			return
		}
		require.LessOrEqual(t, d.BodyStart, len(data))
		fields, order, _ := d.Fields(ev, siteMeta())
		for _, k := range order {
			_ = d.ValuePos(fields[k])
		}
		_ = d.OwnMeta()
		_ = d.Reads(ev, "git")
		_, _ = d.Stored()
	})
}
