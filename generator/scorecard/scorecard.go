// Package scorecard reads documents' scorecards: KPIs with targets from the
// scorecard: front matter and an optional CSV of values beside the document.
// It validates them, gives each metric its status in each period (green,
// amber, red or grey) and each scorecard its weighted score. It does not
// render scorecards.
package scorecard

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// Status returns a metric's status for a value: green when it meets the
// target, amber when it falls short but stays within the amber bound, red
// beyond. better is "higher" or "lower".
func Status(value, target float64, better string, amber float64, hasAmber bool) string {
	if better == "lower" {
		switch {
		case value <= target:
			return site.Green
		case hasAmber && value <= amber:
			return site.Amber
		}
		return site.Red
	}
	switch {
	case value >= target:
		return site.Green
	case hasAmber && value >= amber:
		return site.Amber
	}
	return site.Red
}

// Weighted returns the score of metrics in a period: the share of their
// weight that is green, amber counting half. Metrics without a value count
// as not met.
func Weighted(metrics []*site.Metric, period string) site.Score {
	var s site.Score
	var total, got float64
	for _, m := range metrics {
		total += m.Weight
		switch m.At(period).Status {
		case site.Green:
			s.Green++
			got += m.Weight
		case site.Amber:
			s.Amber++
			got += m.Weight / 2
		case site.Red:
			s.Red++
		default:
			s.Grey++
		}
	}
	if total > 0 {
		s.Value = got / total
	}
	return s
}

// Reader reads a file of the site by its path from the site root.
type Reader func(name string) ([]byte, error)

// Lookup finds the role a metric's owner names.
type Lookup func(name string) (*site.Role, bool)

// Declared reports whether d has scorecard: front matter for Parse to
// read; without, Parse gives it no scorecard and finds nothing.
func Declared(d *site.Document) bool {
	f := d.Fields["scorecard"]
	return f != nil && f.Node != nil
}

// Parse reads the scorecard: front matter of d (and its CSV source, read
// with read) into d.Scorecard, reporting what is wrong at its line.
func Parse(d *site.Document, read Reader, roles Lookup) finding.List {
	d.Scorecard = nil
	if !Declared(d) {
		return nil
	}
	p := &parser{d: d, pos: d.Source.NodePos}
	f := d.Fields["scorecard"]
	root := source.Deref(f.Node)
	if root.Kind != yaml.MappingNode {
		p.errorf(root, "scorecard must be a mapping with period, metrics and an optional source")
		return p.findings
	}
	sc := &site.Scorecard{Doc: d, Scores: map[string]site.Score{}}
	var periodNode, sourceNode *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], source.Deref(root.Content[i+1])
		switch strings.ToLower(k.Value) {
		case "period":
			periodNode = v
			sc.Period = strings.TrimSpace(v.Value)
		case "source":
			sourceNode = v
			sc.Source = strings.TrimSpace(v.Value)
		case "metrics":
			sc.Metrics = p.metrics(v, roles)
		default:
			p.errorf(k, "unknown scorecard key %q: use period, source and metrics", k.Value)
		}
	}
	if sc.Source != "" {
		src := path.Join(path.Dir(d.Path), sc.Source)
		sc.Source = src
		if !strings.HasPrefix(src, "content/") {
			p.errorf(sourceNode, "source %q is outside the site's content", sourceNode.Value)
		} else if data, err := read(src); err != nil {
			p.errorf(sourceNode, "source %s cannot be read: %v", src, errors.Unwrap(err))
		} else {
			p.csvValues(src, data, sc.Metrics)
		}
	}
	periods := map[string]bool{}
	for _, m := range sc.Metrics {
		for per := range m.Values {
			periods[per] = true
		}
	}
	sc.Periods = sortPeriods(periods)
	switch {
	case sc.Period == "" && len(sc.Periods) > 0:
		sc.Period = sc.Periods[len(sc.Periods)-1]
	case sc.Period == "":
		p.errorf(root, "scorecard has no period and no values")
	case !validPeriod(sc.Period):
		p.errorf(periodNode, "period %q is not a period such as 2026, 2026-H1, 2026-Q3, 2026-09 or 2026-W05", sc.Period)
	case !periods[sc.Period]:
		periods[sc.Period] = true
		sc.Periods = sortPeriods(periods)
	}
	for _, m := range sc.Metrics {
		m.Points = make([]site.Point, len(sc.Periods))
		for i, per := range sc.Periods {
			pt := site.Point{Period: per, Status: site.Grey}
			if v, ok := m.Values[per]; ok {
				pt.Value, pt.Has = v, true
				pt.Status = Status(v, m.Target, m.Better, m.Amber, m.HasAmber)
			}
			m.Points[i] = pt
		}
	}
	for _, per := range sc.Periods {
		sc.Scores[per] = Weighted(sc.Metrics, per)
	}
	d.Scorecard = sc
	return p.findings
}

