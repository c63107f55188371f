package main

import (
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuildSummaryNamesWhatTheSiteHolds(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := runGovdoc(t, "build", "--source", "../..", "--out", out)
	require.Equal(t, 0, code, stderr)
	assert.Regexp(t, `^govdoc build: 18 documents, \d+ pages, \d+ RACI matrices \(\d+ activities\), \d+ scorecards; 0 errors, 1 warning; \d+ files to `+ // the warning: the example's overdue review
		regexp.QuoteMeta(out)+` in \d+ ms\n$`, stdout)

	code, stdout, stderr = runGovdoc(t, "build", "--source", "../..", "--out", out, "--audience", "Public")
	require.Equal(t, 0, code, stderr)
	assert.Regexp(t, `^govdoc build: \d+ documents \(\d+ left out\), `, stdout)
}

func TestSummaryWords(t *testing.T) {
	assert.Equal(t, "1 RACI matrix", count(1, "RACI matrix", "RACI matrices"))
	assert.Equal(t, "0 RACI matrices", count(0, "RACI matrix", "RACI matrices"))
	assert.Equal(t, "42 ms", duration(42*time.Millisecond))
	assert.Equal(t, "9999 ms", duration(9999*time.Millisecond))
	assert.Equal(t, "12.3 s", duration(12345*time.Millisecond))
}
