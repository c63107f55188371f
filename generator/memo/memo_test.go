package memo_test

import (
	"encoding/gob"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/memo"
)

// scan is a result shaped like a stage's: nested structs, slices, a map.
type scan struct {
	Title    string
	Headings []heading
	Links    []link
	HTML     string
	Meta     map[string]string
	Draft    bool
	Updated  time.Time
}

type heading struct {
	Level    int
	Text, ID string
}

type link struct {
	Target    string
	Line, Col int
}

func sampleScan(i int) scan {
	s := scan{
		Title:   fmt.Sprintf("Document %d", i),
		HTML:    fmt.Sprintf("<h1>Document %d</h1>\n<p>%s</p>\n", i, strings.Repeat("text ", 20)),
		Meta:    map[string]string{"owner": "CIO", "n": fmt.Sprint(i)},
		Draft:   i%2 == 0,
		Updated: time.Date(2026, 11, 1, 0, 0, i, 0, time.UTC),
	}
	for j := range 3 {
		s.Headings = append(s.Headings, heading{Level: 2, Text: fmt.Sprintf("Part %d", j), ID: fmt.Sprintf("part-%d", j)})
		s.Links = append(s.Links, link{Target: fmt.Sprintf("../a/%d.md#part-%d", i, j), Line: 10 + j, Col: 3})
	}
	return s
}

func key(parts ...any) memo.Key {
	h := memo.NewHasher()
	for _, p := range parts {
		h.String(fmt.Sprint(p))
	}
	return h.Sum()
}

func open(t testing.TB, dir, identity string) *memo.Store {
	t.Helper()
	s, err := memo.Open(dir, identity)
	require.NoError(t, err)
	return s
}

// files lists the store's files, relative to dir, and their total size.
func files(t testing.TB, dir string) ([]string, int64) {
	t.Helper()
	var names []string
	var size int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		size += info.Size()
		rel, _ := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	if os.IsNotExist(err) {
		return nil, 0
	}
	require.NoError(t, err)
	return names, size
}

func TestResultsComeBackAfterReopening(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, "govdoc v1")
	for i := range 20 {
		s.Put("scan", key(i), sampleScan(i))
	}
	s.Put("title", key("a"), "A title")
	s.Put("count", key("a"), 42)

	var got scan
	require.True(t, s.Get("scan", key(3), &got), "a result is there before it is written")
	assert.Equal(t, sampleScan(3), got)
	require.NoError(t, s.Close())
	names, _ := files(t, dir)
	assert.Len(t, names, 3, "one file per stage: %v", names)

	s = open(t, dir, "govdoc v1")
	for i := range 20 {
		var got scan
		require.True(t, s.Get("scan", key(i), &got), i)
		assert.Equal(t, sampleScan(i), got)
	}
	var title string
	assert.True(t, s.Get("title", key("a"), &title))
	assert.Equal(t, "A title", title)
	var n int
	assert.True(t, s.Get("count", key("a"), &n))
	assert.Equal(t, 42, n)
	assert.False(t, s.Get("scan", key(99), &got), "a key never stored")
	assert.False(t, s.Get("title", key(3), &title), "a key of another stage")
	assert.Equal(t, memo.Stats{Hits: 22, Misses: 2}, s.Stats())
	require.NoError(t, s.Close())
}

func TestAMissLeavesTheValueAsItWas(t *testing.T) {
	s := open(t, t.TempDir(), "v")
	s.Put("scan", key(1), sampleScan(1))
	got := scan{Title: "mine"}
	assert.False(t, s.Get("scan", key(2), &got))
	assert.Equal(t, scan{Title: "mine"}, got)
	assert.False(t, s.Get("scan", key(1), got), "not a pointer")
	assert.False(t, s.Get("scan", key(1), (*scan)(nil)), "a nil pointer")
}

func TestAHitReplacesTheWholeValue(t *testing.T) {
	s := open(t, t.TempDir(), "v")
	s.Put("scan", key(1), scan{Title: "T"})
	got := scan{Title: "old", HTML: "<p>old</p>", Draft: true}
	require.True(t, s.Get("scan", key(1), &got))
	assert.Equal(t, scan{Title: "T"}, got, "fields gob leaves out as zero are zero, not what v held")
}

