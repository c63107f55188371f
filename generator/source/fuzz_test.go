package source_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/source"
)

// FuzzParse checks that no document makes Parse or Fields panic, that the
// body is the end of the text, that every finding names the file and a
// line of it, and that what comes of the front matter points into it.
func FuzzParse(f *testing.F) {
	seed, err := os.ReadFile(seedFile)
	require.NoError(f, err)
	f.Add(seed)
	f.Add([]byte(billionLaughs("meta")))
	for _, s := range []string{
		"---\nOwner: [unclosed\n---\nbody\n",
		"---\nTitle: T\n",
		"\uFEFF---\nA: {{ meta.owner }}\n---\n",
		"---\r\nA: b\r\n---\r\n",
		"---\nA: &x {b: *x}\n---\n",
		"---\n{{ meta.owner }}: x\nB: {{ meta.owner\n---\n",
		"---\nLast Update: 1\nlast-update: 2\n---\n",
		"no front matter\n",
	} {
		f.Add([]byte(s))
	}
	ev := placeholder.New()
	f.Fuzz(func(t *testing.T, data []byte) {
		d := source.Parse("content/doc.md", data)
		fields, order, findings := d.Fields(ev, siteMeta())
		require.LessOrEqual(t, d.BodyStart, len(d.Src))
		require.Len(t, order, len(fields))
		lines := bytes.Count(data, []byte("\n")) + 1
		// The front matter, if any, ends on the line before the body.
		fmEnd := lines
		if d.BodyStart > 0 {
			fmEnd = d.Pos(d.BodyStart - 1).Line
		}
		for _, f := range append(d.Findings, findings...) {
			require.Equal(t, "content/doc.md", f.File, f.String())
			require.GreaterOrEqual(t, f.Line, 0, f.String())
			require.LessOrEqual(t, f.Line, lines, "a finding points into the file: %s", f)
			if f.Rule != finding.ReadError {
				require.LessOrEqual(t, f.Line, fmEnd, "a finding points into the front matter: %s", f)
			}
			require.GreaterOrEqual(t, f.Column, 0, f.String())
			require.NotEmpty(t, f.Rule)
		}
		for _, key := range order {
			pos := d.ValuePos(fields[key])
			require.GreaterOrEqual(t, pos.Line, 1)
			require.LessOrEqual(t, pos.Line, fmEnd, "a value points into the front matter: %s", pos)
		}
		_ = d.OwnMeta()
		if stored, ok := d.Stored(); ok { // kept between runs: it reads back as it was
			back, ok := source.Restore("content/doc.md", data, stored)
			require.True(t, ok)
			sameDocument(t, d, back)
		}
		if len(d.Src) > 0 {
			require.Equal(t, "content/doc.md", d.Pos(len(d.Src)).File)
		}
	})
}
