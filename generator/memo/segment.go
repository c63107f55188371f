package memo

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

// A segment file holds results of one stage, written once and never
// changed: a store adds a segment for what a run computed, and replaces
// several by one when it compacts them. Its layout, integers little-endian
// and "uvarint" as encoding/binary writes them:
//
//	header   "gdmemo\r\n", format version (uint32), identity (32 bytes)
//	body     the type definitions and the values, back to back
//	index    stage (uvarint length, bytes), generation (uvarint),
//	         type definitions: count, then each offset, length (uvarints), CRC (uint32)
//	         values: count, then each key (32 bytes), type definitions (uvarint index),
//	                 offset, length (uvarints), CRC (uint32)
//	trailer  index offset (uint64), CRC of header and index (uint32), "memo"
//
// Offsets are from the start of the file and point into the body. A value
// is a gob message that decodes after its type definitions, which are gob
// messages too. The CRCs are CRC-32C: the index's is checked as the file is
// read, each value's as it is decoded, so a damaged file or value is a miss.
// The generation orders the segments of a stage: where two hold the same
// key, the later one's value is taken.

// formatVersion changes when the layout or the meaning of a file does.
const formatVersion = 1

const (
	fileMagic    = "gdmemo\r\n"
	trailerMagic = "memo"
	headerSize   = len(fileMagic) + 4 + 32
	trailerSize  = 8 + 4 + len(trailerMagic)
	// minTypesRecord and minValueRecord are the fewest index bytes a
	// record takes: they bound counts read from a damaged file.
	minTypesRecord = 1 + 1 + 4
	minValueRecord = 32 + 1 + 1 + 1 + 4
	// maxValueRecord bounds the index bytes of one value, for size estimates.
	maxValueRecord = 32 + 3*binary.MaxVarintLen64 + 4
	// maxSegmentOverhead bounds the bytes of a segment besides its values
	// and their records, its type definitions and its stage name.
	maxSegmentOverhead = headerSize + trailerSize + 4*binary.MaxVarintLen64
)

// errOtherIdentity is a segment written by another govdoc, or in another
// format: not damaged, only not this store's.
var errOtherIdentity = errors.New("written by another version")

// errDamaged is a segment that cannot be read.
var errDamaged = errors.New("damaged")

// segFile is a segment's contents.
type segFile struct {
	stage string
	gen   uint64
	types [][]byte
	vals  []segValue
}

// segValue is a value of a segment.
type segValue struct {
	key   Key
	types int    // index into segFile.types
	off   int64  // where val starts in the file
	n     int    // len(val)
	val   []byte // nil when read by readSegment: read it at off
	crc   uint32
}

func checksum(b []byte) uint32 { return crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)) }

// writeSegment writes f to w as a segment of the store with identity id,
// and returns how many bytes it wrote; it sets each value's offset. With
// load set, each value is asked of it, one at a time, so that a segment is
// written without holding its values at once. The values' CRCs are taken as
// given: a value copied from a damaged file stays damaged.
func writeSegment(w io.Writer, id Key, f *segFile, load func(i int) ([]byte, error)) (int64, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	var header []byte
	header = append(header, fileMagic...)
	header = binary.LittleEndian.AppendUint32(header, formatVersion)
	header = append(header, id[:]...)
	bw.Write(header)
	at := uint64(len(header))

	index := binary.AppendUvarint(nil, uint64(len(f.stage)))
	index = append(index, f.stage...)
	index = binary.AppendUvarint(index, f.gen)
	index = binary.AppendUvarint(index, uint64(len(f.types)))
	for _, t := range f.types {
		index = binary.AppendUvarint(index, at)
		index = binary.AppendUvarint(index, uint64(len(t)))
		index = binary.LittleEndian.AppendUint32(index, checksum(t))
		bw.Write(t)
		at += uint64(len(t))
	}
	index = binary.AppendUvarint(index, uint64(len(f.vals)))
	for i := range f.vals {
		v := &f.vals[i]
		val := v.val
		if load != nil {
			var err error
			if val, err = load(i); err != nil {
				return 0, err
			}
		}
		v.off, v.n = int64(at), len(val)
		index = append(index, v.key[:]...)
		index = binary.AppendUvarint(index, uint64(v.types))
		index = binary.AppendUvarint(index, at)
		index = binary.AppendUvarint(index, uint64(len(val)))
		index = binary.LittleEndian.AppendUint32(index, v.crc)
		bw.Write(val)
		at += uint64(len(val))
	}
	bw.Write(index)
	trailer := binary.LittleEndian.AppendUint64(nil, at)
	trailer = binary.LittleEndian.AppendUint32(trailer, crc32.Update(checksum(header), crc32.MakeTable(crc32.Castagnoli), index))
	trailer = append(trailer, trailerMagic...)
	bw.Write(trailer)
	// A bufio.Writer keeps its first error: Flush returns it.
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	return int64(at) + int64(len(index)+len(trailer)), nil
}

