package placeholder_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/placeholder"
)

func TestEval(t *testing.T) {
	ev := placeholder.New()
	for _, tc := range []struct {
		text, want string
	}{
		{"{{ meta.owner }}", "Office of the CIO"},
		{"{{meta.owner}}", "Office of the CIO"},
		{"{{ .meta.owner }}", "Office of the CIO"},
		{"{{ meta.organization | upper }}", "ACME CORP"},
		{"{{ meta.version }}", "1.0"},
		{"{{ meta.date }}", "2026-11-01"},
		{`{{ meta.owner | replace "CIO" "CISO" }}`, "Office of the CISO"},
		{`{{ "meta.owner" }}`, "meta.owner"},
		{`{{ printf "%s/%s" meta.organization meta.version }}`, "Acme Corp/1.0"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			got, err := ev.Eval(tc.text, siteMeta())
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestEvalErrors(t *testing.T) {
	ev := placeholder.New()
	for _, tc := range []struct {
		text, want string
	}{
		{"{{ meta.nobody }}", `undefined key "nobody"`},
		{"{{ meta.Owner }}", `undefined key "Owner" (did you mean "meta.owner"?)`}, // meta keys are case-sensitive, as in Go templates
		{"{{ meta.ownr | upper }}", `undefined key "ownr" (did you mean "meta.owner"?)`},
		{"{{ git.sha }}", `undefined key "git"`},
		{"{{ owner }}", `function "owner" not defined`},
		{`{{ env "HOME" }}`, `function "env" is not available: it reads the environment or the network`},
		{`{{ expandenv "$HOME" }}`, `function "expandenv" is not available: it reads the environment or the network`},
		{"{{ now }}", `function "now" is not available: it reads the clock or the machine's time zone`},
		{`{{ date "2006-01-02" 0 }}`, `function "date" is not available: it reads the clock or the machine's time zone`},
		{`{{ getHostByName "example.com" }}`, `function "getHostByName" is not available: it reads the environment or the network`},
		{"{{ randAlpha 8 }}", `function "randAlpha" is not available: its result is random`},
		{"{{ uuidv4 }}", `function "uuidv4" is not available: its result is random`},
		{`{{ readFile "/etc/passwd" }}`, `function "readFile" not defined`},
		{`{{ template "x" }}`, "a placeholder cannot call templates"},
		{"{{ meta.owner", "unclosed action"},
		// A dash that touches the name is no trim marker (Go's {{-3}} is -3).
		{"{{-meta.owner }}", `"{{-" trims only with a space after it: write "{{- meta.owner }}"`},
		{"{{ meta.owner-}}", `"-}}" trims only with a space before it: write "{{ meta.owner -}}"`},
		{"{{-git.date-}}", `"{{-" trims only with a space after it: write "{{- git.date -}}"`},
		// missingkey=error stops an undefined key before sprig's default sees it.
		{`{{ meta.missing | default "n/a" }}`, `undefined key "missing"`},
	} {
		t.Run(tc.text, func(t *testing.T) {
			got, err := ev.Eval(tc.text, siteMeta())
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			assert.Empty(t, got, "a failed placeholder has no value, not \"\" or <no value> in the text")
			assert.NotContains(t, err.Error(), "template:", "the error names no internal template")
		})
	}
}

func TestEvalMissingMeta(t *testing.T) {
	ev := placeholder.New()
	for _, tc := range []struct {
		data placeholder.Data
		want string
	}{
		{nil, `undefined key "meta"`},
		{placeholder.Data{}, `undefined key "meta"`},
		{placeholder.Data{"meta": map[string]any{}}, `undefined key "owner"`},
	} {
		got, err := ev.Eval("{{ meta.owner }}", tc.data)
		require.Error(t, err, "data %v", tc.data)
		assert.Equal(t, tc.want, err.Error())
		assert.Empty(t, got)
	}
}

func TestEvalCachesErrorsToo(t *testing.T) {
	ev := placeholder.New()
	for range 2 {
		_, err := ev.Eval("{{ env \"HOME\" }}", siteMeta())
		require.EqualError(t, err, `function "env" is not available: it reads the environment or the network`)
	}
}

func TestEvalConcurrent(t *testing.T) {
	ev := placeholder.New()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			text := []string{"{{ meta.owner }}", "{{ meta.organization | upper }}", "{{ meta.nobody }}"}[i%3]
			for range 50 {
				_, _ = ev.Eval(text, siteMeta())
			}
		})
	}
	wg.Wait()
	got, err := ev.Eval("{{ meta.organization | upper }}", siteMeta())
	require.NoError(t, err)
	assert.Equal(t, "ACME CORP", got)
}

