package render

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/govdoc/govdoc/generator/site"
)

// Trend dimensions, in SVG user units.
const (
	trendW, trendH = 240, 72
	trendPadX      = 12
	trendPadY      = 10
)

// Trend draws a metric's value in every period of its scorecard as an
// inline SVG line chart with a dashed target line (and a dotted amber line
// when the metric has one). It needs no script, prints, and is valid XML.
// Each point carries its period, value and status, and says them in a
// title for screen readers and tooltips.
func Trend(m *site.Metric) template.HTML {
	lo, hi := m.Target, m.Target
	for _, p := range m.Points {
		if p.Has {
			lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
		}
	}
	if m.HasAmber {
		lo, hi = math.Min(lo, m.Amber), math.Max(hi, m.Amber)
	}
	if hi == lo {
		lo, hi = lo-1, hi+1
	}
	pad := (hi - lo) * 0.1
	lo, hi = lo-pad, hi+pad
	n := len(m.Points)
	x := func(i int) float64 {
		if n <= 1 {
			return trendW / 2
		}
		return trendPadX + float64(i)*(trendW-2*trendPadX)/float64(n-1)
	}
	y := func(v float64) float64 { return trendPadY + (hi-v)/(hi-lo)*(trendH-2*trendPadY) }

	var label []string
	for _, p := range m.Points {
		if p.Has {
			label = append(label, fmt.Sprintf("%s %s (%s)", p.Period, Quantity(p.Value, m.Unit), p.Status))
		} else {
			label = append(label, p.Period+" no value")
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s">`,
		trendW, trendH, trendW, trendH, attr(fmt.Sprintf("Trend of %s: %s; target %s", m.Name, strings.Join(label, ", "), Quantity(m.Target, m.Unit))))
	fmt.Fprintf(&b, `<line class="trend-target" x1="%d" x2="%d" y1="%s" y2="%s" data-value="%s"><title>Target %s</title></line>`,
		trendPadX/2, trendW-trendPadX/2, coord(y(m.Target)), coord(y(m.Target)), Num(m.Target), attr(Quantity(m.Target, m.Unit)))
	if m.HasAmber {
		fmt.Fprintf(&b, `<line class="trend-amber" x1="%d" x2="%d" y1="%s" y2="%s" data-value="%s"><title>Amber bound %s</title></line>`,
			trendPadX/2, trendW-trendPadX/2, coord(y(m.Amber)), coord(y(m.Amber)), Num(m.Amber), attr(Quantity(m.Amber, m.Unit)))
	}
	var seg []string
	flush := func() {
		if len(seg) > 1 {
			fmt.Fprintf(&b, `<polyline class="trend-line" points="%s"/>`, strings.Join(seg, " "))
		}
		seg = nil
	}
	for i, p := range m.Points {
		if !p.Has {
			flush()
			continue
		}
		seg = append(seg, coord(x(i))+","+coord(y(p.Value)))
	}
	flush()
	for i, p := range m.Points {
		if !p.Has {
			continue
		}
		fmt.Fprintf(&b, `<circle class="trend-point status-%s" cx="%s" cy="%s" r="3.5" data-period="%s" data-value="%s"><title>%s: %s, %s</title></circle>`,
			p.Status, coord(x(i)), coord(y(p.Value)), attr(p.Period), Num(p.Value), attr(p.Period), attr(Quantity(p.Value, m.Unit)), p.Status)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// Num formats a number as users write it: 99.9, 4, 0.25.
func Num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Quantity writes a number with its unit as people do: "99.9%", "4 h",
// "12 incidents".
func Quantity(v float64, unit string) string {
	unit = strings.TrimSpace(unit)
	if unit == "" || strings.ContainsAny(unit[:1], "%°‰") {
		return Num(v) + unit
	}
	return Num(v) + " " + unit
}

func coord(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

func attr(s string) string { return html.EscapeString(s) }
