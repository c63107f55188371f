package check

import (
	"bytes"
	"slices"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/history"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// Since is the version gate of a review: for each document whose body
// changed since a revision, its Version must have changed too, and a
// changed Version needs a new Document History row. old holds the files'
// contents at the revision by path, nil for files new since then; files
// not in old did not change.
func Since(docs []*site.Document, old map[string][]byte, ev *placeholder.Evaluator) finding.List {
	var findings finding.List
	for _, d := range docs {
		before, ok := old[d.Path]
		if !ok || before == nil || d.Source.Src == nil {
			continue
		}
		prev := source.Parse(d.Path, before)
		fields, _, _ := prev.Fields(ev, placeholder.Data{"meta": d.Meta, "git": map[string]any{"date": "", "author": "", "commit": "", "subject": ""}})
		prevVersion := fields["version"].String()
		pos := d.Source.ValuePos(d.Fields["version"])
		if d.Fields["version"] == nil {
			pos = finding.Position{File: d.Path, Line: 1, Column: 1}
		}
		bodyChanged := !bytes.Equal(normalize(prev.Body()), normalize(d.Source.Body()))
		switch {
		case bodyChanged && prevVersion == d.Version:
			findings.Errorf(finding.VersionNotBumped, pos, "the document changed since the base revision but its Version is still %s: raise it and add a Document History row", orNone(d.Version))
		case prevVersion != d.Version && !newRow(rowsOf(fields, prev.Body()), d.History):
			findings.Warnf(finding.HistoryNotUpdated, pos, "Version changed from %s to %s without a new Document History row", orNone(prevVersion), orNone(d.Version))
		}
	}
	return findings
}

func orNone(v string) string {
	if v == "" {
		return "(none)"
	}
	return v
}

// newRow reports whether the history has a row the old one did not.
func newRow(before, after []history.Row) bool {
	var old []string
	for _, r := range before {
		old = append(old, r.Version+"|"+r.Date)
	}
	for _, r := range after {
		if !slices.Contains(old, r.Version+"|"+r.Date) {
			return true
		}
	}
	return false
}

// rowsOf reads the history of an old version of a document: its
// front-matter history: list, or else its table.
func rowsOf(fields map[string]*source.Field, body []byte) []history.Row {
	f := fields["history"]
	if f == nil {
		return history.Parse(body)
	}
	rows, _ := history.List(f.Value)
	return rows
}

// normalize ignores line-ending and trailing-space differences.
func normalize(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	lines := bytes.Split(b, []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimRight(l, " \t")
	}
	return bytes.TrimSpace(bytes.Join(lines, []byte("\n")))
}