func TestAResultOfAnotherIdentityIsAMiss(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, "govdoc v1")
	s.Put("scan", key(1), sampleScan(1))
	require.NoError(t, s.Close())

	s = open(t, dir, "govdoc v2")
	var got scan
	assert.False(t, s.Get("scan", key(1), &got))
	s.Put("scan", key(2), sampleScan(2))
	require.NoError(t, s.Close())
	names, _ := files(t, dir)
	assert.Len(t, names, 1, "v1's file is gone, v2's is there: %v", names)

	s = open(t, dir, "govdoc v1")
	assert.False(t, s.Get("scan", key(1), &got))
	assert.False(t, s.Get("scan", key(2), &got))
	s = open(t, dir, "govdoc v2")
	assert.True(t, s.Get("scan", key(2), &got))
}

func TestAValueOfAnotherTypeIsAMissAndIsReplaced(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, "v")
	s.Put("scan", key(1), sampleScan(1))
	require.NoError(t, s.Close())

	s = open(t, dir, "v")
	var n int
	assert.False(t, s.Get("scan", key(1), &n))
	type other struct{ Title []int }
	var o other
	assert.False(t, s.Get("scan", key(1), &o))
	var got scan
	assert.False(t, s.Get("scan", key(1), &got), "a result that failed to decode is not read again")
	s.Put("scan", key(1), sampleScan(1))
	assert.True(t, s.Get("scan", key(1), &got))
	require.NoError(t, s.Close())

	s = open(t, dir, "v")
	assert.True(t, s.Get("scan", key(1), &got))
	assert.Equal(t, sampleScan(1), got)
}

func TestValuesOfManyTypesInOneStage(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, "v")
	type small struct{ A, B string }
	s.Put("mixed", key(1), small{"a", "b"})
	var sm small
	require.True(t, s.Get("mixed", key(1), &sm))
	// A type first met after a decoder has read the stream's types.
	s.Put("mixed", key(2), sampleScan(2))
	s.Put("mixed", key(3), []string{"x", "y"})
	var sc scan
	require.True(t, s.Get("mixed", key(2), &sc))
	assert.Equal(t, sampleScan(2), sc)
	var strs []string
	require.True(t, s.Get("mixed", key(3), &strs))
	assert.Equal(t, []string{"x", "y"}, strs)
	require.True(t, s.Get("mixed", key(1), &sm))
	assert.Equal(t, small{"a", "b"}, sm)
	require.NoError(t, s.Flush())
	s.Put("mixed", key(4), map[string]int{"n": 4})
	require.NoError(t, s.Close())

	s = open(t, dir, "v")
	var m map[string]int
	for range 2 {
		require.True(t, s.Get("mixed", key(4), &m))
		require.True(t, s.Get("mixed", key(2), &sc))
		require.True(t, s.Get("mixed", key(1), &sm))
	}
	assert.Equal(t, map[string]int{"n": 4}, m)
	assert.Equal(t, sampleScan(2), sc)
	assert.Equal(t, small{"a", "b"}, sm)
}

func TestAValueGobCannotEncodeIsNotStored(t *testing.T) {
	s := open(t, t.TempDir(), "v")
	s.Put("x", key(1), make(chan int))
	s.Put("x", key(2), struct{ F func() }{})
	s.Put("x", key(3), "fine")
	var str string
	assert.False(t, s.Get("x", key(1), &str))
	assert.True(t, s.Get("x", key(3), &str), "the encoder still works after a failure")
	assert.Equal(t, memo.Stats{Hits: 1, Misses: 1, Puts: 1}, s.Stats())
}

func TestANilStoreKeepsNothing(t *testing.T) {
	var s *memo.Store
	s.Put("scan", key(1), sampleScan(1))
	var got scan
	assert.False(t, s.Get("scan", key(1), &got))
	s.Keep()
	assert.NoError(t, s.Flush())
	assert.NoError(t, s.Close())
	assert.Equal(t, memo.Stats{}, s.Stats())
	assert.Empty(t, s.Dir())
}

