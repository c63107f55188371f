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
// a Date column and returns its rows as written, top to bottom.
func Parse(md []byte) []Row {
	lines := splitLines(md)
	for i := 0; i+1 < len(lines); i++ {
		head := cells(lines[i].text)
		if head == nil || !isDelimiter(lines[i+1].text) {
			continue
		}
		col := map[string]int{}
		for j, h := range head {
			col[strings.ToLower(strings.Trim(h, "* _"))] = j
		}
		v, okV := col["version"]
		d, okD := col["date"]
		if !okV || !okD {
			continue
		}
		get := func(c []string, name string) string {
			if j, ok := col[name]; ok && j < len(c) {
				return c[j]
			}
			return ""
		}
		var rows []Row
		for _, l := range lines[i+2:] {
			c := cells(l.text)
			if c == nil {
				break
			}
			r := Row{Offset: l.offset, Author: get(c, "author"), Changes: get(c, "changes")}
			if v < len(c) {
				r.Version = c[v]
			}
			if d < len(c) {
				r.Date = c[d]
			}
			if r.Version == "" && r.Date == "" {
				continue
			}
			rows = append(rows, r)
		}
		return rows
	}
	return nil
}

func isISODate(s string) bool {
	return len(s) >= 10 && s[4] == '-' && s[7] == '-' && strings.Trim(s[:4]+s[5:7]+s[8:10], "0123456789") == ""
}

type line struct {
	text   []byte
	offset int
}

func splitLines(md []byte) []line {
	var out []line
	for off := 0; off < len(md); {
		end := bytes.IndexByte(md[off:], '\n')
		if end < 0 {
			end = len(md) - off
		}
		out = append(out, line{bytes.TrimRight(md[off:off+end], "\r"), off})
		off += end + 1
	}
	return out
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

func isDelimiter(l []byte) bool {
	c := cells(l)
	if c == nil {
		return false
	}
	for _, x := range c {
		if strings.Trim(x, ":-") != "" || !strings.Contains(x, "-") {
			return false
		}
	}
	return true
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
