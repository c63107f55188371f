package placeholder_test

import (
	"strings"
	"testing"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/placeholder"
)

// execute runs text with the functions funcs, giving its output or error.
func execute(t *testing.T, funcs template.FuncMap, text string) (string, string) {
	t.Helper()
	tmpl, err := template.New("").Funcs(funcs).Parse(text)
	require.NoError(t, err, text)
	var b strings.Builder
	if err := tmpl.Execute(&b, map[string]any{"list": []any{"b", 1, nil, []any{2, "c"}}, "words": []string{"x", "y"}}); err != nil {
		return "", err.Error()
	}
	return b.String(), ""
}

func TestBoundedFunctionsGiveWhatSprigGives(t *testing.T) {
	for _, text := range []string{
		`{{ repeat 3 "ab" }}`, `{{ repeat 0 "ab" }}`, `{{ "ab" | repeat 2 }}`,
		`{{ indent 2 "a\nb\n" }}`, `{{ nindent 4 "a" }}`, `{{ indent 0 "" }}`,
		`{{ replace "a" "bb" "banana" }}`, `{{ replace "" "-" "héllo" }}`, `{{ replace "an" "" "banana" }}`,
		`{{ until 5 }}`, `{{ until -3 }}`, `{{ until 0 }}`,
		`{{ untilStep 1 10 3 }}`, `{{ untilStep 10 1 -3 }}`, `{{ untilStep 0 5 0 }}`, `{{ untilStep 5 0 1 }}`, `{{ untilStep -5 5 4 }}`,
		`{{ seq 5 }}`, `{{ seq -3 }}`, `{{ seq 0 }}`, `{{ seq 2 5 }}`, `{{ seq 5 2 }}`, `{{ seq 0 2 10 }}`, `{{ seq 10 -2 0 }}`,
		`{{ seq 10 2 0 }}`, `{{ seq 0 -2 10 }}`, `{{ seq }}`, `{{ seq 1 2 3 4 }}`, `{{ seq 9223372036854775807 }}`,
		`{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}`, `{{ mustRegexReplaceAll "a(x*)b" "-ab-axxb-" "$1$1" }}`,
		`{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}`, `{{ mustRegexReplaceAllLiteral "" "abc" "-" }}`,
		`{{ regexReplaceAll "" "héllo" "-" }}`, `{{ mustRegexReplaceAll "(" "x" "y" }}`, `{{ regexReplaceAll "(" "x" "y" }}`,
		`{{ regexFindAll "a." "abacad" -1 }}`, `{{ regexFindAll "a." "abacad" 2 }}`, `{{ regexFindAll "a." "abacad" 0 }}`,
		`{{ regexFindAll "z" "abc" -1 }}`, `{{ mustRegexFindAll "a." "abacad" 1000000 }}`, `{{ mustRegexFindAll "(" "x" 1 }}`,
		`{{ regexSplit "z+" "pizza" -1 }}`, `{{ regexSplit "z+" "pizza" 1 }}`, `{{ regexSplit "" "abc" -1 }}`,
		`{{ regexSplit "a" "" -1 }}`, `{{ mustRegexSplit "z+" "pizza" 0 }}`, `{{ mustRegexSplit "x*" "axbxxc" 200000 }}`,
		`{{ regexMatch "^a.c$" "abc" }}`, `{{ mustRegexMatch "(" "abc" }}`, `{{ regexFind "b+" "abbbc" }}`, `{{ mustRegexFind "b+" "ac" }}`,
		`{{ wrap 5 "the quick brown fox jumps over" }}`, `{{ wrap 0 "a b" }}`, `{{ wrap 3 "  lead  and   spaces  " }}`,
		`{{ wrap 4 "averylongword and more" }}`, `{{ wrapWith 5 "\t" "the quick brown fox" }}`, `{{ wrapWith 3 "|" "abcdefghij" }}`,
		`{{ wrapWith 2 "" "ab cd ef" }}`, `{{ wrap 10 "" }}`,
		`{{ join "," .list }}`, `{{ join "-" (until 4) }}`, `{{ join ", " .words }}`, `{{ join "," "one" }}`, `{{ join "," nil }}`,
		`{{ cat "a" 1 nil .list }}`, `{{ cat }}`, `{{ concat (list 1 2) (until 3) .words }}`, `{{ concat }}`,
		`{{ toJson .list }}`, `{{ toPrettyJson (dict "a" (list 1 "<x>") "b" (dict)) }}`, `{{ toRawJson (dict "a" "<&>") }}`,
		`{{ mustToJson "<" }}`, `{{ mustToPrettyJson .list }}`, `{{ mustToRawJson .words }}`, `{{ toJson nil }}`,
		`{{ quote "a" 1 nil .list }}`, `{{ squote "a" 1 nil .words }}`,
		`{{ split "," "a,b,c" }}`, `{{ splitn "," 2 "a,b,c" }}`, `{{ splitn "," 0 "a,b" }}`, `{{ splitList "" "héllo" }}`,
		`{{ splitList "," "" }}`, `{{ splitList "" "" }}`,
		`{{ keys (dict "a" 1) (dict "b" 2) | sortAlpha }}`, `{{ dict 1 2 "a" "b" "c" }}`, `{{ dict .list 1 }}`,
		`{{ uniq (list 1 1 "a" (list 1) (list 1) 2.5 2.5 nil nil) }}`, `{{ mustUniq .words }}`, `{{ uniq "x" }}`, `{{ mustUniq "x" }}`,
		`{{ without (list 1 2 (list 3) "x" 1) 1 (list 3) }}`, `{{ mustWithout .list nil 1 }}`, `{{ mustWithout 3 1 }}`,
		`{{ print "a" 1 2 "b" nil }}`, `{{ println 1 "a" }}`, `{{ printf "%5.2f|%-4d|%q|%x|%v|%[1]T" 3.14159 42 "hi" "hi" .list }}`,
		`{{ printf "%d %s" }}`, `{{ printf "%d" 1 2 }}`, `{{ printf "%*d|%.*f" 5 42 2 3.14159 }}`,
		`{{ html "<a href='x'>&" }}`, `{{ html 1 "<" }}`, `{{ js "a'b<\u2028" }}`, `{{ urlquery "a b&c" }}`,
	} {
		want, wantErr := execute(t, sprig.TxtFuncMap(), text)
		got, gotErr := execute(t, placeholder.Funcs(), text)
		assert.Equal(t, want, got, text)
		if wantErr != "" {
			assert.NotEmpty(t, gotErr, "%s: sprig's gives %s", text, wantErr)
		} else {
			assert.Empty(t, gotErr, text)
		}
	}
}