func TestAClosedStoreMisses(t *testing.T) {
	s := open(t, t.TempDir(), "v")
	s.Put("scan", key(1), sampleScan(1))
	require.NoError(t, s.Close())
	var got scan
	assert.False(t, s.Get("scan", key(1), &got))
	s.Put("scan", key(2), sampleScan(2))
	assert.NoError(t, s.Close())
}

func TestOpenNeedsAFolder(t *testing.T) {
	_, err := memo.Open("", "v")
	assert.Error(t, err)
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	_, err = memo.Open(file, "v")
	assert.ErrorContains(t, err, "is not a folder")
	dir := filepath.Join(t.TempDir(), "not", "yet")
	s := open(t, dir, "v")
	assert.NoDirExists(t, dir, "Open creates nothing")
	require.NoError(t, s.Close())
	assert.NoDirExists(t, dir, "nor does a store that stored nothing")
}

func TestStageNamesThatCannotNameAFolder(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, "v")
	for _, stage := range []string{"Parse", "../up", "a/b", "", "con:", strings.Repeat("x", 100)} {
		s.Put(stage, key(1), stage)
	}
	require.NoError(t, s.Close())
	names, _ := files(t, dir)
	for _, n := range names {
		assert.NotContains(t, n, "..")
		assert.Len(t, strings.Split(n, "/"), 2, "a folder per stage, in the store's: %s", n)
	}
	s = open(t, dir, "v")
	for _, stage := range []string{"Parse", "../up", "a/b", "", "con:", strings.Repeat("x", 100)} {
		var got string
		assert.True(t, s.Get(stage, key(1), &got), stage)
		assert.Equal(t, stage, got)
	}
}

// segmentFiles lists the segment files of a stage.
func segmentFiles(t *testing.T, dir, stage string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, stage, "seg-*.seg"))
	require.NoError(t, err)
	return m
}

func TestADamagedFileGivesMissesAndIsReplaced(t *testing.T) {
	damage := map[string]func(data []byte) []byte{
		"truncated":     func(d []byte) []byte { return d[:len(d)/2] },
		"last byte cut": func(d []byte) []byte { return d[:len(d)-1] },
		"empty":         func(d []byte) []byte { return nil },
		"zeros":         func(d []byte) []byte { return make([]byte, len(d)) },
		"index byte":    func(d []byte) []byte { d[len(d)-30] ^= 0x40; return d },
		"header":        func(d []byte) []byte { d[3] = 'X'; return d },
		"text":          func(d []byte) []byte { return []byte("not a segment at all\n") },
	}
	for name, damageFile := range damage {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			s := open(t, dir, "v")
			for i := range 10 {
				s.Put("scan", key(i), sampleScan(i))
			}
			require.NoError(t, s.Close())
			segs := segmentFiles(t, dir, "scan")
			require.Len(t, segs, 1)
			data, err := os.ReadFile(segs[0])
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(segs[0], damageFile(data), 0o600))

			s = open(t, dir, "v")
			for i := range 10 {
				var got scan
				assert.False(t, s.Get("scan", key(i), &got), i)
				s.Put("scan", key(i), sampleScan(i))
			}
			require.NoError(t, s.Close())
			assert.NoFileExists(t, segs[0], "the damaged file is gone")
			s = open(t, dir, "v")
			for i := range 10 {
				var got scan
				require.True(t, s.Get("scan", key(i), &got), i)
				assert.Equal(t, sampleScan(i), got)
			}
		})
	}
}

