package generator_test

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/output"
)

// versioned is a document at a version, with its history rows (version,
// date, author, change, one row a line, "|"-separated) and a body.
func versioned(version, classification, rows, body string) string {
	s := "---\nDocument-ID: POL-1\nTitle: Backup Policy\nOwner: CIO\nVersion: '" + version + "'\nStatus: Approved\nClassification: " +
		classification + "\nLast Update: 2026-10-01\n---\n" + body + "\n\n## Document History\n\n| Version | Date | Author | Changes |\n|---|---|---|---|\n"
	for _, r := range strings.Split(rows, "\n") {
		s += "| " + r + " |\n"
	}
	return s
}

const redlineSiteYAML = "title: T\nmetadata:\n  classification: [Public, Internal, Restricted]\n  review_after: 0\n" +
	"repository: {url: https://git.example.org/gov/handbook, branch: main}\n"

// redlineRepo is a policy committed at version 1.0, edited without a new
// version, then moved to version 1.1 with a new history row.
func redlineRepo(t *testing.T) (r *gitRepo, first, edit, second string) {
	r = newGitRepo(t)
	r.write(map[string]string{"site.yaml": redlineSiteYAML,
		"content/pol.md": versioned("1.0", "Public", "1.0 | 2026-02-01 | J. Smith | First issue",
			"Backups are taken quarterly and kept for one year.\n\nRestores are tested.")})
	first = r.commit("J. Smith", "2026-02-01", "Issue the backup policy")
	r.write(map[string]string{"content/pol.md": strings.Replace(r.read("content/pol.md"), "Restores are tested.", "Restores are tested too.", 1)})
	edit = r.commit("L. Chen", "2026-03-01", "Fix wording of the restore sentence")
	r.write(map[string]string{"content/pol.md": versioned("1.1", "Public",
		"1.0 | 2026-02-01 | J. Smith | First issue\n1.1 | 2026-04-01 | A. Müller | Monthly backups",
		"Backups are taken monthly and kept for one year.\n\nRestores are tested too.")})
	second = r.commit("A. Müller", "2026-04-01", "Back up monthly")
	return r, first, edit, second
}

func TestTheChangesPageListsTheHistoryRowsWithTheirCommits(t *testing.T) {
	r, first, edit, second := redlineRepo(t)
	b := r.build("")
	changes := b.page("changes/index.html")
	row := func(version, summary, hash string) string {
		return "<td>" + version + "</td>\n      <td>" + summary + ` <a href="https://git.example.org/gov/handbook/commit/` + hash +
			`"><code class="commit" title="` + hash + `">` + hash[:12] + "</code></a></td>"
	}
	assertInOrder(t, changes, []string{
		row(`<a href="pol/index.html" title="What changed, word by word">1.0 → 1.1</a>`, "Monthly backups", second),
		row(`1.0 <span class="change-edit">(edit)</span>`, "Fix wording of the restore sentence", edit),
		row("1.0", "First issue", first),
	})
	assert.Contains(t, changes, "<td>A. Müller</td>", "the row's author")
	assert.NotContains(t, changes, "Back up monthly", "the commit that made a version is shown by its row")
	assert.NotContains(t, changes, "Issue the backup policy")
	assert.NotContains(t, changes, "<td></td>\n      <td>", "no empty Version column")

	feed := b.page("changes.xml")
	assert.Contains(t, feed, "<title>Backup Policy 1.0 → 1.1</title>")
	assert.Contains(t, feed, "<title>Backup Policy 1.0 (edit)</title>")

	page := b.page("pol/index.html")
	assert.Contains(t, page, `<a href="https://git.example.org/gov/handbook/edit/main/content/pol.md" rel="nofollow">Edit this page</a>`)
	assert.Contains(t, page, `<a href="../changes/pol/index.html">Changes since 1.0</a>`)
}

