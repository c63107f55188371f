package memo_test

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/memo"
)

// benchDocs is the number of documents of the benchmarks: a large handbook.
const benchDocs = 10_000

// benchScan is a document's scan result of about size bytes encoded: its
// headings and links, and its body as HTML.
func benchScan(i, size int) scan {
	s := scan{Title: fmt.Sprintf("Document %d", i), Meta: map[string]string{"owner": "CIO"}}
	for j := range 5 {
		s.Headings = append(s.Headings, heading{Level: 2, Text: fmt.Sprintf("Section %d", j), ID: fmt.Sprintf("section-%d", j)})
		s.Links = append(s.Links, link{Target: fmt.Sprintf("../governance/%04d_policy.md#section-%d", i, j), Line: 10 * j, Col: 3})
	}
	s.HTML = strings.Repeat("<p>The IT governance board reviews it.</p>\n", max(0, (size-330)/44))
	return s
}

// putAll stores n results of about size bytes in dir.
func putAll(b *testing.B, dir string, n, size int) {
	s, err := memo.Open(dir, "bench")
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		s.Put("scan", memo.NewHasher().Int(i).Sum(), benchScan(i, size))
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkPutFlush stores the results of a handbook's 10,000 documents, of
// about 6 KB each, and writes them.
func BenchmarkPutFlush(b *testing.B) {
	docs := make([]scan, benchDocs)
	for i := range docs {
		docs[i] = benchScan(i, 6000)
	}
	dir := b.TempDir()
	for b.Loop() {
		b.StopTimer()
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		s, err := memo.Open(dir, "bench")
		if err != nil {
			b.Fatal(err)
		}
		for i := range docs {
			s.Put("scan", memo.NewHasher().Int(i).Sum(), docs[i])
		}
		if err := s.Flush(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenGet opens a store of 10,000 results and reads them all, as a
// run with no changed document does.
func BenchmarkOpenGet(b *testing.B) {
	for _, size := range []int{1000, 6000} {
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) {
			dir := b.TempDir()
			putAll(b, dir, benchDocs, size)
			keys := make([]memo.Key, benchDocs)
			for i := range keys {
				keys[i] = memo.NewHasher().Int(i).Sum()
			}
			for b.Loop() {
				s, err := memo.Open(dir, "bench")
				if err != nil {
					b.Fatal(err)
				}
				for _, k := range keys {
					var got scan
					if !s.Get("scan", k, &got) {
						b.Fatal("miss")
					}
				}
			}
		})
	}
}

// TestBenchmarkResultsAreTheirSize checks that the benchmarks' results are
// of the sizes they are named for, as the store keeps them.
func TestBenchmarkResultsAreTheirSize(t *testing.T) {
	for _, size := range []int{1000, 6000} {
		var buf bytes.Buffer
		enc := gob.NewEncoder(&buf)
		require.NoError(t, enc.Encode(benchScan(0, size)))
		n := buf.Len()
		require.NoError(t, enc.Encode(benchScan(1, size)))
		value := buf.Len() - n // the second value, without its type definitions
		assert.InDelta(t, size, value, float64(size)/10, "a result of about %d bytes is %d", size, value)
	}
}
