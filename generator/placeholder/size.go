package placeholder

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The sizers below tell, without printing, how many bytes at most fmt or
// encoding/json would make of a value. They walk the value, and stop as
// soon as the count passes their limit, so a value that would print to
// terabytes (a list holding the same long string many times) costs no more
// to measure than the limit. Their counts are upper bounds: tests hold
// them against fmt and encoding/json.

// verb is one fmt directive: %v, %-8.3s, %#x.
type verb struct {
	c                  rune
	sharp, plus, space bool
	width, prec        int // 0 when not given
}

var plainV = verb{c: 'v'}

// printSize returns an upper bound of len(fmt.Sprintf("%v", v)), or a
// number over limit once it passes limit.
func printSize(v any, limit int) int { return fmtSize(v, plainV, limit) }

// fmtSize returns an upper bound of the bytes the directive d makes of v,
// or a number over limit once it passes limit.
func fmtSize(v any, d verb, limit int) int {
	if d.c == 'T' {
		return 8 + len(fmt.Sprint(reflect.TypeOf(v))) + max(d.width, 0)
	}
	s := fmtSizer{d: d, limit: limit}
	s.value(reflect.ValueOf(v), 0)
	return s.n
}

type fmtSizer struct {
	d        verb
	limit, n int
}

func (s *fmtSizer) add(k int) { s.n = addSat(s.n, k) }

// pad is what a width and a precision may add to each value they format.
func (s *fmtSizer) pad() int { return max(s.d.width, 0) + max(s.d.prec, 0) }

// bad is what fmt adds around a value a verb does not fit: %!d(string=...).
func (s *fmtSizer) bad(v reflect.Value, fits string) int {
	if strings.ContainsRune(fits, s.d.c) {
		return 0
	}
	return 16 + len(v.Type().String())
}

func (s *fmtSizer) value(v reflect.Value, depth int) {
	if s.n > s.limit {
		return
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			s.add(16 + s.pad())
			return
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		s.add(16 + s.pad()) // <nil>, %!d(<nil>)
		return
	}
	if v.Kind() == reflect.Pointer && v.IsNil() {
		s.add(16 + len(v.Type().String()) + s.pad())
		return
	}
	if v.Type().NumMethod() > 0 && v.CanInterface() && s.methods(v.Interface()) {
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		s.add(5 + s.bad(v, "tv") + s.pad())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		var buf [24]byte
		s.add(s.number(len(strconv.AppendInt(buf[:0], v.Int(), 10)), v, "bcdoOqxXUv"))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		var buf [24]byte
		s.add(s.number(len(strconv.AppendUint(buf[:0], v.Uint(), 10)), v, "bcdoOqxXUv"))
	case reflect.Float32, reflect.Float64:
		s.add(s.float(v))
	case reflect.Complex64, reflect.Complex128:
		s.add(2*s.float(v) + 3)
	case reflect.String:
		s.str(v.Len(), v)
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 && strings.ContainsRune("sqxX", s.d.c) {
			s.str(v.Len(), v) // printed as a string
			return
		}
		s.add(5 + s.typeName(v)) // [], []T{} or []T(nil)
		for i := 0; i < v.Len() && s.n <= s.limit; i++ {
			s.add(2)
			s.value(v.Index(i), depth+1)
		}
	case reflect.Map:
		s.add(5 + s.typeName(v))
		for it := v.MapRange(); it.Next() && s.n <= s.limit; {
			s.add(3)
			s.value(it.Key(), depth+1)
			s.value(it.Value(), depth+1)
		}
	case reflect.Struct:
		s.add(2 + s.typeName(v))
		t := v.Type()
		for i := 0; i < v.NumField() && s.n <= s.limit; i++ {
			s.add(3 + len(t.Field(i).Name))
			s.value(v.Field(i), depth+1)
		}
	case reflect.Pointer:
		composite := false
		switch v.Elem().Kind() {
		case reflect.Array, reflect.Slice, reflect.Struct, reflect.Map:
			composite = true
		}
		if !strings.ContainsRune("vpbodxX", s.d.c) {
			// %!f(*T=&{...}): fmt prints the pointer as at the top.
			s.add(16 + len(v.Type().String()))
			depth = 0
		}
		if depth == 0 && composite {
			s.add(1)
			s.value(v.Elem(), depth+1)
			return
		}
		s.add(80 + s.typeName(v) + s.pad()) // an address, in binary for %b
	default: // channels, functions, unsafe pointers: an address
		s.add(80 + len(v.Type().String()) + s.pad())
	}
}

