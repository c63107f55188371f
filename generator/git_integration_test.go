package generator_test

import (
	"context"
	"errors"
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
		Date: time.Date(2026, 5, 20, 8, 0, 0, 0, time.UTC), Files: []string{"content/a.md"}}
	b := &gitlog.Commit{Hash: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", Author: "A. Müller", Subject: "Add b",
		Date: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC), Files: []string{"content/b.md"}}
	return &gitlog.Log{Head: a, Commits: []*gitlog.Commit{a, b}, Files: map[string]*gitlog.File{
		"content/a.md": {Last: a, Recent: []*gitlog.Commit{a}},
		"content/b.md": {Last: b, Recent: []*gitlog.Commit{b}},
	}}, nil
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
	assert.Contains(t, changes, "from its git history")
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
