package sheet

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAFileOpensInASpreadsheetAsTheTextItHolds(t *testing.T) {
	w := New([]string{"Name", "Note"})
	w.Row([]string{"=HYPERLINK(\"http://x\")", "a, \"quoted\"\nline"})
	w.Row([]string{"+1", "-2"})
	w.Row([]string{"@SUM(A1)", "\tTab"})
	w.Row([]string{"plain", ""})
	assert.Equal(t, "\uFEFFName,Note\r\n"+
		"\"'=HYPERLINK(\"\"http://x\"\")\",\"a, \"\"quoted\"\"\r\nline\"\r\n"+
		"'+1,'-2\r\n"+
		"'@SUM(A1),'\tTab\r\n"+
		"plain,\r\n", string(w.Bytes()))
}
