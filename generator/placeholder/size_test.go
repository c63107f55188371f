package placeholder

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/Masterminds/sprig/v3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sizedValues are values of every kind a placeholder can hold.
func sizedValues(t testing.TB) []any {
	// sprig's semver returns a *semver.Version, a Stringer and a json.Marshaler.
	version := reflect.ValueOf(sprig.TxtFuncMap()["semver"]).Call([]reflect.Value{reflect.ValueOf("1.2.3-rc.1")})[0].Interface()
	n := 7
	return []any{
		nil, true, 42, -7, int64(math.MinInt64), uint8(200), uint64(math.MaxUint64), 3.14159, 1e308, -1e-300,
		float32(1.5), complex(1, -2), "", "héllo\x00\"<>&\u2028\xff\t`",
		[]byte("ab\x00<"), []any{1, "a", nil, []any{2, 3.5}}, map[string]any{"a": 1, "b": []any{"x", nil}},
		map[int]string{1: "a", -2: "b"}, []int{1, 2, 3}, [2]string{"a", "b"},
		struct {
			A int
			b string
		}{1, "x"},
		&struct{ A []int }{[]int{1}}, version, []any{version}, errors.New("boom"), time.Duration(5),
		[]*int{&n}, map[string]any(nil), []any(nil), (*int)(nil), make(chan int), []string{"a", "<b>"},
	}
}

var directives = strings.Fields(`%v %+v %#v %s %q %x %X %d %5d %-8v %08.3f %e %g %b %o %O %c %U %t %T
	%10.3s %.2s %p %6.2v %+q %#q %#x %.0f %999d %.30f % d %+d`)

func TestFmtSizeIsAnUpperBound(t *testing.T) {
	for _, v := range sizedValues(t) {
		for _, d := range append(directives, "% x", "% #x", "%[1]v%[1]q") {
			want := len(fmt.Sprintf(d, v))
			got := printfSize(d, []any{v}, math.MaxInt)
			assert.GreaterOrEqual(t, got, want, "%s of %#v: %q", d, v, fmt.Sprintf(d, v))
		}
		assert.GreaterOrEqual(t, printSize(v, math.MaxInt), len(fmt.Sprint(v)), "%#v", v)
	}
}

func TestPrintfSizeCountsEveryArgument(t *testing.T) {
	args := []any{"ab", 12, []any{"c", 3}}
	for _, format := range []string{
		"", "plain", "%", "%%", "%d", "%s %d %v", "%s %d %v %v", "%!", "%[2]d %[1]s", "%[3]v %v", "%[9]d", "%[x]d",
		"%*d", "%-*d", "%.*d", "%[2]*[1]d", "%[5]*d", "%.[2]*[1]d", "%s %s", "%d %d %d %d", "%[1]s%[1]s%[1]s",
	} {
		want := len(fmt.Sprintf(format, args...))
		assert.GreaterOrEqual(t, printfSize(format, args, math.MaxInt), want, "%q: %q", format, fmt.Sprintf(format, args...))
	}
}

// FuzzPrintfSize checks that printfSize counts at least what fmt.Sprintf
// writes, whatever the format.
func FuzzPrintfSize(f *testing.F) {
	for _, d := range directives {
		f.Add(d+" and "+d, "héllo", int64(-42))
	}
	f.Add("%[2]*[1]d|%-+#0 9.3[3]v", "", int64(5))
	f.Fuzz(func(t *testing.T, format, s string, n int64) {
		args := []any{s, n, []any{s, n, nil}, 2.5, map[string]any{s: n}, []byte(s)}
		if strings.Contains(format, "*") && (n > 1e4 || n < -1e4) {
			return // widths from arguments are up to a million: fine for fmt, slow for fuzzing
		}
		out := fmt.Sprintf(format, args...)
		require.GreaterOrEqual(t, printfSize(format, args, math.MaxInt), len(out), "%q: %q", format, out)
	})
}

func TestJSONSizeIsAnUpperBound(t *testing.T) {
	for _, v := range sizedValues(t) {
		if b, err := json.Marshal(v); err == nil {
			assert.GreaterOrEqual(t, jsonSize(v, true, false, math.MaxInt), len(b), "%#v: %s", v, b)
		}
		if b, err := json.MarshalIndent(v, "", "  "); err == nil {
			assert.GreaterOrEqual(t, jsonSize(v, true, true, math.MaxInt), len(b), "%#v: %s", v, b)
		}
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err == nil {
			assert.GreaterOrEqual(t, jsonSize(v, false, false, math.MaxInt), b.Len()-1, "%#v: %s", v, b.String())
		}
	}
	deep := []any{}
	for range 100 {
		deep = []any{deep, "x"}
	}
	b, err := json.MarshalIndent(deep, "", "  ")
	require.NoError(t, err)
	assert.GreaterOrEqual(t, jsonSize(deep, true, true, math.MaxInt), len(b))
}

func TestSizesAreExactForStringsAndCloseForLists(t *testing.T) {
	assert.Equal(t, len("héllo"), printSize("héllo", MaxText))
	list, err := untilStep("until", 0, 100_000, 1)
	require.NoError(t, err)
	printed := len(fmt.Sprint(list))
	assert.LessOrEqual(t, printSize(list, math.MaxInt), 2*printed, "a list of numbers is not refused long before it prints to the limit")
}

func TestSizersStopAtTheirLimit(t *testing.T) {
	// A list holding one long string a million times measures no further
	// than its limit.
	half := strings.Repeat("x", 1<<19)
	list := make([]any, 1_000_000)
	for i := range list {
		list[i] = half
	}
	for _, size := range []int{printSize(list, MaxText), jsonSize(list, true, true, MaxText), printfSize("%v%q", []any{list, list}, MaxText)} {
		assert.Greater(t, size, MaxText)
		assert.Less(t, size, 4*MaxText)
	}
}

func TestWrapSizeIsTheLengthOfWrap(t *testing.T) {
	for _, s := range []string{"", "a", "the quick brown fox jumps over the lazy dog", "  lead and   many   spaces  ",
		"averyveryverylongword and short ones", "x y", strings.Repeat("ab ", 100), strings.Repeat("-", 50)} {
		for _, width := range []int{-1, 0, 1, 2, 3, 5, 8, 100} {
			wrap := sprig.TxtFuncMap()["wrap"].(func(int, string) string)
			assert.Equal(t, float64(len(wrap(width, s))), wrapSize(s, width, "", false), "%q %d", s, width)
			for _, sep := range []string{"", "\n", "<br>"} {
				wrapWith := sprig.TxtFuncMap()["wrapWith"].(func(int, string, string) string)
				assert.Equal(t, float64(len(wrapWith(width, sep, s))), wrapSize(s, width, sep, true), "%q %d %q", s, width, sep)
			}
		}
	}
}
