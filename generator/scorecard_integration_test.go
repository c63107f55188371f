package generator_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var scorecardSite = siteYAML + raciRoles + `
-- content/ops/0100_service.md --
---
Document-ID: ops-0100
Owner: x
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
scorecard:
  period: 2026-Q3
  source: service-metrics.csv
  metrics:
    - id: uptime
      name: System uptime
      unit: "%"
      target: 99.9
      better: higher
      amber: 99.5
      weight: 2
      owner: IT Managers
      values: {2026-Q1: 99.95, 2026-Q2: 99.7, 2026-Q3: 99.92}
    - id: mttr
      name: Mean time to restore
      unit: " h"
      target: 4
      better: lower
      amber: 8
      owner: cio
    - id: satisfaction
      name: User satisfaction
      target: 4.2
      amber: 3.8
---
# Service Performance

Intro.

{{ scorecard }}

## Notes

Closing text.
-- content/ops/service-metrics.csv --
period,metric,value
2025-Q4,mttr,9.5
2026-Q1,mttr,5
2026-Q2,mttr,3.5
2026-Q3,mttr,6
2026-Q2,uptime,99.7
2026-Q3,satisfaction,3.9
`

func TestScorecardStatusesScoreAndCSVMerge(t *testing.T) {
	b := buildSite(t, scorecardSite)
	require.Empty(t, b.findings())
	sc := b.res.Site.Documents[0].Scorecard
	require.NotNil(t, sc)
	assert.Equal(t, "2026-Q3", sc.Period)
	assert.Equal(t, []string{"2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"}, sc.Periods)
	status := map[string]string{}
	for _, m := range sc.Metrics {
		status[m.ID] = m.At("2026-Q3").Status
	}
	assert.Equal(t, map[string]string{"uptime": "green", "mttr": "amber", "satisfaction": "amber"}, status)
	// weight: uptime 2 green, mttr 1 amber, satisfaction 1 amber: (2 + 0.5 + 0.5) / 4
	assert.InDelta(t, 0.75, sc.Current().Value, 1e-9)
	q4 := sc.Scores["2025-Q4"]
	assert.Equal(t, [4]int{0, 0, 1, 2}, [4]int{q4.Green, q4.Amber, q4.Red, q4.Grey}, "only mttr has a 2025-Q4 value, and it is red")
	assert.Equal(t, "IT Managers", sc.Metrics[0].Owner.Name)
}

func TestScorecardFindings(t *testing.T) {
	b := buildSite(t, siteYAML+raciRoles+`
-- content/bad.md --
---
Document-ID: bad
Owner: x
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
scorecard:
  period: Q3/2026
  source: values.csv
  metrics:
    - id: uptime
      name: Uptime
      amber: 99
      values: {2026-Q1: 99.9, 2026-Q2: "n/a", Spring: 99}
    - id: cost
      target: 100
      better: lower
      amber: 90
      owner: Chief Bean Counter
    - id: uptime
      target: nine
      better: sideways
---
# Bad
-- content/values.csv --
period,metric,value
2026-Q1,uptime,99.8
2026-Q1,latency,20
2026-Q5,cost,80
2026-Q2,cost,eighty
`)
	assert.Equal(t, []string{
		"content/bad.md:9:11 scorecard-invalid",  // period Q3/2026
		"content/bad.md:12:7 scorecard-invalid",  // uptime has no target
		"content/bad.md:15:40 scorecard-invalid", // value "n/a"
		"content/bad.md:15:47 scorecard-invalid", // period Spring
		"content/bad.md:19:14 scorecard-invalid", // amber on the wrong side
		"content/bad.md:20:14 unknown-role",
		"content/bad.md:21:7 scorecard-invalid",  // uptime twice
		"content/bad.md:22:15 scorecard-invalid", // target nine
		"content/bad.md:23:15 scorecard-invalid", // better sideways
		"content/values.csv:2:1 scorecard-invalid",
		"content/values.csv:3:1 scorecard-invalid",
		"content/values.csv:4:1 scorecard-invalid",
		"content/values.csv:5:1 scorecard-invalid",
	}, b.findings())
	msgs := strings.Join(func() (out []string) {
		for _, f := range b.res.Findings {
			out = append(out, f.Message)
		}
		return
	}(), "\n")
	assert.Contains(t, msgs, "uptime in 2026-Q1 is 99.8 here but 99.9 in content/bad.md")
	assert.Contains(t, msgs, `no metric has the id "latency"`)
	assert.Contains(t, msgs, `unknown period "2026-Q5"`)
}

