package generator_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sameOutput requires two builds to have written the same files, byte for
// byte.
func sameOutput(t *testing.T, a, b *built) {
	t.Helper()
	require.Equal(t, a.out.Names(), b.out.Names())
	for _, name := range a.out.Names() {
		x, _ := a.out.File(name)
		y, _ := b.out.File(name)
		if string(x) != string(y) {
			t.Errorf("%s differs between two builds of the same sources", name)
		}
	}
	assert.Equal(t, a.findings(), b.findings())
}

func TestTheSameSourcesGiveTheSameSite(t *testing.T) {
	t.Run("example handbook", func(t *testing.T) {
		fsys := exampleFS(t)
		sameOutput(t, buildFS(t, fsys), buildFS(t, fsys))
	})
	t.Run("placeholders in many documents", func(t *testing.T) {
		fsys := siteFS(siteYAML + "-- content/team/_index.md --\n---\nmeta:\n  team: {lead: Ana, members: [b, a, c]}\n---\n")
		for i := range 300 {
			fsys[fmt.Sprintf("content/team/d%03d.md", i)] = &fstest.MapFile{Data: []byte(doc(fmt.Sprintf("d-%03d", i)) +
				fmt.Sprintf("# Document %d\n\n{{ meta.team.members | sortAlpha | join \", \" }}, {{ meta.team | keys | sortAlpha | join \" \" }},"+
					" {{ $_ := append meta.team.members \"x\" }}{{ meta.team.lead | upper }}, {{ (dict \"n\" %d).n }}\n", i, i))}
		}
		first := buildFS(t, fsys)
		require.Empty(t, first.findings())
		assert.Contains(t, first.page("team/d042/index.html"), "a, b, c, lead members, ANA, 42")
		sameOutput(t, first, buildFS(t, fsys))
	})
}

// A document cannot change what another document sees: the functions that
// would change a shared value are not available, whatever the audience.
func TestADocumentCannotChangeWhatAnotherSees(t *testing.T) {
	fsys := siteFS(strings.Replace(siteYAML, "audience: Internal", "audience: Public", 1) +
		"-- content/board/_index.md --\n---\nmeta:\n  plan: {}\n---\n")
	for i := range 200 {
		fsys[fmt.Sprintf("content/board/r%03d.md", i)] = &fstest.MapFile{Data: []byte(
			strings.Replace(doc(fmt.Sprintf("r-%03d", i)), "Classification: Internal", "Classification: Restricted", 1) +
				"# Board paper\n\n{{ $_ := set meta \"k\" \"zqxmergerplan\" }}{{ $_ := set meta.plan \"k\" \"zqxmergerplan\" }}\n")}
		fsys[fmt.Sprintf("content/board/p%03d.md", i)] = &fstest.MapFile{Data: []byte(
			strings.Replace(doc(fmt.Sprintf("p-%03d", i)), "Classification: Internal", "Classification: Public", 1) +
				"# Public note\n\n[{{ get meta \"k\" }}] [{{ get meta.plan \"k\" }}]\n")}
	}
	b := buildFS(t, fsys)
	assert.Len(t, b.find("unresolved-placeholder"), 400, "each set is an error in the document that writes it")
	for _, f := range b.find("unresolved-placeholder") {
		assert.Contains(t, f.Message, `function "set" is not available`)
	}
	assert.Contains(t, b.page("board/p007/index.html"), "[] []")
	for _, name := range b.out.Names() {
		data, _ := b.out.File(name)
		assert.NotContains(t, string(data), "zqxmergerplan", name)
	}
}