func TestADamagedValueIsAMissAndItsFileIsRewritten(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, "v")
	s.Put("scan", key(1), scan{Title: "first value, with a marker: AAAAAAAAAAAAAAAA"})
	s.Put("scan", key(2), scan{Title: "second value"})
	require.NoError(t, s.Close())
	segs := segmentFiles(t, dir, "scan")
	require.Len(t, segs, 1)
	data, err := os.ReadFile(segs[0])
	require.NoError(t, err)
	i := strings.Index(string(data), "AAAAAAAAAAAAAAAA")
	require.Positive(t, i)
	data[i] = 'B' // still a valid gob value: only the checksum tells
	require.NoError(t, os.WriteFile(segs[0], data, 0o600))

	s = open(t, dir, "v")
	var got scan
	assert.False(t, s.Get("scan", key(1), &got))
	require.True(t, s.Get("scan", key(2), &got))
	assert.Equal(t, "second value", got.Title)
	require.NoError(t, s.Close())
	assert.NoFileExists(t, segs[0], "the file with the damaged value is rewritten")
	s = open(t, dir, "v")
	assert.False(t, s.Get("scan", key(1), &got), "the damaged value was not kept")
	assert.True(t, s.Get("scan", key(2), &got))
}

func TestConcurrentPutsAndGets(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, "v")
	const workers, n = 8, 200
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range n {
				k := key(i)
				var got scan
				if s.Get("scan", k, &got) {
					assert.Equal(t, sampleScan(i), got)
				} else {
					s.Put("scan", k, sampleScan(i))
				}
				if i%50 == w {
					assert.NoError(t, s.Flush())
				}
				var title string
				stage := fmt.Sprint("title-", i%3)
				if !s.Get(stage, k, &title) {
					s.Put(stage, k, fmt.Sprint("title ", i))
				} else {
					assert.Equal(t, fmt.Sprint("title ", i), title)
				}
			}
		})
	}
	wg.Wait()
	require.NoError(t, s.Close())

	s = open(t, dir, "v")
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < n; i += 4 {
				var got scan
				if assert.True(t, s.Get("scan", key(i), &got), i) {
					assert.Equal(t, sampleScan(i), got)
				}
			}
		})
	}
	wg.Wait()
}

func TestTwoStoresOnOneFolder(t *testing.T) {
	dir := t.TempDir()
	a := open(t, dir, "v")
	b := open(t, dir, "v")
	for i := range 10 {
		a.Put("scan", key("a", i), sampleScan(i))
		b.Put("scan", key("b", i), sampleScan(100+i))
	}
	require.NoError(t, a.Close())
	require.NoError(t, b.Close())

	c := open(t, dir, "v")
	d := open(t, dir, "v")
	for i := range 10 {
		var got scan
		require.True(t, c.Get("scan", key("a", i), &got))
		assert.Equal(t, sampleScan(i), got)
		require.True(t, c.Get("scan", key("b", i), &got))
		assert.Equal(t, sampleScan(100+i), got)
	}
	// d reads the same files, uses few of its results and compacts them;
	// c, which has read them too, still reads its results, and writes its
	// own beside.
	var got scan
	require.True(t, d.Get("scan", key("a", 0), &got))
	require.NoError(t, d.Close())
	c.Put("scan", key("c", 0), sampleScan(200))
	require.True(t, c.Get("scan", key("b", 9), &got))
	assert.Equal(t, sampleScan(109), got)
	require.NoError(t, c.Close())

	e := open(t, dir, "v")
	for k, want := range map[memo.Key]scan{key("a", 0): sampleScan(0), key("a", 5): sampleScan(5), key("b", 9): sampleScan(109), key("c", 0): sampleScan(200)} {
		var got scan
		require.True(t, e.Get("scan", k, &got))
		assert.Equal(t, want, got)
	}
}

func TestTwoStoresWritingAtOnce(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for run := range 10 {
				s, err := memo.Open(dir, "v")
				if !assert.NoError(t, err) {
					return
				}
				for i := range 20 {
					var got scan
					if s.Get("scan", key(i), &got) {
						assert.Equal(t, sampleScan(i), got, "run %d of %d", run, w)
					} else {
						s.Put("scan", key(i), sampleScan(i))
					}
				}
				s.Put("scan", key(w, run), sampleScan(1000*w+run))
				assert.NoError(t, s.Close())
			}
		})
	}
	wg.Wait()
	s := open(t, dir, "v")
	for i := range 20 {
		var got scan
		if s.Get("scan", key(i), &got) {
			assert.Equal(t, sampleScan(i), got)
		}
	}
	assert.LessOrEqual(t, len(segmentFiles(t, dir, "scan")), 2*8, "each store merges its files")
}