func TestScorecardPage(t *testing.T) {
	b := buildSite(t, scorecardSite)
	p := b.page("ops/0100_service/index.html")
	assertInOrder(t, p, []string{"Intro.", `class="dashboard wide"`, "Closing text."}, "the scorecard stands where {{ scorecard }} is")
	dash := between(t, p, `<section class="dashboard wide"`, "</section>")
	card := regexp.MustCompile(`(?s)<article class="db-metric" data-metric="uptime" data-status="green"(.*?)</article>`).FindStringSubmatch(dash)
	require.NotNil(t, card)
	assert.Contains(t, card[1], "Green</span>", "the status says its name, not just a colour")
	assert.Contains(t, card[1], "99.92%")
	assert.Contains(t, card[1], "≥ 99.9%")
	assert.Contains(t, card[1], `<a href="../../roles/it-managers/index.html">IT Managers</a>`)
	assert.Contains(t, card[1], `data-delta="0.22"><span class="db-arrow" aria-hidden="true">▲</span> &#43;0.22 <abbr title="percentage points">pp</abbr> <span class="db-verdict">better</span> <span class="db-from">vs 2026-Q2</span>`,
		"99.7% to 99.92% is a rise of 0.22 points, better where higher is better")
	mttr := between(t, dash, `data-metric="mttr" data-status="amber"`, "</article>")
	assert.Contains(t, mttr, `<span class="db-arrow" aria-hidden="true">▲</span> &#43;2.5 h <span class="db-verdict">worse</span>`,
		"3.5 h to 6 h is a rise, worse where lower is better")
	assert.Contains(t, dash, "<strong>75%</strong>")
	assert.Contains(t, dash, `<span class="db-series-period">2026-Q2</span> 50%</span>`, "the score's trend in words")
	for _, per := range []string{"2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"} {
		assert.Contains(t, dash, `href="../../scorecards/ops-0100/`+per+`/index.html"`, "the picker links to %s", per)
	}
	assert.Contains(t, dash, `href="../../scorecards/ops-0100/present/index.html"`)
	assert.Contains(t, p, "amber counts half")
	golden(t, "scorecard.golden.html", dash+"</section>")
}

func TestScorecardPeriodAndPresentationPages(t *testing.T) {
	b := buildSite(t, scorecardSite)
	q2 := b.page("scorecards/ops-0100/2026-Q2/index.html")
	assert.Contains(t, q2, `<body class="page-scorecard">`)
	assert.Contains(t, q2, `Service Performance <span class="db-page-period">2026-Q2</span></h1>`)
	assert.Contains(t, q2, `<a href="index.html" aria-current="page">2026-Q2</a>`, "the picker marks the page's period")
	assert.Contains(t, q2, `the scored period is <a href="../2026-Q3/index.html">2026-Q3</a>`)
	assert.Contains(t, q2, `data-metric="uptime" data-status="amber"`)
	assert.Contains(t, between(t, q2, `data-metric="uptime"`, "</article>"), `−0.25 <abbr title="percentage points">pp</abbr> <span class="db-verdict">worse</span> <span class="db-from">vs 2026-Q1</span>`)
	assert.Contains(t, between(t, q2, `data-metric="satisfaction"`, "</article>"), "no value to compare in 2026-Q1")

	present := b.page("scorecards/ops-0100/present/index.html")
	screens := regexp.MustCompile(`<section class="screen" id="(screen-\d+)"`).FindAllStringSubmatch(present, -1)
	require.Len(t, screens, 4, "an overview and a screen per metric, none being grouped")
	assert.Contains(t, present, `<a class="screen-next" href="#screen-2" rel="next">`)
	assert.Contains(t, present, `<a class="screen-prev" href="#screen-3" rel="prev">`)
	assert.Contains(t, present, `<a class="screen-exit" href="../2026-Q3/index.html">Exit</a>`)
	assert.Contains(t, present, `js/present.js`)
	all := b.page("scorecards/present/index.html")
	assert.Equal(t, 2, strings.Count(all, `<section class="screen"`), "a screen of every score, then one per scorecard")
}

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with -update to create %s", path)
	assert.Equal(t, string(want), got)
}

