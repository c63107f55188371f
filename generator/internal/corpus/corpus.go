// Package corpus writes synthetic governance handbooks for benchmarks and
// scale tests: a site.yaml and documents in ten sections in the style of a
// real handbook (front matter with placeholders, headings, lists, a control
// table, links to other documents and their headings, a Document References
// list, a Document History table and, in some documents, a RACI block). The
// output depends only on the number of documents and the seed.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

var sections = []struct{ name, title, prefix string }{
	{"governance", "IT Governance", "iso-38500"}, {"security", "Information Security", "iso-27001"},
	{"data", "Data Management", "dama"}, {"service", "Service Management", "itil"},
	{"architecture", "Enterprise Architecture", "togaf"}, {"risk", "Risk Management", "iso-31000"},
	{"vendor", "Vendor Management", "vmo"}, {"people", "People and Skills", "hr"},
	{"finance", "IT Finance", "fin"}, {"compliance", "Compliance and Audit", "grc"},
}

var (
	subjects = strings.Split("Access Control|Incident Response|Data Retention|Change Enablement|Risk Assessment|Vendor Selection|Training|Budgeting|Internal Audit|Architecture Review|Service Levels|Business Continuity", "|")
	kinds    = strings.Split("Policy|Standard|Procedure|Guideline|Framework|Charter", "|")
	statuses = strings.Split("Approved|Approved|Approved|Approved|Approved|Approved|Approved|Review|Review|Draft|Draft|Retired", "|")
	levels   = strings.Split("Public|Public|Public|Public|Public|Internal|Internal|Internal|Internal|Internal|Internal|Internal|Internal|Internal|Internal|Internal|Confidential|Confidential|Confidential|Restricted", "|")
	h2s      = strings.Split("Principles|Roles and Responsibilities|Policy Statements|Operational Responsibilities|Governance Activities|Monitoring and Reporting|Implementation|Exceptions and Escalation|Review and Maintenance", "|")
	h3s      = strings.Split("Service Delivery|Technology Management|Vendor Management|Security Management|Daily Operations|Executive Reporting|Risk Management|Roles & Escalation|Step 1: Identify|Evidence Collection|Audit Support", "|")
	bullets  = strings.Split("Strategy execution|Service delivery|Capacity planning|Incident management|Problem management|Change management|Architecture standards|Asset management|Risk management|Quality assurance|Vendor selection|Contract management|Access management|Patch management|Security monitoring|Policy compliance|Control testing|Data quality|Cost tracking|Service reviews", "|")
	roles    = strings.Split("CIO|CISO|CFO|DPO|IT Directors|IT Managers|Architecture leads|Service desk|Risk Manager|Internal Audit", "|")
)

// SiteYAML is the site.yaml of every generated corpus. It publishes every
// classification, as other site generators build every page.
const SiteYAML = `title: Benchmark Handbook
baseURL: /
meta:
  organization: Acme Corp
  owner: Office of the CIO
  version: "1.0"
  date: 2026-11-01
  author: IT Governance Team
roles:
  - {id: cio, name: Chief Information Officer, aliases: [CIO]}
  - {id: ciso, name: Chief Information Security Officer, aliases: [CISO]}
  - {id: cfo, name: Chief Financial Officer, aliases: [CFO]}
  - {id: dpo, name: Data Protection Officer, aliases: [DPO]}
  - {id: it-directors, name: IT Directors}
  - {id: it-managers, name: IT Managers}
  - {id: architecture-leads, name: Architecture leads}
  - {id: service-desk, name: Service desk}
  - {id: risk-manager, name: Risk Manager}
  - {id: internal-audit, name: Internal Audit}
metadata:
  required: [Document-ID, Owner, Version, Status, Classification, Last Update]
  status: [Draft, Review, Approved, Retired]
  classification: [Public, Internal, Confidential, Restricted]
  review_after: 0
audience: Restricted
`

type doc struct {
	sec             int
	file, title, id string
	outline         [][]string
}

