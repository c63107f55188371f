package placeholder

import (
	"encoding/binary"
	"math"

	"github.com/govdoc/govdoc/generator/internal/wire"
)

// What Expand gave is kept between runs (package memo) as its edits, the
// text each put in, and its errors, never as the whole expanded text: the
// text between the edits is the source's. The layout, numbers as
// encoding/binary's uvarints and strings as a length and the bytes:
//
//	version 1, edits (count, then each src, srcEnd, at, and the text put in),
//	errors (count, then each offset, text, message, 0 or 1 for Limit)

const expansionVersion = 1

// StoredExpansion returns what RestoreExpansion needs, beside src, to give
// back out, m and errs, which Expand gave for src.
func StoredExpansion(out []byte, m *Map, errs []Error) []byte {
	b := binary.AppendUvarint(nil, expansionVersion)
	b = binary.AppendUvarint(b, uint64(len(m.edits)))
	for _, e := range m.edits {
		b = binary.AppendUvarint(b, uint64(e.src))
		b = binary.AppendUvarint(b, uint64(e.srcEnd))
		b = binary.AppendUvarint(b, uint64(e.at))
		b = wire.AppendString(b, string(out[e.out:e.outEnd]))
	}
	b = binary.AppendUvarint(b, uint64(len(errs)))
	for _, e := range errs {
		b = binary.AppendUvarint(b, uint64(e.Offset))
		b = wire.AppendString(b, e.Text)
		b = wire.AppendString(b, e.Message)
		if e.Limit {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	return b
}

// RestoreExpansion gives back what Expand gave for src, from what
// StoredExpansion kept of it. It reports false when stored cannot be such
// a thing: any bytes give a result or false, never a panic. Like Expand,
// it gives src itself when nothing was filled.
func RestoreExpansion(src, stored []byte) (out []byte, m *Map, errs []Error, ok bool) {
	r := wire.Reader{B: stored}
	if r.Uvarint(math.MaxInt32) != expansionVersion {
		return nil, nil, nil, false
	}
	m = &Map{}
	n := r.Uvarint(uint64(r.Left() / 4)) // an edit takes 4 bytes at least
	if n > 0 {
		m.edits = make([]edit, n)
		out = make([]byte, 0, len(src))
	}
	last := 0
	for i := range m.edits {
		e := &m.edits[i]
		e.src = int(r.Uvarint(uint64(len(src))))
		e.srcEnd = int(r.Uvarint(uint64(len(src))))
		e.at = int(r.Uvarint(uint64(len(src))))
		val := r.Bytes(math.MaxInt32)
		if r.Bad || e.src < last || e.srcEnd < e.src || e.at < e.src || e.at > e.srcEnd {
			return nil, nil, nil, false
		}
		out = append(out, src[last:e.src]...)
		e.out = len(out)
		out = append(out, val...)
		e.outEnd = len(out)
		last = e.srcEnd
	}
	if n == 0 {
		out = src
	} else {
		out = append(out, src[last:]...)
	}
	if k := r.Uvarint(uint64(r.Left() / 4)); k > 0 { // an error takes 4 bytes at least
		errs = make([]Error, k)
		for i := range errs {
			errs[i] = Error{Offset: int(r.Uvarint(uint64(len(src)))), Text: string(r.Bytes(math.MaxInt32)), Message: string(r.Bytes(math.MaxInt32))}
			switch r.Byte() {
			case 0:
			case 1:
				errs[i].Limit = true
			default:
				r.Bad = true
			}
		}
	}
	if r.Bad || r.Left() != 0 {
		return nil, nil, nil, false
	}
	return out, m, errs, true
}
