package assemble_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/assemble"
	"github.com/govdoc/govdoc/generator/site"
)

func paths(docs []*site.Document) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.Path)
	}
	return out
}

func TestRecentListsTheNewestFirstThenByTitleThenInOrder(t *testing.T) {
	doc := func(path, title, date string) *site.Document {
		return &site.Document{Path: path, Title: title, LastUpdate: date}
	}
	docs := []*site.Document{
		doc("a", "Zulu", "2026-01-05"), doc("b", "Alpha", "2026-01-05"), doc("c", "Mid", "2026-03-01"),
		doc("d", "Alpha", "2026-01-05"), doc("e", "Undated", ""), doc("f", "Bad", "someday"), doc("g", "Old", "2025-12-31"),
	}
	assert.Equal(t, []string{"c", "b", "d", "a", "g"}, paths(assemble.Recent(docs, 10)), "undated documents are left out; equal titles keep their order")
	assert.Equal(t, []string{"c", "b", "d"}, paths(assemble.Recent(docs, 3)))
	assert.Empty(t, assemble.Recent(docs, 0))
}

func TestRecentOfManyIsTheStartOfTheirOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var docs []*site.Document
	for i := range 500 {
		docs = append(docs, &site.Document{Path: fmt.Sprint(i), Title: fmt.Sprint(r.IntN(4)), LastUpdate: fmt.Sprintf("2026-0%d-0%d", 1+r.IntN(3), 1+r.IntN(3))})
	}
	all := assemble.Recent(docs, len(docs))
	assert.Len(t, all, len(docs))
	for _, n := range []int{1, 7, 10, 100} {
		assert.Equal(t, paths(all[:n]), paths(assemble.Recent(docs, n)), n)
	}
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if a.LastUpdate == b.LastUpdate && a.Title == b.Title {
			var ia, ib int
			fmt.Sscan(a.Path, &ia)
			fmt.Sscan(b.Path, &ib)
			assert.Less(t, ia, ib, "ties keep the documents' order")
		}
		assert.GreaterOrEqual(t, a.LastUpdate, b.LastUpdate)
	}
}
