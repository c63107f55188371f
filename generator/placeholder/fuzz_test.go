package placeholder_test

import (
	"bytes"
	"testing"
	"text/template"

	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/placeholder"
)

// addCaseInputs seeds a fuzz target with the inputs of testdata/expand.txt,
// besides the seed files in testdata/fuzz.
func addCaseInputs(f *testing.F) {
	f.Helper()
	for _, c := range readCases(f, "testdata/expand.txt") {
		f.Add([]byte(c.Input))
	}
}

// FuzzScanMarkdown checks that every action found lies inside the text, in
// order, and starts with "{{", and that what its trim markers may remove
// lies around it.
func FuzzScanMarkdown(f *testing.F) {
	addCaseInputs(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		last := 0
		for _, a := range placeholder.ScanMarkdown(src) {
			require.LessOrEqual(t, last, a.Start, "actions overlap or go back")
			require.Less(t, a.Start, a.End)
			require.LessOrEqual(t, a.End, len(src))
			require.Equal(t, "{{", string(src[a.Start:a.Start+2]))
			require.True(t, 0 <= a.Before && a.Before <= a.Start && a.End <= a.After && a.After <= len(src), "%+v", a)
			last = a.End
		}
	})
}

// FuzzExpand fills what ScanMarkdown finds and checks that the Map sends
// every offset of the output to one of the source, never going back.
func FuzzExpand(f *testing.F) {
	addCaseInputs(f)
	ev := placeholder.New()
	f.Fuzz(func(t *testing.T, src []byte) {
		out, m, errs := ev.Expand(src, placeholder.ScanMarkdown(src), siteMeta())
		prev := 0
		for off := 0; off <= len(out); off++ {
			s := m.Source(off)
			require.GreaterOrEqual(t, s, prev, "Source(%d) goes back", off)
			require.LessOrEqual(t, s, len(src), "Source(%d) is past the source", off)
			prev = s
		}
		require.Equal(t, len(src), m.Source(len(out)), "the end maps to the end")
		for _, e := range errs {
			require.Less(t, e.Offset, len(src))
			require.NotContains(t, e.Message, "<no value>")
		}
		// Kept between runs, it comes back as it was.
		back, bm, berrs, ok := placeholder.RestoreExpansion(src, placeholder.StoredExpansion(out, m, errs))
		require.True(t, ok)
		require.Equal(t, string(out), string(back))
		require.Equal(t, errs, berrs)
		for off := 0; off <= len(out); off++ {
			require.Equal(t, m.Source(off), bm.Source(off), "Source(%d)", off)
		}
	})
}

// FuzzRestoreExpansion checks that any bytes kept for a text give a result
// or false, never a panic, and that a result maps its offsets into the
// text.
func FuzzRestoreExpansion(f *testing.F) {
	ev := placeholder.New()
	for _, c := range readCases(f, "testdata/expand.txt") {
		src := []byte(c.Input)
		out, m, errs := ev.Expand(src, placeholder.ScanMarkdown(src), siteMeta())
		stored := placeholder.StoredExpansion(out, m, errs)
		f.Add(src, stored)
		for i := range stored {
			_, _, _, ok := placeholder.RestoreExpansion(src, stored[:i])
			require.False(f, ok, "what was kept of %q, cut at %d of %d bytes, was taken", c.Input, i, len(stored))
		}
	}
	f.Fuzz(func(t *testing.T, src, stored []byte) {
		out, m, _, ok := placeholder.RestoreExpansion(src, stored)
		if !ok {
			return
		}
		for off := 0; off <= len(out); off++ {
			require.LessOrEqual(t, m.Source(off), len(src), "Source(%d) is past the text", off)
		}
	})
}

// FuzzExpandLikeTextTemplate checks that a text with no code, escapes or
// failed placeholders expands as text/template executes it whole, trim
// markers included. There meta is a function, which the text names as the
// placeholders do.
func FuzzExpandLikeTextTemplate(f *testing.F) {
	addCaseInputs(f)
	ev := placeholder.New()
	data := siteMeta()
	funcs := placeholder.Funcs()
	funcs["meta"] = func() any { return data["meta"] }
	f.Fuzz(func(t *testing.T, src []byte) {
		if bytes.ContainsAny(src, "`~\\") {
			return
		}
		out, _, errs := ev.Expand(src, placeholder.ScanMarkdown(src), data)
		if len(errs) > 0 {
			return
		}
		tmpl, err := template.New("").Funcs(funcs).Option("missingkey=error").Parse(string(src))
		require.NoError(t, err)
		var want bytes.Buffer
		require.NoError(t, tmpl.Execute(&want, map[string]any(data)))
		require.Equal(t, want.String(), string(out))
	})
}
