package report

import (
	"encoding/json"
	"io"

	"github.com/govdoc/govdoc/generator/finding"
)

// jsonReport is the shape of check --format json in SPEC.md. Its own types,
// rather than finding.Finding's tags, fix the keys and their order.
type jsonReport struct {
	Summary  jsonSummary   `json:"summary"`
	Findings []jsonFinding `json:"findings"`
}

type jsonSummary struct {
	Documents int `json:"documents"`
	Errors    int `json:"errors"`
	Warnings  int `json:"warnings"`
}

type jsonFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Message  string `json:"message"`
}

func writeJSON(w io.Writer, findings finding.List, s Summary) error {
	r := jsonReport{
		Summary:  jsonSummary{Documents: s.Documents, Errors: findings.Errors(), Warnings: findings.Warnings()},
		Findings: make([]jsonFinding, 0, len(findings)),
	}
	for _, f := range findings {
		r.Findings = append(r.Findings, jsonFinding{
			Rule: f.Rule, Severity: string(f.Severity),
			File: f.File, Line: f.Line, Column: f.Column, Message: f.Message,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
