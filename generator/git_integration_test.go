package generator_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/output"
)

// fakeHistory is the git history of content/a.md and content/b.md, one
// commit each, and counts how often it is asked for.
type fakeHistory struct{ asked atomic.Int32 }

func (h *fakeHistory) read(<-chan struct{}) (*gitlog.Log, error) {
	h.asked.Add(1)
	a := &gitlog.Commit{Hash: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Author: "J. Smith", Subject: "Revise a",
		Date: time.Date(2026, 5, 20, 8, 0, 0, 0, time.UTC), Parents: []string{"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"},
		Changes: []gitlog.Change{{Status: 'A', Path: "content/a.md"}}}
	b := &gitlog.Commit{Hash: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", Author: "A. Müller", Subject: "Add b",
		Date: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC), Changes: []gitlog.Change{{Status: 'A', Path: "content/b.md"}}}
	return &gitlog.Log{Head: a, Commits: []*gitlog.Commit{a, b}}, nil
}

func TestTheHistoryIsReadOnlyWhenNeeded(t *testing.T) {
	plain := siteYAML + "-- content/a.md --\n" + doc("a") + "# Alpha\n\nOwned by {{ meta.owner }}.\n" +
		"-- content/b.md --\n" + doc("b") + "# Beta\n"
	opts := func(archive string, h *fakeHistory) generator.Options {
		return generator.Options{Source: siteFS(archive), Theme: govdoc.Theme, Version: "test", Now: testNow, Git: h.read}
	}

	h := &fakeHistory{}
	res, err := generator.Check(context.Background(), opts(plain, h))
	require.NoError(t, err)
	assert.Zero(t, res.Findings.Errors())
	assert.Zero(t, h.asked.Load(), "a check whose documents do not name git never reads the history")

	h = &fakeHistory{}
	out := output.NewMemory()
	res, err = generator.Build(context.Background(), opts(plain, h), out)
	require.NoError(t, err)
	require.Zero(t, res.Findings.Errors(), res.Findings)
	assert.Equal(t, int32(1), h.asked.Load(), "a build reads the history once")
	b := &built{t: t, res: res, out: out}
	page := b.page("a/index.html")
	assert.Contains(t, page, "Recent changes in the repository")
	assert.Contains(t, page, "J. Smith: Revise a")
	assert.Regexp(t, `from commit <code title="a{40}">a{12}</code>`, page, "the footer names the site's commit")
	changes := b.page("changes/index.html")
	assert.Contains(t, changes, "with the commits of its git history")
	assertInOrder(t, changes, []string{"Revise a", "Add b"}, "newest first")

	named := siteYAML + "-- content/a.md --\n" + doc("a") + "# Alpha\n\nLast changed by {{ git.author }} on {{ git.date }}.\n" +
		"-- content/b.md --\n" + doc("b") + "# Beta\n\n{{ index $ \"git\" \"subject\" }}\n"
	h = &fakeHistory{}
	res, err = generator.Check(context.Background(), opts(named, h))
	require.NoError(t, err)
	assert.Zero(t, res.Findings.Errors(), res.Findings)
	assert.Equal(t, int32(1), h.asked.Load(), "a check reads the history for documents that name git")
	docs := map[string]string{}
	for _, d := range res.Site.Documents {
		docs[d.ID] = string(d.Markdown)
	}
	assert.Contains(t, docs["a"], "Last changed by J. Smith on 2026-05-20.")
	assert.Contains(t, docs["b"], "Add b")

	h = &fakeHistory{}
	b = &built{t: t, out: output.NewMemory()}
	b.res, err = generator.Build(context.Background(), opts(named, h), b.out)
	require.NoError(t, err)
	assert.Equal(t, int32(1), h.asked.Load(), "a build reads the history once, though documents wait for it")
	assert.Contains(t, b.page("a/index.html"), "Last changed by J. Smith on 2026-05-20.")
}

func TestAHistoryThatCannotBeReadIsOneWarning(t *testing.T) {
	named := siteYAML + "-- content/a.md --\n" + doc("a") + "# Alpha\n\nLast changed on {{ git.date | default \"no date\" }}.\n"
	broken := func(<-chan struct{}) (*gitlog.Log, error) {
		return nil, errors.New("git diff-tree: exit status 128: fatal: unable to read tree 1234")
	}
	opts := generator.Options{Source: siteFS(named), Theme: govdoc.Theme, Version: "test", Now: testNow, Git: broken}
	b := &built{t: t, out: output.NewMemory()}
	var err error
	b.res, err = generator.Build(context.Background(), opts, b.out)
	require.NoError(t, err)
	var warned []finding.Finding
	for _, f := range b.res.Findings {
		if f.Rule == finding.GitHistory {
			warned = append(warned, f)
		}
	}
	require.Len(t, warned, 1, "one warning, though the build waited for the history twice: %v", b.res.Findings)
	assert.Equal(t, finding.Warning, warned[0].Severity)
	assert.Contains(t, warned[0].Message, "fatal: unable to read tree 1234")
	assert.Contains(t, b.page("a/index.html"), "Last changed on no date.", "the site is built without the history")

	res, err := generator.Check(context.Background(), opts)
	require.NoError(t, err)
	require.Len(t, res.Findings, 1, "check reports it too")
	assert.Equal(t, finding.GitHistory, res.Findings[0].Rule)
}