// parseSegment reads a segment of the store with identity id held whole in
// data. The values it returns share data's memory and are not checked
// against their CRCs: that is done as each is decoded. Any bytes give a
// segment or an error, errOtherIdentity or errDamaged; never a panic.
func parseSegment(data []byte, id Key) (*segFile, error) {
	f, err := readSegment(bytes.NewReader(data), int64(len(data)), id)
	if err != nil {
		return nil, err
	}
	for i := range f.vals {
		v := &f.vals[i]
		v.val = data[v.off : v.off+int64(v.n) : v.off+int64(v.n)]
	}
	return f, nil
}

// readSegment reads the index and the type definitions of a segment of
// size bytes, of the store with identity id, from r; its values are left
// where they are, each to be read at its offset when asked for. Any bytes
// give a segment or an error, errOtherIdentity or errDamaged; never a
// panic.
func readSegment(r io.ReaderAt, size int64, id Key) (*segFile, error) {
	if size < int64(headerSize+trailerSize) {
		return nil, fmt.Errorf("%w: no segment header", errDamaged)
	}
	header := make([]byte, headerSize)
	trailer := make([]byte, trailerSize)
	if _, err := r.ReadAt(header, 0); err != nil {
		return nil, fmt.Errorf("%w: %v", errDamaged, err)
	}
	if _, err := r.ReadAt(trailer, size-int64(trailerSize)); err != nil {
		return nil, fmt.Errorf("%w: %v", errDamaged, err)
	}
	if string(header[:len(fileMagic)]) != fileMagic {
		return nil, fmt.Errorf("%w: no segment header", errDamaged)
	}
	if binary.LittleEndian.Uint32(header[len(fileMagic):]) != formatVersion || Key(header[len(fileMagic)+4:headerSize]) != id {
		return nil, errOtherIdentity
	}
	if string(trailer[12:]) != trailerMagic {
		return nil, fmt.Errorf("%w: no segment trailer", errDamaged)
	}
	at := binary.LittleEndian.Uint64(trailer)
	body := uint64(size) - uint64(trailerSize)
	if at < uint64(headerSize) || at > body {
		return nil, fmt.Errorf("%w: index offset %d out of range", errDamaged, at)
	}
	index := make([]byte, body-at)
	if _, err := r.ReadAt(index, int64(at)); err != nil {
		return nil, fmt.Errorf("%w: %v", errDamaged, err)
	}
	if crc32.Update(checksum(header), crc32.MakeTable(crc32.Castagnoli), index) != binary.LittleEndian.Uint32(trailer[8:]) {
		return nil, fmt.Errorf("%w: index checksum", errDamaged)
	}
	ir := indexReader{b: index, end: at}
	f := &segFile{}
	f.stage = string(ir.bytes(int(ir.uvarint(uint64(len(index))))))
	f.gen = ir.uvarint(^uint64(0))
	f.types = make([][]byte, ir.uvarint(uint64(ir.left()/minTypesRecord)))
	for i := range f.types {
		off, n := ir.span()
		var t []byte
		if ir.err == nil {
			t = make([]byte, n)
			if _, err := r.ReadAt(t, off); err != nil {
				ir.fail("type definitions %d: %v", i, err)
			}
		}
		if ir.err == nil && checksum(t) != ir.uint32() {
			ir.fail("type definitions %d checksum", i)
		}
		f.types[i] = t
	}
	f.vals = make([]segValue, ir.uvarint(uint64(ir.left()/minValueRecord)))
	if len(f.vals) > 0 && len(f.types) == 0 {
		ir.fail("values without type definitions")
	}
	for i := range f.vals {
		v := &f.vals[i]
		v.key = Key(ir.bytes(len(v.key)))
		v.types = int(ir.uvarint(uint64(len(f.types) - 1)))
		off, n := ir.span()
		v.off, v.n = off, int(n)
		v.crc = ir.uint32()
	}
	if ir.err == nil && ir.left() != 0 {
		ir.fail("%d bytes after the index", ir.left())
	}
	if ir.err != nil {
		return nil, ir.err
	}
	return f, nil
}

// indexReader reads a segment's index; its first error stops it, and its
// methods then return zeros.
type indexReader struct {
	b   []byte
	end uint64 // where the body ends: offsets point before it
	err error
}

func (r *indexReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: "+format, append([]any{errDamaged}, args...)...)
	}
	r.b = nil
}

func (r *indexReader) left() int { return len(r.b) }

// uvarint reads a uvarint that must be at most limit.
func (r *indexReader) uvarint(limit uint64) uint64 {
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("bad number in the index")
		return 0
	}
	if x > limit {
		r.fail("number %d in the index over %d", x, limit)
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *indexReader) bytes(n int) []byte {
	if r.err != nil || n > len(r.b) {
		r.fail("index cut short")
		return make([]byte, n)
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *indexReader) uint32() uint32 {
	return binary.LittleEndian.Uint32(r.bytes(4))
}

// span reads an offset and a length into the body.
func (r *indexReader) span() (off int64, n int64) {
	o := r.uvarint(r.end)
	l := r.uvarint(r.end - o)
	if r.err != nil {
		return 0, 0
	}
	if o < uint64(headerSize) {
		r.fail("offset %d in the header", o)
		return 0, 0
	}
	return int64(o), int64(l)
}