func TestAStageDropsWhatARunDidNotUse(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, "v")
	for i := range 10 {
		s.Put("scan", key(i), sampleScan(i))
		s.Put("render", key(i), sampleScan(i).HTML)
	}
	require.NoError(t, s.Close())

	// Three documents left, and a new one; the run does not render.
	s = open(t, dir, "v")
	for i := range 3 {
		var got scan
		require.True(t, s.Get("scan", key(i), &got))
	}
	s.Put("scan", key(10), sampleScan(10))
	require.NoError(t, s.Close())
	assert.Len(t, segmentFiles(t, dir, "scan"), 1, "the stage's files are merged")

	s = open(t, dir, "v")
	for i := range 11 {
		var got scan
		assert.Equal(t, i < 3 || i == 10, s.Get("scan", key(i), &got), i)
		var html string
		assert.True(t, s.Get("render", key(i%10), &html), "a stage the run did not touch keeps all")
	}
}

func TestAFewChangesAddAFile(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, "v")
	for i := range 10 {
		s.Put("scan", key(i), sampleScan(i))
	}
	require.NoError(t, s.Close())
	first := segmentFiles(t, dir, "scan")
	written, _ := files(t, dir)

	// A run with no change writes nothing.
	s = open(t, dir, "v")
	for i := range 10 {
		var got scan
		require.True(t, s.Get("scan", key(i), &got))
		s.Put("scan", key(i), got) // a result on disk stays as it is
	}
	require.NoError(t, s.Close())
	same, _ := files(t, dir)
	assert.Equal(t, written, same)

	s = open(t, dir, "v")
	for i := range 9 {
		var got scan
		require.True(t, s.Get("scan", key(i), &got))
	}
	s.Put("scan", key(9, "changed"), sampleScan(9))
	require.NoError(t, s.Close())
	second := segmentFiles(t, dir, "scan")
	assert.Len(t, second, 2, "the new result in a file of its own")
	assert.Subset(t, second, first, "the first file is not written again")
}

func TestKeepDropsNothing(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, "v")
	for i := range 10 {
		s.Put("scan", key(i), sampleScan(i))
	}
	require.NoError(t, s.Close())
	s = open(t, dir, "v")
	var got scan
	require.True(t, s.Get("scan", key(0), &got))
	s.Keep() // the run was interrupted
	require.NoError(t, s.Close())
	s = open(t, dir, "v")
	for i := range 10 {
		assert.True(t, s.Get("scan", key(i), &got), i)
	}
}

func TestManyRunsKeepFewFiles(t *testing.T) {
	dir := t.TempDir()
	for run := range 20 {
		s := open(t, dir, "v")
		for i := range run {
			var got scan
			require.True(t, s.Get("scan", key(i), &got), "run %d, result %d", run, i)
			assert.Equal(t, sampleScan(i), got)
		}
		s.Put("scan", key(run), sampleScan(run))
		require.NoError(t, s.Close())
		assert.LessOrEqual(t, len(segmentFiles(t, dir, "scan")), 8, "run %d", run)
	}
}

func TestTheSizeBoundIsHonoured(t *testing.T) {
	dir := t.TempDir()
	const limit = 64 << 10
	value := func(i int) string { return fmt.Sprintf("%04d", i) + strings.Repeat("x", 2000) }
	openLimited := func() *memo.Store {
		s, err := memo.OpenWith(dir, memo.Options{Identity: "v", MaxBytes: limit})
		require.NoError(t, err)
		return s
	}

	// 20 KB in a stage the later runs do not touch.
	s := openLimited()
	for i := range 10 {
		s.Put("other", key(i), value(i))
	}
	require.NoError(t, s.Close())
	// 40 KB in the first run.
	s = openLimited()
	for i := range 20 {
		s.Put("scan", key(i), value(i))
	}
	require.NoError(t, s.Close())
	_, size := files(t, dir)
	require.Less(t, size, int64(limit), "60 KB is within the bound")

	// The second run uses those and adds 40 KB.
	s = openLimited()
	for i := range 20 {
		var got string
		require.True(t, s.Get("scan", key(i), &got))
	}
	for i := 20; i < 40; i++ {
		s.Put("scan", key(i), value(i))
	}
	require.NoError(t, s.Close())
	names, size := files(t, dir)
	assert.LessOrEqual(t, size, int64(limit), "%v", names)

	s = openLimited()
	var got string
	assert.False(t, s.Get("other", key(0), &got), "the stage the run did not touch went first")
	kept := 0
	for i := range 40 {
		if s.Get("scan", key(i), &got) {
			assert.Equal(t, value(i), got)
			kept++
		} else {
			assert.Less(t, i, 20, "the results of the last run stay; those of the earlier go")
		}
	}
	assert.Greater(t, kept, 20, "as many are kept as fit")
}

