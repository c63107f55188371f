package report_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/report"
)

// sarifLog holds the parts of SARIF 2.1.0 that the schema requires or code
// scanning services read.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string `json:"id"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		ColumnKind string `json:"columnKind"`
		Results    []struct {
			RuleID    *string `json:"ruleId"`
			RuleIndex *int    `json:"ruleIndex"`
			Level     string  `json:"level"`
			Message   struct {
				Text *string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine   int  `json:"startLine"`
						StartColumn *int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, out string) sarifLog {
	t.Helper()
	var log sarifLog
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&log))
	return log
}

func TestSARIFHasWhatTheSchemaRequires(t *testing.T) {
	log := decodeSARIF(t, render(t, "sarif", sample(), sampleSummary()))
	assert.Equal(t, "https://json.schemastore.org/sarif-2.1.0.json", log.Schema)
	assert.Equal(t, "2.1.0", log.Version)
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	driver := run.Tool.Driver
	assert.Equal(t, "govdoc", driver.Name)
	assert.Equal(t, "v0.1.0", driver.Version)
	assert.Equal(t, "https://github.com/govdoc/govdoc", driver.InformationURI)
	assert.Equal(t, "unicodeCodePoints", run.ColumnKind, "columns count characters")

	var ids []string
	for _, r := range driver.Rules {
		ids = append(ids, r.ID)
		assert.NotEmpty(t, r.ShortDescription.Text, r.ID)
		assert.Contains(t, []string{"error", "warning"}, r.DefaultConfiguration.Level, r.ID)
	}
	assert.Equal(t, []string{
		finding.BrokenRef, finding.ReviewOverdue, // from Summary.Rules, in their order
		finding.ConfigError, finding.RestrictedLink, finding.UnresolvedPlaceholder, finding.VersionMismatch,
	}, ids, "the given rules first, then those only findings name, sorted")
	assert.Equal(t, "A wiki link or file name that names no document.", driver.Rules[0].ShortDescription.Text)
	assert.Equal(t, "warning", driver.Rules[1].DefaultConfiguration.Level)
	assert.Equal(t, finding.ConfigError, driver.Rules[2].ShortDescription.Text, "an undescribed rule is described by its ID")

	want := sample()
	require.Len(t, run.Results, len(want))
	for i, r := range run.Results {
		f := want[i]
		require.NotNil(t, r.RuleID)
		require.NotNil(t, r.RuleIndex)
		require.NotNil(t, r.Message.Text)
		assert.Equal(t, f.Rule, *r.RuleID)
		require.Less(t, *r.RuleIndex, len(driver.Rules))
		assert.Equal(t, *r.RuleID, driver.Rules[*r.RuleIndex].ID, "ruleIndex points at ruleId's descriptor")
		assert.Equal(t, string(f.Severity), r.Level)
		assert.Equal(t, f.Message, *r.Message.Text)
		require.Len(t, r.Locations, 1)
		loc := r.Locations[0].PhysicalLocation
		assert.Equal(t, "%SRCROOT%", loc.ArtifactLocation.URIBaseID)
		assert.NotEmpty(t, loc.ArtifactLocation.URI)
		if f.Line == 0 {
			assert.Nil(t, loc.Region, "a whole-file finding has no region")
			continue
		}
		require.NotNil(t, loc.Region)
		assert.Equal(t, f.Line, loc.Region.StartLine)
		if f.Column == 0 {
			assert.Nil(t, loc.Region.StartColumn, "an unknown column is left out")
		} else {
			require.NotNil(t, loc.Region.StartColumn)
			assert.Equal(t, f.Column, *loc.Region.StartColumn)
		}
	}
}

func TestSARIFURIsAreEncoded(t *testing.T) {
	l := finding.List{
		finding.New(finding.BrokenLink, finding.Error, pos("content/policies/risk policy.md", 1, 1), "m"),
		finding.New(finding.BrokenLink, finding.Error, pos("a:b.md", 1, 1), "m"),
		finding.New(finding.BrokenLink, finding.Error, pos("content/ärger#1.md", 1, 1), "m"),
	}
	log := decodeSARIF(t, render(t, "sarif", l, report.Summary{}))
	var uris []string
	for _, r := range log.Runs[0].Results {
		uris = append(uris, r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
	assert.Equal(t, []string{"content/policies/risk%20policy.md", "./a:b.md", "content/%C3%A4rger%231.md"}, uris)
}

func TestSARIFEmpty(t *testing.T) {
	out := render(t, "sarif", nil, report.Summary{})
	assert.Contains(t, out, `"results": []`, "results is never null")
	assert.Contains(t, out, `"rules": []`, "rules is never null")
	log := decodeSARIF(t, out)
	assert.Equal(t, "govdoc", log.Runs[0].Tool.Driver.Name, "the tool defaults to govdoc")
}

func TestSARIFFindingWithoutFileHasNoLocation(t *testing.T) {
	l := finding.List{finding.New(finding.ConfigError, finding.Error, finding.Position{}, "no site.yaml")}
	log := decodeSARIF(t, render(t, "sarif", l, report.Summary{}))
	require.Len(t, log.Runs[0].Results, 1)
	assert.Empty(t, log.Runs[0].Results[0].Locations)
}
