package placeholder

import (
	"fmt"
	"reflect"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"
)

// sprigFunc returns sprig's function name from f as a T. A sprig whose
// function has another signature fails every test that builds Funcs.
func sprigFunc[T any](f template.FuncMap, name string) T {
	fn, ok := f[name].(T)
	if !ok {
		panic(fmt.Sprintf("placeholder: sprig's %s is a %T, not a %T", name, f[name], fn))
	}
	return fn
}

// bound replaces in f the functions whose result can be much larger than
// their arguments (or take much longer than reading them) by versions that
// check, before they allocate, that the result stays within MaxText and
// MaxList. Within those limits each does what sprig's does: the most call
// sprig's own function once the check has passed. m counts their work; it
// may be nil.
func bound(f template.FuncMap, m *meter) {
	f["repeat"] = func(count int, str string) (string, error) {
		if count < 0 {
			return "", fmt.Errorf("the count %d is negative", count)
		}
		if mulSat(count, len(str)) > MaxText {
			return "", tooLong("repeat", float64(count)*float64(len(str)))
		}
		return strings.Repeat(str, count), nil
	}
	for _, name := range []string{"indent", "nindent"} {
		fn := sprigFunc[func(int, string) string](f, name)
		f[name] = func(spaces int, v string) (string, error) {
			if spaces < 0 {
				return "", fmt.Errorf("the number of spaces %d is negative", spaces)
			}
			lines := strings.Count(v, "\n") + 1
			if size := float64(spaces)*float64(lines) + float64(len(v)) + 1; size > MaxText {
				return "", tooLong(name, size)
			}
			return fn(spaces, v), nil
		}
	}
	f["replace"] = func(old, new, src string) (string, error) {
		n := strings.Count(src, old) // with old "", the runes and one
		if size := float64(len(src)) + float64(n)*(float64(len(new))-float64(len(old))); size > MaxText {
			return "", tooLong("replace", size)
		}
		return strings.Replace(src, old, new, -1), nil
	}
	f["until"] = func(count int) ([]int, error) {
		step := 1
		if count < 0 {
			step = -1
		}
		return untilStep("until", 0, count, step)
	}
	f["untilStep"] = func(start, stop, step int) ([]int, error) {
		return untilStep("untilStep", start, stop, step)
	}
	f["seq"] = seq
	wrap := sprigFunc[func(int, string) string](f, "wrap")
	f["wrap"] = func(l int, s string) (string, error) {
		if size := wrapSize(s, l, "", false); size > MaxText {
			return "", tooLong("wrap", size)
		}
		return wrap(l, s), nil
	}
	wrapWith := sprigFunc[func(int, string, string) string](f, "wrapWith")
	f["wrapWith"] = func(l int, sep, str string) (string, error) {
		if size := wrapSize(str, l, sep, true); size > MaxText {
			return "", tooLong("wrapWith", size)
		}
		return wrapWith(l, sep, str), nil
	}
	join := sprigFunc[func(string, any) string](f, "join")
	f["join"] = func(sep string, v any) (string, error) {
		items, size, exact := strvalSize(v)
		seps := float64(max(items-1, 0)) * float64(len(sep))
		switch {
		case size+seps <= MaxText:
		case exact:
			return "", tooLong("join", size+seps)
		case seps > MaxText:
			return "", tooLongOver("join", seps)
		default:
			return "", tooLongAtLeast("join")
		}
		return join(sep, v), nil
	}
	cat := sprigFunc[func(...any) string](f, "cat")
	f["cat"] = func(v ...any) (string, error) {
		size, exact := sprinted(v)
		if size += float64(max(len(v)-1, 0)); size > MaxText {
			return "", tooLongIf("cat", size, exact)
		}
		return cat(v...), nil
	}
	quote := sprigFunc[func(...any) string](f, "quote")
	f["quote"] = func(v ...any) (string, error) {
		size := 0.0
		for _, x := range v {
			size += 4*float64(printSize(x, MaxText)) + 3
		}
		if size > MaxText {
			return "", tooLongAtLeast("quote")
		}
		return quote(v...), nil
	}
	squote := sprigFunc[func(...any) string](f, "squote")
	f["squote"] = func(v ...any) (string, error) {
		size, exact := sprinted(v)
		if size += 3*float64(len(v)) - 1; size > MaxText {
			return "", tooLongIf("squote", size, exact)
		}
		return squote(v...), nil
	}
	dict := sprigFunc[func(...any) map[string]any](f, "dict")
	f["dict"] = func(v ...any) (map[string]any, error) {
		size := 0.0 // of the keys that are not strings, which dict prints
		for i := 0; i < len(v); i += 2 {
			if _, ok := v[i].(string); !ok {
				size += float64(printSize(v[i], MaxText))
			}
		}
		if size > MaxText {
			return nil, limitf("the keys of dict could print as more than %s; a placeholder function makes at most %s", iec(MaxText), iec(MaxText))
		}
		return dict(v...), nil
	}
	concat := sprigFunc[func(...any) any](f, "concat")
	f["concat"] = func(lists ...any) (any, error) {
		n := 0.0
		for _, l := range lists {
			if v := reflect.ValueOf(l); v.Kind() == reflect.Slice || v.Kind() == reflect.Array {
				n += float64(v.Len())
			}
		}
		if n > MaxList {
			return nil, tooMany("concat", n)
		}
		return concat(lists...), nil
	}
	keys := sprigFunc[func(...map[string]any) []string](f, "keys")
	f["keys"] = func(dicts ...map[string]any) ([]string, error) {
		n := 0.0
		for _, d := range dicts {
			n += float64(len(d))
		}
		if n > MaxList {
			return nil, tooMany("keys", n)
		}
		return keys(dicts...), nil
	}
	split := sprigFunc[func(string, string) map[string]string](f, "split")
	f["split"] = func(sep, orig string) (map[string]string, error) {
		if n := parts(orig, sep, -1); n > MaxList {
			return nil, tooMany("split", float64(n))
		}
		return split(sep, orig), nil
	}
	splitn := sprigFunc[func(string, int, string) map[string]string](f, "splitn")
	f["splitn"] = func(sep string, n int, orig string) (map[string]string, error) {
		if k := parts(orig, sep, n); k > MaxList {
			return nil, tooMany("splitn", float64(k))
		}
		return splitn(sep, n, orig), nil
	}
	f["splitList"] = func(sep, orig string) ([]string, error) {
		if n := parts(orig, sep, -1); n > MaxList {
			return nil, tooMany("splitList", float64(n))
		}
		return strings.Split(orig, sep), nil
	}
	for _, name := range []string{"toJson", "mustToJson", "toPrettyJson", "mustToPrettyJson", "toRawJson", "mustToRawJson"} {
		pretty := strings.Contains(name, "Pretty")
		html := !strings.Contains(name, "Raw")
		fn := f[name]
		f[name] = func(v any) (string, error) {
			if jsonSize(v, html, pretty, MaxText) > MaxText {
				return "", tooLongAtLeast(name)
			}
			if must, ok := fn.(func(any) (string, error)); ok {
				return must(v)
			}
			return fn.(func(any) string)(v), nil
		}
	}
	boundRegex(f, m)
	for _, name := range []string{"uniq", "mustUniq"} {
		fn := f[name]
		f[name] = func(list any) ([]any, error) {
			v := reflect.ValueOf(list)
			if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
				return callList(fn, list) // sprig's error
			}
			var seen set
			dest := []any{}
			for i := range v.Len() {
				item := v.Index(i).Interface()
				if !seen.has(m, name, item) {
					seen.add(item)
					dest = append(dest, item)
				}
			}
			return dest, nil
		}
	}
	for _, name := range []string{"without", "mustWithout"} {
		fn := f[name]
		f[name] = func(list any, omit ...any) ([]any, error) {
			v := reflect.ValueOf(list)
			if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
				return callList(fn, list, omit...)
			}
			var omitted set
			for _, o := range omit {
				omitted.add(o)
			}
			res := []any{}
			for i := range v.Len() {
				if item := v.Index(i).Interface(); !omitted.has(m, name, item) {
					res = append(res, item)
				}
			}
			return res, nil
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// tooLongIf is tooLong when size is exact, and tooLongAtLeast when it is
// only an upper bound.
func tooLongIf(fn string, size float64, exact bool) *limitError {
	if exact {
		return tooLong(fn, size)
	}
	return tooLongAtLeast(fn)
}

// callList calls sprig's list function fn, of either signature, for the
// error it gives a value that is no list.
func callList(fn any, list any, rest ...any) (out []any, err error) {
	switch fn := fn.(type) {
	case func(any) []any:
		return fn(list), nil
	case func(any) ([]any, error):
		return fn(list)
	case func(any, ...any) []any:
		return fn(list, rest...), nil
	case func(any, ...any) ([]any, error):
		return fn(list, rest...)
	}
	panic(fmt.Sprintf("placeholder: unexpected list function %T", fn))
}

// set holds values to compare as reflect.DeepEqual does: values of basic
// kinds in a map, where DeepEqual is ==, and others in a list.
type set struct {
	basic  map[any]struct{}
	others []any
	sizes  []int
}

func isBasic(k reflect.Kind) bool {
	return k >= reflect.Bool && k <= reflect.Complex128 || k == reflect.String
}

func (s *set) add(x any) {
	if isBasic(reflect.ValueOf(x).Kind()) {
		if s.basic == nil {
			s.basic = map[any]struct{}{}
		}
		s.basic[x] = struct{}{}
		return
	}
	s.others = append(s.others, x)
	s.sizes = append(s.sizes, printSize(x, MaxText))
}

// has reports whether s holds a value DeepEqual to x, counting each
// comparison with a value of no basic kind as work.
func (s *set) has(m *meter, fn string, x any) bool {
	if isBasic(reflect.ValueOf(x).Kind()) {
		_, ok := s.basic[x]
		return ok
	}
	size := printSize(x, MaxText)
	for i, o := range s.others {
		m.spend(fn, 16+min(size, s.sizes[i]))
		if reflect.DeepEqual(x, o) {
			return true
		}
	}
	return false
}

// untilStep is sprig's untilStep, counting its items before it makes them.
func untilStep(fn string, start, stop, step int) ([]int, error) {
	var n uint64
	switch {
	case stop < start && step < 0:
		diff, by := uint64(start)-uint64(stop), uint64(0)-uint64(step)
		n = diff/by + uint64(btoi(diff%by != 0))
	case stop > start && step > 0:
		diff, by := uint64(stop)-uint64(start), uint64(step)
		n = diff/by + uint64(btoi(diff%by != 0))
	}
	if n > MaxList {
		return nil, tooMany(fn, float64(n))
	}
	v := make([]int, n)
	for i := range v {
		v[i] = start + i*step
	}
	return v, nil
}

// seq is sprig's seq, counting its numbers before it writes them.
func seq(params ...int) (string, error) {
	var start, stop, step int
	switch len(params) {
	case 1:
		start, step = 1, 1
		if params[0] < start {
			step = -1
		}
		stop = params[0] + step
	case 2:
		start, step = params[0], 1
		if params[1] < start {
			step = -1
		}
		stop = params[1] + step
	case 3:
		start, step, stop = params[0], params[1], params[2]+1
		if params[2] < start {
			if step > 0 {
				return "", nil
			}
			stop = params[2] - 1
		}
	default:
		return "", nil
	}
	nums, err := untilStep("seq", start, stop, step)
	if err != nil {
		return "", err
	}
	size := float64(max(len(nums)-1, 0))
	for _, n := range nums {
		var buf [24]byte
		size += float64(len(strconv.AppendInt(buf[:0], int64(n), 10)))
	}
	if size > MaxText {
		return "", tooLong("seq", size)
	}
	var b strings.Builder
	b.Grow(int(size))
	for i, n := range nums {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(n))
	}
	return b.String(), nil
}