// svg is the part of an inline SVG chart the test reads.
type svg struct {
	XMLName xml.Name `xml:"svg"`
	Label   string   `xml:"aria-label,attr"`
	Lines   []struct {
		Class string  `xml:"class,attr"`
		Y1    float64 `xml:"y1,attr"`
		Value string  `xml:"data-value,attr"`
		Title string  `xml:"title"`
	} `xml:"line"`
	Rects []struct {
		Class  string  `xml:"class,attr"`
		Y      float64 `xml:"y,attr"`
		Height float64 `xml:"height,attr"`
	} `xml:"rect"`
	Groups []struct {
		Class string `xml:"class,attr"`
		Texts []struct {
			Class string  `xml:"class,attr"`
			Y     float64 `xml:"y,attr"`
			Text  string  `xml:",chardata"`
		} `xml:"text"`
	} `xml:"g"`
	Polylines []struct {
		Points string `xml:"points,attr"`
	} `xml:"polyline"`
	Circles []struct {
		Class  string  `xml:"class,attr"`
		CX     float64 `xml:"cx,attr"`
		CY     float64 `xml:"cy,attr"`
		Period string  `xml:"data-period,attr"`
		Value  string  `xml:"data-value,attr"`
		Title  string  `xml:"title"`
	} `xml:"circle"`
}

func TestChartSVGIsValidXMLAndItsPointsMatchTheValues(t *testing.T) {
	b := buildSite(t, scorecardSite)
	p := b.page("ops/0100_service/index.html")
	m := regexp.MustCompile(`(?s)data-metric="mttr".*?(<svg.*?</svg>)`).FindStringSubmatch(p)
	require.NotNil(t, m)
	var s svg
	require.NoError(t, xml.Unmarshal([]byte(m[1]), &s), "the chart is well-formed XML")
	values := map[string]string{"2025-Q4": "9.5", "2026-Q1": "5", "2026-Q2": "3.5", "2026-Q3": "6"}
	require.Len(t, s.Circles, 4)
	var target float64
	for _, l := range s.Lines {
		if l.Class == "chart-target" {
			assert.Equal(t, "4", l.Value)
			assert.Equal(t, "Target ≤ 4 h", l.Title)
			target = l.Y1
		}
	}
	require.NotZero(t, target)
	require.Len(t, s.Rects, 1)
	assert.Equal(t, "chart-band", s.Rects[0].Class)
	assert.InDelta(t, target, s.Rects[0].Y+s.Rects[0].Height, 0.01, "the amber band rises from the target, lower being better, to the amber bound")
	assert.InDelta(t, 41.5, s.Rects[0].Y, 0.01, "the amber bound 8 is drawn where the axis puts 8")
	var ylabels, xlabels []string
	for _, g := range s.Groups {
		for _, tx := range g.Texts {
			switch tx.Class {
			case "chart-ylabel":
				ylabels = append(ylabels, tx.Text)
			case "chart-xlabel":
				xlabels = append(xlabels, tx.Text)
			}
		}
	}
	assert.Equal(t, []string{"2", "4", "6", "8", "10"}, ylabels, "the value axis from round number to round number, holding the values, the target and the amber bound")
	assert.Equal(t, []string{"2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"}, xlabels)
	for i, c := range s.Circles {
		assert.Equal(t, values[c.Period], c.Value, c.Period)
		assert.Contains(t, c.Title, c.Period+": "+c.Value+" h")
		if i > 0 {
			assert.Greater(t, c.CX, s.Circles[i-1].CX, "periods left to right")
		}
		v, _ := strconv.ParseFloat(c.Value, 64)
		assert.Equal(t, v > 4, c.CY < target, "a value above the target is drawn above its line (%s)", c.Period)
	}
	assert.Contains(t, s.Circles[3].Class, "chart-current", "the period shown is marked")
	require.Len(t, s.Polylines, 1)
	assert.Len(t, strings.Fields(s.Polylines[0].Points), 4)
	// Higher values are higher on the chart: 9.5 highest, 3.5 lowest.
	assert.Less(t, s.Circles[0].CY, s.Circles[3].CY)
	assert.Greater(t, s.Circles[2].CY, s.Circles[1].CY)
}

