package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// FirstVersion is the Version of a new document.
const FirstVersion = "0.1"

// Draft is a new document, ready to be written.
type Draft struct {
	Path                              string // from the site root: content/security/0400_access_control.md
	ID, Title, Status, Classification string
	Text                              []byte
	// Sections holds an _index.md for each folder of Path that does not
	// exist yet, so that a new section has a title.
	Sections []File
	// Notes tell the author what is left to do, such as a required key
	// that govdoc could not fill.
	Notes []string
}

// ErrPath is returned for a path that cannot hold a document.
var ErrPath = errors.New("not a document path")

// DocumentPath checks that p, from the site root, names a Markdown file
// under content/ that a build would read, and returns it cleaned, with
// forward slashes.
func DocumentPath(p string) (string, error) {
	clean := path.Clean(filepath.ToSlash(p))
	name := path.Base(clean)
	switch {
	case !strings.HasPrefix(clean, source.ContentDir+"/"):
		return "", fmt.Errorf("%s: %w: documents live under %s/, as in %s/security/0400_access_control.md", p, ErrPath, source.ContentDir, source.ContentDir)
	case !strings.EqualFold(path.Ext(name), ".md"):
		return "", fmt.Errorf("%s: %w: a document is a Markdown file ending in .md", p, ErrPath)
	case name == source.IndexFile:
		return "", fmt.Errorf("%s: %w: %s gives a section its title and introduction; govdoc new writes one for each folder it creates", p, ErrPath, source.IndexFile)
	}
	for _, part := range strings.Split(strings.TrimPrefix(clean, source.ContentDir+"/"), "/") {
		if strings.HasPrefix(part, "_") || strings.HasPrefix(part, ".") {
			return "", fmt.Errorf("%s: %w: a build skips files and folders whose names start with _ or .", p, ErrPath)
		}
	}
	return clean, nil
}

// NewDocument drafts a document at file (from the site root) for the site s
// read from fsys: the required metadata of site.yaml with the next free
// Document-ID, Version 0.1, the first status, the second least sensitive
// classification and today's date; a title made of the file name; a Purpose
// heading; and a Document History table with its first row. It refuses a
// file that exists.
func NewDocument(fsys fs.FS, s *site.Site, file string, today time.Time) (*Draft, error) {
	file, err := DocumentPath(file)
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(fsys, file); err == nil {
		return nil, fmt.Errorf("%s: %w: govdoc new does not overwrite a file", file, fs.ErrExist)
	}
	cfg := s.Config
	d := &Draft{Path: file, Title: TitleFromName(path.Base(file)), Status: "Draft"}
	if l := cfg.Metadata.Status; len(l) > 0 {
		d.Status = l[0]
	}
	if l := cfg.Metadata.Classification; len(l) > 0 {
		d.Classification = l[min(1, len(l)-1)]
	}
	var existing []Existing
	for _, doc := range append(slices.Clip(s.Documents), s.Excluded...) {
		existing = append(existing, Existing{Path: doc.Path, ID: doc.ID})
		if doc.FileName() == path.Base(file) {
			d.Notes = append(d.Notes, fmt.Sprintf("%s has the same file name: refer to either by a relative link or its Document-ID, not by the bare file name", doc.Path))
		}
	}
	d.ID = NextID(existing, file)
	sec := nearestSection(s, path.Dir(file))
	meta, cascade := sec.Meta, sec.Cascade
	if meta == nil {
		meta = cfg.Meta
	}
	// A key the section cascades is left to the section, so that a
	// Confidential section's documents stay Confidential.
	if v, ok := cascade["status"].(string); ok {
		d.Status = v
	}
	if v, ok := cascade["classification"].(string); ok {
		d.Classification = v
	}
	date := today.Format("2006-01-02")

	var fm bytes.Buffer
	written := map[string]bool{}
	field := func(key, value string) {
		norm := source.NormalizeKey(key)
		written[norm] = true
		if _, cascaded := cascade[norm]; cascaded && norm != "document_id" {
			return
		}
		fmt.Fprintf(&fm, "%s:%s\n", key, strings.TrimRight(" "+value, " "))
	}
	value := func(key string, required bool) string {
		switch source.NormalizeKey(key) {
		case "document_id":
			return scalar(d.ID)
		case "title":
			return scalar(d.Title)
		case "version":
			return scalar(FirstVersion)
		case "status":
			return scalar(d.Status)
		case "classification":
			return scalar(d.Classification)
		case "last_update":
			return date
		}
		if p, ok := placeholder(meta, key); ok {
			return p
		}
		if _, cascaded := cascade[source.NormalizeKey(key)]; cascaded {
			return ""
		}
		note := "fill in " + key
		if required {
			note += ": site.yaml requires it"
		}
		d.Notes = append(d.Notes, note)
		return ""
	}
	for _, key := range cfg.Metadata.Required {
		if !written[source.NormalizeKey(key)] {
			field(key, value(key, true))
		}
	}
	for _, key := range []string{"Document-ID", "Owner", "Version", "Status", "Classification", "Last Update"} {
		if !written[source.NormalizeKey(key)] {
			field(key, value(key, false))
		}
	}
	author, ok := placeholder(meta, "author")
	if !ok {
		author, _ = placeholder(meta, "owner")
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "---\n%s---\n\n# %s\n\n", fm.String(), d.Title)
	b.WriteString("## Purpose\n\n<!-- Why this document exists, what it governs and whom it applies to. -->\n\n")
	b.WriteString("---\n\n**Document History:**\n\n| Version | Date | Author | Changes |\n|---------|------|--------|---------|\n")
	fmt.Fprintf(&b, "| %s | %s | %s | Initial draft |\n", FirstVersion, date, author)
	d.Text = b.Bytes()

	for dir := path.Dir(file); dir != source.ContentDir; dir = path.Dir(dir) {
		if _, err := fs.Stat(fsys, dir); err == nil {
			break
		}
		text := fmt.Sprintf("---\ntitle: %s\n---\n", scalar(TitleFromName(path.Base(dir))))
		d.Sections = append([]File{{Path: path.Join(dir, source.IndexFile), Text: []byte(text)}}, d.Sections...)
	}
	return d, nil
}