// gitAudienceSite is a repository with a public and a restricted document
// in content/, each with lines enough for git to follow it when it moves.
func gitAudienceSite(t *testing.T) *gitRepo {
	r := newGitRepo(t)
	r.write(map[string]string{"site.yaml": "title: T\nmetadata:\n  classification: [Public, Internal, Restricted]\n"})
	r.commit("J. Smith", "2026-01-20", "Start the handbook")
	return r
}

// policy is a document of the given classification, whose body names its
// last commit with git placeholders.
func policy(id, classification string, lines ...string) string {
	s := "---\nDocument-ID: " + id + "\nOwner: CIO\nVersion: '1.0'\nStatus: Approved\nClassification: " + classification +
		"\nLast Update: 2026-10-01\n---\n# " + id + "\n\nLast changed: {{ git.subject | default \"never\" }} by {{ git.author | default \"nobody\" }}.\n\n"
	for i := range 10 {
		s += fmt.Sprintf("The %s document says line %d.\n", id, i)
	}
	return s + strings.Join(lines, "\n")
}

func TestAPublicBuildShowsNoCommitOfARestrictedDocument(t *testing.T) {
	r := gitAudienceSite(t)
	r.write(map[string]string{"content/p.md": policy("plan", "Restricted")})
	r.commit("R. Secret", "2026-02-01", "Draft merger plan with Acme")
	r.write(nil, [2]string{filepath.FromSlash("content/p.md"), filepath.FromSlash("content/q.md")})
	r.commit("R. Secret", "2026-02-02", "File the plan")
	r.write(map[string]string{"content/p.md": policy("policy", "Public")})
	r.commit("J. Smith", "2026-02-03", "Add the public policy")
	r.write(map[string]string{"content/p.md": r.read("content/p.md") + "Typo fixed.\n", "content/q.md": r.read("content/q.md") + "Merger.\n"})
	r.commit("R. Secret", "2026-02-04", "Merger plan; fix typo in policy")

	pub := r.build("Public")
	page := pub.page("p/index.html")
	assert.Contains(t, page, "Last changed: Add the public policy by J. Smith.")
	assert.Contains(t, page, "J. Smith: Add the public policy")
	changes := pub.page("changes/index.html")
	assert.Contains(t, changes, "Add the public policy")
	for _, name := range append([]string{"p/index.html", "changes/index.html", "changes.xml", "index.html", "search-index.js"}, pub.searchChunks()...) {
		text := pub.page(name)
		for _, secret := range []string{"Draft merger plan", "File the plan", "Merger plan; fix typo", "R. Secret", "2026-02-04", "2026-02-01"} {
			assert.NotContains(t, text, secret, name)
		}
	}

	// Built for everyone, each document has its own commits, across the
	// move, and the shared commit is on both.
	all := r.build("Restricted")
	assert.Contains(t, all.page("p/index.html"), "Last changed: Merger plan; fix typo in policy by R. Secret.")
	assertInOrder(t, all.page("p/index.html"), []string{"R. Secret: Merger plan; fix typo in policy", "J. Smith: Add the public policy"})
	assert.NotContains(t, all.page("p/index.html"), "Draft merger plan", "the commits on its path before it was added there are not its own")
	q := all.page("q/index.html")
	assertInOrder(t, q, []string{"Merger plan; fix typo in policy", "File the plan", "Draft merger plan with Acme"}, "the moved document keeps its commits")
	assert.NotContains(t, q, "Add the public policy")
	changes = all.page("changes/index.html")
	assertInOrder(t, changes, []string{"Merger plan; fix typo in policy", "Add the public policy", "File the plan", "Draft merger plan with Acme"})
	assert.Equal(t, 2, strings.Count(changes, "Merger plan; fix typo in policy"), "a change of each document")
}

