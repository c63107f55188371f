package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"

	"github.com/govdoc/govdoc/generator/pdf"
	"github.com/govdoc/govdoc/internal/testtool"
)

// pdfSite has two Public and Internal documents, one long enough for
// several pages, and a Restricted one that the Internal audience leaves out
// but that links to both and that they link to.
const pdfSite = `
-- site.yaml --
title: Printed Handbook
meta: {organization: Acme Corp, owner: Office of the CIO}
audience: Internal
-- content/policies/_index.md --
---
title: Policies
---
-- content/policies/0010_alpha.md --
---
Document-ID: POL-0010
Owner: '{{ meta.owner }}'
Version: '1.2'
Status: Approved
Classification: Public
Last Update: 2026-11-01
---
# Alpha Policy

## Purpose

The alpha policy is short.
-- content/policies/0030_secret.md --
---
Document-ID: SEC-0030
Owner: '{{ meta.owner }}'
Version: '0.9'
Status: Approved
Classification: Restricted
Last Update: 2026-11-01
---
# Zanzibar Plans

Only for Zanzibar eyes: see [[POL-0010]] and [[POL-0020]].
`

// pdfSiteFiles writes pdfSite into a folder, with the Internal document
// that runs over several pages, and returns the folder.
func pdfSiteFiles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(pdfSite)).Files {
		write(t, dir, map[string]string{f.Name: string(f.Data)})
	}
	var long strings.Builder
	long.WriteString("---\nDocument-ID: POL-0020\nOwner: '{{ meta.owner }}'\nVersion: '2.0'\nStatus: Approved\nClassification: Internal\nLast Update: 2026-11-01\n---\n# Beta Policy\n\nSee [[POL-0010]], [its purpose](0010_alpha.md#purpose) and [[SEC-0030]].\n")
	for i := range 12 {
		fmt.Fprintf(&long, "\n## Rule %d\n\n%s\n", i+1, strings.Repeat("Every rule of the beta policy is written out at length so that the document needs more than one page. ", 8))
	}
	write(t, dir, map[string]string{"content/policies/0020_beta.md": long.String()})
	return dir
}

// pdfPages returns the text of each page of a PDF file, as poppler's
// pdftotext extracts it.
func pdfPages(t *testing.T, file string) []string {
	t.Helper()
	bin := testtool.Need(t, "apt-get install poppler-utils", "pdftotext")
	out, err := exec.Command(bin, "-enc", "UTF-8", file, "-").Output()
	require.NoError(t, err, "pdftotext %s", file)
	pages := strings.Split(string(out), "\f")
	return pages[:len(pages)-1] // each page ends with a form feed
}

// headed asserts that each page of pages carries head, classification and
// "Page N of M", numbered from first.
func headed(t *testing.T, name string, pages []string, first, total int, head, classification string) {
	t.Helper()
	for i, text := range pages {
		n := first + i
		assert.Contains(t, text, head, "%s: page %d has the Document ID and version", name, n)
		assert.Contains(t, text, classification, "%s: page %d has the classification", name, n)
		assert.Contains(t, text, fmt.Sprintf("Page %d of %d", n, total), "%s: page %d has its number", name, n)
	}
}

