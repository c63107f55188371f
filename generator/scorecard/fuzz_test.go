package scorecard_test

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/scorecard"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// FuzzParse feeds scorecards and their CSV sources to the parser: it must
// not panic, every finding must point into a file, and every status must be
// one of the four.
func FuzzParse(f *testing.F) {
	f.Add("scorecard:\n  period: 2026-Q3\n  source: m.csv\n  metrics:\n    - {id: up, target: 99.9, amber: 99.5, weight: 2, values: {2026-Q1: 99.95}}", "period,metric,value\n2026-Q3,up,99.2\n")
	f.Add("scorecard:\n  metrics:\n    - {id: mttr, target: 4, better: lower, amber: 8, values: {2026-W05: 3}}", "metric,value,period\nmttr,9,2026-W06\n")
	f.Add("scorecard: [1]", "")
	f.Add("scorecard:\n  period: nonsense\n  metrics: {a: b}", "\"unclosed,quote\n")
	f.Add("scorecard:\n  metrics:\n    - {id: x, target: 1e309, amber: -1e309, weight: NaN, values: {2026: .inf}}", "period,metric,value\n2026,x,NaN\n")
	f.Fuzz(func(t *testing.T, frontMatter, csv string) {
		src := source.Parse("content/a.md", []byte("---\n"+frontMatter+"\n---\n# A\n"))
		fields, _, _ := src.Fields(placeholder.New(), placeholder.Data{"meta": map[string]any{}})
		d := &site.Document{Source: src, Path: src.Path, Fields: fields}
		read := func(name string) ([]byte, error) {
			if name == "content/m.csv" {
				return []byte(csv), nil
			}
			return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("not found")}
		}
		for _, fd := range scorecard.Parse(d, read, func(string) (*site.Role, bool) { return nil, false }) {
			if fd.File == "" || fd.Line < 1 {
				t.Fatalf("finding outside a file: %v", fd)
			}
		}
		if sc := d.Scorecard; sc != nil {
			for _, m := range sc.Metrics {
				for _, p := range m.Points {
					switch p.Status {
					case site.Green, site.Amber, site.Red, site.Grey:
					default:
						t.Fatalf("status %q", p.Status)
					}
				}
			}
			for _, s := range sc.Scores {
				if s.Value < 0 || s.Value > 1 {
					t.Fatalf("score %v out of range", s.Value)
				}
			}
		}
	})
}
