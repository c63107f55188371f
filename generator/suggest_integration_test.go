package generator_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A slip of the keyboard gets a "did you mean" naming what was meant: a
// front-matter key or value, a Document-ID or file name, a meta key.
func TestFindingsSuggestWhatWasMeant(t *testing.T) {
	res := checkSite(t, siteFS(siteYAML+`
-- content/gov/0010_framework.md --
---
Document-ID: iso-38500-0010
Owner: x
Owners: [x, y]
Version: "1.0"
Status: Aproved
Clasification: Internal
Last Update: 2026-10-01
Wieght: 10
Rank: 2
---
# Framework

Owned by {{ meta.ownr }}. See [[iso-38500-001]] and [[0230_it_managment_responsibilities]].

- 0180_it_management_responsibilities.md
- 0230_roles.md
-- content/gov/0230_it_management_responsibilities.md --
`+doc("iso-38500-0230")+`
# IT Management Responsibilities
`))
	got := map[string]string{}
	for _, f := range res.Findings {
		got[f.Position.String()+" "+f.Rule] = f.Message
	}
	assert.Equal(t, map[string]string{
		"content/gov/0010_framework.md:6:9 invalid-metadata":         `Status "Aproved" is not one of Draft, Review, Approved, Retired (did you mean "Approved"?)`,
		"content/gov/0010_framework.md:7:1 missing-metadata":         `required metadata "Classification" is missing, and the front matter has "Clasification" (did you mean "Classification"?)`,
		"content/gov/0010_framework.md:9:1 unknown-metadata":         `govdoc does not know the front-matter key "Wieght" and keeps it for templates (did you mean "Weight"?)`,
		"content/gov/0010_framework.md:14:10 unresolved-placeholder": `{{ meta.ownr }}: undefined key "ownr" (did you mean "meta.owner"?)`,
		"content/gov/0010_framework.md:14:31 broken-ref":             `no document has the Document-ID or file name "iso-38500-001" (did you mean "iso-38500-0010"?)`,
		"content/gov/0010_framework.md:14:53 broken-ref":             `no document has the Document-ID or file name "0230_it_managment_responsibilities" (did you mean "0230_it_management_responsibilities.md"?)`,
		"content/gov/0010_framework.md:16:3 broken-ref":              `no document has the file name "0180_it_management_responsibilities.md" (did you mean "0230_it_management_responsibilities.md"?)`,
		"content/gov/0010_framework.md:17:3 broken-ref":              `no document has the file name "0230_roles.md"`,
	}, got)
}