func TestTheChangesPageWithoutGitListsTheHistoryRows(t *testing.T) {
	b := buildSite(t, "-- site.yaml --\n"+redlineSiteYAML+"-- content/pol.md --\n"+versioned("1.1", "Public",
		"1.0 | 2026-02-01 | J. Smith | First issue\n1.1 | 2026-04-01 | A. Müller | Monthly backups", "Backups are taken monthly."))
	changes := b.page("changes/index.html")
	assertInOrder(t, changes, []string{"<td>1.0 → 1.1</td>\n      <td>Monthly backups</td>\n      <td>A. Müller</td>",
		"<td>1.0</td>\n      <td>First issue</td>\n      <td>J. Smith</td>"})
	assert.NotContains(t, changes, "commit")

	redline := b.page("changes/pol/index.html")
	assert.Contains(t, redline, "There is no earlier version of this document to compare with")
	assert.NotContains(t, redline, "<ins")
}

func TestTheRedlineMarksTheWordsInsertedAndDeleted(t *testing.T) {
	r, _, _, second := redlineRepo(t)
	b := r.build("")
	page := b.page("changes/pol/index.html")
	assert.Contains(t, page, "<p>Backups are taken <del class=\"redline-del\">quarterly</del> <ins class=\"redline-ins\">monthly</ins> and kept for one year.</p>")
	assert.Contains(t, page, "<p>Restores are <del class=\"redline-del\">tested.</del> <ins class=\"redline-ins\">tested too.</ins></p>",
		"a version is the document at the commit where its Version changed: the later edit is compared as part of 1.1")
	assert.Contains(t, page, "3 words inserted, 2 words deleted.")
	assert.Contains(t, page, `<h1>Changes to Backup Policy</h1>`)
	assert.Contains(t, page, `https://git.example.org/gov/handbook/commit/`+second)

	// A third version: every pair has a page, linked from each.
	r.write(map[string]string{"content/pol.md": versioned("2.0", "Public",
		"1.0 | 2026-02-01 | J. Smith | First issue\n1.1 | 2026-04-01 | A. Müller | Monthly backups\n2.0 | 2026-05-01 | A. Müller | Weekly",
		"Backups are taken weekly and kept for one year.\n\nRestores are tested too.")})
	r.commit("A. Müller", "2026-05-01", "Back up weekly")
	b = r.build("")
	page = b.page("changes/pol/index.html")
	assert.Contains(t, page, "<del class=\"redline-del\">monthly</del> <ins class=\"redline-ins\">weekly</ins>")
	assert.Contains(t, page, `<a href="1.0-to-2.0/index.html">1.0 → 2.0</a>`)
	assert.Contains(t, page, `<a href="1.0-to-1.1/index.html">1.0 → 1.1</a>`)
	assert.Contains(t, b.page("changes/pol/1.0-to-2.0/index.html"), "<del class=\"redline-del\">quarterly</del> <ins class=\"redline-ins\">weekly</ins>")
	assert.Contains(t, b.page("changes/pol/1.0-to-1.1/index.html"), "<del class=\"redline-del\">quarterly</del> <ins class=\"redline-ins\">monthly</ins>")
}

// A shallow clone holds one version: the page says there is no earlier one.
func TestAShallowCloneBuildsWithoutARedline(t *testing.T) {
	r, _, _, _ := redlineRepo(t)
	clone := filepath.Join(t.TempDir(), "clone")
	out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+r.dir, clone).CombinedOutput()
	require.NoError(t, err, "%s", out)
	read := func(<-chan struct{}) (*gitlog.Log, error) {
		return gitlog.Read(context.Background(), clone, gitlog.Options{})
	}
	mem := output.NewMemory()
	res, err := generator.Build(context.Background(), generator.Options{Source: os.DirFS(clone), Theme: govdoc.Theme,
		Version: "test", Now: testNow, Git: read}, mem)
	require.NoError(t, err)
	require.Zero(t, res.Findings.Errors(), "%v", res.Findings)
	page, ok := mem.File("changes/pol/index.html")
	require.True(t, ok)
	assert.Contains(t, string(page), "There is no earlier version of this document to compare with")
}