func TestTheFooterNamesAHiddenCommitByItsHashAlone(t *testing.T) {
	r := gitAudienceSite(t)
	r.write(map[string]string{"content/p.md": policy("policy", "Public"), "content/q.md": policy("plan", "Restricted")})
	head := r.commit("R. Secret", "2026-02-04", "Merger plan and policy")

	page := r.build("Public").page("p/index.html")
	assert.Contains(t, page, `from commit <code title="`+head+`">`+head[:12]+"</code></p>", "the hash, without the date")
	assert.NotContains(t, page, "2026-02-04")
	assert.NotContains(t, page, "Merger plan")
	assert.Contains(t, page, "Last changed: never by nobody.")

	page = r.build("Restricted").page("p/index.html")
	assert.Contains(t, page, `from commit <code title="`+head+`">`+head[:12]+`</code> of <time datetime="2026-02-04">`)
}

func TestAPublicDocumentKeepsItsHistoryAcrossARenameAndAMerge(t *testing.T) {
	r := gitAudienceSite(t)
	r.write(map[string]string{"content/old.md": policy("policy", "Public")})
	r.commit("J. Smith", "2026-02-01", "Add the policy")
	r.git("checkout", "-q", "-b", "side")
	r.write(nil, [2]string{filepath.FromSlash("content/old.md"), filepath.FromSlash("content/new.md")})
	r.commit("A. Müller", "2026-02-02", "Rename the policy")
	r.git("checkout", "-q", "main")
	r.write(map[string]string{"content/old.md": strings.Replace(r.read("content/old.md"), "line 9.", "line nine.", 1)})
	r.commit("L. Chen", "2026-02-03", "Reword the policy")
	r.merge("side", "J. Smith", "2026-02-04", "Merge the rename")

	b := r.build("Public")
	page := b.page("new/index.html")
	assert.Contains(t, page, "The policy document says line nine.", "the merge holds both changes")
	assertInOrder(t, page, []string{"L. Chen: Reword the policy", "A. Müller: Rename the policy", "J. Smith: Add the policy"})
	assert.NotContains(t, page, "Merge the rename", "a merge names no document, as in git log")
	assert.Contains(t, page, "Last changed: Reword the policy by L. Chen.")
}

func TestAPathReusedAfterADeletionHasOnlyItsNewDocumentsCommits(t *testing.T) {
	r := gitAudienceSite(t)
	r.write(map[string]string{"content/x.md": policy("old", "Public")})
	r.commit("J. Smith", "2026-02-01", "Add the old standard")
	r.write(map[string]string{"content/x.md": ""})
	r.commit("J. Smith", "2026-02-02", "Retire the old standard")
	r.write(map[string]string{"content/x.md": policy("new", "Public"), "content/y.md": policy("other", "Public")})
	r.commit("A. Müller", "2026-02-03", "Add the new standard")

	for _, audience := range []string{"Public", "Restricted"} {
		b := r.build(audience)
		page := b.page("x/index.html")
		assert.Contains(t, page, "A. Müller: Add the new standard", audience)
		assert.NotContains(t, page, "old standard", audience)
	}
	// A commit that touched a document the site no longer has is hidden
	// from a build that would leave out a document of unknown
	// classification: git does not say how it was classified.
	r.write(map[string]string{"content/note.md": "# Note\n", "content/y.md": r.read("content/y.md") + "More.\n"})
	r.commit("R. Secret", "2026-02-04", "Note the merger beside the other standard")
	r.write(map[string]string{"content/note.md": ""})
	r.commit("J. Smith", "2026-02-05", "Remove the note")
	assert.NotContains(t, r.build("Public").page("changes/index.html"), "Note the merger")
	assert.Contains(t, r.build("Restricted").page("changes/index.html"), "Note the merger")
}

func TestCheckFillsGitPlaceholdersWithTheCommitsTheAudienceMaySee(t *testing.T) {
	r := gitAudienceSite(t)
	r.write(map[string]string{"content/p.md": policy("policy", "Public")})
	r.commit("J. Smith", "2026-02-01", "Add the policy")
	r.write(map[string]string{"content/p.md": r.read("content/p.md") + "More.\n", "content/q.md": policy("plan", "Restricted")})
	r.commit("R. Secret", "2026-02-02", "Merger plan and policy")
	read := func(<-chan struct{}) (*gitlog.Log, error) {
		return gitlog.Read(context.Background(), r.dir, gitlog.Options{})
	}
	for audience, want := range map[string]string{"Public": "Add the policy by J. Smith", "Restricted": "Merger plan and policy by R. Secret"} {
		res, err := generator.Check(context.Background(), generator.Options{Source: os.DirFS(r.dir), Theme: govdoc.Theme,
			Version: "test", Now: testNow, Audience: audience, Git: read})
		require.NoError(t, err)
		require.NotEmpty(t, res.Site.Documents)
		assert.Contains(t, string(res.Site.Documents[0].Markdown), "Last changed: "+want+".", audience)
	}
}
