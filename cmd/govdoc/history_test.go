package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govdoc/govdoc/internal/testtool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gitIn runs git in dir with a fixed author and date.
func gitIn(t *testing.T, dir, author, date string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=" + author, "-c", "user.email=x@example.org"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
}

const gitDoc = "---\nDocument-ID: a\nOwner: '{{ meta.owner }}'\nVersion: '1.0'\nStatus: Approved\nClassification: Internal\nLast Update: '{{ git.date | default \"2026-01-01\" }}'\n---\n# Alpha\n\nLast changed by {{ git.author | default \"nobody yet\" }} in {{ git.commit | default \"no commit\" }}.\n"

// gitSite is a site in a new repository: a.md with git placeholders,
// committed by J. Smith on 2026-03-01. Without git, the test is skipped.
func gitSite(t *testing.T) string {
	t.Helper()
	testtool.Git(t)
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": gitDoc, ".gitignore": "public/\n"})
	gitIn(t, dir, "J. Smith", "2026-03-01T10:00:00Z", "init", "-q", "-b", "main")
	gitIn(t, dir, "J. Smith", "2026-03-01T10:00:00Z", "add", "-A")
	gitIn(t, dir, "J. Smith", "2026-03-01T10:00:00Z", "commit", "-q", "-m", "First")
	return dir
}