// A version classified above the audience when it was made is left out:
// none of its words is in the output, and the redline of the document
// compares only versions the audience may see.
func TestARedlineShowsNoVersionAboveTheAudience(t *testing.T) {
	r := newGitRepo(t)
	r.write(map[string]string{"site.yaml": redlineSiteYAML,
		"content/pol.md": versioned("0.9", "Restricted", "0.9 | 2026-01-10 | R. Secret | Draft", "ZQXVERSIONSECRET plans for Acme.")})
	r.commit("R. Secret", "2026-01-10", "Draft")
	r.write(map[string]string{"content/pol.md": versioned("1.0", "Public",
		"0.9 | 2026-01-10 | R. Secret | Draft\n1.0 | 2026-02-01 | J. Smith | Published", "Backups are taken quarterly.")})
	r.commit("J. Smith", "2026-02-01", "Publish")
	r.write(map[string]string{"content/pol.md": versioned("1.1", "Public",
		"0.9 | 2026-01-10 | R. Secret | Draft\n1.0 | 2026-02-01 | J. Smith | Published\n1.1 | 2026-03-01 | J. Smith | Monthly", "Backups are taken monthly.")})
	r.commit("J. Smith", "2026-03-01", "Monthly")

	all := r.build("Restricted")
	assert.True(t, containsAnywhere(t, all.out, "ZQXVERSIONSECRET"), "the control build shows the restricted version")
	assert.Contains(t, all.page("changes/pol/index.html"), `<a href="0.9-to-1.1/index.html">0.9 → 1.1</a>`)

	pub := r.build("Public")
	assert.False(t, containsAnywhere(t, pub.out, "ZQXVERSIONSECRET"))
	page := pub.page("changes/pol/index.html")
	assert.Contains(t, page, "<del class=\"redline-del\">quarterly.</del> <ins class=\"redline-ins\">monthly.</ins>")
	assert.NotContains(t, page, "0.9 →")
	_, ok := pub.out.File("changes/pol/0.9-to-1.1/index.html")
	assert.False(t, ok)
}

// TestVersionedPagesReadTheSameWithTheSitesOwnPartials: the redline page's
// header, the document's header and the footer that Go writes read the
// same as the built-in partials executed, with versions and commits from
// git, and for a document with no earlier version.
func TestVersionedPagesReadTheSameWithTheSitesOwnPartials(t *testing.T) {
	r, _, _, _ := redlineRepo(t)
	r.write(map[string]string{"content/new.md": "---\nDocument-ID: POL-2\nTitle: New Policy\nOwner: CIO\nVersion: '1.0'\nStatus: Draft\nClassification: Public\nLast Update: 2026-10-01\n---\nOnly one version.\n"})
	r.commit("J. Smith", "2026-05-01", "Draft a new policy")
	pages := []string{"changes/pol/index.html", "changes/new/index.html", "pol/index.html", "new/index.html"}
	want := r.build("")
	own := map[string]string{}
	for _, n := range []string{"partials/redline-header.html", "partials/doc-header.html", "partials/footer.html"} {
		data, err := fs.ReadFile(govdoc.Theme, "templates/"+n)
		require.NoError(t, err)
		own["templates/"+n] = string(data) + "{{/* the site's own copy */}}"
	}
	r.write(own)
	got := r.build("")
	for _, p := range pages {
		assert.Equal(t, want.page(p), got.page(p), p)
	}
	assert.Contains(t, want.page("changes/new/index.html"), "There is no earlier version of this document to compare with")
	assert.Contains(t, want.page("changes/pol/index.html"), "What changed from version 1.0 of <time datetime=\"2026-02-01\">2026-02-01</time> to version 1.1 of <time datetime=\"2026-04-01\">2026-04-01</time>")
	assert.Contains(t, want.page("pol/index.html"), `from commit <code title="`)
}