// parts counts the strings strings.SplitN(s, sep, n) returns.
func parts(s, sep string, n int) int {
	if n == 0 {
		return 0
	}
	k := strings.Count(s, sep) + 1
	if sep == "" {
		k = utf8.RuneCountInString(s)
	}
	if n > 0 {
		k = min(k, n)
	}
	return k
}

// strvalSize counts what sprig's strslice makes of v: its strings and
// their bytes, and whether that count is exact rather than an upper bound.
func strvalSize(v any) (items int, size float64, exact bool) {
	exact = true
	item := func(x any) {
		if x == nil {
			return
		}
		items++
		switch x := x.(type) {
		case string:
			size += float64(len(x))
		case []byte:
			size += float64(len(x))
		default:
			size += float64(printSize(x, MaxText))
			exact = false
		}
	}
	switch l := v.(type) {
	case []string:
		for _, s := range l {
			items++
			size += float64(len(s))
		}
		return items, size, exact
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		for i := 0; i < rv.Len() && size <= MaxText; i++ {
			item(rv.Index(i).Interface())
		}
	default:
		item(v)
	}
	return items, size, exact
}

// wrapSize is the length of goutils' WrapCustom(str, wrapLength,
// newLineStr, wrapLongWords), which sprig's wrap and wrapWith return,
// counted by following its steps without writing.
func wrapSize(str string, wrapLength int, newLineStr string, wrapLongWords bool) float64 {
	if str == "" {
		return 0
	}
	if newLineStr == "" {
		newLineStr = "\n"
	}
	wrapLength = max(wrapLength, 1)
	sep := float64(len(newLineStr))
	size := 0.0
	offset := 0
	for len(str)-offset > wrapLength {
		if str[offset] == ' ' {
			offset++
			continue
		}
		spaceToWrapAt := strings.LastIndex(str[offset:wrapLength+offset+1], " ") + offset
		switch {
		case spaceToWrapAt >= offset:
			size += float64(spaceToWrapAt-offset) + sep
			offset = spaceToWrapAt + 1
		case wrapLongWords:
			size += float64(wrapLength) + sep
			offset += wrapLength
		default:
			end := wrapLength + offset
			index := strings.IndexRune(str[end:], ' ')
			if index == -1 {
				size += float64(len(str) - offset)
				offset = len(str)
			} else {
				size += float64(index+end-offset) + sep
				offset = index + end + 1
			}
		}
	}
	return size + float64(len(str)-offset)
}