func TestGitPlaceholdersFollowTheRepository(t *testing.T) {
	dir := gitSite(t)
	write(t, dir, map[string]string{"content/a.md": gitDoc + "\nMore.\n"})
	gitIn(t, dir, "A. Müller", "2026-05-20T08:00:00Z", "commit", "-q", "-am", "Second")

	code, _, stderr := runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	page, err := os.ReadFile(filepath.Join(dir, "public/a/index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "2026-05-20", "Last Update follows the repository")
	assert.Contains(t, string(page), "Last changed by A. Müller in ")
	assert.Regexp(t, `from commit <code title="[0-9a-f]{40}">[0-9a-f]{12}</code>`, string(page))
	assert.Contains(t, string(page), "Recent changes in the repository")
	assert.Regexp(t, `2026-05-20</time> A. Müller: Second <code`, string(page))
	assert.Regexp(t, `2026-03-01</time> J. Smith: First <code`, string(page))

	// A shallow clone still builds, with what history it has.
	clone := filepath.Join(t.TempDir(), "clone")
	out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+dir, clone).CombinedOutput()
	require.NoError(t, err, "%s", out)
	code, _, stderr = runGovdoc(t, "build", "--source", clone)
	require.Equal(t, 0, code, stderr)
	page, err = os.ReadFile(filepath.Join(clone, "public/a/index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "Last changed by A. Müller")
}

func TestWithoutGitTheSiteStillBuilds(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": gitDoc})
	code, _, stderr := runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	page, err := os.ReadFile(filepath.Join(dir, "public/a/index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "Last changed by nobody yet in no commit.")
	assert.Contains(t, string(page), "2026-01-01")
	assert.NotContains(t, string(page), "from commit")
}

// versioned is a document with a Version and a history table.
func versioned(id, version, body string, rows ...string) string {
	s := "---\nDocument-ID: " + id + "\nOwner: x\nVersion: '" + version + "'\nStatus: Approved\nClassification: Internal\nLast Update: 2026-11-01\n---\n# " + id + "\n\n" + body + "\n\n| Version | Date | Author | Changes |\n|---|---|---|---|\n"
	for _, r := range rows {
		s += r + "\n"
	}
	return s
}

func TestCheckSinceIsTheVersionGate(t *testing.T) {
	testtool.Git(t)
	dir := t.TempDir()
	row10 := "| 1.0 | 2026-11-01 | J. Smith | Initial |"
	write(t, dir, map[string]string{
		"site.yaml":            siteYAML,
		"content/unbumped.md":  versioned("unbumped", "1.0", "Old text.", row10),
		"content/bumped.md":    versioned("bumped", "1.0", "Old text.", row10),
		"content/norow.md":     versioned("norow", "1.0", "Old text.", row10),
		"content/frontonly.md": versioned("frontonly", "1.0", "Same text.", row10),
		"content/untouched.md": versioned("untouched", "1.0", "Same.", row10),
	})
	gitIn(t, dir, "J. Smith", "2026-11-01T10:00:00Z", "init", "-q", "-b", "main")
	gitIn(t, dir, "J. Smith", "2026-11-01T10:00:00Z", "add", "-A")
	gitIn(t, dir, "J. Smith", "2026-11-01T10:00:00Z", "commit", "-q", "-m", "Base")

	row11 := "| 1.1 | 2026-11-20 | J. Smith | Reworded |"
	write(t, dir, map[string]string{
		"content/unbumped.md":  versioned("unbumped", "1.0", "New text.", row10),
		"content/bumped.md":    versioned("bumped", "1.1", "New text.", row10, row11),
		"content/norow.md":     versioned("norow", "1.1", "Old text.", row10),
		"content/frontonly.md": strings.Replace(versioned("frontonly", "1.0", "Same text.", row10), "Owner: x", "Owner: y", 1),
		"content/new.md":       versioned("new", "1.0", "Brand new.", row10),
	})
	code, out := checkFormat(t, dir, "text", "--since", "main")
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "content/unbumped.md:4:10: error: the document changed since the base revision but its Version is still 1.0: raise it and add a Document History row [version-not-bumped]")
	assert.Contains(t, out, "content/norow.md:4:10: warning: Version changed from 1.0 to 1.1 without a new Document History row [history-not-updated]")
	assert.NotContains(t, out, "content/bumped.md")
	assert.NotContains(t, out, "frontonly.md")
	assert.NotContains(t, out, "new.md")
	assert.NotContains(t, out, "untouched.md")

	code, _, stderr := runGovdoc(t, "check", "--source", dir, "--since", "no-such-rev")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "not a revision")
	code, _, stderr = runGovdoc(t, "check", "--source", t.TempDir(), "--since", "main")
	assert.Equal(t, 2, code)
}

// atom mirrors the Atom elements a feed must have.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Author struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

func readAtom(t *testing.T, path string) atom {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var f atom
	require.NoError(t, xml.Unmarshal(data, &f), "the feed is well-formed Atom")
	for _, v := range []string{f.ID, f.Title, f.Updated} {
		require.NotEmpty(t, v, "feed id, title and updated are required")
	}
	for _, e := range f.Entries {
		require.NotEmpty(t, e.ID)
		require.NotEmpty(t, e.Title)
		_, err := time.Parse(time.RFC3339, e.Updated)
		require.NoError(t, err, "updated is an RFC 3339 date")
	}
	return f
}

func TestChangesFromGitWithVersionTransitions(t *testing.T) {
	testtool.Git(t)
	dir := t.TempDir()
	row10 := "| 1.0 | 2026-03-01 | J. Smith | Initial creation |"
	write(t, dir, map[string]string{"site.yaml": siteYAML + "baseURL: https://handbook.example.internal/\n", ".gitignore": "public/\n",
		"content/a.md": versioned("alpha", "1.0", "Text.", row10)})
	gitIn(t, dir, "J. Smith", "2026-03-01T10:00:00Z", "init", "-q", "-b", "main")
	gitIn(t, dir, "J. Smith", "2026-03-01T10:00:00Z", "add", "-A")
	gitIn(t, dir, "J. Smith", "2026-03-01T10:00:00Z", "commit", "-q", "-m", "Add the alpha policy")
	write(t, dir, map[string]string{"content/a.md": versioned("alpha", "1.1", "New text.", row10, "| 1.1 | 2026-04-15 | A. Müller | Reworded |")})
	gitIn(t, dir, "A. Müller", "2026-04-15T09:00:00Z", "commit", "-q", "-am", "Reword the alpha policy")

	code, _, stderr := runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	page, err := os.ReadFile(filepath.Join(dir, "public/changes/index.html"))
	require.NoError(t, err)
	p := string(page)
	// The history rows, each with the commit that made its version.
	first, second := strings.Index(p, "<td>Reworded <code class=\"commit\""), strings.Index(p, "<td>Initial creation <code class=\"commit\"")
	require.True(t, first > 0 && second > first, "newest first")
	assert.Contains(t, p, "1.0 → 1.1")
	assert.Contains(t, p, `href="../a/index.html"`)

	f := readAtom(t, filepath.Join(dir, "public/changes.xml"))
	assert.Equal(t, "https://handbook.example.internal/changes/index.html", f.ID)
	assert.Equal(t, "2026-04-15T00:00:00Z", f.Updated)
	require.Len(t, f.Entries, 2)
	assert.Equal(t, "alpha 1.0 → 1.1", f.Entries[0].Title)
	assert.Equal(t, "A. Müller", f.Entries[0].Author.Name)
	assert.Equal(t, "Reworded", f.Entries[0].Summary)
	assert.Equal(t, "a/index.html", f.Entries[0].Link.Href)
	assert.NotEqual(t, f.Entries[0].ID, f.Entries[1].ID)
}

func TestChangesWithoutGitComeFromTheHistories(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML,
		"content/a.md": versioned("alpha", "1.1", "Text.", "| 1.0 | 2026-03-01 | J. Smith | Initial creation |", "| 1.1 | 2026-04-15 | A. Müller | Reworded |"),
		"content/b.md": versioned("beta", "2.0", "Text.", "| 2.0 | 2026-05-01 | L. Chen | Rewritten |")})
	code, _, stderr := runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	f := readAtom(t, filepath.Join(dir, "public/changes.xml"))
	require.Len(t, f.Entries, 3)
	assert.Equal(t, []string{"beta 2.0", "alpha 1.0 → 1.1", "alpha 1.0"}, []string{f.Entries[0].Title, f.Entries[1].Title, f.Entries[2].Title})
	assert.Regexp(t, `^urn:govdoc:[0-9a-f]{16}$`, f.ID, "a path base URL gives a URN id")
}

func TestServeFollowsCommits(t *testing.T) {
	dir := gitSite(t)
	write(t, dir, map[string]string{"content/a.md": gitDoc + "\nMore.\n"}) // saved, not committed yet
	p := startServe(t, "--source", dir)
	_, page := fetch(t, p.url+"a/")
	assert.Contains(t, page, "Last changed by J. Smith in ")

	// The commit changes no file the preview watches, yet it shows.
	gitIn(t, dir, "A. Müller", "2026-05-21T08:00:00Z", "commit", "-q", "-am", "Second")
	require.Eventually(t, func() bool {
		_, page := fetch(t, p.url+"a/")
		return strings.Contains(page, "Last changed by A. Müller in ") && strings.Contains(page, "2026-05-21")
	}, 15*time.Second, 50*time.Millisecond, "the commit is served")
	assert.Equal(t, 0, p.stop(), p.stderr.String())
}

func TestADamagedRepositoryIsAWarning(t *testing.T) {
	dir := gitSite(t)
	write(t, dir, map[string]string{"content/a.md": gitDoc + "\nMore.\n"})
	gitIn(t, dir, "A. Müller", "2026-05-20T08:00:00Z", "commit", "-q", "-am", "Second")
	// Lose the first commit's tree, as a disk fault or a bad copy would.
	out, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD~1^{tree}").Output()
	require.NoError(t, err)
	tree := strings.TrimSpace(string(out))
	require.NoError(t, os.Remove(filepath.Join(dir, ".git", "objects", tree[:2], tree[2:])))

	code, stdout, stderr := runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, "the site builds without its history: %s", stderr)
	assert.Contains(t, stderr, ".: warning: the git history could not be read, so pages show no git dates, authors or commits: ")
	assert.Contains(t, stderr, tree, "git's own reason")
	assert.Contains(t, stderr, "[git-history]")
	assert.Contains(t, stdout, "1 warning")
	page, err := os.ReadFile(filepath.Join(dir, "public/a/index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "Last changed by nobody yet in no commit.")

	code, stdout, _ = runGovdoc(t, "check", "--source", dir, "--format", "json")
	assert.Equal(t, 0, code, "a warning does not fail check")
	var report struct {
		Findings []struct{ Rule, Severity, File, Message string }
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &report), stdout)
	require.Len(t, report.Findings, 1, stdout)
	f := report.Findings[0]
	assert.Equal(t, []string{"git-history", "warning", "."}, []string{f.Rule, f.Severity, f.File})
	assert.Contains(t, f.Message, "the git history could not be read")
	code, _, _ = runGovdoc(t, "check", "--source", dir, "--strict")
	assert.Equal(t, 1, code, "--strict fails on it")
}

func TestARepositoryOfAnotherOwnerSaysHowToAllowIt(t *testing.T) {
	dir := gitSite(t)
	t.Setenv("GIT_CONFIG_GLOBAL", "/dev/null")
	t.Setenv("GIT_CONFIG_SYSTEM", "/dev/null")
	t.Setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1") // as git sees a checkout made by another user

	code, _, stderr := runGovdoc(t, "build", "--source", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "warning: the git history could not be read, so pages show no git dates, authors or commits: git: detected dubious ownership")
	assert.Contains(t, stderr, "safe.directory")

	code, _, stderr = runGovdoc(t, "check", "--source", dir, "--since", "HEAD")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "govdoc check: --since HEAD: git: detected dubious ownership")
	assert.NotContains(t, stderr, "needs the site to be in a git repository")
}
