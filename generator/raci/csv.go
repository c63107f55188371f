package raci

import (
	"github.com/govdoc/govdoc/generator/internal/sheet"
	"github.com/govdoc/govdoc/generator/site"
)

// CSV writes the handbook's matrix for spreadsheets: one row per activity
// of the published documents, in reading order, with a column per role
// holding its letters ("A/R", "C", ...).
func CSV(roles []*site.Role, docs []*site.Document) []byte {
	head := []string{"Section", "Document ID", "Document", "File", "Activity"}
	for _, r := range roles {
		head = append(head, r.Name)
	}
	w := sheet.New(head)
	for _, d := range docs {
		for _, a := range d.RACI {
			row := []string{d.Section.Title, d.ID, d.Title, d.Path, a.Name}
			for _, r := range roles {
				row = append(row, a.Letters(r))
			}
			w.Row(row)
		}
	}
	return w.Bytes()
}
