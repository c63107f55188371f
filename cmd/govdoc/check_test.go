package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"
)

// problems is every finding of testdata/problems.txtar as "file:line:col rule".
// Without --audience, check sees every document, so no link is restricted.
var problems = []string{
	"content/a/good.md:13:10 ambiguous-ref",
	"content/a/good.md:2:14 duplicate-id",
	"content/b/meta.md:11:22 broken-link",
	"content/b/meta.md:11:5 broken-ref",
	"content/b/meta.md:11:48 broken-anchor",
	"content/b/meta.md:2:14 duplicate-id",
	"content/b/meta.md:3:8 unresolved-placeholder",
	"content/b/meta.md:4:10 version-mismatch",
	"content/b/meta.md:5:9 invalid-metadata",
	"content/b/meta.md:7:14 review-overdue",
	"content/b/syntax.md:2:8 frontmatter-syntax",
}

// problemSite writes testdata/problems.txtar into a folder.
func problemSite(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/problems.txtar")
	require.NoError(t, err)
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, f.Data, 0o644))
	}
	return dir
}

func checkFormat(t *testing.T, dir, format string, extra ...string) (int, string) {
	t.Helper()
	code, stdout, stderr := runGovdoc(t, append([]string{"check", "--source", dir, "--format", format}, extra...)...)
	require.Empty(t, stderr)
	return code, stdout
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func TestCheckText(t *testing.T) {
	dir := problemSite(t)
	code, out := checkFormat(t, dir, "text")
	assert.Equal(t, 1, code)
	re := regexp.MustCompile(`(?m)^(\S+?):(\d+):(\d+): (error|warning): .* \[([a-z-]+)\]$`)
	var got []string
	for _, m := range re.FindAllStringSubmatch(out, -1) {
		got = append(got, fmt.Sprintf("%s:%s:%s %s", m[1], m[2], m[3], m[5]))
	}
	assert.Equal(t, sorted(problems), sorted(got))
	assert.Contains(t, out, "content/b/meta.md:3:8: error: {{ meta.nobody }}: undefined key \"nobody\" [unresolved-placeholder]")
	assert.Contains(t, out, "6 documents checked: 9 errors, 2 warnings")
}

// specJSON mirrors SPEC.md's check --format json exactly.
type specJSON struct {
	Summary struct {
		Documents int `json:"documents"`
		Errors    int `json:"errors"`
		Warnings  int `json:"warnings"`
	} `json:"summary"`
	Findings []struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		File     string `json:"file"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Message  string `json:"message"`
	} `json:"findings"`
}

func TestCheckJSONHasSpecShape(t *testing.T) {
	dir := problemSite(t)
	code, out := checkFormat(t, dir, "json")
	assert.Equal(t, 1, code)
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var r specJSON
	require.NoError(t, dec.Decode(&r))
	assert.Equal(t, 6, r.Summary.Documents)
	assert.Equal(t, 9, r.Summary.Errors)
	assert.Equal(t, 2, r.Summary.Warnings)
	var got []string
	for _, f := range r.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%d %s", f.File, f.Line, f.Column, f.Rule))
		assert.Contains(t, []string{"error", "warning"}, f.Severity)
		assert.NotEmpty(t, f.Message)
	}
	assert.Equal(t, sorted(problems), sorted(got))
}

func TestCheckGitHub(t *testing.T) {
	dir := problemSite(t)
	_, out := checkFormat(t, dir, "github")
	re := regexp.MustCompile(`(?m)^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=([a-z-]+)::.+$`)
	var got []string
	for _, m := range re.FindAllStringSubmatch(out, -1) {
		got = append(got, fmt.Sprintf("%s:%s:%s %s", m[2], m[3], m[4], m[5]))
	}
	assert.Equal(t, sorted(problems), sorted(got))
}

func TestCheckSARIF(t *testing.T) {
	dir := problemSite(t)
	_, out := checkFormat(t, dir, "sarif")
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &log))
	assert.Equal(t, "2.1.0", log.Version)
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	assert.Equal(t, "govdoc", run.Tool.Driver.Name)
	var got []string
	for _, r := range run.Results {
		require.Less(t, r.RuleIndex, len(run.Tool.Driver.Rules))
		assert.Equal(t, r.RuleID, run.Tool.Driver.Rules[r.RuleIndex].ID)
		assert.NotEmpty(t, r.Message.Text)
		require.Len(t, r.Locations, 1)
		loc := r.Locations[0].PhysicalLocation
		got = append(got, fmt.Sprintf("%s:%d:%d %s", loc.ArtifactLocation.URI, loc.Region.StartLine, loc.Region.StartColumn, r.RuleID))
	}
	assert.Equal(t, sorted(problems), sorted(got))
}

func TestCheckJUnitHasATestCasePerDocument(t *testing.T) {
	dir := problemSite(t)
	_, out := checkFormat(t, dir, "junit")
	var suites struct {
		Suites []struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Cases    []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Type string `xml:"type,attr"`
					Text string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal([]byte(out), &suites))
	require.Len(t, suites.Suites, 1)
	s := suites.Suites[0]
	names := map[string]bool{}
	for _, c := range s.Cases {
		names[c.Name] = c.Failure != nil
	}
	assert.Equal(t, map[string]bool{
		"content/a/good.md": true, "content/a/secret.md": false, "content/a/dup-name.md": false,
		"content/b/dup-name.md": false, "content/b/syntax.md": true, "content/b/meta.md": true,
	}, names)
	var lines []string
	for _, c := range s.Cases {
		if c.Failure != nil {
			lines = append(lines, strings.Split(strings.TrimSpace(c.Failure.Text), "\n")...)
		}
	}
	re := regexp.MustCompile(`^(\S+?):(\d+):(\d+): \w+: .* \[([a-z-]+)\]$`)
	var got []string
	for _, l := range lines {
		if m := re.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			got = append(got, fmt.Sprintf("%s:%s:%s %s", m[1], m[2], m[3], m[4]))
		}
	}
	assert.Equal(t, sorted(problems), sorted(got))
}

func TestCheckStrictFailsOnWarnings(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": strings.Replace(good, "2026-11-01", "2020-01-01", 1)})
	code, out := checkFormat(t, dir, "text")
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "[review-overdue]")
	code, _ = checkFormat(t, dir, "text", "--strict")
	assert.Equal(t, 1, code)
}

func TestCheckSuppression(t *testing.T) {
	dir := t.TempDir()
	old := strings.Replace(good, "2026-11-01", "2020-01-01", 1)
	write(t, dir, map[string]string{
		"site.yaml":            siteYAML + "ignore:\n  - rule: review-overdue\n    path: content/archive/**\n",
		"content/archive/a.md": old,
		"content/b.md":         strings.Replace(strings.Replace(old, "Document-ID: a", "Document-ID: b", 1), "---\n# Alpha", "check:\n  ignore: [review-overdue]\n---\n# Alpha", 1),
		"content/c.md":         strings.Replace(old, "Document-ID: a", "Document-ID: c", 1),
	})
	_, out := checkFormat(t, dir, "text")
	assert.NotContains(t, out, "content/archive/a.md")
	assert.NotContains(t, out, "content/b.md")
	assert.Contains(t, out, "content/c.md:7:14: warning:")
	assert.Contains(t, out, "3 documents checked: 1 warning")
}

func TestCheckBadFormatOrSiteExitsTwo(t *testing.T) {
	dir := problemSite(t)
	code, _, stderr := runGovdoc(t, "check", "--source", dir, "--format", "yaml")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "unknown format")
	code, _, stderr = runGovdoc(t, "check", "--source", t.TempDir())
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "no site.yaml found")

	bad := t.TempDir()
	write(t, bad, map[string]string{"site.yaml": "title: T\ntitel: typo\n", "content/a.md": good})
	code, stdout, stderr := runGovdoc(t, "check", "--source", bad)
	assert.Equal(t, 2, code, "a broken site.yaml: check could not run")
	assert.Equal(t, "site.yaml:2:1: error: unknown key \"titel\" in site.yaml (did you mean \"title\"?) [config]\n\n0 documents checked: 1 error\n", stdout)
	assert.Empty(t, stderr)
	code, stdout, _ = runGovdoc(t, "check", "--source", bad, "--format", "json")
	assert.Equal(t, 2, code)
	assert.Contains(t, stdout, `"rule": "config"`, "the report says why, in its format")
}

func TestCheckExternalLinksAgainstALocalServer(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.URL.Path == "/gone" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"site.yaml":    siteYAML,
		"content/a.md": good + "\nSee [the portal](" + srv.URL + "/ok) and [the old page](" + srv.URL + "/gone).\n",
	})
	cache := t.TempDir()
	code, out := checkFormat(t, dir, "text")
	assert.Equal(t, 0, code, "without --external, links are not requested")
	assert.Zero(t, requests.Load())

	code, out = checkFormat(t, dir, "text", "--external", "--cache", cache)
	assert.Equal(t, 1, code)
	assert.Regexp(t, `content/a.md:11:\d+: error: http://127\.0\.0\.1:\d+/gone answered 404 Not Found \[external-link\]`, out)
	assert.NotContains(t, out, "/ok")
	assert.FileExists(t, filepath.Join(cache, "links.json"))

	before := requests.Load()
	_, _ = checkFormat(t, dir, "text", "--external", "--cache", cache)
	assert.Equal(t, int32(2), requests.Load()-before, "the good link comes from the cache; the bad one (HEAD, then GET) is asked again")
}

func TestCheckExternalRemembersLinksInTheUserCacheFolder(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	cacheHome := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cacheHome)
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good + "\n[portal](" + srv.URL + "/ok)\n"})
	before := tree(t, dir)

	code, out := checkFormat(t, dir, "text", "--external")
	assert.Equal(t, 0, code, out)
	cache := filepath.Join(cacheHome, "govdoc", strings.ReplaceAll(strings.Trim(dir, "/"), "/", "_"), "links.json")
	data, err := os.ReadFile(cache)
	require.NoError(t, err, "one cache folder per site, in the user cache folder")
	assert.Contains(t, string(data), srv.URL+"/ok")
	assert.Equal(t, before, tree(t, dir), "nothing is written into the site")
}