// boundRegex bounds the regular expression functions: each counts its
// work as the size of its compiled program times the text it reads, and
// those that make lists or new text count their matches first.
func boundRegex(f template.FuncMap, m *meter) {
	for _, name := range []string{"regexMatch", "mustRegexMatch", "regexFind", "mustRegexFind"} {
		switch fn := f[name].(type) {
		case func(string, string) bool:
			f[name] = func(regex, s string) bool { m.regex(name, regex, s, 1); return fn(regex, s) }
		case func(string, string) (bool, error):
			f[name] = func(regex, s string) (bool, error) { m.regex(name, regex, s, 1); return fn(regex, s) }
		case func(string, string) string:
			f[name] = func(regex, s string) string { m.regex(name, regex, s, 1); return fn(regex, s) }
		case func(string, string) (string, error):
			f[name] = func(regex, s string) (string, error) { m.regex(name, regex, s, 1); return fn(regex, s) }
		default:
			panic(fmt.Sprintf("placeholder: sprig's %s is a %T", name, fn))
		}
	}
	for _, name := range []string{"regexFindAll", "mustRegexFindAll", "regexSplit", "mustRegexSplit"} {
		must := strings.HasPrefix(name, "must")
		split := strings.HasSuffix(name, "Split")
		f[name] = func(regex, s string, n int) ([]string, error) {
			r, err := compile(regex, must)
			if err != nil {
				return []string{}, err
			}
			m.regex(name, regex, s, 2)
			if n < 0 || n > MaxList {
				// Split returns one more string than the matches.
				if k := len(r.FindAllStringIndex(s, MaxList+2)); k > MaxList+btoi(split) {
					return nil, limitf("the result of %s would have over %s items; a placeholder function makes at most %s", name, count(MaxList), count(MaxList))
				}
			}
			if split {
				return r.Split(s, n), nil
			}
			return r.FindAllString(s, n), nil
		}
	}
	for _, name := range []string{"regexReplaceAll", "mustRegexReplaceAll", "regexReplaceAllLiteral", "mustRegexReplaceAllLiteral"} {
		must := strings.HasPrefix(name, "must")
		literal := strings.HasSuffix(name, "Literal")
		f[name] = func(regex, s, repl string) (string, error) {
			r, err := compile(regex, must)
			if err != nil {
				return "", err
			}
			m.regex(name, regex, s, 2)
			// Each $name of repl writes a group, which lies in its match.
			refs := 0
			if !literal {
				refs = strings.Count(repl, "$")
			}
			matches, matched := 0, 0
			r.ReplaceAllStringFunc(s, func(match string) string {
				matches++
				matched += len(match)
				return ""
			})
			if size := float64(len(s)-matched) + float64(matches)*float64(len(repl)) + float64(refs)*float64(matched); size > MaxText {
				return "", tooLongIf(name, size, refs == 0)
			}
			if literal {
				return r.ReplaceAllLiteralString(s, repl), nil
			}
			return r.ReplaceAllString(s, repl), nil
		}
	}
}

