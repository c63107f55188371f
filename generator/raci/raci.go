// Package raci reads the responsibility matrices of documents: the raci:
// front matter, whose roles are matched against site.yaml's by id, name or
// alias. It checks each activity (exactly one accountable role, at least
// one responsible, only known roles), warns when two documents define one
// activity differently, and gathers what each role is assigned across the
// handbook. It does not render matrices.
package raci

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// Roles matches role names as documents write them.
type Roles struct {
	All    []*site.Role
	byName map[string]*site.Role // folded id, name and aliases
}

// NewRoles indexes site.yaml's roles. Each gets its page under roles/.
func NewRoles(roles []config.Role) *Roles {
	rs := &Roles{byName: map[string]*site.Role{}}
	used := map[string]bool{}
	for _, r := range roles {
		slug := cmp.Or(site.Slug(r.ID), "role")
		for base, n := slug, 2; used[slug]; n++ {
			slug = fmt.Sprintf("%s-%d", base, n)
		}
		used[slug] = true
		role := &site.Role{Role: r, Slug: slug, URL: "roles/" + slug + "/index.html"}
		rs.All = append(rs.All, role)
		for _, name := range append([]string{r.ID, r.Name}, r.Aliases...) {
			if _, taken := rs.byName[fold(name)]; !taken {
				rs.byName[fold(name)] = role
			}
		}
	}
	return rs
}

// Match finds a role by id, name or alias, regardless of case and spacing.
func (rs *Roles) Match(name string) (*site.Role, bool) {
	r, ok := rs.byName[fold(name)]
	return r, ok
}

// Suggest names the known role closest to an unknown name, or "".
func (rs *Roles) Suggest(name string) string {
	var candidates []string
	byCandidate := map[string]string{}
	for _, r := range rs.All {
		for _, n := range append([]string{r.ID, r.Name}, r.Aliases...) {
			candidates = append(candidates, n)
			byCandidate[n] = r.Name
		}
	}
	if best, ok := finding.Closest(fold(name), candidates); ok {
		return byCandidate[best]
	}
	return ""
}