func TestReads(t *testing.T) {
	ev := placeholder.New()
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"{{ git.date }}", true},
		{"{{ git.date | default meta.date }}", true},
		{"{{ meta.date | default git.date }}", true},
		{"{{ printf \"%s by %s\" meta.owner git.author }}", true},
		{"{{ if git.commit }}yes{{ end }}", true},
		{"{{ $.git.author }}", true},
		{"{{ (git).date }}", true},
		{"{{ $d := git.date }}{{ $d }}", true},
		{"{{ index . \"git\" \"date\" }}", true}, // the whole data: maybe
		{"{{ index $ \"git\" }}", true},
		{"{{ meta.owner }}", false},
		{"{{ meta.git }}", false},
		{"{{ $.meta.owner | upper }}", false},
		{"{{ \"git.date\" }}", false},
		{"{{ raci }}", false},
		{"{{ meta.owner", false}, // does not parse
	} {
		assert.Equal(t, tc.want, ev.Reads(tc.text, "git"), tc.text)
	}
}

func TestFuncsLeaveOutTheOutsideWorld(t *testing.T) {
	funcs := placeholder.Funcs()
	for _, name := range []string{
		"env", "expandenv", "getHostByName", "now", "date", "dateInZone", "ago", "unixEpoch",
		"randAlpha", "randAlphaNum", "randAscii", "randNumeric", "randBytes", "randInt", "shuffle",
		"uuidv4", "genPrivateKey", "bcrypt", "readFile",
	} {
		assert.NotContains(t, funcs, name)
	}
	for _, name := range []string{"upper", "lower", "title", "trim", "replace", "default", "quote", "join"} {
		assert.Contains(t, funcs, name, "sprig's hermetic text functions stay")
	}
}

func TestScan(t *testing.T) {
	// A front-matter value is not Markdown: backticks do not hide placeholders.
	src := []byte("`{{ meta.owner }}` and {{ meta.version }} and {{ open")
	acts := placeholder.Scan(src)
	require.Len(t, acts, 3)
	assert.Equal(t, "{{ meta.owner }}", string(src[acts[0].Start:acts[0].End]))
	assert.Equal(t, "{{ meta.version }}", string(src[acts[1].Start:acts[1].End]))
	assert.Equal(t, "{{ open", string(src[acts[2].Start:acts[2].End]))
	assert.True(t, acts[0].Closed)
	assert.False(t, acts[2].Closed)
	assert.Empty(t, placeholder.Scan([]byte("no placeholders { here }")))
}

