package placeholder_test

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/placeholder"
)

// hostileMeta is meta an author can write: a long string, a list holding
// one long string many times (as YAML aliases make it), and a wide map.
func hostileMeta() placeholder.Data {
	half := strings.Repeat("z", 500_000)
	aliased := make([]any, 1000)
	for i := range aliased {
		aliased[i] = half
	}
	wide := map[string]any{}
	for i := range 60_000 {
		wide[fmt.Sprint("k", i)] = i
	}
	return placeholder.Data{"meta": map[string]any{
		"big": strings.Repeat("y", 30<<20), "aliased": aliased, "half": half, "wide": wide, "owner": "CIO",
	}}
}

// bounded runs f and fails the test if it takes longer than a generous
// minute, or allocates more than limit bytes in all (freed or not).
func bounded(t *testing.T, limit uint64, f func()) {
	t.Helper()
	done := make(chan uint64, 1)
	go func() {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		done <- after.TotalAlloc - before.TotalAlloc
	}()
	select {
	case alloc := <-done:
		assert.Less(t, alloc, limit*allocFactor, "allocated %d MiB", alloc>>20)
	case <-time.After(time.Minute):
		t.Fatal("still running after a minute")
	}
}

func TestHostilePlaceholdersPassNoLimit(t *testing.T) {
	ev := placeholder.New()
	data := hostileMeta()
	deep := strings.Repeat("[", 1000) + strings.Repeat("]", 1000)
	for _, tc := range []struct{ text, want string }{
		{`{{ repeat 40000 (repeat 40000 "x") }}`, "the result of repeat would be 1.6 GB; a placeholder function makes at most 1 MiB"},
		{`{{ repeat 9223372036854775807 "xx" }}`, "the result of repeat would be 18.4 EB"},
		{`{{ "x" | repeat 2000000 }}`, "the result of repeat would be 2.0 MB"},
		{`{{ indent 100000 (repeat 100 "a\n") }}`, "the result of indent would be 10.1 MB"},
		{`{{ nindent 100000 (repeat 100 "a\n") }}`, "the result of nindent would be 10.1 MB"},
		{`{{ replace "" "xxxxxxxxxx" (repeat 200000 "y") }}`, "the result of replace would be 2.2 MB"},
		{`{{ replace "y" (repeat 1000 "z") (repeat 100000 "y") }}`, "the result of replace would be 100.0 MB"},
		{`{{ until 1000000000 }}`, "the result of until would have 1,000,000,000 items; a placeholder function makes at most 100,000"},
		{`{{ until -1000000000 }}`, "the result of until would have 1,000,000,000 items"},
		{`{{ untilStep -9223372036854775808 9223372036854775807 1 }}`, "the result of untilStep would have 1.84e+19 items"},
		{`{{ seq 1000000000 }}`, "the result of seq would have 1,000,000,000 items"},
		{`{{ seq 1000000000000 1000000099999 }}`, "the result of seq would be 1.4 MB"},
		{`{{ regexReplaceAll "y" (repeat 100000 "y") (repeat 100 "z") }}`, "the result of regexReplaceAll would be 10.0 MB"},
		{`{{ mustRegexReplaceAll "" (repeat 200000 "y") "xxxxxx" }}`, "the result of mustRegexReplaceAll would be 1.4 MB"},
		{`{{ regexReplaceAllLiteral "y" (repeat 100000 "y") (repeat 100 "$1") }}`, "the result of regexReplaceAllLiteral would be 20.0 MB"},
		{`{{ mustRegexReplaceAllLiteral "y" (repeat 100000 "y") (repeat 100 "z") }}`, "the result of mustRegexReplaceAllLiteral would be 10.0 MB"},
		{`{{ regexReplaceAll "(y+)" (repeat 1000 "y") (repeat 1100 "$1") }}`, "the result of regexReplaceAll could be over 1 MiB"},
		{`{{ wrapWith 1 (repeat 1000 "-") (repeat 100000 "y") }}`, "the result of wrapWith would be 100.1 MB"},
		{`{{ join (repeat 100000 "x") (until 100000) }}`, "the result of join would be over 10.0 GB"},
		{`{{ join (repeat 100 "x") (splitList "," (repeat 20000 ",")) }}`, "the result of join would be 2.0 MB"},
		{`{{ cat (repeat 1000000 "x") (repeat 1000000 "x") }}`, "the result of cat would be 2.0 MB"},
		{`{{ cat meta.half meta.half meta.half }}`, "the result of cat would be 1.5 MB"},
		{`{{ print (repeat 600000 "x") (repeat 600000 "x") }}`, "the result of print would be 1.2 MB"},
		{`{{ println (repeat 600000 "x") (repeat 600000 "x") }}`, "the result of println would be 1.2 MB"},
		{`{{ printf "%s%s%s" (repeat 500000 "x") (repeat 500000 "x") (repeat 500000 "x") }}`, "the result of printf could be over 1 MiB"},
		{`{{ printf "%[1]s%[1]s%[1]s" (repeat 500000 "x") }}`, "the result of printf could be over 1 MiB"},
		{`{{ printf "%999999d" (until 1000) }}`, "the result of printf could be over 1 MiB"},
		{`{{ printf "%.999999f%.999999f" 1.0 2.0 }}`, "the result of printf could be over 1 MiB"},
		{`{{ printf "%*d" 999999 (until 100) }}`, "the result of printf could be over 1 MiB"},
		{`{{ html (repeat 300000 "<") }}`, "the result of html could be over 1 MiB"},
		{`{{ js (repeat 300000 "<") }}`, "the result of js could be over 1 MiB"},
		{`{{ urlquery (repeat 500000 "&") }}`, "the result of urlquery could be over 1 MiB"},
		{`{{ quote (repeat 600000 "x") (repeat 600000 "x") }}`, "the result of quote could be over 1 MiB"},
		{`{{ squote (repeat 600000 "x") (repeat 600000 "x") }}`, "the result of squote would be 1.2 MB"},
		{`{{ concat (until 60000) (until 60000) }}`, "the result of concat would have 120,000 items"},
		{`{{ keys meta.wide meta.wide }}`, "the result of keys would have 120,000 items"},
		{`{{ dict (until 100000) 1 (until 100000) 2 }}`, "the keys of dict could print as more than 1 MiB"},
		{`{{ toJson (list (repeat 400000 "<")) }}`, "the result of toJson could be over 1 MiB"},
		{`{{ mustToJson (list (repeat 400000 "&")) }}`, "the result of mustToJson could be over 1 MiB"},
		{`{{ toRawJson (list (repeat 300000 "\x01")) }}`, "the result of toRawJson could be over 1 MiB"},
		{`{{ mustToRawJson (repeat 300000 "\x01") }}`, "the result of mustToRawJson could be over 1 MiB"},
		{`{{ toPrettyJson (fromJson "` + deep + `") }}`, "the result of toPrettyJson could be over 1 MiB"},
		{`{{ mustToPrettyJson (fromJson "` + deep + `") }}`, "the result of mustToPrettyJson could be over 1 MiB"},
		{`{{ splitList "" (repeat 1000000 "y") }}`, "the result of splitList would have 1,000,000 items"},
		{`{{ split "," (repeat 200000 ",") }}`, "the result of split would have 200,001 items"},
		{`{{ splitn "," -1 (repeat 200000 ",") }}`, "the result of splitn would have 200,001 items"},
		{`{{ regexFindAll "" (repeat 200000 "y") -1 }}`, "the result of regexFindAll would have over 100,000 items"},
		{`{{ mustRegexSplit "y" (repeat 200000 "y") 1000000 }}`, "the result of mustRegexSplit would have over 100,000 items"},
		{`{{ b64enc (repeat 1000000 "x") }}`, "the result of b64enc is 1.3 MB; a value in a placeholder is at most 1 MiB"},
		{`{{ list (repeat 600000 "x") (repeat 600000 "x") }}`, "the result of list could print as over 1 MiB"},
		{`{{ toJson (list meta.half meta.half meta.half) }}`, "the result of list could print as over 1 MiB"},
		// Values from the data are checked before a function or fmt sees them.
		{`{{ meta.big }}`, "meta.big is 31.5 MB; a value in a placeholder is at most 1 MiB"},
		{`{{ meta.big | len }}`, "meta.big is 31.5 MB"},
		{`{{ len meta.big }}`, "meta.big is 31.5 MB"},
		{`{{ eq meta.big meta.big }}`, "meta.big is 31.5 MB"},
		{`{{ meta.aliased }}`, "meta.aliased could print as over 1 MiB"},
		{`{{ add1 meta.aliased }}`, "meta.aliased could print as over 1 MiB"},
		{`{{ toJson meta.aliased }}`, "meta.aliased could print as over 1 MiB"},
		{`{{ index meta.aliased 1 }}`, "meta.aliased could print as over 1 MiB"},
		{`{{ $ }}`, "$ could print as over 1 MiB"},
		{`{{ toString . }}`, ". could print as over 1 MiB"},
		// Work: time, where memory stays small.
		{`{{ regexMatch "(?:a?){1000}c" (repeat 1000000 "a") }}`, "the placeholders so far would do over 256 MiB of work (at regexMatch)"},
		{`{{ uniq (chunk 1 (until 50000)) }}`, "would do over 256 MiB of work (at uniq)"},
		{`{{ without (chunk 1 (until 50000)) (list 1) (list 2) (list 3) (list 4) (list 5) (list 6) (list 7) (list 8) (list 9) (list 10) }}`, ""},
		// The placeholder itself.
		{`{{ "` + strings.Repeat("x", 5000) + `" }}`, "the placeholder is 5.0 kB long; a placeholder is at most 4 KiB"},
	} {
		t.Run(tc.text[:min(len(tc.text), 60)], func(t *testing.T) {
			bounded(t, 64<<20, func() {
				_, err := ev.Eval(tc.text, data)
				if tc.want == "" && err == nil {
					return // bounded in time and memory, and within the limits
				}
				require.Error(t, err)
				assert.ErrorIs(t, err, placeholder.ErrLimit)
				assert.Contains(t, err.Error(), tc.want)
			})
		})
	}
}