func TestPDFPrintsEachDocumentAndTheHandbook(t *testing.T) {
	browser := testtool.Need(t, "apt-get install chromium", pdf.Browsers...)
	dir := pdfSiteFiles(t)
	out := filepath.Join(t.TempDir(), "pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"pdf", "--source", dir, "--out", out, "--browser", browser}, &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())
	assert.Regexp(t, `^govdoc pdf: 2 documents and the handbook \(\d+ pages\); 0 errors, \d+ warnings?; 3 files to .*pdf in `, stdout.String())

	alpha := pdfPages(t, filepath.Join(out, "policies", "0010_alpha.pdf"))
	require.Len(t, alpha, 1)
	headed(t, "0010_alpha.pdf", alpha, 1, 1, "POL-0010 · Version 1.2", "Public")
	assert.Contains(t, alpha[0], "The alpha policy is short.")

	beta := pdfPages(t, filepath.Join(out, "policies", "0020_beta.pdf"))
	require.Greater(t, len(beta), 1, "the beta policy runs over pages")
	headed(t, "0020_beta.pdf", beta, 1, len(beta), "POL-0020 · Version 2.0", "Internal")
	assert.Contains(t, beta[len(beta)-1], "Rule 12")

	book := pdfPages(t, filepath.Join(out, pdf.Handbook))
	cover, contents := book[0], book[1]
	for _, s := range []string{"Printed Handbook", "Acme Corp", testToday, "Audience: Internal", "2 documents"} {
		assert.Contains(t, cover, s, "the cover")
	}
	assert.NotContains(t, cover, "Page 1 of", "the cover has no page number")
	assert.Contains(t, contents, "Contents")
	assert.Contains(t, contents, "Policies")
	require.Len(t, book, 2+len(alpha)+len(beta), "cover, contents and the documents, each from a new page")
	headed(t, pdf.Handbook, book[2:3], 3, len(book), "POL-0010 · Version 1.2", "Public")
	headed(t, pdf.Handbook, book[3:], 4, len(book), "POL-0020 · Version 2.0", "Internal")
	assert.Regexp(t, regexp.MustCompile(`POL-0010\s+Alpha Policy\s+1\.2\s+3\b`), contents, "the contents give each document's first page")
	assert.Regexp(t, regexp.MustCompile(`POL-0020\s+Beta Policy\s+2\.0\s+4\b`), contents)

	files := []string{}
	require.NoError(t, filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	}))
	assert.ElementsMatch(t, []string{".govdoc-output", "handbook.pdf", "policies/0010_alpha.pdf", "policies/0020_beta.pdf"}, files,
		"no PDF of the Restricted document")
	for _, text := range [][]string{alpha, beta, book} {
		all := strings.Join(text, "\f")
		for _, secret := range []string{"SEC-0030", "Zanzibar"} {
			assert.NotContains(t, all, secret, "nothing of the left-out document")
		}
	}
	assert.Contains(t, strings.ToLower(alpha[0]), "referenced by", "a backlink from a published document is kept")
	assert.Contains(t, alpha[0], "Beta Policy")
	assert.Contains(t, beta[0], "See Alpha Policy, its purpose and restricted document.", "a link to the left-out document is plain text")
}

func TestPDFWithoutChromiumSaysHowToInstallIt(t *testing.T) {
	dir := pdfSiteFiles(t)
	missing := filepath.Join(t.TempDir(), "no-chromium")
	for name, args := range map[string][]string{
		"flag": {"--browser", missing},
		"env":  nil,
	} {
		t.Run(name, func(t *testing.T) {
			t.Setenv(pdf.BrowserEnv, missing)
			code, stdout, stderr := runGovdoc(t, append([]string{"pdf", "--source", dir}, args...)...)
			assert.Equal(t, 2, code)
			assert.Empty(t, stdout)
			how := "--browser"
			if args == nil {
				how = pdf.BrowserEnv
			}
			assert.Equal(t, "govdoc pdf: no Chromium found: "+how+" names "+missing+", which is not an executable (no such file); install Chromium (on Debian or Ubuntu: apt-get install chromium) or name one that is\n", stderr)
			assert.NoDirExists(t, filepath.Join(dir, "pdf"))
		})
	}
	t.Run("nothing on PATH", func(t *testing.T) {
		t.Setenv(pdf.BrowserEnv, "")
		t.Setenv("PATH", t.TempDir())
		code, _, stderr := runGovdoc(t, "pdf", "--source", dir)
		assert.Equal(t, 2, code)
		assert.Equal(t, "govdoc pdf: no Chromium found: none of chromium, chromium-browser, google-chrome, google-chrome-stable is on PATH; install Chromium (on Debian or Ubuntu: apt-get install chromium), or name its executable with --browser PATH or GOVDOC_CHROMIUM\n", stderr)
	})
}

// A site with errors prints nothing, and says so with build's findings;
// the browser is never started.
func TestPDFOfASiteWithErrorsExitsOne(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good, "content/b.md": "---\nOwner: {{ meta.nobody }}\n---\n"})
	self, err := os.Executable()
	require.NoError(t, err)
	code, stdout, stderr := runGovdoc(t, "pdf", "--source", dir, "--browser", self)
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "content/b.md:2:8: error: {{ meta.nobody }}: undefined key \"nobody\" [unresolved-placeholder]")
	assert.Contains(t, stderr, "govdoc pdf: 6 errors, 0 warnings; "+filepath.Join(dir, "pdf")+" left unchanged\n")
	assert.NoDirExists(t, filepath.Join(dir, "pdf"))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasPrefix(e.Name(), ".pdf"), "no staging folder left: %s", e.Name())
	}
}
