package write

import (
	"io/fs"
	"maps"
	"path"
	"slices"

	"github.com/govdoc/govdoc/generator/refs"
	"github.com/govdoc/govdoc/generator/site"
	"github.com/govdoc/govdoc/generator/source"
)

// staticFile is a file copied as is to the output.
type staticFile struct {
	fsys fs.FS
	path string
}

// StaticFiles lists the files copied to the output, by their output path:
// the theme's static/, then the site's static/ (replacing theme files of
// the same name), then the non-Markdown files under content/ but those
// that only documents left out of this build use. Editors' temporary and
// backup files are never copied.
func StaticFiles(builtin, own, content fs.FS, s *site.Site) []Page {
	files := folders(builtin, own)
	// The files that only documents left out of this build use: their
	// images and attachments, and their scorecards' data.
	private := map[string]bool{}
	for _, d := range s.Excluded {
		if d.Scorecard != nil && d.Scorecard.Source != "" {
			private[d.Scorecard.Source] = true
		}
		for _, f := range d.Files {
			private[f] = true
		}
	}
	for _, d := range s.Documents {
		for _, f := range d.Files {
			delete(private, f) // a published document shows it too
		}
	}
	for _, sec := range append(s.Sections(), s.Root) {
		for _, f := range sec.Files {
			delete(private, f) // a section's page shows it
		}
	}
	for _, a := range s.Assets {
		if !private[a] {
			files[refs.AssetURL(a)] = staticFile{content, a}
		}
	}
	pages := make([]Page, 0, len(files))
	for _, name := range slices.Sorted(maps.Keys(files)) {
		f := files[name]
		pages = append(pages, Page{URL: path.Clean(name), Source: f.path, Read: func() ([]byte, error) { return fs.ReadFile(f.fsys, f.path) }})
	}
	return pages
}

// StaticNames lists the output paths of the files of the theme's static/
// folder (builtin) and the site's (own), sorted. Either may be nil.
func StaticNames(builtin, own fs.FS) []string {
	return slices.Sorted(maps.Keys(folders(builtin, own)))
}

// folders lists the files of the theme's static/ folder (builtin) and the
// site's (own), which replaces theme files of the same name, by their
// output path.
func folders(builtin, own fs.FS) map[string]staticFile {
	files := map[string]staticFile{}
	for _, root := range []fs.FS{builtin, own} {
		if root == nil {
			continue
		}
		_ = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && !source.EditorFile(d.Name()) {
				files[p] = staticFile{root, p}
			}
			return nil
		})
	}
	return files
}