// typeName is what %#v writes before a composite value.
func (s *fmtSizer) typeName(v reflect.Value) int {
	if s.d.sharp {
		return len(v.Type().String())
	}
	return 0
}

func (s *fmtSizer) number(digits int, v reflect.Value, fits string) int {
	n := digits + 1 // sign
	if s.d.c != 'v' && s.d.c != 'd' {
		n = 80 // %b of an int64 has 64 digits; %U, %q and %c are shorter
	}
	return n + s.bad(v, fits) + s.pad()
}

func (s *fmtSizer) float(v reflect.Value) int {
	n := 32 // %v, %g and %e write at most 24 bytes without a precision
	switch s.d.c {
	case 'v', 'g', 'G', 'e', 'E', 'x', 'X', 'b':
	default:
		n = 330 // %f writes every digit of 1e308
	}
	return n + s.bad(v, "beEfFgGxXv") + s.pad()
}

// str counts a string of n bytes formatted by the directive.
func (s *fmtSizer) str(n int, v reflect.Value) {
	switch {
	case s.d.c == 'x' || s.d.c == 'X':
		s.add(mulSat(5, n)) // "% #x" writes 0x68 0x65
	case s.d.c == 'q' || s.d.sharp:
		s.add(mulSat(4, n) + 2) // "\x00"
	default:
		s.add(n)
	}
	if v.IsValid() {
		s.add(s.bad(v, "sqvxX") + s.typeName(v))
	}
	s.add(s.pad())
}

// methods counts a value that fmt formats through its methods, as fmt's
// handleMethods does, and reports whether it did.
func (s *fmtSizer) methods(x any) bool {
	if s.d.sharp && s.d.c == 'v' {
		if g, ok := x.(fmt.GoStringer); ok {
			s.str(len(g.GoString()), reflect.Value{})
			return true
		}
		return false
	}
	switch s.d.c {
	case 'v', 's', 'x', 'X', 'q':
		switch x := x.(type) {
		case error:
			s.str(len(x.Error()), reflect.Value{})
			return true
		case fmt.Stringer:
			s.str(len(x.String()), reflect.Value{})
			return true
		}
	}
	return false
}

// printfSize returns an upper bound of len(fmt.Sprintf(format, args...)),
// or a number over limit once it passes limit. It reads the directives
// as fmt does, so that each counts the argument it formats; with argument
// indexes ([n]) each counts the largest argument.
func printfSize(format string, args []any, limit int) int {
	n := 0
	argNum := 0
	reordered := strings.Contains(format, "[")
	// arg counts the argument a directive formats.
	arg := func(d verb) {
		if !reordered {
			if argNum < len(args) {
				n = addSat(n, fmtSize(args[argNum], d, limit-n))
			}
			argNum++
			return
		}
		most := 0
		for _, a := range args {
			most = max(most, fmtSize(a, d, limit-n))
		}
		n = addSat(n, most)
	}
	// number reads a width or precision: digits, or * taking an argument.
	number := func(i int) (int, int) {
		if i < len(format) && format[i] == '[' {
			if j := strings.IndexByte(format[i:], ']'); j >= 0 {
				i += j + 1
			}
		}
		if i < len(format) && format[i] == '*' {
			w := int(1e6)
			if !reordered && argNum < len(args) {
				if a, ok := args[argNum].(int); ok && a <= 1e6 && a >= -1e6 {
					w = max(a, -a)
				}
			}
			argNum++
			return w, i + 1
		}
		w := 0
		for ; i < len(format) && '0' <= format[i] && format[i] <= '9'; i++ {
			w = min(w*10+int(format[i]-'0'), 1e7) // fmt refuses a number over 1e6 before its last digit
		}
		return w, i
	}
	for i := 0; i < len(format) && n <= limit; {
		j := strings.IndexByte(format[i:], '%')
		if j < 0 {
			n += len(format) - i
			break
		}
		n += j
		i += j + 1
		// What fmt writes for a directive it cannot follow, such as
		// %!d(BADINDEX), %!(BADWIDTH) or %!d(MISSING).
		n += 16 + utf8.UTFMax
		d := verb{}
	flags:
		for ; i < len(format); i++ {
			switch format[i] {
			case '#':
				d.sharp = true
			case '+':
				d.plus = true
			case ' ':
				d.space = true
			case '-', '0':
			default:
				break flags
			}
		}
		d.width, i = number(i)
		if i+1 < len(format) && format[i] == '.' { // a final . is the verb
			d.prec, i = number(i + 1)
		}
		if i < len(format) && format[i] == '[' {
			if j := strings.IndexByte(format[i:], ']'); j >= 0 {
				i += j + 1
			}
		}
		if i >= len(format) {
			break
		}
		c, size := utf8.DecodeRuneInString(format[i:])
		i += size
		d.c = c
		if c != '%' {
			arg(d)
		}
	}
	if reordered {
		argNum = 0 // fmt may find any of them unused
	}
	if argNum < len(args) {
		n += 16 // %!(EXTRA ...)
		for _, a := range args[argNum:] {
			if n > limit {
				break
			}
			n += 4 + len(fmt.Sprint(reflect.TypeOf(a))) // <nil> for nil
			n = addSat(n, printSize(a, limit-n))
		}
	}
	return n
}