func TestAResultLargerThanTheBoundIsNotKept(t *testing.T) {
	dir := t.TempDir()
	s, err := memo.OpenWith(dir, memo.Options{Identity: "v", MaxBytes: 1000})
	require.NoError(t, err)
	s.Put("big", key(1), strings.Repeat("x", 5000))
	require.NoError(t, s.Close())
	_, size := files(t, dir)
	assert.LessOrEqual(t, size, int64(1000))
}

func TestLeftoversAreRemoved(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, "v")
	s.Put("scan", key(1), sampleScan(1))
	require.NoError(t, s.Close())
	stale := filepath.Join(dir, "scan", ".tmp-123")
	fresh := filepath.Join(dir, "scan", ".tmp-456")
	require.NoError(t, os.WriteFile(stale, []byte("half a file"), 0o600))
	require.NoError(t, os.WriteFile(fresh, []byte("being written"), 0o600))
	old := time.Now().Add(-2 * time.Hour)
	require.NoError(t, os.Chtimes(stale, old, old))

	s = open(t, dir, "v")
	var got scan
	require.True(t, s.Get("scan", key(1), &got))
	require.NoError(t, s.Close())
	assert.NoFileExists(t, stale, "left by a process killed while writing")
	assert.FileExists(t, fresh, "maybe still being written by another")
}

func TestAFlushThatCannotWriteKeepsTheResults(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, "v")
	s.Put("scan", key(1), sampleScan(1))
	// The stage's folder, which holds the file its results go to as they
	// are stored, is replaced by a file.
	block := filepath.Join(dir, "scan")
	require.NoError(t, os.RemoveAll(block))
	require.NoError(t, os.WriteFile(block, nil, 0o600))
	assert.Error(t, s.Flush())
	var got scan
	assert.True(t, s.Get("scan", key(1), &got))
	require.NoError(t, os.Remove(block))
	require.NoError(t, s.Close())
	s = open(t, dir, "v")
	assert.True(t, s.Get("scan", key(1), &got))
}

func TestHasherKeysAreUnambiguous(t *testing.T) {
	keys := map[string]memo.Key{
		`"ab","c"`:  memo.NewHasher().String("ab").String("c").Sum(),
		`"a","bc"`:  memo.NewHasher().String("a").String("bc").Sum(),
		`"abc"`:     memo.NewHasher().String("abc").Sum(),
		`b"abc"`:    memo.NewHasher().Bytes([]byte("abc")).Sum(),
		`"1"`:       memo.NewHasher().String("1").Sum(),
		`1`:         memo.NewHasher().Int(1).Sum(),
		`2`:         memo.NewHasher().Int(2).Sum(),
		`-1`:        memo.NewHasher().Int(-1).Sum(),
		`true`:      memo.NewHasher().Bool(true).Sum(),
		`false`:     memo.NewHasher().Bool(false).Sum(),
		`""`:        memo.NewHasher().String("").Sum(),
		`nothing`:   memo.NewHasher().Sum(),
		`"",""`:     memo.NewHasher().String("").String("").Sum(),
		`1,true`:    memo.NewHasher().Int(1).Bool(true).Sum(),
		`true,1`:    memo.NewHasher().Bool(true).Int(1).Sum(),
		`key`:       memo.NewHasher().Key(memo.NewHasher().String("abc").Sum()).Sum(),
		`"\x00"`:    memo.NewHasher().String("\x00").Sum(),
		`b"",b"\0"`: memo.NewHasher().Bytes(nil).Bytes([]byte{0}).Sum(),
	}
	seen := map[memo.Key]string{}
	for name, k := range keys {
		if other, dup := seen[k]; dup {
			t.Errorf("%s and %s have the same key", name, other)
		}
		seen[k] = name
	}
	assert.Equal(t, memo.NewHasher().Bytes(nil).Sum(), memo.NewHasher().Bytes([]byte{}).Sum())
	assert.Equal(t, memo.NewHasher().Int(7).Sum(), memo.NewHasher().Int64(7).Sum())
	var h memo.Hasher
	assert.Equal(t, memo.NewHasher().String("x").Sum(), h.String("x").Sum(), "the zero Hasher is ready")
	k := memo.NewHasher().String("x").Sum()
	assert.Equal(t, fmt.Sprintf("%x", k[:]), k.String())
}