func TestScorecardsIndexAndJSON(t *testing.T) {
	b := buildSite(t, scorecardSite)
	idx := b.page("scorecards/index.html")
	assert.Contains(t, idx, `href="../ops/0100_service/index.html#govdoc-scorecard"`)
	assert.Contains(t, idx, "<strong>75%</strong>")
	assert.Contains(t, idx, "Documentation health")
	var data struct {
		Scorecards []struct {
			Document string `json:"document"`
			Period   string `json:"period"`
			Scores   []struct {
				Period string  `json:"period"`
				Score  float64 `json:"score"`
			} `json:"scores"`
			Metrics []struct {
				ID     string   `json:"id"`
				Status string   `json:"status"`
				Amber  *float64 `json:"amber"`
				Values []struct {
					Period string   `json:"period"`
					Value  *float64 `json:"value"`
					Status string   `json:"status"`
				} `json:"values"`
			} `json:"metrics"`
		} `json:"scorecards"`
		Health []struct {
			Kind      string `json:"kind"`
			Name      string `json:"name"`
			Documents int    `json:"documents"`
			Approved  int    `json:"approved"`
		} `json:"health"`
	}
	require.NoError(t, json.Unmarshal([]byte(b.page("scorecards.json")), &data))
	require.Len(t, data.Scorecards, 1)
	sc := data.Scorecards[0]
	assert.Equal(t, "content/ops/0100_service.md", sc.Document)
	assert.Equal(t, "2026-Q3", sc.Period)
	assert.Equal(t, 0.75, sc.Scores[3].Score)
	assert.Equal(t, "uptime", sc.Metrics[0].ID)
	assert.Equal(t, "green", sc.Metrics[0].Status)
	assert.Nil(t, sc.Metrics[0].Values[0].Value, "uptime has no 2025-Q4 value")
	assert.Equal(t, "grey", sc.Metrics[0].Values[0].Status)
	require.NotNil(t, sc.Metrics[2].Amber)
	assert.Equal(t, 3.8, *sc.Metrics[2].Amber)
	assert.Equal(t, []string{"section", "owner"}, []string{data.Health[0].Kind, data.Health[1].Kind})
	assert.Equal(t, 1, data.Health[0].Approved)
}

func TestDocumentationHealth(t *testing.T) {
	b := buildSite(t, siteYAML+raciRoles+`
-- content/a/good.md --
`+doc("good")+`# Good
-- content/a/draft.md --
---
Document-ID: draft
Owner: Office of the CIO
Version: "1.0"
Status: Draft
Classification: Internal
Last Update: 2020-01-01
---
# Draft

[[nothing-here]]
-- content/b/other.md --
---
Document-ID: other
Owner: Risk Office
Version: "1.0"
Status: Approved
Classification: Internal
Last Update: 2026-10-01
raci:
  - activity: Risk review
    R: Nobody Known
---
# Other
`)
	rows := map[string]string{}
	for _, h := range b.res.Site.Health {
		rows[h.Kind+" "+h.Name] = strings.Join([]string{strconv.Itoa(h.Total), strconv.Itoa(h.Approved), strconv.Itoa(h.Complete), strconv.Itoa(h.Reviewed), strconv.Itoa(h.Linked), strconv.Itoa(h.RACIValid)}, " ")
	}
	assert.Equal(t, map[string]string{
		"site Whole handbook":     "3 2 3 2 2 2",
		"section A":               "2 1 2 1 1 2",
		"section B":               "1 1 1 1 1 0",
		"owner Office of the CIO": "2 1 2 1 1 2",
		"owner Risk Office":       "1 1 1 1 1 0",
	}, rows)
}

func TestLeftOutScorecardLeavesNoData(t *testing.T) {
	site := strings.Replace(scorecardSite, "Classification: Internal\nLast Update: 2026-10-01\nscorecard:", "Classification: Restricted\nLast Update: 2026-10-01\nscorecard:", 1)
	b := buildSite(t, site)
	assert.NotContains(t, b.out.Names(), "ops/service-metrics.csv", "the CSV of a left-out scorecard is not published")
	assert.Contains(t, b.page("scorecards.json"), `"scorecards": []`)
	idx := b.page("scorecards/index.html")
	assert.NotContains(t, idx, "Service Performance")
	assert.NotContains(t, idx, "0100_service")

	b = buildSite(t, scorecardSite)
	assert.Contains(t, b.out.Names(), "ops/service-metrics.csv")
	idx = b.page("scorecards/index.html")
	assert.Contains(t, idx, "Service Performance", "the published scorecard is listed by its document's title")
	assert.Contains(t, idx, "0100_service")
}

func TestContentsListPlacedBlocksWhereTheyStand(t *testing.T) {
	b := buildSite(t, scorecardSite)
	p := b.page("ops/0100_service/index.html")
	toc := between(t, p, `class="toc"`, "</nav>")
	assertInOrder(t, toc, []string{"#govdoc-scorecard", "#notes"}, "the scorecard comes before the Notes section, as on the page")
	assert.Equal(t, 1, strings.Count(toc, "#govdoc-scorecard"))
}
