package check_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/check"
)

func TestGlob(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		match   []string
		miss    []string
	}{
		{"content/archive/**", []string{"content/archive/a.md", "content/archive/2020/b.md"}, []string{"content/archived.md", "content/a/archive/x.md"}},
		{"content/*/draft-*.md", []string{"content/security/draft-x.md"}, []string{"content/security/sub/draft-x.md", "content/draft-x.md"}},
		{"**/retired/*.md", []string{"content/retired/a.md", "content/x/retired/b.md"}, []string{"content/retired/x/c.md"}},
		{"0150_governance_roles.md", []string{"content/governance/0150_governance_roles.md", "0150_governance_roles.md"}, []string{"content/governance/0150_governance_roles.md.bak"}},
		{"content/a?.md", []string{"content/a1.md"}, []string{"content/a12.md", "content/a/.md"}},
		{"content/a+b(1).md", []string{"content/a+b(1).md"}, []string{"content/aab1.md"}},
	} {
		re := check.Glob(tc.pattern)
		for _, m := range tc.match {
			assert.True(t, re.MatchString(m), "%s should match %s", tc.pattern, m)
		}
		for _, m := range tc.miss {
			assert.False(t, re.MatchString(m), "%s should not match %s", tc.pattern, m)
		}
	}
}
