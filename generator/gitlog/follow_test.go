package gitlog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/gitlog"
)

// text is a document's text: lines enough for git to know it again when it
// is moved, and lines of its own.
func text(name string, extra ...string) string {
	var b strings.Builder
	for i := range 12 {
		fmt.Fprintf(&b, "%s says line %d of its own text.\n", name, i)
	}
	for _, e := range extra {
		b.WriteString(e + "\n")
	}
	return b.String()
}

// followed is what Follow says of each commit, by subject: the documents it
// touched and the files it touched that are none of them.
type followed struct {
	docs    map[string][]string
	unowned map[string][]string
}

func follow(t *testing.T, r *repo, docs ...string) followed {
	t.Helper()
	log, err := gitlog.Read(context.Background(), r.dir, gitlog.Options{})
	require.NoError(t, err)
	lin := log.Follow(docs)
	f := followed{docs: map[string][]string{}, unowned: map[string][]string{}}
	for i, c := range log.Commits {
		for _, d := range lin.Docs(i) {
			f.docs[c.Subject] = append(f.docs[c.Subject], docs[d])
		}
		f.unowned[c.Subject] = lin.Unowned(i)
	}
	return f
}

func TestFollowGivesAMovedDocumentItsCommitsAndThePathsNewDocumentOnlyItsOwn(t *testing.T) {
	r := newRepo(t)
	r.commit("J. Smith", "2026-01-01T09:00:00Z", "Draft merger plan with Acme", map[string]string{"content/p.md": text("plan")})
	r.commit("J. Smith", "2026-01-02T09:00:00Z", "Edit the plan", map[string]string{"content/p.md": text("plan", "more")})
	r.commit("J. Smith", "2026-01-03T09:00:00Z", "Move the plan", map[string]string{"content/p.md": "", "content/q.md": text("plan", "more")})
	r.commit("A. Müller", "2026-01-04T09:00:00Z", "Add the policy", map[string]string{"content/p.md": text("policy")})
	r.commit("A. Müller", "2026-01-05T09:00:00Z", "Merger plan; fix typo in policy", map[string]string{
		"content/p.md": text("policy", "typo fixed"), "content/q.md": text("plan", "more", "merger"), "site.yaml": "title: T\n"})

	f := follow(t, r, "content/p.md", "content/q.md")
	assert.Equal(t, map[string][]string{
		"Draft merger plan with Acme":     {"content/q.md"},
		"Edit the plan":                   {"content/q.md"},
		"Move the plan":                   {"content/q.md"},
		"Add the policy":                  {"content/p.md"},
		"Merger plan; fix typo in policy": {"content/p.md", "content/q.md"},
	}, f.docs)
	assert.Equal(t, []string{"site.yaml"}, f.unowned["Merger plan; fix typo in policy"])
	assert.Empty(t, f.unowned["Draft merger plan with Acme"])
}

func TestFollowAPathReusedAfterADeletion(t *testing.T) {
	r := newRepo(t)
	r.commit("J. Smith", "2026-01-01T09:00:00Z", "Add the old standard", map[string]string{"content/x.md": text("old")})
	r.commit("J. Smith", "2026-01-02T09:00:00Z", "Retire the old standard", map[string]string{"content/x.md": ""})
	r.commit("J. Smith", "2026-01-03T09:00:00Z", "Add the new standard", map[string]string{"content/x.md": text("new")})

	f := follow(t, r, "content/x.md")
	assert.Equal(t, map[string][]string{"Add the new standard": {"content/x.md"}}, f.docs,
		"the commits before the document was added at its path are not its own")
	assert.Equal(t, []string{"content/x.md"}, f.unowned["Add the old standard"])
	assert.Equal(t, []string{"content/x.md"}, f.unowned["Retire the old standard"])
}

func TestFollowADocumentMovedAndReplacedInOneCommit(t *testing.T) {
	r := newRepo(t)
	r.commit("J. Smith", "2026-01-01T09:00:00Z", "Draft merger plan", map[string]string{"content/p.md": text("plan")})
	r.commit("J. Smith", "2026-01-02T09:00:00Z", "Move the plan, write the policy in its place", map[string]string{
		"content/p.md": text("policy"), "content/q.md": text("plan")})

	f := follow(t, r, "content/p.md", "content/q.md")
	assert.Equal(t, []string{"content/p.md", "content/q.md"}, f.docs["Draft merger plan"],
		"git cannot tell which document the path kept, so the commits before belong to both")
}

func TestFollowAcrossAMerge(t *testing.T) {
	r := newRepo(t)
	r.commit("J. Smith", "2026-01-01T09:00:00Z", "Add the policy", map[string]string{"content/a.md": text("policy"), "content/other.md": text("other")})
	r.git("checkout", "-q", "-b", "side")
	r.commit("A. Müller", "2026-01-02T09:00:00Z", "Rename the policy on a branch", map[string]string{"content/a.md": "", "content/b.md": text("policy")})
	r.git("checkout", "-q", "main")
	r.commit("L. Chen", "2026-01-03T09:00:00Z", "Edit the policy on main", map[string]string{"content/a.md": text("policy", "from main")})
	r.commit("L. Chen", "2026-01-04T09:00:00Z", "Add a standard on main", map[string]string{"content/std.md": text("standard")})
	r.git("-c", "user.name=X", "-c", "user.email=x@example.org", "merge", "-q", "--no-edit", "side")
	r.commit("L. Chen", "2026-01-05T09:00:00Z", "Edit the policy after the merge", map[string]string{"content/b.md": text("policy", "from main", "after")})

	f := follow(t, r, "content/b.md", "content/other.md", "content/std.md")
	assert.Equal(t, []string{"content/b.md"}, f.docs["Edit the policy on main"], "the branch's rename reaches main's commits through the merge")
	assert.Equal(t, []string{"content/b.md", "content/other.md"}, f.docs["Add the policy"])
	assert.Equal(t, []string{"content/b.md"}, f.docs["Rename the policy on a branch"])
	assert.Equal(t, []string{"content/std.md"}, f.docs["Add a standard on main"])
	assert.Equal(t, []string{"content/b.md"}, f.docs["Edit the policy after the merge"])
	assert.Equal(t, []string{"content/b.md", "content/std.md"}, f.docs["Merge branch 'side'"],
		"a merge touches what its changes against each parent touch")
}
