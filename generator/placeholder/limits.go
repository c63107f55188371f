package placeholder

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// The limits of placeholders. Documents are written by many authors, and
// one placeholder must not exhaust the memory or the time of a build: a
// placeholder that would pass a limit fails with an error that wraps
// ErrLimit, and the text around it is still filled.
const (
	// MaxText is the most bytes one function may take in a string argument
	// or return, and the most one placeholder may print.
	MaxText = 1 << 20
	// MaxList is the most items one function may take in a list or map
	// argument or return.
	MaxList = 100_000
	// MaxPlaceholderText is the most bytes one placeholder may have as
	// written, braces included.
	MaxPlaceholderText = 4 << 10
	// MaxPlaceholders is the most placeholders one text (a document's body
	// or its front matter) may have filled; the rest are left as written.
	MaxPlaceholders = 10_000
	// MaxExpanded is the most bytes all placeholders of one text may add.
	MaxExpanded = 32 << 20
	// MaxWork is the most work the functions of one text's placeholders
	// may do, counted in bytes of the values they take and make (a list
	// item counts 16 bytes, and a regular expression its size times the
	// text it reads). It bounds the time a text takes to fill.
	MaxWork = 256 << 20
)

// ErrLimit is what every error of a placeholder that would pass a limit
// wraps (see errors.Is).
var ErrLimit = errors.New("placeholder limit exceeded")

// limitError is a placeholder that would pass a limit. A limit of the
// whole text (MaxPlaceholders, MaxExpanded, MaxWork) stops filling the
// text; the others fail only their placeholder.
type limitError struct {
	msg  string
	stop bool
}

func (e *limitError) Error() string        { return e.msg }
func (e *limitError) Is(target error) bool { return target == ErrLimit }

func limitf(format string, args ...any) *limitError {
	return &limitError{msg: fmt.Sprintf(format, args...)}
}

func stopf(format string, args ...any) *limitError {
	return &limitError{msg: fmt.Sprintf(format, args...), stop: true}
}

// tooLong is the error of a function whose result would have size bytes.
func tooLong(fn string, size float64) *limitError {
	return limitf("the result of %s would be %s; a placeholder function makes at most %s", fn, bytesize(size), iec(MaxText))
}

// tooLongOver is tooLong for a result known to be over size bytes.
func tooLongOver(fn string, size float64) *limitError {
	return limitf("the result of %s would be over %s; a placeholder function makes at most %s", fn, bytesize(size), iec(MaxText))
}

// tooLongAtLeast is tooLong for a result that may be over the limit: its
// size is known only as an upper bound.
func tooLongAtLeast(fn string) *limitError {
	return limitf("the result of %s could be over %s, the most a placeholder function makes", fn, iec(MaxText))
}

// tooMany is the error of a function whose result would have n items.
func tooMany(fn string, n float64) *limitError {
	return limitf("the result of %s would have %s items; a placeholder function makes at most %s", fn, count(n), count(MaxList))
}

// bytesize formats a number of bytes as people read it: 1.6 GB.
func bytesize(n float64) string {
	if n < 1000 {
		return count(n) + " bytes"
	}
	for _, unit := range []string{"kB", "MB", "GB", "TB", "PB"} {
		n /= 1000
		if n < 999.95 {
			return strconv.FormatFloat(n, 'f', 1, 64) + " " + unit
		}
	}
	return strconv.FormatFloat(n/1000, 'f', 1, 64) + " EB"
}

// iec formats a power-of-two limit: 1 MiB, 4 KiB.
func iec(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + " KiB"
	}
	return strconv.Itoa(n) + " bytes"
}

// count formats a whole number with thousands separators: 100,000.
func count(n float64) string {
	if n >= 1e18 {
		return strconv.FormatFloat(n, 'g', 3, 64)
	}
	s := strconv.FormatInt(int64(n), 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// mulSat and addSat are a*b and a+b for sizes, which are never negative,
// saturating at math.MaxInt.
func mulSat(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a > math.MaxInt/b {
		return math.MaxInt
	}
	return a * b
}

func addSat(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

// meter counts the work of one text's functions against MaxWork. A nil
// meter counts nothing: theme templates are not bounded in work.
type meter struct {
	work int
}

// spend counts n bytes of work by function fn, and panics with a stopping
// limit error past MaxWork; text/template turns the panic into the
// function's error.
func (m *meter) spend(fn string, n int) {
	if m == nil {
		return
	}
	m.work = addSat(m.work, n)
	if m.work > MaxWork {
		panic(stopf("the placeholders so far would do over %s of work (at %s): a document's front matter, and its body, each do at most %s; this one and the rest are left as written",
			iec(MaxWork), fn, iec(MaxWork)))
	}
}

// left is the work still allowed.
func (m *meter) left() int {
	if m == nil {
		return math.MaxInt
	}
	return max(MaxWork-m.work, 0)
}
