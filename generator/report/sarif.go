package report

import (
	"cmp"
	"encoding/json"
	"io"
	"net/url"
	"slices"

	"github.com/govdoc/govdoc/generator/finding"
)

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the subset
// code scanning services read: one run, its tool's rules, and results with
// their rule, level, message and location.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// sarifInfoURI is where a SARIF viewer links the tool's name.
	sarifInfoURI = "https://github.com/govdoc/govdoc"
	// sarifRoot is the base that finding files are relative to: the site root.
	sarifRoot = "%SRCROOT%"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool sarifTool `json:"tool"`
	// ColumnKind says columns count characters, as finding.Position's do,
	// not SARIF's default UTF-16 code units.
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string          `json:"name"`
	Version        string          `json:"version,omitempty"`
	InformationURI string          `json:"informationUri"`
	Rules          []sarifRuleDesc `json:"rules"`
}

type sarifRuleDesc struct {
	ID                   string      `json:"id"`
	ShortDescription     sarifText   `json:"shortDescription"`
	DefaultConfiguration sarifConfig `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

func writeSARIF(w io.Writer, findings finding.List, s Summary) error {
	rules, index := sarifRules(findings, s.Rules)
	results := make([]sarifResult, 0, len(findings))
	for _, f := range findings {
		r := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: index[f.Rule],
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{Text: f.Message},
		}
		if f.File != "" {
			loc := sarifPhysical{ArtifactLocation: sarifArtifact{URI: fileURI(f.File), URIBaseID: sarifRoot}}
			if f.Line > 0 {
				loc.Region = &sarifRegion{StartLine: f.Line, StartColumn: f.Column}
			}
			r.Locations = []sarifLocation{{PhysicalLocation: loc}}
		}
		results = append(results, r)
	}
	log := sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name: s.Tool, Version: s.Version, InformationURI: sarifInfoURI, Rules: rules,
			}},
			ColumnKind: "unicodeCodePoints",
			Results:    results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// sarifRules describes the given rules in their order, then the rules that
// only findings name, sorted by ID, and returns each rule's index.
func sarifRules(findings finding.List, known []Rule) ([]sarifRuleDesc, map[string]int) {
	rules := make([]sarifRuleDesc, 0, len(known))
	index := map[string]int{}
	add := func(id string, sev finding.Severity, desc string) {
		if _, ok := index[id]; ok {
			return
		}
		if desc == "" {
			desc = id
		}
		index[id] = len(rules)
		rules = append(rules, sarifRuleDesc{
			ID:                   id,
			ShortDescription:     sarifText{Text: desc},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(sev)},
		})
	}
	for _, r := range known {
		add(r.ID, r.Severity, r.Description)
	}
	var unknown []finding.Finding
	for _, f := range findings {
		if _, ok := index[f.Rule]; !ok {
			unknown = append(unknown, f)
		}
	}
	slices.SortStableFunc(unknown, func(a, b finding.Finding) int { return cmp.Compare(a.Rule, b.Rule) })
	for _, f := range unknown {
		add(f.Rule, f.Severity, "")
	}
	return rules, index
}

func sarifLevel(s finding.Severity) string {
	if s == finding.Warning {
		return "warning"
	}
	return "error"
}

// fileURI makes a site-relative path a relative URI reference: spaces and
// other reserved characters are percent-encoded, and a first segment with a
// colon is not mistaken for a scheme.
func fileURI(file string) string {
	return (&url.URL{Path: file}).String()
}
