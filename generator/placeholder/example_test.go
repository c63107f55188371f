package placeholder_test

import (
	"fmt"

	"github.com/govdoc/govdoc/generator/placeholder"
)

func ExampleEvaluator_Eval() {
	ev := placeholder.New()
	data := placeholder.Data{"meta": map[string]any{
		"owner":        "Office of the CIO",
		"organization": "Acme Corp",
	}}

	owner, _ := ev.Eval("{{ meta.owner }}", data)
	fmt.Println(owner)
	org, _ := ev.Eval("{{ meta.organization | upper }}", data)
	fmt.Println(org)
	_, err := ev.Eval("{{ meta.approver }}", data)
	fmt.Println(err)
	_, err = ev.Eval(`{{ env "CI_TOKEN" }}`, data)
	fmt.Println(err)
	// Output:
	// Office of the CIO
	// ACME CORP
	// undefined key "approver"
	// function "env" is not available: it reads the environment or the network
}

func ExampleEvaluator_Expand() {
	src := []byte("Owned by {{ meta.owner }}; write `{{ meta.owner }}` to name the owner.\n")
	data := placeholder.Data{"meta": map[string]any{"owner": "Office of the CIO"}}
	out, m, errs := placeholder.New().Expand(src, placeholder.ScanMarkdown(src), data)
	fmt.Print(string(out))
	fmt.Println(len(errs), "errors")
	// The ";" after the filled value is at offset 26 of the output and 25
	// of the source.
	fmt.Println(m.Source(26), string(src[m.Source(26)]))
	// Output:
	// Owned by Office of the CIO; write `{{ meta.owner }}` to name the owner.
	// 0 errors
	// 25 ;
}