func TestScanMarkdown(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string // the placeholders found, as written
	}{
		{"none", "plain text", nil},
		{"outside and inside a code span", "`{{ a }}` {{ b }}", []string{"{{ b }}"}},
		{"fence with Windows line endings", "```\r\n{{ a }}\r\n```\r\n{{ b }}\r\n", []string{"{{ b }}"}},
		{"unclosed at the end", "text {{ a", []string{"{{ a"}},
		{"unclosed ends at a blank line", "{{ a\nb\n\n{{ c }}", []string{"{{ a\nb", "{{ c }}"}},
		{"escaped", `\{{ a }} {{ b }}`, []string{"{{ b }}"}},
		{"escaped backslash", `\\{{ a }}`, []string{"{{ a }}"}},
		{"escaped backslash then escaped brace", `\\\{{ a }}`, nil},
		{"quoted braces", `{{ "}}" }}x`, []string{`{{ "}}" }}`}},
		{"backquoted braces", "{{ `}}` }}x", []string{"{{ `}}` }}"}},
		{"fence after an unclosed placeholder's paragraph", "{{ a\n\n```\n{{ b }}\n```\n{{ c }}", []string{"{{ a", "{{ c }}"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			var got []string
			for _, a := range placeholder.ScanMarkdown(src) {
				require.True(t, 0 <= a.Start && a.Start < a.End && a.End <= len(src), "%+v", a)
				got = append(got, string(src[a.Start:a.End]))
				assert.Equal(t, strings.HasSuffix(got[len(got)-1], "}}"), a.Closed)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestExpandNothingToDo(t *testing.T) {
	src := []byte("no placeholders")
	out, m, errs := placeholder.New().Expand(src, nil, siteMeta())
	assert.Equal(t, src, out)
	assert.Empty(t, errs)
	assert.False(t, m.Shifted())
	assert.Equal(t, 5, m.Source(5))
}

func TestMapSource(t *testing.T) {
	// The first value is one byte longer than its placeholder, the second 15
	// bytes shorter; a failed placeholder stays and shifts nothing.
	src := "A {{ meta.owner }} B {{ meta.version }} C {{ meta.nobody }} D\nnext line {{ meta.owner }} E"
	out, m, errs := placeholder.New().Expand([]byte(src), placeholder.ScanMarkdown([]byte(src)), siteMeta())
	require.Len(t, errs, 1)
	require.Equal(t, "A Office of the CIO B 1.0 C {{ meta.nobody }} D\nnext line Office of the CIO E", string(out))
	assert.True(t, m.Shifted())

	in := func(s, sub string, skip int) int {
		i := strings.Index(s[skip:], sub)
		require.GreaterOrEqual(t, i, 0, "%q in %q", sub, s)
		return skip + i
	}
	owner1, version := in(src, "{{ meta.owner }}", 0), in(src, "{{ meta.version }}", 0)
	owner2 := in(src, "{{ meta.owner }}", owner1+1)
	for _, tc := range []struct {
		name      string
		out, want int
	}{
		{"before any placeholder", 1, 1},
		{"start of the first value", 2, owner1},
		{"inside the first value", in(string(out), "the CIO", 0), owner1},
		{"last byte of the first value", in(string(out), "O B", 0), owner1},
		{"after the first value", in(string(out), " B", 0), in(src, " B", 0)},
		{"start of the second value", in(string(out), "1.0", 0), version},
		{"inside the second value", in(string(out), ".0", 0), version},
		{"after two values of different lengths", in(string(out), " C ", 0), in(src, " C ", 0)},
		{"inside a failed placeholder", in(string(out), "nobody", 0), in(src, "nobody", 0)},
		{"after a failed placeholder", in(string(out), "D", 0), in(src, "D", 0)},
		{"start of the next line", in(string(out), "next", 0), in(src, "next", 0)},
		{"inside a value on the next line", in(string(out), "CIO E", 0), owner2},
		{"after the last value", in(string(out), "E", 0), in(src, "E", 0)},
		{"end", len(out), len(src)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, m.Source(tc.out))
		})
	}
}

func TestMapSourceEmptyValue(t *testing.T) {
	src := []byte("[{{ meta.blank }}] x")
	data := placeholder.Data{"meta": map[string]any{"blank": ""}}
	out, m, errs := placeholder.New().Expand(src, placeholder.ScanMarkdown(src), data)
	require.Empty(t, errs)
	require.Equal(t, "[] x", string(out))
	assert.Equal(t, 0, m.Source(0))
	assert.Equal(t, len("[{{ meta.blank }}"), m.Source(1), "the ] after an empty value")
	assert.Equal(t, len(src)-1, m.Source(len(out)-1))
}

func TestEvalNilValue(t *testing.T) {
	// A YAML key with no value, as in "meta: {owner: }", must not fill in as
	// "<no value>".
	got, err := placeholder.New().Eval("{{ meta.owner }}", placeholder.Data{"meta": map[string]any{"owner": nil}})
	require.EqualError(t, err, "meta.owner has no value")
	assert.Empty(t, got)
}

func TestMapSourceAfterTrim(t *testing.T) {
	// The trim markers remove the spaces and line breaks around the first
	// two values; the failed placeholder keeps its marker and its space.
	src := "A  {{- meta.owner -}}\n  B {{ meta.version -}}  C\n{{ meta.nobody -}} D"
	out, m, errs := placeholder.New().Expand([]byte(src), placeholder.ScanMarkdown([]byte(src)), siteMeta())
	require.Len(t, errs, 1)
	require.Equal(t, "AOffice of the CIOB 1.0C\n{{ meta.nobody -}} D", string(out))

	in := func(s, sub string) int {
		i := strings.Index(s, sub)
		require.GreaterOrEqual(t, i, 0, "%q in %q", sub, s)
		return i
	}
	owner, version := in(src, "{{- meta.owner"), in(src, "{{ meta.version")
	for _, tc := range []struct {
		name      string
		out, want int
	}{
		{"before the trimmed spaces", 0, 0},
		{"start of a value whose spaces before were trimmed", 1, owner},
		{"inside that value", in(string(out), "CIO"), owner},
		{"after the trimmed line break", in(string(out), "B"), in(src, "B")},
		{"the space a placeholder without {{- keeps", in(string(out), " 1.0"), in(src, " {{ meta.version")},
		{"inside a value whose spaces after were trimmed", in(string(out), ".0"), version},
		{"after those spaces", in(string(out), "C\n"), in(src, "C\n")},
		{"inside a failed placeholder with a trim marker", in(string(out), "nobody"), in(src, "nobody")},
		{"after it", in(string(out), "D"), in(src, "D")},
		{"end", len(out), len(src)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, m.Source(tc.out))
		})
	}
	// A finding on the B after the trimmed line break is on line 2, column 3
	// of the source, although the output has it on line 1.
	line, col := finding.NewLines([]byte(src)).Position(m.Source(in(string(out), "B")))
	assert.Equal(t, [2]int{2, 3}, [2]int{line, col})
}