// jsonSize returns an upper bound of the bytes encoding/json makes of v,
// indented by two spaces a level when pretty, escaping <, > and & when
// html; or a number over limit once it passes limit.
func jsonSize(v any, html, pretty bool, limit int) int {
	s := jsonSizer{html: html, pretty: pretty, limit: limit}
	s.value(reflect.ValueOf(v), 0)
	return s.n
}

type jsonSizer struct {
	html, pretty bool
	limit, n     int
}

func (s *jsonSizer) add(k int) { s.n = addSat(s.n, k) }

// item counts what separates the items of a list or map: a comma, and
// when pretty a line break and the indent of depth.
func (s *jsonSizer) item(depth int) {
	s.add(2)
	if s.pretty {
		s.add(2 + 2*depth)
	}
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

func (s *jsonSizer) value(v reflect.Value, depth int) {
	if s.n > s.limit {
		return
	}
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if !v.IsValid() {
		s.add(4)
		return
	}
	if v.Kind() == reflect.Pointer && v.IsNil() {
		s.add(4)
		return
	}
	if v.CanInterface() && (v.Type().Implements(jsonMarshaler) || v.Type().Implements(textMarshaler)) {
		s.marshaler(v.Interface(), depth)
		return
	}
	if v.CanAddr() && v.Addr().CanInterface() && (v.Addr().Type().Implements(jsonMarshaler) || v.Addr().Type().Implements(textMarshaler)) {
		s.marshaler(v.Addr().Interface(), depth)
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		s.add(5)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		s.add(22)
	case reflect.Float32, reflect.Float64:
		s.add(26)
	case reflect.String:
		s.str(v.String())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			s.add(4)
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			s.add(4*(v.Len()/3+1) + 2) // base64
			return
		}
		s.add(2 + 2*depth + 1)
		for i := 0; i < v.Len() && s.n <= s.limit; i++ {
			s.item(depth + 1)
			s.value(v.Index(i), depth+1)
		}
	case reflect.Map:
		if v.IsNil() {
			s.add(4)
			return
		}
		s.add(2 + 2*depth + 1)
		for it := v.MapRange(); it.Next() && s.n <= s.limit; {
			s.item(depth + 1)
			s.add(2) // ": "
			k := it.Key()
			if k.Kind() == reflect.String {
				s.str(k.String())
			} else {
				s.add(2)
				s.value(k, depth+1)
			}
			s.value(it.Value(), depth+1)
		}
	case reflect.Struct:
		s.add(2 + 2*depth + 1)
		t := v.Type()
		for i := 0; i < v.NumField() && s.n <= s.limit; i++ {
			f := t.Field(i)
			s.item(depth + 1)
			s.add(4 + max(len(f.Name), len(f.Tag.Get("json"))))
			s.value(v.Field(i), depth+1)
		}
	case reflect.Pointer:
		s.add(1)
		s.value(v.Elem(), depth)
	default: // channels, functions and complex numbers: an error
		s.add(4)
	}
}

// marshaler counts a value that encodes itself.
func (s *jsonSizer) marshaler(x any, depth int) {
	switch m := x.(type) {
	case json.Marshaler:
		b, err := m.MarshalJSON()
		if err == nil {
			// Indenting may put each byte on a line of its own.
			s.add(len(b) * (1 + 3 + 2*depth))
		}
	case encoding.TextMarshaler:
		b, err := m.MarshalText()
		if err == nil {
			s.str(string(b))
		}
	}
}

// str counts a JSON string: its quotes, and each byte as escaped.
func (s *jsonSizer) str(str string) {
	s.add(2)
	for i := 0; i < len(str); {
		if s.n > s.limit {
			return
		}
		c := str[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				s.n += 2
			case c < 0x20 || s.html && (c == '<' || c == '>' || c == '&'):
				s.n += 6
			default:
				s.n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(str[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			s.n += 6 // \ufffd
		case r == '\u2028' || r == '\u2029':
			s.n += 6
		default:
			s.n += size
		}
		i += size
	}
}