func TestNegativeCountsAreClearErrors(t *testing.T) {
	ev := placeholder.New()
	for text, want := range map[string]string{
		`{{ repeat -1 "x" }}`:      "error calling repeat: the count -1 is negative",
		`{{ indent -5 "x" }}`:      "error calling indent: the number of spaces -5 is negative",
		`{{ nindent -5 "x" }}`:     "error calling nindent: the number of spaces -5 is negative",
		`{{ chunk 0 (list 1 2) }}`: "error calling chunk:",
	} {
		_, err := ev.Eval(text, placeholder.Data{})
		require.Error(t, err, text)
		assert.Contains(t, err.Error(), want, text)
		assert.NotErrorIs(t, err, placeholder.ErrLimit, text)
	}
}

func TestValuesUpToTheLimitsAreFilled(t *testing.T) {
	ev := placeholder.New()
	for text, size := range map[string]int{
		`{{ repeat 1048576 "x" }}`:           1 << 20,
		`{{ $x := repeat 1048576 "x" }}`:     0,
		`{{ until 100000 | len }}`:           6,
		`{{ seq 100000 | len }}`:             6,
		`{{ printf "%.999999f" 1.0 | len }}`: 7,
	} {
		out, err := ev.Eval(text, placeholder.Data{})
		require.NoError(t, err, text)
		assert.Len(t, out, size, text)
	}
}

