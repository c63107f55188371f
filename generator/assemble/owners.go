package assemble

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/govdoc/govdoc/generator/raci"
	"github.com/govdoc/govdoc/generator/site"
)

// Owners gathers who owns the published documents and scorecard metrics of
// s into s.Owners, and gives each role what it owns. A document's Owner is
// matched to site.yaml's roles by id, name or alias as matrices match
// them; an owner that matches no role is known by its name, regardless of
// case and spacing. Reviews are those assemble.Control dated.
func Owners(s *site.Site, roles *raci.Roles) {
	for _, r := range s.Roles {
		r.Owner = nil
	}
	byRole := map[*site.Role]*site.Owner{}
	byName := map[string]*site.Owner{} // folded name
	spellings := map[*site.Owner]map[string]int{}
	var named []*site.Owner
	// Each spelling's folded key and name, made once.
	type spelling struct{ key, name string }
	spelled := map[string]spelling{}
	ownerOf := func(name string, role *site.Role) *site.Owner {
		if role != nil {
			o := byRole[role]
			if o == nil {
				o = &site.Owner{Name: role.Name, Role: role, Slug: role.Slug, URL: role.URL}
				byRole[role], role.Owner = o, o
			}
			return o
		}
		sp, ok := spelled[name]
		if !ok {
			sp = spelling{strings.Join(strings.Fields(strings.ToLower(name)), " "), strings.Join(strings.Fields(name), " ")}
			spelled[name] = sp
		}
		key := sp.key
		o := byName[key]
		if o == nil {
			o = &site.Owner{}
			byName[key], spellings[o] = o, map[string]int{}
			named = append(named, o)
		}
		// The owner is known by the spelling most of its documents use,
		// the first such in reading order.
		name = sp.name
		spellings[o][name]++
		if n := spellings[o][name]; o.Name == "" || n > spellings[o][o.Name] {
			o.Name = name
		}
		return o
	}
	// The roles and folded names are looked up once per spelling: a
	// handbook has many documents and few owners.
	type matched struct {
		role  *site.Role
		blank bool
	}
	seen := map[string]matched{}
	match := func(name string) *site.Owner {
		m, ok := seen[name]
		if !ok {
			m.blank = strings.TrimSpace(name) == ""
			if !m.blank {
				m.role, _ = roles.Match(name)
			}
			seen[name] = m
		}
		if m.blank {
			return nil
		}
		return ownerOf(name, m.role)
	}
	for _, d := range s.Documents {
		o := match(d.Owner)
		if o == nil {
			continue
		}
		o.Documents = append(o.Documents, d)
		if strings.EqualFold(d.Status, "Retired") {
			continue
		}
		if d.NextReview != "" {
			o.Reviews = append(o.Reviews, site.Review{Doc: d, Due: d.NextReview, State: d.Review})
		}
	}
	for _, sc := range s.Scorecards() {
		for _, m := range sc.Metrics {
			if o := match(m.OwnerName); o != nil {
				o.KPIs = append(o.KPIs, site.KPI{Metric: m, Scorecard: sc, Point: m.At(sc.Period)})
			}
		}
	}
	s.Owners = nil
	for _, r := range s.Roles {
		if o := byRole[r]; o != nil {
			s.Owners = append(s.Owners, o)
		}
	}
	slices.SortStableFunc(named, func(a, b *site.Owner) int {
		return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	used := map[string]bool{}
	for _, o := range named {
		slug := cmp.Or(site.Slug(o.Name), "owner")
		for base, n := slug, 2; used[slug]; n++ {
			slug = fmt.Sprintf("%s-%d", base, n)
		}
		used[slug] = true
		o.Slug, o.URL = slug, "owners/"+slug+"/index.html"
		s.Owners = append(s.Owners, o)
	}
	for _, o := range s.Owners {
		slices.SortStableFunc(o.Reviews, func(a, b site.Review) int { return cmp.Compare(a.Due, b.Due) })
	}
}