func TestCheckExternalLinksOfSectionIntroductions(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"site.yaml":             siteYAML,
		"content/gov/a.md":      good,
		"content/gov/_index.md": "---\ntitle: Governance\n---\nSee [the old page](" + srv.URL + "/gone).\n",
	})
	code, out := checkFormat(t, dir, "text", "--external", "--cache", t.TempDir())
	assert.Equal(t, 1, code)
	assert.Regexp(t, `content/gov/_index.md:4:5: error: http://127\.0\.0\.1:\d+/gone answered 404 Not Found \[external-link\]`, out)
}

func TestCheckAudienceAddsWhatThatBuildFinds(t *testing.T) {
	dir := problemSite(t)
	code, out := checkFormat(t, dir, "text", "--audience", "Internal")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "content/a/good.md:13:30: warning: links to a document left out of this build (classified Confidential); it shows as \"restricted document\" [restricted-link]")
	assert.Contains(t, out, "6 documents checked: 9 errors, 3 warnings", "the same errors as without an audience")
	write(t, dir, map[string]string{"site.yaml": "title: T\naudience: Internal\nmetadata: {classification: [Open, Public, Internal, Confidential, Restricted]}\n"})
	_, out = checkFormat(t, dir, "text", "--audience", "Open")
	assert.Contains(t, out, "site.yaml: error: the build for the audience Open would publish no document: all 6 are left out")
}
