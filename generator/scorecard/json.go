package scorecard

import (
	"encoding/json"

	"github.com/govdoc/govdoc/generator/site"
)

// The shape of scorecards.json, for dashboards.
type (
	jsonFile struct {
		Scorecards []jsonScorecard `json:"scorecards"`
		Health     []jsonHealth    `json:"health"`
	}
	jsonScorecard struct {
		Document   string       `json:"document"`
		DocumentID string       `json:"document_id"`
		Title      string       `json:"title"`
		URL        string       `json:"url"`
		Period     string       `json:"period"`
		Periods    []string     `json:"periods"`
		Scores     []jsonScore  `json:"scores"`
		Metrics    []jsonMetric `json:"metrics"`
	}
	jsonScore struct {
		Period string  `json:"period"`
		Score  float64 `json:"score"`
		Green  int     `json:"green"`
		Amber  int     `json:"amber"`
		Red    int     `json:"red"`
		Grey   int     `json:"grey"`
	}
	jsonMetric struct {
		ID     string      `json:"id"`
		Name   string      `json:"name"`
		Unit   string      `json:"unit"`
		Target float64     `json:"target"`
		Better string      `json:"better"`
		Amber  *float64    `json:"amber"`
		Weight float64     `json:"weight"`
		Owner  string      `json:"owner"`
		Status string      `json:"status"`
		Values []jsonValue `json:"values"`
	}
	jsonValue struct {
		Period string   `json:"period"`
		Value  *float64 `json:"value"`
		Status string   `json:"status"`
	}
	jsonHealth struct {
		Kind      string `json:"kind"`
		Name      string `json:"name"`
		Documents int    `json:"documents"`
		Approved  int    `json:"approved"`
		Complete  int    `json:"complete_metadata"`
		Reviewed  int    `json:"reviewed_in_time"`
		Linked    int    `json:"no_broken_references"`
		RACIValid int    `json:"valid_raci"`
		Score     int    `json:"score_percent"`
	}
)

// JSON returns scorecards.json: every published scorecard with every
// metric, period and status, and the documentation health.
func JSON(s *site.Site) []byte {
	out := jsonFile{Scorecards: []jsonScorecard{}, Health: []jsonHealth{}}
	for _, sc := range s.Scorecards() {
		js := jsonScorecard{Document: sc.Doc.Path, DocumentID: sc.Doc.ID, Title: sc.Doc.Title, URL: sc.Doc.URL,
			Period: sc.Period, Periods: sc.Periods, Metrics: []jsonMetric{}, Scores: []jsonScore{}}
		for _, p := range sc.Periods {
			v := sc.Scores[p]
			js.Scores = append(js.Scores, jsonScore{p, round(v.Value), v.Green, v.Amber, v.Red, v.Grey})
		}
		for _, m := range sc.Metrics {
			jm := jsonMetric{ID: m.ID, Name: m.Name, Unit: m.Unit, Target: m.Target, Better: m.Better, Weight: m.Weight,
				Owner: m.OwnerName, Status: m.At(sc.Period).Status, Values: []jsonValue{}}
			if m.Owner != nil {
				jm.Owner = m.Owner.Name
			}
			if m.HasAmber {
				jm.Amber = &m.Amber
			}
			for _, pt := range m.Points {
				jv := jsonValue{Period: pt.Period, Status: pt.Status}
				if pt.Has {
					v := pt.Value
					jv.Value = &v
				}
				jm.Values = append(jm.Values, jv)
			}
			js.Metrics = append(js.Metrics, jm)
		}
		out.Scorecards = append(out.Scorecards, js)
	}
	for _, h := range s.Health {
		out.Health = append(out.Health, jsonHealth{h.Kind, h.Name, h.Total, h.Approved, h.Complete, h.Reviewed, h.Linked, h.RACIValid, h.Score()})
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		panic(err) // plain structs of strings and numbers always marshal
	}
	return append(data, '\n')
}

func round(x float64) float64 { return float64(int(x*10000+0.5)) / 10000 }
