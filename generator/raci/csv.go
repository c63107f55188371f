package raci

import (
	"bytes"
	"encoding/csv"

	"github.com/govdoc/govdoc/generator/site"
)

// CSV writes the handbook's matrix for spreadsheets: one row per activity
// of the published documents, in reading order, with a column per role
// holding its letters ("A/R", "C", ...).
func CSV(roles []*site.Role, docs []*site.Document) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF") // so that spreadsheet programs read UTF-8
	w := csv.NewWriter(&b)
	head := []string{"Section", "Document ID", "Document", "File", "Activity"}
	for _, r := range roles {
		head = append(head, r.Name)
	}
	_ = w.Write(head)
	for _, d := range docs {
		for _, a := range d.RACI {
			row := []string{d.Section.Title, d.ID, d.Title, d.Path, a.Name}
			for _, r := range roles {
				row = append(row, a.Letters(r))
			}
			_ = w.Write(row)
		}
	}
	w.Flush()
	return b.Bytes()
}
