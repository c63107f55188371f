package generator_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/output"
)

// The markers of the secret document: each part of it carries its own, so a
// leak says which part leaked.
var leakMarkers = []string{
	"zqxfilename",   // its file name and so its URL
	"ZQXTITLE",      // its title
	"ZQXDOCID",      // its Document-ID
	"ZQXBODY",       // its text
	"ZQXOWNER",      // its owner (documentation health by owner)
	"ZQXACTIVITY",   // its responsibility matrix
	"ZQXMETRIC",     // its scorecard
	"ZQXCSVMETRIC",  // its scorecard's CSV source
	"ZQXHISTORY",    // its history
	"ZQXTAG",        // its tags
	"zqximagebytes", // the content of an image only it shows
	"zqxonlyimage",  // that image's file name
	"ZQXLINKLABEL",  // the label of a link to it from a public document or a section
	"zqxrawonly",    // the file name of an image only its raw HTML shows
	"zqxrawbytes",   // that image's content
	"zqxboard",      // the folder of a section that holds only secret documents
	"ZQXBOARDTITLE", // that section's title, from its _index.md
	"ZQXBOARDINTRO", // its introduction
	"zqxsubfolder",  // a section below it
	"ZQXSUBTITLE",   // that section's title
	"ZQXBOARDPAPER", // a secret document of the section
	"ZQXAPPROVER",   // who approved it (document control, register)
	"ZQXOWNEDTITLE", // a secret document a role owns (role and owner pages)
	"ZQXKPI",        // a metric of it a role owns (KPIs of role pages)
}

// leakSite uses every feature: matrices, scorecards, references of every
// kind to and from the secret document, from documents and a section's
// introduction, in Markdown and raw HTML, history, tags, images.
const leakSite = `-- site.yaml --
title: Leak Test
meta: {organization: Acme}
roles:
  - {id: cio, name: Chief Information Officer, aliases: [CIO]}
  - {id: ciso, name: Chief Information Security Officer, aliases: [CISO]}
metadata:
  classification: [Public, Internal, Confidential, Restricted]
  review_after: 0
audience: Restricted
raw_html: true
-- templates/partials/footer.html --
<footer class="site-footer">
  <p>{{ .Site.Config.Title }}</p>
  {{/* A theme that shows everything it is given. */}}
  <p class="probe">{{ range .Site.Excluded }}{{ .Title }} {{ .Path }} {{ end }}
  {{ range .Site.Sections }}{{ .Title }} {{ .Dir }} {{ printf "%s" .Intro }} {{ end }}
  {{ range .Site.Root.Sections }}{{ .Title }} {{ end }}
  {{ with .Doc }}{{ range .Refs }}{{ with .Target }}{{ .Title }} {{ .Path }} {{ .ID }}{{ end }}{{ with .Section }}{{ .Title }} {{ .Dir }}{{ end }}{{ end }}{{ end }}
  {{ with .Section }}{{ range .Sections }}{{ .Title }} {{ printf "%s" .Intro }} {{ range .Documents }}{{ .Title }}{{ end }}{{ end }}{{ end }}</p>
</footer>
-- content/zqxboard/_index.md --
---
title: ZQXBOARDTITLE Papers
---
ZQXBOARDINTRO: what the board decides.
-- content/zqxboard/0900_paper.md --
---
Document-ID: board-0900
Owner: Board Office
Version: "1.0"
Status: Approved
Classification: Restricted
Last Update: 2026-10-01
---
# ZQXBOARDPAPER Acquisition

ZQXBOARDPAPER text.
-- content/zqxboard/zqxsubfolder/_index.md --
# ZQXSUBTITLE Minutes
-- content/zqxboard/zqxsubfolder/0910_minutes.md --
---
Document-ID: board-0910
Owner: Board Office
Version: "1.0"
Status: Approved
Classification: Restricted
Last Update: 2026-10-01
---
# ZQXBOARDPAPER Minutes

Minutes.
-- content/sec/_index.md --
---
title: Security
---
The security documents, such as [[sec-zqxdocid]] and [ZQXLINKLABEL](0999_zqxfilename.md#zqxbody-section).
-- content/sec/0100_public.md --
---
Document-ID: pub-0100
Owner: Office of the CIO
Version: "1.0"
Status: Approved
Classification: Public
Last Update: 2026-10-01
raci:
  - activity: Public review
    R: CIO
    A: CISO
---
# Public Policy

See [[sec-zqxdocid]], [ZQXLINKLABEL](0999_zqxfilename.md#zqxbody-section) and [[0999_zqxfilename.md]],
the [ZQXLINKLABEL board](../zqxboard/) and [its ZQXLINKLABEL minutes](/zqxboard/zqxsubfolder/),
<a href="/sec/0999_zqxfilename.md">the ZQXLINKLABEL in HTML</a>.

## Document References

- 0999_zqxfilename.md
-- content/sec/0050_old_public.md --
---
Document-ID: pub-0050
Owner: Office of the CIO
Version: "1.0"
Status: Retired
Classification: Public
Last Update: 2025-10-01
---
# Old Public Policy

Replaced by a plan that not every reader may see.
-- content/sec/0200_internal.md --
---
Document-ID: int-0200
Owner: Office of the CIO
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
Supersedes: sec-ZQXDOCID
---
# Internal Standard

Text.
-- content/sec/0300_confidential.md --
---
Document-ID: conf-0300
Owner: Office of the CISO
Version: "1.0"
Status: Approved
Classification: Confidential
Last Update: 2026-10-01
---
# Confidential Procedure

Links [[pub-0100]].
-- content/sec/0999_zqxfilename.md --
---
Document-ID: sec-ZQXDOCID
Owner: ZQXOWNER Office
Version: "2.0"
Status: Approved
Classification: Restricted
Last Update: 2026-10-02
Next Review: 2026-12-01
Approved By: ZQXAPPROVER Board
Approval Date: 2026-10-03
Supersedes: pub-0050
Tags: [ZQXTAG]
raci:
  - activity: ZQXACTIVITY approval
    R: CIO
    A: CISO
scorecard:
  period: 2026-Q3
  source: zqxfilename-metrics.csv
  metrics:
    - {id: zqxmetric, name: ZQXMETRIC uptime, target: 99, owner: CIO, values: {2026-Q3: 99.5}}
    - {id: zqxcsv, name: ZQXCSVMETRIC cost, target: 10}
---
# ZQXTITLE Merger Plan

## ZQXBODY section

The ZQXBODY text links [the public policy](0100_public.md) and shows ![chart](zqxonlyimage.png).

<p><img src="zqxrawonly.png" alt="ZQXBODY"></p>

| Version | Date | Author | Changes |
|---|---|---|---|
| 1.0 | 2026-01-01 | ZQXHISTORY Author | First |
| 2.0 | 2026-10-02 | J. Smith | ZQXHISTORY change |
-- content/sec/0998_owned.md --
---
Document-ID: sec-0998
Owner: cio
Version: "1.0"
Status: Draft
Classification: Restricted
Last Update: 2020-01-01
scorecard:
  period: 2026-Q3
  metrics:
    - {id: kpi, name: ZQXKPI uptime, target: 99, owner: CISO, values: {2026-Q3: 90}}
---
# ZQXOWNEDTITLE Plan

Text.
-- content/sec/zqxonlyimage.png --
zqximagebytes
-- content/sec/zqxrawonly.png --
zqxrawbytes
-- content/sec/zqxfilename-metrics.csv --
period,metric,value
2026-Q3,zqxcsv,12
`

