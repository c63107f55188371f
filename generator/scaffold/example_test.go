package scaffold_test

import (
	"fmt"

	"github.com/govdoc/govdoc/generator/scaffold"
)

func ExampleNextID() {
	site := []scaffold.Existing{
		{Path: "content/security/0300_information_security_policy.md", ID: "iso-27001-0300"},
		{Path: "content/security/0310_access_control_policy.md", ID: "iso-27001-0310"},
		{Path: "content/service/0400_service_level_management.md", ID: "itil-0400"},
	}
	fmt.Println(scaffold.NextID(site, "content/security/0320_incident_management.md"))
	fmt.Println(scaffold.NextID(site, "content/security/password_policy.md"))
	fmt.Println(scaffold.NextID(site, "content/security/0310_access_review.md"))
	// Output:
	// iso-27001-0320
	// iso-27001-0311
	// iso-27001-0311
}

func ExampleTitleFromName() {
	fmt.Println(scaffold.TitleFromName("0400_access_control.md"))
	fmt.Println(scaffold.TitleFromName("0230_IT_terms-of-reference.md"))
	// Output:
	// Access Control
	// IT Terms of Reference
}
