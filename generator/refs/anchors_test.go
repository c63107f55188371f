package refs_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/refs"
	"github.com/govdoc/govdoc/generator/site"
)

// TestBrokenAnchorSuggestsTheNearestHeading checks the "did you mean" of a
// broken anchor: the heading ID fewest edits away, ties going to the
// longest common start, and none when the nearest is too far to help.
func TestBrokenAnchorSuggestsTheNearestHeading(t *testing.T) {
	for _, tc := range []struct {
		frag    string
		anchors []string
		want    string
	}{
		{"roles-escalation", []string{"roles", "roles--escalation", "escalation-matrix"}, " (did you mean #roles--escalation?)"},
		{"scop", []string{"scope-and-applicability", "scope"}, " (did you mean #scope?)"},
		{"Scope", []string{"scope", "scopes"}, " (did you mean #scope?)"},
		{"purpsoe", []string{"purpose", "purposes-of-use"}, " (did you mean #purpose?)"},
		{"berblick", []string{"überblick", "maßnahmen"}, " (did you mean #überblick?)"},
		{"-intro---", []string{"intro--", "introduction"}, " (did you mean #intro--?)"},
		{"role", []string{"rule", "roles"}, " (did you mean #roles?)"},
		{"merging-changes-from-deploy-sourcegraphhttpsgithubcomxy", []string{"merging-changes-from-deploy-sourcegraph", "merging"}, " (did you mean #merging-changes-from-deploy-sourcegraph?)"},
		{"x", []string{"y"}, ""},
		{"appendix", []string{"scope", "roles"}, ""},
		{"scope", nil, ""},
	} {
		t.Run(tc.frag, func(t *testing.T) {
			target := &site.Document{Path: "content/b.md", Anchors: map[string]bool{}}
			for _, a := range tc.anchors {
				target.Anchors[a] = true
			}
			from := &site.Document{Path: "content/a.md", Refs: []site.Reference{
				{Target: target, Fragment: tc.frag, Pos: finding.Position{File: "content/a.md", Line: 3, Column: 5}},
			}}
			found := refs.CheckAnchors([]*site.Document{from, target}, nil)
			require.Len(t, found, 1)
			assert.Equal(t, finding.BrokenAnchor, found[0].Rule)
			assert.Equal(t, finding.Position{File: "content/a.md", Line: 3, Column: 5}, found[0].Position)
			assert.Equal(t, "#"+tc.frag+" is no heading in content/b.md"+tc.want, found[0].Message)
		})
	}
}
