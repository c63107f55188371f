package assemble_test

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/assemble"
	"github.com/govdoc/govdoc/generator/history"
	"github.com/govdoc/govdoc/generator/site"
)

// TestChangesAreTheNewest200RowsOfTheHistories lists, without git, the
// newest 200 history rows and Last Updates of the published documents:
// newest first, then by path, then in the order of the documents and of
// their rows.
func TestChangesAreTheNewest200RowsOfTheHistories(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	date := func() string { return fmt.Sprintf("2026-%02d-%02d", 1+r.IntN(3), 1+r.IntN(4)) }
	s := &site.Site{}
	var want []string
	for i := range 400 {
		d := &site.Document{Path: fmt.Sprintf("content/%03d.md", r.IntN(150)), Version: "9", LastUpdate: date()}
		if i%7 == 0 {
			d.LastUpdate = ""
		}
		for k := range r.IntN(4) {
			d.History = append(d.History, history.Row{Version: fmt.Sprint(3 - k), Date: date(), Author: "A", Changes: fmt.Sprint("row ", k)})
		}
		s.Documents = append(s.Documents, d)
	}
	type row struct{ date, path, text string }
	var rows []row
	for _, d := range s.Documents {
		if len(d.History) == 0 && d.LastUpdate != "" {
			rows = append(rows, row{d.LastUpdate, d.Path, d.LastUpdate + " " + d.Path + " Updated  -> 9"})
		}
		for i, h := range d.History {
			from := ""
			if i+1 < len(d.History) {
				from = d.History[i+1].Version
			}
			rows = append(rows, row{h.Date, d.Path, h.Date + " " + d.Path + " " + h.Changes + " " + from + " -> " + h.Version})
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return cmp.Or(strings.Compare(b.date, a.date), strings.Compare(a.path, b.path)) })
	for _, x := range rows[:200] {
		want = append(want, x.text)
	}
	assemble.WithHistory(context.Background(), s, nil, nil)
	var got []string
	for _, c := range s.Changes {
		got = append(got, c.Date+" "+c.Doc.Path+" "+c.Summary+" "+c.From+" -> "+c.To)
	}
	assert.Equal(t, want, got)
}
