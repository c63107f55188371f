package source_test

import (
	"fmt"

	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/source"
)

func ExampleNormalizeKey() {
	for _, k := range []string{"Last Update", "last_update", "LAST-UPDATE", "Document-ID"} {
		fmt.Println(source.NormalizeKey(k))
	}
	// Output:
	// last_update
	// last_update
	// last_update
	// document_id
}

func ExampleDocument_Fields() {
	d := source.Parse("content/governance/0230_it.md", []byte(`---
Document-ID: iso-38500-0230
Owner: {{ meta.owner }}
Version: 1.0
Last Update: 2026-11-01
---
# IT Management Responsibilities
`))
	data := placeholder.Data{"meta": map[string]any{"owner": "Office of the CIO"}}
	fields, order, _ := d.Fields(placeholder.New(), data)
	for _, key := range order {
		f := fields[key]
		fmt.Printf("%d: %s = %s\n", f.Line, key, f.String())
	}
	fmt.Printf("%q starts at line %d\n", d.Body(), d.Pos(d.BodyStart).Line)
	// Output:
	// 2: document_id = iso-38500-0230
	// 3: owner = Office of the CIO
	// 4: version = 1.0
	// 5: last_update = 2026-11-01
	// "# IT Management Responsibilities\n" starts at line 7
}