func TestExpandStopsAtMaxWork(t *testing.T) {
	// Each placeholder makes 1 MB, which its text may do 268 times.
	const text = `{{ $x := repeat 1000000 "x" }}`
	src := []byte(strings.Repeat(text+"\n", 20_000))
	var out []byte
	var errs []placeholder.Error
	bounded(t, 512<<20, func() { // made in all; the GC frees each
		out, _, errs = placeholder.New().Expand(src, placeholder.ScanMarkdown(src), placeholder.Data{})
	})
	require.Len(t, errs, 1, "one error for the first placeholder past the limit, none for the rest")
	assert.Equal(t, 268*(len(text)+1), errs[0].Offset)
	assert.True(t, errs[0].Limit)
	assert.Equal(t, text, errs[0].Text)
	assert.Equal(t, "the placeholders so far would do over 256 MiB of work (at the result of repeat): a document's front matter, and its body, each do at most 256 MiB; this one and the rest are left as written", errs[0].Message)
	assert.Equal(t, strings.Repeat("\n", 268)+strings.Repeat(text+"\n", 20_000-268), string(out))
}

func TestExpandStopsAtMaxPlaceholders(t *testing.T) {
	src := []byte(strings.Repeat("{{ 1 }} ", 20_000) + "{{ unclosed")
	var out []byte
	var errs []placeholder.Error
	bounded(t, 256<<20, func() {
		out, _, errs = placeholder.New().Expand(src, placeholder.ScanMarkdown(src), placeholder.Data{})
	})
	require.Len(t, errs, 1)
	assert.Equal(t, placeholder.MaxPlaceholders*len("{{ 1 }} "), errs[0].Offset, "the first placeholder past the limit")
	assert.True(t, errs[0].Limit)
	assert.Equal(t, "over 10,000 placeholders: a document's front matter, and its body, each fill at most 10,000; this one and the rest are left as written", errs[0].Message)
	want := strings.Repeat("1 ", placeholder.MaxPlaceholders) + strings.Repeat("{{ 1 }} ", 20_000-placeholder.MaxPlaceholders) + "{{ unclosed"
	assert.Equal(t, want, string(out))
}