// Generate returns the files of an n-document handbook by path from the
// site root.
func Generate(n int, seed uint64) map[string][]byte {
	files := map[string][]byte{"site.yaml": []byte(SiteYAML)}
	width := max(4, len(fmt.Sprint(n)))
	docs := make([]doc, n)
	for i := range docs {
		r := rand.New(rand.NewPCG(seed, uint64(i)<<1))
		sec := i * len(sections) / n
		title := pick(r, subjects) + " " + pick(r, kinds)
		d := doc{sec: sec, title: title, id: fmt.Sprintf("%s-%0*d", sections[sec].prefix, width, i+1),
			file: fmt.Sprintf("%0*d_%s.md", width, i+1, strings.ReplaceAll(strings.ToLower(title), " ", "_"))}
		for _, k := range r.Perm(len(h2s))[:4] {
			part := []string{h2s[k]}
			for range 2 + r.IntN(2) {
				part = append(part, pick(r, h3s))
			}
			d.outline = append(d.outline, part)
		}
		docs[i] = d
	}
	for _, s := range sections {
		files["content/"+s.name+"/_index.md"] = []byte("---\ntitle: " + s.title + "\n---\n\nThe " + strings.ToLower(s.title) + " documents of {{ meta.organization }}.\n")
	}
	for i, d := range docs {
		files["content/"+sections[d.sec].name+"/"+d.file] = []byte(render(docs, i, seed))
	}
	return files
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func link(docs []doc, from, to int) string {
	if docs[from].sec == docs[to].sec {
		return docs[to].file
	}
	return "../" + sections[docs[to].sec].name + "/" + docs[to].file
}

func render(docs []doc, i int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, uint64(i)<<1|1))
	d := docs[i]
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("---\nDocument-ID: %s\nOwner: {{ meta.owner }}\nVersion: {{ meta.version }}\nStatus: %s\nClassification: %s\nLast Update: {{ meta.date }}\n",
		d.id, pick(r, statuses), pick(r, levels))
	if r.IntN(10) < 3 {
		w("raci:\n  - activity: %s\n    R: [%s]\n    A: %s\n    C: [%s]\n", pick(r, bullets), pick(r, roles), pick(r, roles), pick(r, roles))
	}
	if i%100 == 50 { // one document in a hundred keeps a scorecard
		w("scorecard:\n  period: 2026-Q3\n  metrics:\n")
		for k, m := range []string{"Controls tested", "Findings closed in time", "Staff trained"} {
			w("    - {id: m%d, name: %s, unit: \"%%\", target: 95, amber: 85, weight: %d, values: {2026-Q1: %d, 2026-Q2: %d, 2026-Q3: %d}}\n",
				k, m, k+1, 80+(i+k)%20, 82+(i+2*k)%18, 84+(i+3*k)%16)
		}
	}
	w("---\n\n# %s\n\n## Purpose\n\nThis document sets out the %s of {{ meta.organization }}.\n\n", d.title, strings.ToLower(d.title))
	w("## Scope\n\nThis document applies to:\n- {{ meta.organization | upper }}\n- IT management team\n\n")
	for _, part := range d.outline {
		w("## %s\n\n", part[0])
		for _, h3 := range part[1:] {
			t := r.IntN(len(docs))
			w("### %s\n\nAccountability for %s lies with the %s, who reports to the %s quarterly. See the [%s](%s) for the related requirements.\n\n",
				h3, strings.ToLower(h3), pick(r, roles), pick(r, roles), docs[t].title, link(docs, i, t))
			w("**Key activities:**\n")
			for range 4 {
				w("- %s\n", pick(r, bullets))
			}
			w("\n")
		}
	}
	w("## Control Summary\n\n| Control | Description | Owner | Frequency |\n|---|---|---|---|\n")
	for k := range 4 {
		w("| C-%d-%d | %s | %s | Quarterly |\n", i+1, k+1, pick(r, bullets), pick(r, roles))
	}
	w("\n## Document References\n\n")
	for range 3 {
		w("- %s\n", docs[r.IntN(len(docs))].file)
	}
	w("\n---\n\n**Document History:**\n\n| Version | Date | Author | Changes |\n|---------|------|--------|---------|\n| 1.0 | {{ meta.date }} | {{ meta.author }} | Initial creation |\n")
	return b.String()
}