type parser struct {
	d        *site.Document
	pos      func(*yaml.Node) finding.Position
	findings finding.List
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.findings.Errorf(finding.ScorecardInvalid, p.pos(n), format, args...)
}

var metricKeys = []string{"id", "name", "unit", "target", "better", "amber", "weight", "owner", "group", "values"}

func (p *parser) metrics(seq *yaml.Node, roles Lookup) []*site.Metric {
	if seq.Kind != yaml.SequenceNode {
		p.errorf(seq, "metrics must be a list")
		return nil
	}
	var out []*site.Metric
	ids := map[string]int{}
	for _, n := range seq.Content {
		n = source.Deref(n)
		if n.Kind != yaml.MappingNode {
			p.errorf(n, "a metric must be a mapping with id, name, target and values")
			continue
		}
		m := &site.Metric{Better: "higher", Weight: 1, Values: map[string]float64{}, Pos: p.pos(n)}
		var targetSet, targetWritten bool
		var amberNode *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], source.Deref(n.Content[i+1])
			key := strings.ToLower(k.Value)
			if !slices.Contains(metricKeys, key) {
				p.errorf(k, "unknown metric key %q: use %s", k.Value, strings.Join(metricKeys, ", "))
				continue
			}
			text := strings.TrimSpace(v.Value)
			switch key {
			case "id":
				m.ID = text
			case "name":
				m.Name = text
			case "unit":
				m.Unit = text
			case "group":
				m.Group = text
			case "target":
				targetWritten = true
				if x, ok := p.number(v, "target"); ok {
					m.Target, targetSet = x, true
				}
			case "amber":
				if x, ok := p.number(v, "amber"); ok {
					m.Amber, m.HasAmber, amberNode = x, true, v
				}
			case "better":
				m.Better = strings.ToLower(text)
				if m.Better != "higher" && m.Better != "lower" {
					p.errorf(v, "better must be higher or lower, not %q", v.Value)
					m.Better = "higher"
				}
			case "weight":
				if x, ok := p.number(v, "weight"); ok {
					if x < 0 {
						p.errorf(v, "weight must not be negative")
					} else {
						m.Weight = x
					}
				}
			case "owner":
				m.OwnerName = text
				if r, ok := roles(text); ok {
					m.Owner = r
				} else if text != "" {
					p.findings.Errorf(finding.UnknownRole, p.pos(v), "owner %q is not in site.yaml's roles", text)
				}
			case "values":
				p.values(v, m)
			}
		}
		if m.ID == "" {
			m.ID = strings.ToLower(strings.Join(strings.Fields(m.Name), "-"))
		}
		switch {
		case m.ID == "":
			p.errorf(n, "a metric needs an id or a name")
			continue
		case ids[m.ID] > 0:
			p.errorf(n, "metric id %q is used twice (also on line %d)", m.ID, ids[m.ID])
		}
		ids[m.ID] = m.Pos.Line
		if m.Name == "" {
			m.Name = m.ID
		}
		if !targetWritten {
			p.errorf(n, "metric %q has no target", m.ID)
		}
		if m.HasAmber && targetSet && (m.Better == "higher" && m.Amber > m.Target || m.Better == "lower" && m.Amber < m.Target) {
			p.errorf(amberNode, "amber %s of %q is on the wrong side of its target %s (better: %s)", fmtNum(m.Amber), m.ID, fmtNum(m.Target), m.Better)
		}
		out = append(out, m)
	}
	return out
}

