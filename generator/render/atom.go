package render

import (
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/govdoc/govdoc/generator/site"
)

// ChangesURL and ChangesFeed are the output paths of the changes page and
// its Atom feed.
const (
	ChangesURL  = "changes/index.html"
	ChangesFeed = "changes.xml"
)

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Base    string      `xml:"xml:base,attr,omitempty"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Link    atomLink    `xml:"link"`
	Author  *atomPerson `xml:"author,omitempty"`
	Summary string      `xml:"summary,omitempty"`
}

// Atom returns the Atom feed of the handbook's changes. Its time is the
// newest change's date, so the same site gives the same feed.
func Atom(s *site.Site) []byte {
	base := s.Config.BaseURL
	f := atomFeed{
		ID:      feedID(base, ChangesURL),
		Title:   s.Config.Title + ": changes",
		Updated: "1970-01-01T00:00:00Z",
		Links:   []atomLink{{Rel: "self", Href: ChangesFeed, Type: "application/atom+xml"}, {Rel: "alternate", Href: ChangesURL, Type: "text/html"}},
		Author:  atomPerson{Name: s.Config.Title},
	}
	if strings.HasPrefix(base, "http://") || strings.HasPrefix(base, "https://") {
		f.Base = base
	}
	if len(s.Changes) > 0 {
		f.Updated = s.Changes[0].Date + "T00:00:00Z"
	}
	for _, c := range s.Changes {
		title := c.Doc.Title
		if c.To != "" {
			title += " " + versions(c)
		}
		if c.Edit {
			title += " (edit)"
		}
		e := atomEntry{
			ID:      feedID(base, fmt.Sprintf("%s#%s-%s-%s", c.Doc.URL, c.Date, c.Commit, c.To)),
			Title:   title,
			Updated: c.Date + "T00:00:00Z",
			Link:    atomLink{Href: c.Doc.URL, Type: "text/html"},
			Summary: c.Summary,
		}
		if c.Author != "" {
			e.Author = &atomPerson{Name: c.Author}
		}
		f.Entries = append(f.Entries, e)
	}
	data, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		panic(err) // plain strings always marshal
	}
	return append([]byte(xml.Header), append(data, '\n')...)
}

// versions writes a change's version transition: "1.2 → 1.3", or "1.0".
func versions(c *site.Change) string {
	if c.From != "" && c.From != c.To {
		return c.From + " → " + c.To
	}
	return c.To
}

// feedID is a stable IRI for a feed or entry: the URL under an http(s)
// base, else a tag-free URN from a hash of the path.
func feedID(base, path string) string {
	if strings.HasPrefix(base, "http://") || strings.HasPrefix(base, "https://") {
		return strings.TrimSuffix(base, "/") + "/" + path
	}
	h := fnv.New64a()
	h.Write([]byte(base + path))
	return fmt.Sprintf("urn:govdoc:%016x", h.Sum64())
}
