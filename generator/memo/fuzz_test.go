package memo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fuzzID is the identity of the segments the fuzz targets read.
func fuzzID() Key { return Key{1, 2, 3} }

type fuzzDoc struct {
	Title string
	Lines []int
	Meta  map[string]string
}

// seedSegment is a segment as a store writes it, with two streams.
func seedSegment(t testing.TB) []byte {
	t.Helper()
	f := &segFile{stage: "scan", gen: 3}
	for i, v := range []any{fuzzDoc{Title: "a", Lines: []int{1, 2}}, "text", fuzzDoc{Meta: map[string]string{"k": "v"}}} {
		e := newEncoder()
		types, value, err := e.encode(v)
		require.NoError(t, err)
		f.types = append(f.types, types)
		f.vals = append(f.vals, segValue{key: Key{byte(i)}, types: len(f.types) - 1, val: value, crc: checksum(value)})
	}
	var b bytes.Buffer
	n, err := writeSegment(&b, fuzzID(), f, nil)
	require.NoError(t, err)
	require.Equal(t, int64(b.Len()), n)
	return b.Bytes()
}

// fixChecksum sets the index checksum of a segment to the one its bytes
// have, so that fuzzing reaches the parser of the index.
func fixChecksum(data []byte) {
	if len(data) < headerSize+trailerSize {
		return
	}
	trailer := data[len(data)-trailerSize:]
	at := binary.LittleEndian.Uint64(trailer)
	if at < uint64(headerSize) || at > uint64(len(data)-trailerSize) {
		return
	}
	sum := crc32.Update(checksum(data[:headerSize]), crc32.MakeTable(crc32.Castagnoli), data[at:len(data)-trailerSize])
	binary.LittleEndian.PutUint32(trailer[8:], sum)
}

// FuzzSegment reads any bytes as a segment, its checksum made right or not,
// and decodes each value it finds, whatever its checksum, into a few types:
// it gets misses or values, never a panic.
func FuzzSegment(f *testing.F) {
	seed := seedSegment(f)
	f.Add(seed, false)
	f.Add(seed[:len(seed)/2], true)
	f.Add([]byte(fileMagic), false)
	f.Fuzz(func(t *testing.T, data []byte, fix bool) {
		if fix {
			fixChecksum(data)
		}
		sf, err := parseSegment(data, fuzzID())
		if err != nil {
			if !errors.Is(err, errDamaged) && !errors.Is(err, errOtherIdentity) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, v := range sf.vals {
			d := &dictionary{}
			var doc fuzzDoc
			d.decode(sf.types[v.types], v.val, &doc)
			var s string
			d.decode(sf.types[v.types], v.val, &s)
			var m map[string]int
			d.decode(sf.types[v.types], v.val, &m)
		}
	})
}

// FuzzValue decodes any bytes as a value after any type definitions, with a
// new decoder and with one that has decoded before: misses or values,
// never a panic.
func FuzzValue(f *testing.F) {
	e := newEncoder()
	types, value, err := e.encode(fuzzDoc{Title: "t", Lines: []int{3}})
	require.NoError(f, err)
	f.Add(types, value)
	f.Add(types, value[:len(value)-1])
	f.Add([]byte{}, value)
	f.Fuzz(func(t *testing.T, types, value []byte) {
		d := &dictionary{}
		var doc fuzzDoc
		d.decode(types, value, &doc)
		d.decode(types, value, &doc)
		var s string
		d.decode(types, value, &s)
	})
}

func TestSegmentsReadAsWritten(t *testing.T) {
	data := seedSegment(t)
	sf, err := parseSegment(data, fuzzID())
	require.NoError(t, err)
	assert.Equal(t, "scan", sf.stage)
	assert.Equal(t, uint64(3), sf.gen)
	require.Len(t, sf.vals, 3)
	var doc fuzzDoc
	d := &dictionary{}
	require.True(t, d.decode(sf.types[sf.vals[0].types], sf.vals[0].val, &doc))
	assert.Equal(t, fuzzDoc{Title: "a", Lines: []int{1, 2}}, doc)
	assert.Equal(t, checksum(sf.vals[2].val), sf.vals[2].crc)

	_, err = parseSegment(data, Key{9})
	assert.ErrorIs(t, err, errOtherIdentity)
	for n := range len(data) {
		_, err := parseSegment(data[:n], fuzzID())
		assert.Error(t, err, "cut at %d", n)
	}
	for i := range data {
		changed := append([]byte(nil), data...)
		changed[i] ^= 0x01
		sf, err := parseSegment(changed, fuzzID())
		if err != nil {
			continue
		}
		// Only a value's bytes can change unnoticed here: its own
		// checksum tells.
		bad := 0
		for _, v := range sf.vals {
			if checksum(v.val) != v.crc {
				bad++
			}
		}
		assert.Equal(t, 1, bad, "byte %d changed", i)
	}
}
