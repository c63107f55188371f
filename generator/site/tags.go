package site

import (
	"slices"
	"strings"
	"unicode"
)

// Tag is a tag of published documents; its page lists them.
type Tag struct {
	Name string // as the first document in reading order writes it
	Slug string
	URL  string // tags/SLUG/index.html
	// Documents lists the published documents with the tag, in reading
	// order.
	Documents []*Document
}

// TagsURL is the output path of the page that lists every tag.
const TagsURL = "tags/index.html"

// TagSlug makes the folder name of a tag's page: lower case letters and
// digits of any script, other characters as "-". Tags that differ only in
// case or punctuation ("Risk", "risk!") share a page.
func TagSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "tag"
	}
	return b.String()
}

// TagURL is the output path of a tag's page.
func TagURL(name string) string { return "tags/" + TagSlug(name) + "/index.html" }

// CollectTags groups documents by tag. Given the published documents in
// reading order, it returns their tags sorted by name, each with its
// documents in reading order; a document that names a tag twice is listed
// once.
func CollectTags(docs []*Document) []*Tag {
	bySlug := map[string]*Tag{}
	var tags []*Tag
	for _, d := range docs {
		for _, name := range d.Tags {
			slug := TagSlug(name)
			t, ok := bySlug[slug]
			if !ok {
				t = &Tag{Name: name, Slug: slug, URL: "tags/" + slug + "/index.html"}
				bySlug[slug] = t
				tags = append(tags, t)
			}
			if n := len(t.Documents); n == 0 || t.Documents[n-1] != d {
				t.Documents = append(t.Documents, d)
			}
		}
	}
	slices.SortFunc(tags, func(a, b *Tag) int {
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	return tags
}
