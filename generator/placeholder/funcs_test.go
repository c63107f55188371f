package placeholder_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/Masterminds/sprig/v3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/placeholder"
)

// pure are the sprig functions documents may use, each read and found to
// compute its result from its arguments alone, without changing them. A
// newer sprig with a function not in this list, or in placeholder.Withheld,
// fails this test until the function has been read.
var pure = strings.Fields(`
	abbrev abbrevboth add add1 add1f addf adler32sum all any append atoi b32dec b32enc b64dec b64enc
	base biggest camelcase cat ceil chunk clean coalesce compact concat contains deepCopy deepEqual
	default dict dig dir div divf duration empty ext fail first float64 floor fromJson get has hasKey
	hasPrefix hasSuffix indent initial initials int int64 isAbs join kebabcase keys kindIs kindOf last
	list lower max maxf min minf mod mul mulf mustAppend mustChunk mustCompact mustDeepCopy
	mustFirst mustFromJson mustHas mustInitial mustLast mustPrepend mustPush mustRegexFind
	mustRegexFindAll mustRegexMatch mustRegexReplaceAll mustRegexReplaceAllLiteral mustRegexSplit
	mustRest mustReverse mustSlice mustToJson mustToPrettyJson mustToRawJson mustUniq mustWithout
	nindent nospace omit pick plural pluck prepend push quote regexFind regexFindAll regexMatch
	regexQuoteMeta regexReplaceAll regexReplaceAllLiteral regexSplit repeat replace rest reverse
	round semver semverCompare seq sha1sum sha256sum sha512sum slice snakecase sortAlpha split
	splitList splitn squote sub subf substr swapcase ternary title toDecimal toJson toPrettyJson
	toRawJson toString toStrings trim trimAll trimPrefix trimSuffix trimall trunc tuple typeIs
	typeIsLike typeOf uniq until untilStep untitle upper urlJoin urlParse values without wrap wrapWith
	hello
`)

func TestEverySprigFunctionIsEitherPureOrWithheld(t *testing.T) {
	for name := range sprig.TxtFuncMap() {
		_, withheld := placeholder.Withheld[name]
		assert.True(t, withheld != slices.Contains(pure, name),
			"sprig's %q must be listed once: as pure in this test after reading it, or in placeholder.Withheld", name)
	}
	funcs := placeholder.Funcs()
	for name := range placeholder.Withheld {
		assert.NotContains(t, funcs, name)
	}
	for _, name := range pure {
		if _, ok := sprig.TxtFuncMap()[name]; ok {
			assert.Contains(t, funcs, name)
		}
	}
}

func TestContentCannotChangeSharedValues(t *testing.T) {
	e := placeholder.New()
	shared := map[string]any{"owner": "CIO", "contact": map[string]any{"email": "a@example.org"}, "list": []string{"b", "a"}}
	for _, text := range []string{
		`{{ $_ := set meta "k" "secret" }}`,
		`{{ $_ := unset meta "owner" }}`,
		`{{ $_ := merge meta (dict "k" "secret") }}`,
		`{{ $_ := mergeOverwrite meta.contact (dict "email" "x") }}`,
		`{{ $_ := mustMerge meta (dict "k" "secret") }}`,
		`{{ $_ := mustMergeOverwrite meta (dict "k" "secret") }}`,
	} {
		_, err := e.Eval(text, placeholder.Data{"meta": shared})
		require.Error(t, err, text)
		assert.Contains(t, err.Error(), "is not available: it changes a value that other documents share", text)
	}
	out, err := e.Eval(`{{ meta.list | sortAlpha | join "," }} {{ $_ := append meta.list "c" }}{{ $_ := prepend meta.list "z" }}`, placeholder.Data{"meta": shared})
	require.NoError(t, err)
	assert.Equal(t, "a,b ", out)
	assert.Equal(t, map[string]any{"owner": "CIO", "contact": map[string]any{"email": "a@example.org"}, "list": []string{"b", "a"}}, shared,
		"no function changed the shared values")
}

func TestContentCannotReadTheClockOrTheMachine(t *testing.T) {
	e := placeholder.New()
	for text, reason := range map[string]string{
		`{{ now }}`:                              "it reads the clock or the machine's time zone",
		`{{ toDate "2006-01-02" "2026-01-01" }}`: "it reads the clock or the machine's time zone",
		`{{ durationRound "2h" }}`:               "it reads the clock or the machine's time zone",
		`{{ ago "2026-01-01" }}`:                 "it reads the clock or the machine's time zone",
		`{{ env "HOME" }}`:                       "it reads the environment or the network",
		`{{ randAlpha 5 }}`:                      "its result is random",
		`{{ osBase "a/b" }}`:                     "its result depends on the operating system",
	} {
		_, err := e.Eval(text, placeholder.Data{})
		require.Error(t, err, text)
		assert.Contains(t, err.Error(), reason, text)
	}
}
