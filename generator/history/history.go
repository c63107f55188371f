// Package history reads a document's version history: the Document History
// table that governance documents end with (Version, Date, Author, Changes
// columns), or the front matter's history: list in its place, so that the
// version in the front matter can be checked against it. It does not render
// the table.
package history

import (
	"bytes"
	"slices"
	"strings"

	"github.com/govdoc/govdoc/generator/source"
)

// Row is one entry of a document's history.
type Row struct {
	Version, Date, Author, Changes string
	Offset                         int // byte offset of the row in the text
}

// List reads a front-matter history: list, the alternative to the table: a
// list of mappings with version, date, author and changes (or change, or
// description) keys, matched as front-matter keys are. ok is false when it
// is not a list, or an entry is not a mapping; such entries are left out.
func List(v any) (rows []Row, ok bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	for _, e := range list {
		m, isMap := e.(map[string]any)
		if !isMap {
			ok = false
			continue
		}
		var r Row
		for k, v := range m {
			s, _ := v.(string)
			switch source.NormalizeKey(k) {
			case "version":
				r.Version = s
			case "date":
				r.Date = s
			case "author":
				r.Author = s
			case "changes", "change", "description":
				r.Changes = s
			}
		}
		rows = append(rows, r)
	}
	return rows, ok
}

// Parse finds the first Markdown table whose header has a Version column and
// a Date column and returns its rows as written, top to bottom. It looks
// only at the lines with a "|" and at the line after each: every document's
// Markdown is read so, before it is parsed.
func Parse(md []byte) []Row {
	for off := 0; off < len(md); {
		bar := bytes.IndexByte(md[off:], '|')
		if bar < 0 {
			return nil
		}
		start := bytes.LastIndexByte(md[:off+bar], '\n') + 1
		head, next := lineAt(md, max(start, off))
		if next < len(md) {
			if delim, _ := lineAt(md, next); isDelimiter(delim) {
				if rows, ok := table(md, head, next); ok {
					return rows
				}
			}
		}
		off = next
	}
	return nil
}

// table reads the table whose header is head and whose delimiter row starts
// at delim, if its header has a Version and a Date column.
func table(md, head []byte, delim int) ([]Row, bool) {
	col := map[string]int{}
	for j, h := range cells(head) {
		col[strings.ToLower(strings.Trim(h, "* _"))] = j
	}
	v, okV := col["version"]
	d, okD := col["date"]
	if !okV || !okD {
		return nil, false
	}
	get := func(c []string, name string) string {
		if j, ok := col[name]; ok && j < len(c) {
			return c[j]
		}
		return ""
	}
	var rows []Row
	_, off := lineAt(md, delim)
	for off < len(md) {
		l, next := lineAt(md, off)
		c := cells(l)
		if c == nil {
			break
		}
		r := Row{Offset: off, Author: get(c, "author"), Changes: get(c, "changes")}
		if v < len(c) {
			r.Version = c[v]
		}
		if d < len(c) {
			r.Date = c[d]
		}
		if r.Version != "" || r.Date != "" {
			rows = append(rows, r)
		}
		off = next
	}
	return rows, true
}

func isISODate(s string) bool {
	return len(s) >= 10 && s[4] == '-' && s[7] == '-' && strings.Trim(s[:4]+s[5:7]+s[8:10], "0123456789") == ""
}

// lineAt returns the line that starts at off, without its line ending, and
// where the next line starts.
func lineAt(md []byte, off int) (line []byte, next int) {
	end := bytes.IndexByte(md[off:], '\n')
	if end < 0 {
		end = len(md) - off
	}
	return bytes.TrimRight(md[off:off+end], "\r"), off + end + 1
}

// cells splits a table row "| a | b |" into trimmed cells, or nil when the
// line is not a table row.
func cells(l []byte) []string {
	t := strings.TrimSpace(string(l))
	if !strings.Contains(t, "|") {
		return nil
	}
	t = strings.TrimPrefix(strings.TrimSuffix(t, "|"), "|")
	parts := strings.Split(t, "|")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

// isDelimiter reports whether a line is a table's delimiter row, "|---|:-:|";
// as cells would split it, without making the cells.
func isDelimiter(l []byte) bool {
	t := bytes.TrimSpace(l)
	if bytes.IndexByte(t, '|') < 0 {
		return false
	}
	t = bytes.TrimPrefix(bytes.TrimSuffix(t, []byte("|")), []byte("|"))
	for {
		part, rest, more := bytes.Cut(t, []byte("|"))
		x := bytes.TrimSpace(part)
		if len(bytes.Trim(x, ":-")) != 0 || bytes.IndexByte(x, '-') < 0 {
			return false
		}
		if !more {
			return true
		}
		t = rest
	}
}

// NewestFirst orders rows newest first: by date when every row has an ISO
// date (rows of one date keep the later-written first), else in reverse
// of the written order, as history tables are written oldest first.
func NewestFirst(rows []Row) []Row {
	out := slices.Clone(rows)
	slices.Reverse(out)
	for _, r := range out {
		if !isISODate(r.Date) {
			return out
		}
	}
	slices.SortStableFunc(out, func(a, b Row) int { return strings.Compare(b.Date[:10], a.Date[:10]) })
	return out
}
