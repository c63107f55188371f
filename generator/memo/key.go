package memo

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
)

// Key names a result by everything it depends on: two computations with the
// same Key give the same result. Build one with a Hasher.
type Key [sha256.Size]byte

// String is the key in hexadecimal, for messages and tests.
func (k Key) String() string { return hex.EncodeToString(k[:]) }

// Hasher builds a Key from the values a result depends on. Each value is
// written with its kind, and strings and byte slices with their length, so
// that different sequences of values never write the same bytes: ("ab", "c")
// and ("a", "bc") give different keys, and so do the string "1" and the
// int 1. The zero Hasher is ready to use; its methods return it, so that a
// key can be built in one expression:
//
//	k := memo.NewHasher().String(doc.Path).Bytes(doc.Source).Bool(rawHTML).Sum()
type Hasher struct {
	h   hash.Hash
	buf [1 + binary.MaxVarintLen64]byte
}

// NewHasher returns an empty Hasher.
func NewHasher() *Hasher { return &Hasher{} }

// The kinds of value written, one byte before each.
const (
	kindString = 's'
	kindBytes  = 'b'
	kindInt    = 'i'
	kindFalse  = 'f'
	kindTrue   = 't'
	kindKey    = 'k'
)

func (h *Hasher) hash() hash.Hash {
	if h.h == nil {
		h.h = sha256.New()
	}
	return h.h
}

// lengthOf writes a kind and a length.
func (h *Hasher) lengthOf(kind byte, n int) {
	h.buf[0] = kind
	w := binary.PutUvarint(h.buf[1:], uint64(n))
	h.hash().Write(h.buf[:1+w])
}

// String adds a string.
func (h *Hasher) String(s string) *Hasher {
	h.lengthOf(kindString, len(s))
	if sw, ok := h.hash().(interface{ WriteString(string) (int, error) }); ok {
		sw.WriteString(s)
	} else {
		h.hash().Write([]byte(s))
	}
	return h
}

// Bytes adds a byte slice; a nil slice is the same as an empty one.
func (h *Hasher) Bytes(b []byte) *Hasher {
	h.lengthOf(kindBytes, len(b))
	h.hash().Write(b)
	return h
}

// Int adds an int.
func (h *Hasher) Int(i int) *Hasher { return h.Int64(int64(i)) }

// Int64 adds an int64; Int(n) and Int64(int64(n)) add the same.
func (h *Hasher) Int64(i int64) *Hasher {
	h.buf[0] = kindInt
	binary.LittleEndian.PutUint64(h.buf[1:9], uint64(i))
	h.hash().Write(h.buf[:9])
	return h
}

// Bool adds a bool.
func (h *Hasher) Bool(b bool) *Hasher {
	h.buf[0] = kindFalse
	if b {
		h.buf[0] = kindTrue
	}
	h.hash().Write(h.buf[:1])
	return h
}

// Key adds another key, so that a result can depend on the key of the
// result it was computed from.
func (h *Hasher) Key(k Key) *Hasher {
	h.buf[0] = kindKey
	h.hash().Write(h.buf[:1])
	h.hash().Write(k[:])
	return h
}

// Sum returns the key of the values added so far; more can be added after.
func (h *Hasher) Sum() Key {
	var k Key
	h.hash().Sum(k[:0])
	return k
}
