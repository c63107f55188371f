package config_test

import (
	"fmt"

	"github.com/govdoc/govdoc/generator/config"
)

func ExampleParse() {
	c, findings := config.Parse([]byte(`title: Acme IT Governance Handbook
meta:
  version: 1.0
  date: 2026-11-01
roles:
  - id: cio
    name: Chief Information Officer
    aliases: [CIO]
audience: Internal
`))
	fmt.Println(c.Title)
	fmt.Println(c.Meta["version"], c.Meta["date"])
	fmt.Println(c.Roles[0].Name, c.Roles[0].Aliases)
	fmt.Println(c.Audience, len(findings), "findings")

	_, findings = config.Parse([]byte("title: Handbook\ntitel: Handbook\n"))
	fmt.Println(findings[0])
	// Output:
	// Acme IT Governance Handbook
	// 1.0 2026-11-01
	// Chief Information Officer [CIO]
	// Internal 0 findings
	// site.yaml:2:1: error: unknown key "titel" in site.yaml (did you mean "title"?) [config]
}