func fold(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// Declared reports whether d has raci: front matter for Parse to read;
// without, Parse gives it no matrix and finds nothing.
func Declared(d *site.Document) bool {
	f := d.Fields["raci"]
	return f != nil && f.Node != nil
}

// Parse reads the raci: front matter of d into d.RACI and reports what is
// wrong with it, at the line and column of the offending entry.
func Parse(d *site.Document, roles *Roles) finding.List {
	var findings finding.List
	d.RACI = nil
	if !Declared(d) {
		return nil
	}
	f := d.Fields["raci"]
	pos := d.Source.NodePos
	seq := source.Deref(f.Node)
	if seq.Kind != yaml.SequenceNode {
		if !(seq.Kind == yaml.ScalarNode && seq.Tag == "!!null") {
			findings.Errorf(finding.InvalidMetadata, pos(seq), "raci must be a list of activities, each with activity, R, A, C and I")
		}
		return findings
	}
	values, _ := f.Value.([]any)
	for i, entry := range seq.Content {
		entry = source.Deref(entry)
		if entry.Kind != yaml.MappingNode {
			findings.Errorf(finding.InvalidMetadata, pos(entry), "a raci entry must be a mapping with activity, R, A, C and I")
			continue
		}
		var value map[string]any
		if i < len(values) {
			value, _ = values[i].(map[string]any)
		}
		a := &site.Activity{Doc: d, Pos: pos(entry)}
		var aNode *yaml.Node
		for j := 0; j+1 < len(entry.Content); j += 2 {
			k, v := entry.Content[j], source.Deref(entry.Content[j+1])
			letter, ok := keyLetter(k.Value)
			if !ok {
				findings.Errorf(finding.InvalidMetadata, pos(k), "unknown raci key %q: use activity, R, A, C and I", k.Value)
				continue
			}
			filled := value[k.Value]
			if letter == "" {
				a.Name = strings.TrimSpace(scalar(filled, v))
				continue
			}
			var assigned []*site.Role
			for _, n := range roleNodes(v) {
				name := strings.TrimSpace(scalar(lookup(filled, v, n), n))
				if name == "" {
					continue
				}
				r, ok := roles.Match(name)
				if !ok {
					hint := ""
					if s := roles.Suggest(name); s != "" {
						hint = fmt.Sprintf(" (did you mean %q?)", s)
					} else if len(roles.All) == 0 {
						hint = " (site.yaml lists no roles)"
					}
					findings.Errorf(finding.UnknownRole, pos(n), "role %q is not in site.yaml's roles%s", name, hint)
					continue
				}
				if !slices.Contains(assigned, r) {
					assigned = append(assigned, r)
				}
			}
			switch letter {
			case "R":
				a.R = append(a.R, assigned...)
			case "A":
				a.A = append(a.A, assigned...)
				aNode = k
			case "C":
				a.C = append(a.C, assigned...)
			case "I":
				a.I = append(a.I, assigned...)
			}
		}
		if a.Name == "" {
			findings.Errorf(finding.InvalidMetadata, pos(entry), "a raci entry needs an activity")
			continue
		}
		switch {
		case len(a.A) == 0 && !hasKey(entry, "A"):
			findings.Errorf(finding.RACINoAccountable, a.Pos, "activity %q has no accountable role (A)", a.Name)
		case len(a.A) > 1:
			findings.Errorf(finding.RACIMultipleAccountable, pos(aNode), "activity %q has %d accountable roles (%s); exactly one may be accountable", a.Name, len(a.A), names(a.A))
		}
		if len(a.R) == 0 && !hasKey(entry, "R") {
			findings.Errorf(finding.RACINoResponsible, a.Pos, "activity %q has no responsible role (R)", a.Name)
		}
		d.RACI = append(d.RACI, a)
	}
	return findings
}

// Conflicts warns when documents define the same activity with different
// roles. docs are in reading order; the first definition is the reference.
func Conflicts(docs []*site.Document, all []*site.Role) finding.List {
	var findings finding.List
	first := map[string]*site.Activity{}
	for _, d := range docs {
		for _, a := range d.RACI {
			key := fold(a.Name)
			f, seen := first[key]
			if !seen {
				first[key] = a
				continue
			}
			if f.Doc != d && signature(f, all) != signature(a, all) {
				findings.Warnf(finding.RACIConflict, a.Pos, "activity %q is assigned differently in %s (%s) than here (%s)",
					a.Name, f.Doc.Path, signature(f, all), signature(a, all))
			}
		}
	}
	return findings
}

// Assign fills each role's R, A, C and I lists from the published documents.
func Assign(roles []*site.Role, docs []*site.Document) {
	for _, r := range roles {
		r.R, r.A, r.C, r.I = nil, nil, nil, nil
	}
	for _, d := range docs {
		for _, a := range d.RACI {
			for _, r := range a.R {
				r.R = append(r.R, a)
			}
			for _, r := range a.A {
				r.A = append(r.A, a)
			}
			for _, r := range a.C {
				r.C = append(r.C, a)
			}
			for _, r := range a.I {
				r.I = append(r.I, a)
			}
		}
	}
}

// signature describes an activity's assignment: "A: CIO; R: IT Managers".
func signature(a *site.Activity, all []*site.Role) string {
	var parts []string
	for _, l := range []struct {
		letter string
		roles  []*site.Role
	}{{"A", a.A}, {"R", a.R}, {"C", a.C}, {"I", a.I}} {
		var ns []string
		for _, r := range all {
			if slices.Contains(l.roles, r) {
				ns = append(ns, r.Name)
			}
		}
		if len(ns) > 0 {
			parts = append(parts, l.letter+": "+strings.Join(ns, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

// keyLetter maps a raci key to its letter, "" for the activity.
func keyLetter(k string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(k)) {
	case "activity", "task":
		return "", true
	case "r", "responsible":
		return "R", true
	case "a", "accountable":
		return "A", true
	case "c", "consulted":
		return "C", true
	case "i", "informed":
		return "I", true
	}
	return "", false
}

func hasKey(m *yaml.Node, letter string) bool {
	for j := 0; j+1 < len(m.Content); j += 2 {
		if l, _ := keyLetter(m.Content[j].Value); l == letter && len(roleNodes(source.Deref(m.Content[j+1]))) > 0 {
			return true
		}
	}
	return false
}

// roleNodes returns the scalar nodes of a role or list of roles; a scalar
// may also list roles separated by commas.
func roleNodes(v *yaml.Node) []*yaml.Node {
	switch v.Kind {
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, e := range v.Content {
			if e = source.Deref(e); e.Kind == yaml.ScalarNode && e.Tag != "!!null" {
				out = append(out, e)
			}
		}
		return out
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil
		}
		return []*yaml.Node{v}
	}
	return nil
}

// lookup finds the filled value of role node n within a value.
func lookup(filled any, parent, n *yaml.Node) any {
	l, ok := filled.([]any)
	if !ok || parent.Kind != yaml.SequenceNode {
		return filled
	}
	for i, e := range parent.Content {
		if source.Deref(e) == n && i < len(l) {
			return l[i]
		}
	}
	return nil
}

// scalar is a filled value as text, or the node's text when none.
func scalar(filled any, n *yaml.Node) string {
	if s, ok := filled.(string); ok {
		return s
	}
	return n.Value
}

func names(rs []*site.Role) string {
	var ns []string
	for _, r := range rs {
		ns = append(ns, r.Name)
	}
	return strings.Join(ns, ", ")
}
