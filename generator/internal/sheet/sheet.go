// Package sheet writes CSV files as spreadsheet programs open them: UTF-8
// with a byte order mark, CRLF line ends, fields quoted as RFC 4180 has it,
// and no cell that a spreadsheet would run as a formula.
package sheet

import (
	"bytes"
	"encoding/csv"
	"strings"
)

// Writer writes the rows of one file.
type Writer struct {
	b bytes.Buffer
	w *csv.Writer
}

// New returns a writer of a file whose first row is head.
func New(head []string) *Writer {
	s := &Writer{}
	s.b.WriteString("\uFEFF") // so that spreadsheet programs read UTF-8
	s.w = csv.NewWriter(&s.b)
	s.w.UseCRLF = true
	s.Row(head)
	return s
}

// Row writes one row, each value made safe by Cell.
func (s *Writer) Row(values []string) {
	for i, v := range values {
		values[i] = Cell(v)
	}
	_ = s.w.Write(values) // writing to a buffer does not fail
}

// Bytes returns the file.
func (s *Writer) Bytes() []byte {
	s.w.Flush()
	return s.b.Bytes()
}

// Cell neutralises a value that a spreadsheet would run as a formula (one
// starting with =, +, -, @, a tab or a carriage return) with a leading
// apostrophe, so that it reads as the text it is.
func Cell(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
