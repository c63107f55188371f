package register_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/register"
)

func ExampleCell() {
	for _, v := range []string{"=SUM(A1:A9)", "+44 20 7946 0000", "-1", "@risk", "1.0", "Office of the CIO", ""} {
		fmt.Printf("%q\n", register.Cell(v))
	}
	// Output:
	// "'=SUM(A1:A9)"
	// "'+44 20 7946 0000"
	// "'-1"
	// "'@risk"
	// "1.0"
	// "Office of the CIO"
	// ""
}

func TestURLIsAbsoluteUnderAnHTTPBase(t *testing.T) {
	assert.Equal(t, "https://x.example/hb/gov/a/", register.URL("https://x.example/hb/", "gov/a/index.html"))
	assert.Equal(t, "/gov/a/", register.URL("/", "gov/a/index.html"))
	assert.Equal(t, "/hb/gov/a/", register.URL("/hb/", "gov/a/index.html"))
}
