package memo_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/memo"
)

// openBound opens a store that reads at most whole bytes of files whole.
func openBound(t testing.TB, dir string, whole int64) *memo.Store {
	t.Helper()
	s, err := memo.OpenWith(dir, memo.Options{Identity: "v", WholeBytes: whole})
	require.NoError(t, err)
	return s
}

func TestResultsReadOneByOneComeBack(t *testing.T) {
	for _, whole := range []int64{-1, 0} {
		dir := t.TempDir()
		s := openBound(t, dir, whole)
		for i := range 20 {
			s.Put("scan", key(i), sampleScan(i))
			s.PutBytes("parse", key(i), []byte(strings.Repeat("p", i)))
		}
		require.NoError(t, s.Close())

		s = openBound(t, dir, whole)
		for i := range 20 {
			var got scan
			require.True(t, s.Get("scan", key(i), &got), "whole %d, result %d", whole, i)
			assert.Equal(t, sampleScan(i), got)
			b, ok := s.Bytes("parse", key(i))
			require.True(t, ok, "whole %d, bytes %d", whole, i)
			assert.Equal(t, strings.Repeat("p", i), string(b))
			if len(b) > 0 {
				b[0] = 'x'
				b, _ = s.Bytes("parse", key(i))
				assert.Equal(t, strings.Repeat("p", i), string(b), "whole %d: a caller's change to its bytes is not the store's", whole)
			}
		}
		// Only a few used: the next Flush compacts the stage, copying the
		// values it keeps from the file it read them from.
		require.NoError(t, s.Close())
		s = openBound(t, dir, whole)
		var got scan
		require.True(t, s.Get("scan", key(3), &got))
		assert.Equal(t, sampleScan(3), got)
		b, ok := s.Bytes("parse", key(4))
		require.True(t, ok)
		assert.Equal(t, "pppp", string(b))
		require.NoError(t, s.Close())
		assert.Len(t, segmentFiles(t, dir, "scan"), 1)

		s = openBound(t, dir, whole)
		require.True(t, s.Get("scan", key(3), &got), "whole %d: the result kept by the compaction", whole)
		assert.Equal(t, sampleScan(3), got)
		assert.False(t, s.Get("scan", key(5), &got), "whole %d: a result the last run did not use is dropped", whole)
		require.NoError(t, s.Close())
	}
}

func TestADamagedValueReadOneByOneIsAMiss(t *testing.T) {
	dir := t.TempDir()
	s := openBound(t, dir, -1)
	s.Put("scan", key(1), scan{Title: "first value, with a marker: AAAAAAAAAAAAAAAA"})
	s.Put("scan", key(2), scan{Title: "second value"})
	require.NoError(t, s.Close())
	segs := segmentFiles(t, dir, "scan")
	require.Len(t, segs, 1)

	s = openBound(t, dir, -1)
	// Damaged after its index was read: the value is read when asked for.
	data, err := os.ReadFile(segs[0])
	require.NoError(t, err)
	i := strings.Index(string(data), "AAAAAAAAAAAAAAAA")
	require.Positive(t, i)
	var got scan
	require.True(t, s.Get("scan", key(2), &got))
	data[i] = 'B'
	require.NoError(t, os.WriteFile(segs[0], data, 0o600))
	assert.False(t, s.Get("scan", key(1), &got))
	require.True(t, s.Get("scan", key(2), &got))
	assert.Equal(t, "second value", got.Title)
	require.NoError(t, s.Close())
	assert.NoFileExists(t, segs[0], "the file with the damaged value is rewritten")

	s = openBound(t, dir, -1)
	assert.False(t, s.Get("scan", key(1), &got), "the damaged value was not kept")
	require.True(t, s.Get("scan", key(2), &got))
	assert.Equal(t, "second value", got.Title)
	require.NoError(t, s.Close())
}

func TestAFileRemovedByAnotherStoreIsWrittenAgain(t *testing.T) {
	dir := t.TempDir()
	s := openBound(t, dir, -1)
	for i := range 10 {
		s.Put("scan", key(i), sampleScan(i))
	}
	require.NoError(t, s.Close())

	c := openBound(t, dir, -1)
	d := openBound(t, dir, -1)
	var got scan
	require.True(t, c.Get("scan", key(7), &got))
	require.True(t, d.Get("scan", key(0), &got))
	// d uses one result of ten: it replaces the file by one holding it.
	require.NoError(t, d.Close())
	require.True(t, c.Get("scan", key(8), &got), "read from the file c opened, removed since")
	assert.Equal(t, sampleScan(8), got)
	require.NoError(t, c.Close())

	e := openBound(t, dir, -1)
	for _, i := range []int{0, 7, 8} {
		require.True(t, e.Get("scan", key(i), &got), i)
		assert.Equal(t, sampleScan(i), got)
	}
	assert.False(t, e.Get("scan", key(3), &got), "used by neither")
	require.NoError(t, e.Close())
}
