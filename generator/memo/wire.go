package memo

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"io"
	"reflect"
	"sync"
)

// A gob stream describes each type once, before the first value of that
// type, and a decoder that has read a description compiles it once. Results
// are read one by one and in any order, so a value is kept apart from the
// type definitions it needs: a store's encoders each write one stream, whose
// type definitions are kept as the stream's "types" and whose values are
// kept one by one. A value decodes after the types of its stream; decoders
// that have read those are kept and reused, so that decoding a result costs
// what decoding its value costs, not what compiling its type does.

// gobUint reads an unsigned integer as gob writes it at the start of b, and
// returns it and its length, or a length of 0 when b does not start with one.
func gobUint(b []byte) (uint64, int) {
	if len(b) == 0 {
		return 0, 0
	}
	if b[0] < 0x80 {
		return uint64(b[0]), 1
	}
	n := -int(int8(b[0]))
	if n < 1 || n > 8 || len(b) < 1+n {
		return 0, 0
	}
	var x uint64
	for _, c := range b[1 : 1+n] {
		x = x<<8 | uint64(c)
	}
	return x, 1 + n
}

// splitTypes splits what a gob encoder wrote for one value into the type
// definitions at its start (messages with a negative type id) and the rest,
// the value's message.
func splitTypes(b []byte) (types, value []byte, ok bool) {
	for i := 0; i < len(b); {
		n, w := gobUint(b[i:])
		if w == 0 || n == 0 || n > uint64(len(b)-i-w) {
			return nil, nil, false
		}
		id, iw := gobUint(b[i+w:])
		if iw == 0 {
			return nil, nil, false
		}
		if id&1 == 0 { // a non-negative id: a value
			return b[:i], b[i:], true
		}
		i += w + int(n)
	}
	return nil, nil, false
}

// encoder writes one gob stream, keeping its type definitions.
type encoder struct {
	out   bytes.Buffer
	enc   *gob.Encoder
	types []byte // the type definitions written so far
	dict  *dictionary
}

func newEncoder() *encoder {
	e := &encoder{dict: &dictionary{}}
	e.enc = gob.NewEncoder(&e.out)
	return e
}

// encode encodes v, and returns the type definitions it needs (the stream's
// so far) and its value. After an error the encoder is not to be used again:
// gob may count as written type definitions that it did not finish.
func (e *encoder) encode(v any) (types, value []byte, err error) {
	e.out.Reset()
	if err := safely(func() error { return e.enc.Encode(v) }); err != nil {
		return nil, nil, err
	}
	t, val, ok := splitTypes(e.out.Bytes())
	if !ok {
		return nil, nil, fmt.Errorf("encoding %T: unexpected gob output", v)
	}
	e.types = append(e.types, t...)
	return e.types[:len(e.types):len(e.types)], bytes.Clone(val), nil
}

// A dictionary is one stream's type definitions, as seen by the values
// encoded in it: each value holds the prefix of the definitions that was
// written when it was. It keeps the decoders that have read them.
type dictionary struct {
	mu   sync.Mutex
	idle []*decoder
}

// decode decodes value, which needs the type definitions types, into dst,
// a pointer. It reports whether it could; any bytes give false or a value,
// never a panic.
func (d *dictionary) decode(types, value []byte, dst any) bool {
	d.mu.Lock()
	var dec *decoder
	if n := len(d.idle); n > 0 {
		dec, d.idle = d.idle[n-1], d.idle[:n-1]
	}
	d.mu.Unlock()
	if dec != nil && !dec.decode(types, value, dst) {
		// A value can hold type definitions of its own (a type first
		// met inside an interface); a decoder that has read them
		// refuses them again. A new one may read it.
		dec = nil
	}
	if dec == nil {
		dec = newDecoder()
		if !dec.decode(types, value, dst) {
			return false
		}
	}
	d.mu.Lock()
	d.idle = append(d.idle, dec)
	d.mu.Unlock()
	return true
}

// decoder reads one stream's values.
type decoder struct {
	in   feed
	dec  *gob.Decoder
	read int // how many bytes of the stream's type definitions it has read
}

func newDecoder() *decoder {
	d := &decoder{}
	d.dec = gob.NewDecoder(&d.in)
	return d
}

// decode reads the type definitions it has not read yet and then value;
// value must hold exactly one value.
func (d *decoder) decode(types, value []byte, dst any) bool {
	d.in.types, d.in.value = nil, value
	if d.read < len(types) {
		d.in.types = types[d.read:]
	}
	err := safely(func() error { return d.dec.Decode(dst) })
	if err != nil || len(d.in.types)+len(d.in.value) != 0 {
		return false
	}
	d.read = max(d.read, len(types))
	return true
}

// feed gives a decoder type definitions and then a value. It is a
// ByteReader, so that the decoder reads no further than it needs.
type feed struct{ types, value []byte }

func (f *feed) Read(p []byte) (int, error) {
	src := &f.types
	if len(*src) == 0 {
		src = &f.value
	}
	if len(*src) == 0 {
		return 0, io.EOF
	}
	n := copy(p, *src)
	*src = (*src)[n:]
	return n, nil
}

func (f *feed) ReadByte() (byte, error) {
	src := &f.types
	if len(*src) == 0 {
		src = &f.value
	}
	if len(*src) == 0 {
		return 0, io.EOF
	}
	c := (*src)[0]
	*src = (*src)[1:]
	return c, nil
}

// safely runs f, turning a panic into an error: gob is not promised to be
// free of panics on any input.
func safely(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("gob: %v", r)
		}
	}()
	return f()
}

// newValue returns a new zero value of the type v points to, or false when v
// is not a non-nil pointer.
func newValue(v any) (reflect.Value, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return reflect.Value{}, false
	}
	return reflect.New(rv.Type().Elem()), true
}
