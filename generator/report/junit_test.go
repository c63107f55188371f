package report_test

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/report"
)

type junitSuites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Name       string `xml:"name,attr"`
		Tests      int    `xml:"tests,attr"`
		Failures   int    `xml:"failures,attr"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases []junitCase `xml:"testcase"`
	} `xml:"testsuite"`
}

type junitCase struct {
	Name      string `xml:"name,attr"`
	Classname string `xml:"classname,attr"`
	Failure   *struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	} `xml:"failure"`
	SystemOut *string `xml:"system-out"`
}

func parseJUnit(t *testing.T, out string) junitSuites {
	t.Helper()
	require.True(t, strings.HasPrefix(out, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"), "the XML header")
	var doc junitSuites
	require.NoError(t, xml.Unmarshal([]byte(out), &doc))
	require.Len(t, doc.Suites, 1)
	return doc
}

func TestJUnitOneTestCasePerDocument(t *testing.T) {
	doc := parseJUnit(t, render(t, "junit", sample(), sampleSummary()))
	suite := doc.Suites[0]
	assert.Equal(t, "govdoc check", suite.Name)
	var names []string
	cases := map[string]junitCase{}
	for _, c := range suite.Cases {
		names = append(names, c.Name)
		cases[c.Name] = c
		assert.Equal(t, "govdoc", c.Classname)
	}
	assert.Equal(t, []string{
		"content/governance/a.md",
		"content/governance/c.md",
		"content/policies/risk policy.md",
		"content/public/d.md",
		"site.yaml",
	}, names, "every document once, sorted, and site.yaml for its own finding")
	assert.Equal(t, 5, suite.Tests)
	assert.Equal(t, 5, doc.Tests)

	a := cases["content/governance/a.md"]
	require.NotNil(t, a.Failure)
	assert.Equal(t, finding.BrokenRef, a.Failure.Type)
	assert.Equal(t, `no document named "x.md": 100% sure, see <a> & b (and 1 more)`, a.Failure.Message)
	assert.Equal(t, "content/governance/a.md: warning: Last Update 2024-01-01 is older than 365 days [review-overdue]\n"+
		`content/governance/a.md:12:3: error: no document named "x.md": 100% sure, see <a> & b [broken-ref]`,
		a.Failure.Text, "the failure lists every finding of the document, warnings too")

	risk := cases["content/policies/risk policy.md"]
	require.NotNil(t, risk.Failure)
	assert.Contains(t, risk.Failure.Text, "meta.owner is not defined\n\tin site.yaml", "newlines survive")

	assert.Nil(t, cases["content/governance/c.md"].Failure, "a clean document passes")
	assert.Nil(t, cases["content/governance/c.md"].SystemOut)

	d := cases["content/public/d.md"]
	assert.Nil(t, d.Failure, "warnings alone do not fail a document")
	require.NotNil(t, d.SystemOut)
	assert.Equal(t, "content/public/d.md:8:2: warning: link to a document left out of the Public build [restricted-link]", *d.SystemOut)

	require.NotNil(t, cases["site.yaml"].Failure)
	assert.Equal(t, 3, suite.Failures, "a.md, risk policy.md and site.yaml")
	assert.Equal(t, 3, doc.Failures)

	props := map[string]string{}
	for _, p := range suite.Properties {
		props[p.Name] = p.Value
	}
	assert.Equal(t, map[string]string{"tool": "govdoc", "version": "v0.1.0"}, props)
}

func TestJUnitStrictFailsWarnings(t *testing.T) {
	s := sampleSummary()
	s.Strict = true
	doc := parseJUnit(t, render(t, "junit", sample(), s))
	suite := doc.Suites[0]
	assert.Equal(t, 4, suite.Failures, "d.md's warning now fails it too")
	assert.Equal(t, 4, doc.Failures)
	cases := map[string]junitCase{}
	for _, c := range suite.Cases {
		cases[c.Name] = c
	}
	require.Contains(t, cases, "content/public/d.md")
	d := cases["content/public/d.md"]
	require.NotNil(t, d.Failure)
	assert.Equal(t, finding.RestrictedLink, d.Failure.Type)
	assert.Nil(t, d.SystemOut)
}

func TestJUnitTypeListsEveryFailingRule(t *testing.T) {
	l := finding.List{
		finding.New(finding.BrokenRef, finding.Error, pos("a.md", 1, 1), "one"),
		finding.New(finding.BrokenLink, finding.Error, pos("a.md", 2, 1), "two"),
		finding.New(finding.BrokenRef, finding.Error, pos("a.md", 3, 1), "three"),
		finding.New(finding.ReviewOverdue, finding.Warning, pos("a.md", 4, 1), "four"),
	}
	doc := parseJUnit(t, render(t, "junit", l, report.Summary{}))
	require.Len(t, doc.Suites[0].Cases, 1)
	f := doc.Suites[0].Cases[0].Failure
	require.NotNil(t, f)
	assert.Equal(t, "broken-ref,broken-link", f.Type, "failing rules only, each once, in order")
	assert.Equal(t, "one (and 3 more)", f.Message)
}

func TestJUnitWithoutFilesListsOnlyFindingsFiles(t *testing.T) {
	l := finding.List{
		finding.New(finding.ConfigError, finding.Error, finding.Position{}, "no site.yaml"),
		finding.New(finding.BrokenRef, finding.Error, pos("a.md", 1, 1), "one"),
	}
	doc := parseJUnit(t, render(t, "junit", l, report.Summary{}))
	var names []string
	for _, c := range doc.Suites[0].Cases {
		names = append(names, c.Name)
	}
	assert.Equal(t, []string{"(no file)", "a.md"}, names)
}

func TestJUnitEmpty(t *testing.T) {
	doc := parseJUnit(t, render(t, "junit", nil, report.Summary{Files: []string{"b.md", "a.md", "a.md"}}))
	suite := doc.Suites[0]
	require.Len(t, suite.Cases, 2, "duplicate paths make one test case")
	assert.Equal(t, "a.md", suite.Cases[0].Name)
	assert.Zero(t, suite.Failures)
	assert.Equal(t, 2, suite.Tests)
}

func TestJUnitReplacesCharactersXMLCannotHold(t *testing.T) {
	l := finding.List{finding.New(finding.BrokenRef, finding.Error, pos("a.md", 1, 1), "bell\x07 and ]]> end")}
	doc := parseJUnit(t, render(t, "junit", l, report.Summary{}))
	f := doc.Suites[0].Cases[0].Failure
	require.NotNil(t, f)
	assert.Equal(t, "bell\uFFFD and ]]> end", f.Message)
	assert.Equal(t, "a.md:1:1: error: bell\uFFFD and ]]> end [broken-ref]", f.Text)
}

func TestJUnitFailureMessageIsOneLine(t *testing.T) {
	l := finding.List{finding.New(finding.BrokenRef, finding.Error, pos("a.md", 1, 1), "first\nsecond\r\nthird")}
	doc := parseJUnit(t, render(t, "junit", l, report.Summary{}))
	f := doc.Suites[0].Cases[0].Failure
	require.NotNil(t, f)
	assert.Equal(t, "first second third", f.Message)
	assert.Equal(t, "a.md:1:1: error: first\n\tsecond\n\tthird [broken-ref]", f.Text)
}