func TestNothingOfAHigherClassificationReachesAnyOutput(t *testing.T) {
	fsys := siteFS(leakSite)
	build := func(audience string) *output.Memory {
		out := output.NewMemory()
		res, err := generator.Build(context.Background(), generator.Options{Source: fsys, Theme: govdoc.Theme, Version: "test", Now: testNow, Audience: audience}, out)
		require.NoError(t, err)
		require.Zero(t, res.Findings.Errors(), "%s: %v", audience, res.Findings)
		return out
	}
	// The test can fail: built for Restricted, every marker is there.
	all := build("Restricted")
	for _, m := range leakMarkers {
		assert.True(t, containsAnywhere(t, all, m), "the control build should show %s", m)
	}
	for _, audience := range []string{"Public", "Internal", "Confidential"} {
		out := build(audience)
		for _, name := range out.Names() {
			data, _ := out.File(name)
			for _, m := range leakMarkers {
				if strings.Contains(strings.ToLower(name), strings.ToLower(m)) {
					t.Errorf("%s: the output file name %s holds %s", audience, name, m)
				}
				for _, text := range readable(t, name, data) {
					if bytes.Contains(bytes.ToLower(text), []byte(strings.ToLower(m))) {
						t.Errorf("%s: %s holds %s", audience, name, m)
					}
				}
			}
		}
	}
}

// containsAnywhere reports whether any file of out holds m.
func containsAnywhere(t *testing.T, out *output.Memory, m string) bool {
	for _, name := range out.Names() {
		data, _ := out.File(name)
		if strings.Contains(strings.ToLower(name), strings.ToLower(m)) {
			return true
		}
		for _, text := range readable(t, name, data) {
			if bytes.Contains(bytes.ToLower(text), []byte(strings.ToLower(m))) {
				return true
			}
		}
	}
	return false
}