func TestExpandTrimKeepsFencesWithWindowsLineEndings(t *testing.T) {
	src := []byte("{{ meta.owner -}}\r\n\r\n```\r\n{{ meta.nobody }}\r\n```\r\n\r\n  {{- meta.version }}\r\n")
	out, m, errs := placeholder.New().Expand(src, placeholder.ScanMarkdown(src), siteMeta())
	require.Empty(t, errs)
	assert.Equal(t, "Office of the CIO\r\n```\r\n{{ meta.nobody }}\r\n```\r\n1.0\r\n", string(out))
	assert.Equal(t, bytes.Index(src, []byte("```")), m.Source(bytes.Index(out, []byte("```"))))
}

func TestEvalSuggestsTheNearestKey(t *testing.T) {
	data := placeholder.Data{"meta": map[string]any{"owner": "x", "contact": map[string]any{"email": "a@example.org", "phone": "1"}}}
	for text, want := range map[string]string{
		"{{ meta.contact.emial }}": `undefined key "emial" (did you mean "meta.contact.email"?)`,
		"{{ meta.contcat.email }}": `undefined key "contcat" (did you mean "meta.contact"?)`,
		"{{ meta.approver }}":      `undefined key "approver"`,
	} {
		_, err := placeholder.New().Eval(text, data)
		require.Error(t, err, text)
		assert.Equal(t, want, err.Error(), text)
	}
}