func (p *parser) values(v *yaml.Node, m *site.Metric) {
	if v.Kind != yaml.MappingNode {
		p.errorf(v, "values must map periods to numbers, such as {2026-Q1: 99.9}")
		return
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], source.Deref(v.Content[i+1])
		per := strings.TrimSpace(k.Value)
		if !validPeriod(per) {
			p.errorf(k, "unknown period %q: write periods such as 2026, 2026-H1, 2026-Q3, 2026-09 or 2026-W05", k.Value)
			continue
		}
		if x, ok := p.number(val, "value"); ok {
			m.Values[per] = x
		}
	}
}

func (p *parser) number(v *yaml.Node, what string) (float64, bool) {
	x, err := parseNumber(v.Value)
	if v.Kind != yaml.ScalarNode || err != nil {
		p.errorf(v, "%s %q is not a number", what, v.Value)
		return 0, false
	}
	return x, true
}

func parseNumber(s string) (float64, error) {
	return strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), "_", ""), 64)
}

// csvValues merges the values of a period,metric,value CSV into metrics; a
// value that differs from the front matter's is a finding at its row.
func (p *parser) csvValues(file string, data []byte, metrics []*site.Metric) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	at := func(line int) finding.Position { return finding.Position{File: file, Line: line, Column: 1} }
	head, err := r.Read()
	if err != nil {
		p.findings.Errorf(finding.ScorecardInvalid, at(1), "%s has no header row period,metric,value", file)
		return
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	pi, ok1 := col["period"]
	mi, ok2 := col["metric"]
	vi, ok3 := col["value"]
	if !ok1 || !ok2 || !ok3 {
		p.findings.Errorf(finding.ScorecardInvalid, at(1), "%s needs the columns period, metric and value in its header, not %s", file, strings.Join(head, ","))
		return
	}
	byID := map[string]*site.Metric{}
	for _, m := range metrics {
		if _, dup := byID[strings.ToLower(m.ID)]; !dup {
			byID[strings.ToLower(m.ID)] = m
		}
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				p.findings.Errorf(finding.ScorecardInvalid, at(1), "%s: %v", file, err)
				return
			}
			p.findings.Errorf(finding.ScorecardInvalid, at(pe.Line), "%s: %v", file, pe.Err)
			continue
		}
		line, _ := r.FieldPos(0)
		if len(rec) <= max(pi, mi, vi) {
			p.findings.Errorf(finding.ScorecardInvalid, at(line), "row has %d fields; it needs period, metric and value", len(rec))
			continue
		}
		per, id, val := strings.TrimSpace(rec[pi]), strings.TrimSpace(rec[mi]), strings.TrimSpace(rec[vi])
		if per == "" && id == "" && val == "" {
			continue
		}
		m, ok := byID[strings.ToLower(id)]
		switch {
		case !ok:
			p.findings.Errorf(finding.ScorecardInvalid, at(line), "no metric has the id %q", id)
			continue
		case !validPeriod(per):
			p.findings.Errorf(finding.ScorecardInvalid, at(line), "unknown period %q", per)
			continue
		}
		x, err := parseNumber(val)
		if err != nil {
			p.findings.Errorf(finding.ScorecardInvalid, at(line), "value %q of %s in %s is not a number", val, id, per)
			continue
		}
		if old, dup := m.Values[per]; dup && old != x {
			p.findings.Errorf(finding.ScorecardInvalid, at(line), "%s in %s is %s here but %s in %s", id, per, fmtNum(x), fmtNum(old), p.d.Path)
			continue
		}
		m.Values[per] = x
	}
}

func fmtNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// ReadFS returns a Reader over a site's files.
func ReadFS(fsys fs.FS) Reader {
	return func(name string) ([]byte, error) { return fs.ReadFile(fsys, name) }
}