// readable returns a file's bytes and, for a compressed file, its
// decompressed bytes too.
func readable(t *testing.T, name string, data []byte) [][]byte {
	out := [][]byte{data}
	if strings.HasSuffix(name, ".gz") || bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		r, err := gzip.NewReader(bytes.NewReader(data))
		require.NoError(t, err, name)
		plain, err := io.ReadAll(r)
		require.NoError(t, err, name)
		out = append(out, plain)
	}
	return out
}

// The same site in git, with a history that touches the secret document in
// every way: created at the path the public document has now, moved to its
// own, changed in one commit with the public document, changed on a branch
// merged later, and a commit that touched a document deleted since. Each of
// those commits' subject, author, date and hash is a marker; the public
// document names its last commit with placeholders.
func TestNothingOfAHigherClassificationReachesAnyOutputThroughGit(t *testing.T) {
	r := newGitRepo(t)
	files := archive(leakSite)
	secret, public := "content/sec/0999_zqxfilename.md", "content/sec/0100_public.md"
	publicText := files[public] + "\nLast changed: {{ git.subject }} by {{ git.author }} on {{ git.date }} in {{ git.commit }}.\n"
	var markers []string // of the commits that touched the secret document
	secretCommit := func(date, msg string) {
		h := r.commit("ZQXGITAUTHOR Jones", date, msg)
		markers = append(markers, msg, date, h[:12])
	}
	imported := map[string]string{}
	for name, text := range files {
		if name != secret && name != public && !strings.Contains(name, "content/sec/zqx") {
			imported[name] = text
		}
	}
	r.write(imported)
	r.commit("J. Smith", "2026-01-20", "Import the handbook")
	r.write(map[string]string{public: files[secret], "content/sec/zqxonlyimage.png": files["content/sec/zqxonlyimage.png"],
		"content/sec/zqxfilename-metrics.csv": files["content/sec/zqxfilename-metrics.csv"], "content/sec/zqxrawonly.png": files["content/sec/zqxrawonly.png"]})
	secretCommit("2026-06-11", "ZQXGITSUBJECT1 Draft merger plan with Acme")
	r.write(nil, [2]string{public, secret})
	secretCommit("2026-06-12", "ZQXGITSUBJECT2 Move the plan")
	r.write(map[string]string{public: publicText})
	r.commit("J. Smith", "2026-06-20", "Add the public policy")

	r.git("checkout", "-q", "-b", "side")
	r.write(map[string]string{secret: strings.Replace(r.read(secret), "## ZQXBODY section\n", "## ZQXBODY section\n\nRevised on a branch.\n", 1)})
	secretCommit("2026-07-11", "ZQXGITSUBJECT3 Revise the plan on a branch")
	r.git("checkout", "-q", "main")
	r.write(map[string]string{secret: r.read(secret) + "\nTypo fixed.\n", public: r.read(public) + "\nTypo fixed.\n"})
	secretCommit("2026-07-12", "ZQXGITSUBJECT4 Merger plan; fix typo in policy")
	r.merge("side", "J. Smith", "2026-07-20", "Merge the branch")

	r.write(map[string]string{"content/sec/0400_note.md": "# Note\n\nA note on the merger.\n", public: r.read(public) + "\nNoted.\n"})
	secretCommit("2026-08-11", "ZQXGITSUBJECT5 Note the merger beside the policy")
	r.write(map[string]string{"content/sec/0400_note.md": ""})
	r.commit("J. Smith", "2026-08-20", "Remove the note")
	r.write(map[string]string{"site.yaml": files["site.yaml"] + "# tidied\n"})
	r.commit("J. Smith", "2026-08-21", "Tidy site.yaml")
	markers = append(markers, "ZQXGITAUTHOR")

	// The test can fail: built for Restricted, every marker is there.
	all := r.build("Restricted")
	for _, m := range append(markers, leakMarkers...) {
		assert.True(t, containsAnywhere(t, all.out, m), "the control build should show %s", m)
	}
	for _, audience := range []string{"Public", "Internal", "Confidential"} {
		b := r.build(audience)
		for _, name := range b.out.Names() {
			data, _ := b.out.File(name)
			for _, m := range append(markers, leakMarkers...) {
				for _, text := range readable(t, name, data) {
					if bytes.Contains(bytes.ToLower(text), []byte(strings.ToLower(m))) {
						t.Errorf("%s: %s holds %s", audience, name, m)
					}
				}
			}
		}
		page := b.page("sec/0100_public/index.html")
		assert.Contains(t, page, "Last changed: Add the public policy by J. Smith on 2026-06-20 in ",
			"%s: the public document's own last commit", audience)
		assert.Contains(t, page, "J. Smith: Add the public policy")
	}
}