// compile compiles a regular expression as sprig does: the must functions
// return the error, the others panic with it, which text/template reports.
func compile(regex string, must bool) (*regexp.Regexp, error) {
	if must {
		return regexp.Compile(regex)
	}
	return regexp.MustCompile(regex), nil
}

// regex counts the work of matching regex against s, passes times: the
// regular expression's program may run each of its instructions on each
// byte of s.
func (m *meter) regex(fn, regex, s string, passes int) {
	if m == nil {
		return
	}
	insts := len(regex)
	if re, err := syntax.Parse(regex, syntax.Perl); err == nil {
		if prog, err := syntax.Compile(re.Simplify()); err == nil {
			insts = len(prog.Inst)
		}
	}
	m.spend(fn, mulSat(mulSat(insts, len(s)+1), 16*passes))
}

// sprinted is the size of args printed with %v one after the other, and
// whether it is exact (all are strings) rather than an upper bound.
func sprinted(args []any) (float64, bool) {
	size, exact := 0.0, true
	for _, a := range args {
		size += float64(printSize(a, MaxText))
		_, isString := a.(string)
		exact = exact && isString
	}
	return size, exact
}

// builtins returns text/template's printing and escaping functions,
// bounded: print, printf, println, html, js and urlquery.
func builtins() template.FuncMap {
	f := template.FuncMap{
		"print": func(args ...any) (string, error) {
			size, exact := sprinted(args)
			if !exact {
				size += float64(len(args)) // fmt.Sprint's spaces
			}
			if size > MaxText {
				return "", tooLongIf("print", size, exact)
			}
			return fmt.Sprint(args...), nil
		},
		"println": func(args ...any) (string, error) {
			if size, exact := sprinted(args); size+float64(len(args)) > MaxText {
				return "", tooLongIf("println", size+float64(len(args)), exact)
			}
			return fmt.Sprintln(args...), nil
		},
		"printf": func(format string, args ...any) (string, error) {
			if printfSize(format, args, MaxText) > MaxText {
				return "", tooLongAtLeast("printf")
			}
			return fmt.Sprintf(format, args...), nil
		},
	}
	// Escaping writes at most this many bytes for each byte it escapes.
	for name, grow := range map[string]float64{"html": 5, "js": 6, "urlquery": 3} {
		escape := map[string]func(...any) string{
			"html": template.HTMLEscaper, "js": template.JSEscaper, "urlquery": template.URLQueryEscaper,
		}[name]
		f[name] = func(args ...any) (string, error) {
			if size, _ := sprinted(args); (size+float64(len(args)))*grow > MaxText {
				return "", tooLongAtLeast(name)
			}
			return escape(args...), nil
		}
	}
	return f
}
