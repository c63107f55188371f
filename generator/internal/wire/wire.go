// Package wire reads and writes the compact byte forms that results kept
// in the result cache are stored in: uvarints, single bytes and
// length-prefixed strings. A Reader never panics on damaged bytes: its
// first problem marks it Bad, and every later read then gives zeros, so a
// decoder checks Bad once at its end.
package wire

import "encoding/binary"

// AppendString appends s with its length before it.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// Reader reads B from the front.
type Reader struct {
	// B is what is left to read.
	B []byte
	// Bad is set by the first read that found B damaged or cut short.
	Bad bool
}

// Left returns how many bytes are left to read.
func (r *Reader) Left() int { return len(r.B) }

// Uvarint reads a uvarint that must be at most limit.
func (r *Reader) Uvarint(limit uint64) uint64 {
	if r.Bad {
		return 0
	}
	x, n := binary.Uvarint(r.B)
	if n <= 0 || x > limit {
		r.Bad = true
		return 0
	}
	r.B = r.B[n:]
	return x
}

// Byte reads one byte.
func (r *Reader) Byte() byte {
	if r.Bad || len(r.B) == 0 {
		r.Bad = true
		return 0
	}
	c := r.B[0]
	r.B = r.B[1:]
	return c
}

// Bytes reads what AppendString wrote, of at most limit bytes, as a slice
// of B.
func (r *Reader) Bytes(limit uint64) []byte {
	n := r.Uvarint(limit)
	if r.Bad || n > uint64(len(r.B)) {
		r.Bad = true
		return nil
	}
	b := r.B[:n]
	r.B = r.B[n:]
	return b
}
