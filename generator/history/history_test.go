package history_test

import (
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