// Write writes the draft, and the _index.md of each new section, into the
// site root. It never overwrites a file. It returns the files written.
func (d *Draft) Write(root *os.Root) ([]string, error) {
	var written []string
	for _, f := range append(slices.Clip(d.Sections), File{Path: d.Path, Text: d.Text}) {
		if err := writeNew(root, f); err != nil {
			return written, err
		}
		written = append(written, f.Path)
	}
	return written, nil
}

// nearestSection returns the section of dir, or of the nearest folder
// above it that is one: its meta and cascade are what a new document in dir
// gets.
func nearestSection(s *site.Site, dir string) *site.Section {
	sections := map[string]*site.Section{}
	for _, sec := range s.Sections() {
		sections[sec.Dir] = sec
	}
	for ; dir != s.Root.Dir && dir != "." && dir != "/"; dir = path.Dir(dir) {
		if sec, ok := sections[dir]; ok {
			return sec
		}
	}
	return s.Root
}

// placeholder returns {{ meta.KEY }} for the meta key that matches key as
// front-matter keys match (Last Update, last_update), if meta has a text
// value for it under a name a placeholder can spell.
func placeholder(meta map[string]any, key string) (string, bool) {
	for _, k := range slices.Sorted(maps.Keys(meta)) {
		if _, text := meta[k].(string); text && identifier(k) && source.NormalizeKey(k) == source.NormalizeKey(key) {
			return "{{ meta." + k + " }}", true
		}
	}
	return "", false
}

func identifier(s string) bool {
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
			return false
		}
	}
	return s != ""
}

// scalar writes s as a YAML scalar, quoted when YAML would read it as
// something else: a number, a date, true.
func scalar(s string) string {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(s), &n); err == nil && len(n.Content) == 1 {
		if v := n.Content[0]; v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value == s && v.Style == 0 {
			return s
		}
	}
	return fmt.Sprintf("%q", s)
}

// minor words stay lower case inside a title.
var minor = []string{"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}

// TitleFromName makes a title of a file or folder name:
// 0400_access_control.md is "Access Control".
func TitleFromName(name string) string {
	name = strings.TrimSuffix(name, path.Ext(name))
	rest := name
	if digits, ok := NumberPrefix(name); ok {
		rest = name[len(digits)+1:]
	}
	words := strings.FieldsFunc(rest, func(r rune) bool { return r == '_' || r == '-' || unicode.IsSpace(r) })
	for i, w := range words {
		if i > 0 && slices.Contains(minor, strings.ToLower(w)) {
			words[i] = strings.ToLower(w)
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	if len(words) == 0 {
		return name
	}
	return strings.Join(words, " ")
}
