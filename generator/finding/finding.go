// Package finding defines the structured problems a build or check reports:
// a rule ID, a severity, a position in a source file and a message. It does
// not decide what is a problem; the stages that find them do.
package finding

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"sync"
	"unicode/utf8"
)

// Severity says whether a finding fails a build (Error) or only informs
// (Warning).
type Severity string

// The severities of SPEC.md's rule table.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Rule IDs are stable: users filter and suppress findings by them.
const (
	FrontmatterSyntax       = "frontmatter-syntax"
	MissingMetadata         = "missing-metadata"
	InvalidMetadata         = "invalid-metadata"
	DuplicateID             = "duplicate-id"
	UnresolvedPlaceholder   = "unresolved-placeholder"
	BrokenRef               = "broken-ref"
	AmbiguousRef            = "ambiguous-ref"
	BrokenLink              = "broken-link"
	BrokenAnchor            = "broken-anchor"
	ReviewOverdue           = "review-overdue"
	VersionMismatch         = "version-mismatch"
	RestrictedLink          = "restricted-link"
	RACINoAccountable       = "raci-no-accountable"
	RACIMultipleAccountable = "raci-multiple-accountable"
	RACINoResponsible       = "raci-no-responsible"
	UnknownRole             = "unknown-role"
	// RACIConflict is one activity assigned differently in two documents.
	RACIConflict     = "raci-conflict"
	ScorecardInvalid = "scorecard-invalid"
	// VersionNotBumped is a body changed since a revision while its
	// Version did not; HistoryNotUpdated a Version changed without a new
	// Document History row. Both come from check --since.
	VersionNotBumped  = "version-not-bumped"
	HistoryNotUpdated = "history-not-updated"
	// GitHistory is a git repository whose history could not be read,
	// such as a damaged one; the site is built without it.
	GitHistory = "git-history"
	// ConfigError is a problem in site.yaml; it stops the build before any
	// document is read.
	ConfigError = "config"
	// ReadError is a file that could not be read or is not text.
	ReadError = "read-error"
	// TemplateError is a theme template that failed to parse or execute.
	TemplateError = "template-error"
	// PageConflict is two files that would be published at one page.
	PageConflict = "page-conflict"
	// LimitExceeded is a document beyond what govdoc processes safely,
	// such as lists nested too deep.
	LimitExceeded = "limit-exceeded"
	// EmptyBuild is a build whose audience leaves out every document.
	EmptyBuild = "empty-build"
	// UnknownMetadata is a front-matter key govdoc does not know that is a
	// slip away from one it does: a likely misspelling.
	UnknownMetadata = "unknown-metadata"
)

// Position is a place in a source file: the file relative to the site root
// with forward slashes, and a 1-based line and column (in characters).
// Line 0 means the file as a whole.
type Position struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// String formats the position as file:line:col, leaving out what is unknown.
func (p Position) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Finding is one problem found in a site.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Position
	Message string `json:"message"`
}

// String formats the finding as a compiler would: file:line:col: severity: message [rule].
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", f.Position, f.Severity, f.Message, f.Rule)
}

// New returns a finding of the given rule and severity at pos.
func New(rule string, sev Severity, pos Position, format string, args ...any) Finding {
	return Finding{Rule: rule, Severity: sev, Position: pos, Message: fmt.Sprintf(format, args...)}
}

// List collects findings. The zero value is ready to use; it is not safe for
// concurrent use, so parallel stages keep one list each and merge them.
type List []Finding

// Add appends a finding.
func (l *List) Add(f Finding) { *l = append(*l, f) }

// Errorf appends an error finding.
func (l *List) Errorf(rule string, pos Position, format string, args ...any) {
	l.Add(New(rule, Error, pos, format, args...))
}

// Warnf appends a warning finding.
func (l *List) Warnf(rule string, pos Position, format string, args ...any) {
	l.Add(New(rule, Warning, pos, format, args...))
}

// Errors counts the error findings.
func (l List) Errors() int { return l.count(Error) }

// Warnings counts the warning findings.
func (l List) Warnings() int { return l.count(Warning) }

func (l List) count(s Severity) int {
	n := 0
	for _, f := range l {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Sort orders findings by file, line, column and rule, so reports are stable
// whatever order parallel stages found them in.
func (l List) Sort() {
	order := func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	}
	if !slices.IsSortedFunc(l, order) { // as a list sorted before, and not added to since, is
		slices.SortStableFunc(l, order)
	}
}

// Lines converts byte offsets in a file to 1-based line and column numbers.
// It is the one place where offsets become positions. A conversion costs at
// most a few hundred bytes of counting, however long the line, so that
// positions of every link on a line of megabytes stay cheap. The index is
// made when first needed, as most files have no finding at all. It is safe
// for concurrent use.
type Lines struct {
	src    []byte
	once   sync.Once
	starts []int // byte offset of each line's first byte
	// marks[k] is the first character boundary at or after byte k*markEvery,
	// with the number of characters before it in src.
	marks []mark
}

// markEvery is how many bytes apart Lines remembers character counts.
const markEvery = 256

type mark struct{ off, chars int }

// NewLines returns the Lines of src, which must not change after.
func NewLines(src []byte) *Lines { return &Lines{src: src} }

// index indexes the line starts of src.
func (ls *Lines) index() {
	ls.once.Do(func() { ls.starts, ls.marks = index(ls.src) })
}

func index(src []byte) (starts []int, marks []mark) {
	// Lines are counted first, so that their starts are made at once.
	starts = make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	marks = make([]mark, 0, len(src)/markEvery+1)
	chars := 0
	for i := 0; i < len(src); {
		for len(marks)*markEvery <= i {
			marks = append(marks, mark{i, chars})
		}
		c := src[i]
		n := 1
		if c >= utf8.RuneSelf {
			_, n = utf8.DecodeRune(src[i:])
		} else if c == '\n' {
			starts = append(starts, i+1)
		}
		i += n
		chars++
	}
	return starts, marks
}

// Position returns the line and column (in characters, 1-based) of byte
// offset off. An offset past the end is clamped to the end.
func (ls *Lines) Position(off int) (line, col int) {
	ls.index()
	off = max(0, min(off, len(ls.src)))
	i, found := slices.BinarySearch(ls.starts, off)
	if !found {
		i--
	}
	return i + 1, ls.chars(off) - ls.chars(ls.starts[i]) + 1
}

// chars counts the characters before byte offset off, as
// utf8.RuneCount(src[:off]) does.
func (ls *Lines) chars(off int) int {
	k := off / markEvery
	if k >= len(ls.marks) {
		k = len(ls.marks) - 1
	}
	for k > 0 && ls.marks[k].off > off {
		k-- // off is inside the character that crosses the mark
	}
	if k < 0 {
		return utf8.RuneCount(ls.src[:off])
	}
	m := ls.marks[k]
	return m.chars + utf8.RuneCount(ls.src[m.off:off])
}

// Offset returns the byte offset of the start of 1-based line n.
func (ls *Lines) Offset(n int) int {
	ls.index()
	if n < 1 {
		return 0
	}
	if n > len(ls.starts) {
		return len(ls.src)
	}
	return ls.starts[n-1]
}
