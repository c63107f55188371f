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