func TestExpandStopsAtMaxExpanded(t *testing.T) {
	src := []byte(strings.Repeat("{{ repeat 1000000 \"x\" }}\n", 40) + "after\n")
	out, m, errs := placeholder.New().Expand(src, placeholder.ScanMarkdown(src), placeholder.Data{})
	require.Len(t, errs, 1)
	assert.Equal(t, 33*len("{{ repeat 1000000 \"x\" }}\n"), errs[0].Offset, "33 MB pass 32 MiB")
	assert.Equal(t, "the placeholders so far would add over 32 MiB: a document's front matter, and its body, each add at most 32 MiB; this one and the rest are left as written", errs[0].Message)
	assert.True(t, bytes.HasPrefix(out, []byte(strings.Repeat(strings.Repeat("x", 1000000)+"\n", 33))))
	assert.True(t, bytes.HasSuffix(out, []byte(strings.Repeat("{{ repeat 1000000 \"x\" }}\n", 7)+"after\n")))
	assert.Equal(t, len(src), m.Source(len(out)))
}

func TestTextStopsForItsFollowingPlaceholders(t *testing.T) {
	ev := placeholder.New()
	text := ev.Text()
	defer text.Close()
	for range placeholder.MaxPlaceholders {
		_, err := text.Eval("{{ 1 }}", placeholder.Data{})
		require.NoError(t, err)
	}
	assert.False(t, text.Stopped())
	_, err := text.Eval("{{ 1 }}", placeholder.Data{})
	assert.ErrorIs(t, err, placeholder.ErrLimit)
	assert.True(t, text.Stopped())

	other := ev.Text() // another text has limits of its own
	defer other.Close()
	out, err := other.Eval("{{ 1 }}", placeholder.Data{})
	require.NoError(t, err)
	assert.Equal(t, "1", out)
}

func TestLimitErrorsAreErrLimit(t *testing.T) {
	_, err := placeholder.New().Eval(`{{ repeat 2000000 "x" }}`, placeholder.Data{})
	assert.True(t, errors.Is(err, placeholder.ErrLimit))
	_, err = placeholder.New().Eval(`{{ meta.nobody }}`, placeholder.Data{"meta": map[string]any{}})
	assert.False(t, errors.Is(err, placeholder.ErrLimit))
}

func TestScanMarkdownStopsPastMaxPlaceholders(t *testing.T) {
	for _, src := range []string{strings.Repeat("{{ 1 }}\n", 1<<20), strings.Repeat("{{ 1 }}", 1<<20)} {
		var acts []placeholder.Action
		bounded(t, 16<<20, func() { acts = placeholder.ScanMarkdown([]byte(src)) })
		require.Len(t, acts, placeholder.MaxPlaceholders+1, "Expand fills no more")
	}
}
