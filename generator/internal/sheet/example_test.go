package sheet_test

import (
	"fmt"

	"github.com/govdoc/govdoc/generator/internal/sheet"
)

func ExampleCell() {
	for _, v := range []string{"=SUM(A1:A9)", "+44 20 7946 0000", "-1", "@risk", "1.0", "Office of the CIO", ""} {
		fmt.Printf("%q\n", sheet.Cell(v))
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
