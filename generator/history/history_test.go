package history_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/history"
)

func TestParseTheSeedsHistoryTable(t *testing.T) {
	md := []byte("# T\n\n| Control | Owner |\n|---|---|\n| C-1 | CIO |\n\n---\n\n**Document History:**\n\n" +
		"| Version | Date | Author | Changes |\n|---------|------|--------|---------|\n" +
		"| 1.0 | 2025-03-02 | IT Governance Team | Initial creation |\n| 1.1 | 2026-01-10 | J. Smith | Clarified scope |\n\nAfter.\n")
	rows := history.Parse(md)
	require.Len(t, rows, 2, "the control table has no Version column and is skipped")
	assert.Equal(t, history.Row{Version: "1.0", Date: "2025-03-02", Author: "IT Governance Team", Changes: "Initial creation", Offset: rows[0].Offset}, rows[0])
	assert.Equal(t, "| 1.0 |", string(md[rows[0].Offset:rows[0].Offset+7]))
	assert.Equal(t, "1.1", history.NewestFirst(rows)[0].Version)
}

func TestNewestFirstTablesAndOddTables(t *testing.T) {
	rows := history.Parse([]byte("| **Date** | **Version** |\n|:--|--:|\n| 2026-02-01 | 2.0 |\n| 2025-01-01 | 1.0 |\n"))
	require.Len(t, rows, 2)
	assert.Equal(t, "2.0", history.NewestFirst(rows)[0].Version, "newest by date, whatever the order of rows")

	rows = history.Parse([]byte("| Version | Date |\n|---|---|\n| 1.0 | unknown |\n| 1.1 | later |\n"))
	assert.Equal(t, "1.1", history.NewestFirst(rows)[0].Version, "without dates, the last row written")

	assert.Empty(t, history.Parse([]byte("no table here\n")))
	assert.Empty(t, history.NewestFirst(nil))
}

func TestListReadsFrontMatterEntries(t *testing.T) {
	rows, ok := history.List([]any{
		map[string]any{"Version": "1.1", "Date": "2026-05-01", "Author": "J. Smith", "Changes": "Scope widened"},
		map[string]any{"version": "1.0", "date": "2026-01-10", "author": "A. Müller", "description": "Initial"},
	})
	assert.True(t, ok)
	assert.Equal(t, []history.Row{
		{Version: "1.1", Date: "2026-05-01", Author: "J. Smith", Changes: "Scope widened"},
		{Version: "1.0", Date: "2026-01-10", Author: "A. Müller", Changes: "Initial"},
	}, rows)

	rows, ok = history.List([]any{"1.0 on 2026-01-10", map[string]any{"version": "1.1"}})
	assert.False(t, ok, "an entry that is not a mapping")
	assert.Equal(t, []history.Row{{Version: "1.1"}}, rows)

	_, ok = history.List("1.0")
	assert.False(t, ok, "not a list")
}

// Parse reads the rows it read when it split every line into cells
// (oldParse), from the example handbook's documents and from any text.
func FuzzParse(f *testing.F) {
	docs, err := filepath.Glob(filepath.Join("..", "..", "content", "*", "*.md"))
	require.NoError(f, err)
	require.NotEmpty(f, docs)
	tables := 0
	for _, doc := range docs {
		md, err := os.ReadFile(doc)
		require.NoError(f, err)
		if len(oldParse(md)) > 0 {
			tables++
		}
		f.Add(md)
	}
	require.Equal(f, 18, tables, "the handbook's documents with a history table")
	for _, s := range []string{
		"| Version | Date |\n|---|---|\n| 1 | 2 |", "| a |\n| Version | Date |\n|---|---|\n|---|---|\n| 1 | |\n|  |  |\n| | 2 |\nx",
		"|Version|Date|\r\n|-|-|\r\n|1|2|\r\n", "Version | Date\n--- | ---\n1 | 2\n", "| Version | Date |\n| --- | :-: | |\n", "|\n|\n|",
		"| Version | Date |\n|---|---", "\u00a0| Version | Date |\u00a0\n\u00a0|---|---|\u00a0\n| 1 | 2 |\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, md []byte) {
		require.Equal(t, oldParse(md), history.Parse(md), "%q", md)
	})
}

// oldParse is how Parse read a table before.
func oldParse(md []byte) []history.Row {
	type line struct {
		text   []byte
		offset int
	}
	var lines []line
	for off := 0; off < len(md); {
		end := bytes.IndexByte(md[off:], '\n')
		if end < 0 {
			end = len(md) - off
		}
		lines = append(lines, line{bytes.TrimRight(md[off:off+end], "\r"), off})
		off += end + 1
	}
	cells := func(l []byte) []string {
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
	isDelimiter := func(l []byte) bool {
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
		var rows []history.Row
		for _, l := range lines[i+2:] {
			c := cells(l.text)
			if c == nil {
				break
			}
			r := history.Row{Offset: l.offset, Author: get(c, "author"), Changes: get(c, "changes")}
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
