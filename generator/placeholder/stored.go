package placeholder

import (
	"encoding/binary"
	"math"
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
		b = appendString(b, string(out[e.out:e.outEnd]))
	}
	b = binary.AppendUvarint(b, uint64(len(errs)))
	for _, e := range errs {
		b = binary.AppendUvarint(b, uint64(e.Offset))
		b = appendString(b, e.Text)
		b = appendString(b, e.Message)
		if e.Limit {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// RestoreExpansion gives back what Expand gave for src, from what
// StoredExpansion kept of it. It reports false when stored cannot be such
// a thing: any bytes give a result or false, never a panic. Like Expand,
// it gives src itself when nothing was filled.
func RestoreExpansion(src, stored []byte) (out []byte, m *Map, errs []Error, ok bool) {
	r := reader{b: stored}
	if r.uvarint(math.MaxInt32) != expansionVersion {
		return nil, nil, nil, false
	}
	m = &Map{}
	n := r.uvarint(uint64(r.left() / 4)) // an edit takes 4 bytes at least
	if n > 0 {
		m.edits = make([]edit, n)
		out = make([]byte, 0, len(src))
	}
	last := 0
	for i := range m.edits {
		e := &m.edits[i]
		e.src = int(r.uvarint(uint64(len(src))))
		e.srcEnd = int(r.uvarint(uint64(len(src))))
		e.at = int(r.uvarint(uint64(len(src))))
		val := r.bytes()
		if r.bad || e.src < last || e.srcEnd < e.src || e.at < e.src || e.at > e.srcEnd {
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
	if k := r.uvarint(uint64(r.left() / 4)); k > 0 { // an error takes 4 bytes at least
		errs = make([]Error, k)
		for i := range errs {
			errs[i] = Error{Offset: int(r.uvarint(uint64(len(src)))), Text: string(r.bytes()), Message: string(r.bytes())}
			switch r.byte() {
			case 0:
			case 1:
				errs[i].Limit = true
			default:
				r.bad = true
			}
		}
	}
	if r.bad || r.left() != 0 {
		return nil, nil, nil, false
	}
	return out, m, errs, true
}

// reader reads what StoredExpansion wrote; its first problem sets bad, and
// its methods then return zeros.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) left() int { return len(r.b) }

func (r *reader) uvarint(limit uint64) uint64 {
	if r.bad {
		return 0
	}
	x, n := binary.Uvarint(r.b)
	if n <= 0 || x > limit {
		r.bad = true
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *reader) byte() byte {
	if r.bad || len(r.b) == 0 {
		r.bad = true
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) bytes() []byte {
	n := r.uvarint(math.MaxInt32)
	if r.bad || n > uint64(len(r.b)) {
		r.bad = true
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}