// shape is an interface that results hold: gob sends the type of each
// value in it as it meets it.
type shape interface{ Area() int }

type square struct{ Side int }

func (s square) Area() int { return s.Side * s.Side }

type rect struct{ W, H int }

func (r rect) Area() int { return r.W * r.H }

type drawing struct {
	Name   string
	Shapes []shape
}

func TestValuesHoldingInterfaces(t *testing.T) {
	gob.Register(square{})
	gob.Register(rect{})
	dir := t.TempDir()
	s := open(t, dir, "v")
	want := map[int]drawing{
		1: {Name: "one", Shapes: []shape{square{2}}},
		2: {Name: "two", Shapes: []shape{rect{2, 3}, square{4}}},
		3: {Name: "three", Shapes: []shape{rect{5, 6}}},
	}
	for i := 1; i <= 3; i++ {
		s.Put("drawing", key(i), want[i])
	}
	check := func(s *memo.Store) {
		for range 2 {
			for i := 1; i <= 3; i++ {
				var got drawing
				if s.Get("drawing", key(i), &got) {
					assert.Equal(t, want[i], got, i)
				} else {
					t.Errorf("drawing %d missed", i)
				}
			}
		}
	}
	check(s)
	require.NoError(t, s.Close())
	check(open(t, dir, "v"))
}

// Bytes stored as they are come back after reopening, beside gob values
// in the same stage, and neither kind is read as the other; a damaged one
// is a miss.
func TestBytesComeBackAsStored(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, "v")
	s.PutBytes("parse", key(1), []byte("first, with a marker: AAAAAAAAAAAAAAAA"))
	s.PutBytes("parse", key(2), []byte("second"))
	s.PutBytes("parse", key(3), nil)
	s.Put("parse", key(4), "a gob value")
	require.NoError(t, s.Close())

	s = open(t, dir, "v")
	got, ok := s.Bytes("parse", key(2))
	require.True(t, ok)
	assert.Equal(t, "second", string(got))
	got, ok = s.Bytes("parse", key(3))
	require.True(t, ok)
	assert.Empty(t, got)
	var str string
	assert.False(t, s.Get("parse", key(2), &str), "bytes are not a gob value")
	_, ok = s.Bytes("parse", key(4))
	assert.False(t, ok, "a gob value is not bytes")
	require.True(t, s.Get("parse", key(4), &str), "and reading it as bytes did not spoil it")
	assert.Equal(t, "a gob value", str)
	_, ok = s.Bytes("parse", key(5))
	assert.False(t, ok, "a key never stored")
	require.NoError(t, s.Close())

	segs := segmentFiles(t, dir, "parse")
	require.Len(t, segs, 1)
	data, err := os.ReadFile(segs[0])
	require.NoError(t, err)
	i := strings.Index(string(data), "AAAAAAAAAAAAAAAA")
	require.Positive(t, i)
	data[i] = 'B'
	require.NoError(t, os.WriteFile(segs[0], data, 0o600))
	s = open(t, dir, "v")
	_, ok = s.Bytes("parse", key(1))
	assert.False(t, ok, "a damaged value")
	got, ok = s.Bytes("parse", key(2))
	assert.True(t, ok)
	assert.Equal(t, "second", string(got))
	require.NoError(t, s.Close())
}
