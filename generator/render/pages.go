package render

import "github.com/govdoc/govdoc/generator/site"

// Pages lists the pages of a site: the home page, which lists the recent
// documents, every section, every document and the site-wide pages.
func Pages(s *site.Site, recent []*site.Document) []*Page {
	pages := []*Page{
		{Site: s, Kind: KindHome, Title: s.Config.Title, URL: "index.html", Section: s.Root, Recent: recent},
		{Site: s, Kind: Kind404, Title: "Page not found", URL: "404.html", Section: s.Root},
	}
	for _, sec := range s.Sections() {
		pages = append(pages, &Page{Site: s, Kind: KindSection, Title: sec.Title, URL: sec.URL, Section: sec})
	}
	for _, d := range s.Documents {
		pages = append(pages, &Page{Site: s, Kind: KindDocument, Title: d.Title, URL: d.URL, Section: d.Section, Doc: d})
		for _, r := range d.Redlines {
			title := "Changes to " + d.Title
			if r.From != nil {
				title += ": " + r.From.Version + " to " + r.To.Version
			}
			pages = append(pages, &Page{Site: s, Kind: KindRedline, Title: title, URL: r.URL, Section: s.Root, Redline: r})
		}
	}
	pages = append(pages, &Page{Site: s, Kind: KindScorecards, Title: "Scorecards", URL: ScorecardsURL})
	if scs := s.Scorecards(); len(scs) > 0 {
		pages = append(pages, &Page{Site: s, Kind: KindPresent, Title: "Scorecards", URL: PresentIndexURL})
		for _, sc := range scs {
			for _, per := range sc.Periods {
				pages = append(pages, &Page{Site: s, Kind: KindScorecard, Title: sc.Doc.Title + " " + per, URL: ScorecardURL(sc, per), Scorecard: sc, Period: per})
			}
			pages = append(pages, &Page{Site: s, Kind: KindPresent, Title: sc.Doc.Title, URL: PresentURL(sc), Scorecard: sc})
		}
	}
	pages = append(pages,
		&Page{Site: s, Kind: KindChanges, Title: "Changes", URL: ChangesURL},
		&Page{Site: s, Kind: KindDocuments, Title: "All documents", URL: DocumentsURL},
		&Page{Site: s, Kind: KindReviews, Title: "Reviews", URL: ReviewsURL},
		&Page{Site: s, Kind: KindRegister, Title: "Document register", URL: RegisterURL},
		&Page{Site: s, Kind: KindHealth, Title: "Documentation health", URL: HealthURL},
		&Page{Site: s, Kind: KindOwners, Title: "Owners", URL: OwnersURL})
	for _, o := range s.Owners {
		if o.Role == nil {
			pages = append(pages, &Page{Site: s, Kind: KindOwner, Title: o.Name, URL: o.URL, Owner: o})
		}
	}
	if len(s.Tags) > 0 {
		pages = append(pages, &Page{Site: s, Kind: KindTags, Title: "Tags", URL: TagsURL})
		for _, t := range s.Tags {
			pages = append(pages, &Page{Site: s, Kind: KindTag, Title: "Tag: " + t.Name, URL: t.URL, Tag: t})
		}
	}
	if s.HasResponsibilities() {
		pages = append(pages,
			&Page{Site: s, Kind: KindResponsibilities, Title: "Responsibilities", URL: ResponsibilitiesURL},
			&Page{Site: s, Kind: KindRoles, Title: "Roles", URL: RolesURL})
		for _, r := range s.Roles {
			pages = append(pages, &Page{Site: s, Kind: KindRole, Title: r.Name, URL: r.URL, Role: r, Owner: r.Owner})
		}
	}
	return pages
}
