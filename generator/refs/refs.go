// Package refs resolves references between documents: relative Markdown
// links to document files and to static files under content/. It maps each
// to its page or file in the output. It does not render anything.
package refs

import (
	"net/url"
	"path"
	"strings"

	"github.com/govdoc/govdoc/generator/site"
)

// Index finds documents and content files by their path.
type Index struct {
	byPath map[string]*site.Document // content/... -> document
	assets map[string]bool           // content/... -> is a static file
}

// NewIndex indexes the published documents and the content assets of s.
func NewIndex(s *site.Site) *Index {
	ix := &Index{byPath: make(map[string]*site.Document, len(s.Documents)), assets: map[string]bool{}}
	for _, d := range s.Documents {
		ix.byPath[d.Path] = d
	}
	for _, a := range s.Assets {
		ix.assets[a] = true
	}
	return ix
}

// AssetURL is the output path of a static file under content/.
func AssetURL(p string) string { return strings.TrimPrefix(p, "content/") }

// Link returns the output destination of a link written in document from,
// relative to from's page, and whether it names a local target that exists.
// External URLs, fragments and links it cannot resolve come back unchanged.
func (ix *Index) Link(from *site.Document, dest string, rel func(from, to string) string) (string, bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		return dest, false
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return dest, false
	}
	p, err := url.PathUnescape(u.Path)
	if err != nil {
		return dest, false
	}
	target := path.Join(path.Dir(from.Path), p)
	frag := ""
	if u.Fragment != "" {
		frag = "#" + u.Fragment
	}
	if d, ok := ix.byPath[target]; ok {
		return rel(from.URL, d.URL) + frag, true
	}
	if ix.assets[target] {
		return rel(from.URL, AssetURL(target)) + frag, true
	}
	return dest, false
}
