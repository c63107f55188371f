// Package source reads a site's files: it finds the documents, section
// indexes and static files under content/, and parses each document into its
// front-matter fields and Markdown body, with positions that point into the
// file as the user sees it. It does not render or link documents.
package source

import (
	"bytes"
	"cmp"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/placeholder"
)

// ContentDir is the folder of documents at the site root.
const ContentDir = "content"

// IndexFile gives a section folder its title, introduction and defaults.
const IndexFile = "_index.md"

// MaxFileSize is the largest document read; a larger one is a finding.
const MaxFileSize = 32 << 20

// Files lists what content/ holds, as slash-separated paths from the site
// root, each sorted.
type Files struct {
	Documents []string // *.md except _index.md
	Indexes   []string // _index.md of section folders
	Assets    []string // every other file, copied to the output as is
}

// Has reports whether the listing holds the file at p.
func (f Files) Has(p string) bool {
	for _, list := range [][]string{f.Documents, f.Indexes, f.Assets} {
		if _, ok := slices.BinarySearch(list, p); ok {
			return true
		}
	}
	return false
}

// Discover walks content/ in fsys. Files and folders whose names start with
// "." or "_" (other than _index.md), and the files editors leave beside the
// files they save (EditorFile), are left out.
func Discover(fsys fs.FS) (Files, error) {
	var f Files
	err := fs.WalkDir(fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != ContentDir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") && name != IndexFile || EditorFile(name)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // folders are walked; symlinks and devices are not content
		}
		switch {
		case name == IndexFile:
			f.Indexes = append(f.Indexes, p)
		case strings.EqualFold(path.Ext(name), ".md"):
			f.Documents = append(f.Documents, p)
		default:
			f.Assets = append(f.Assets, p)
		}
		return nil
	})
	slices.Sort(f.Documents)
	slices.Sort(f.Indexes)
	slices.Sort(f.Assets)
	return f, err
}

// Document is a parsed Markdown file: its front matter, not yet filled with
// placeholder values, and its body.
type Document struct {
	Path      string // from the site root, e.g. content/governance/0010_framework.md
	Src       []byte
	Lines     *finding.Lines
	BodyStart int // offset of the body in Src
	fm        *frontMatter
	Findings  finding.List
	// Hash names the file's path and text in a run that keeps results
	// between runs (package memo), so that a stage can key what it makes
	// of the file by it; zero in other runs.
	Hash [32]byte
}

// Released returns a copy of d that keeps its path, findings and front
// matter status but not its text, line index or YAML: a build lets go of
// them once every finding with a position in the file is made. Positions
// of the copy are the file's alone.
func (d *Document) Released() *Document {
	return &Document{Path: d.Path, Lines: finding.NewLines(nil), BodyStart: d.BodyStart, Findings: d.Findings}
}

// FrontMatterOK reports whether the document's front matter could be read
// (or it has none). When it could not, what it holds is unknown.
func (d *Document) FrontMatterOK() bool {
	for _, f := range d.Findings {
		if f.Rule == finding.FrontmatterSyntax {
			return false
		}
	}
	return true
}

// Body returns the Markdown after the front matter.
func (d *Document) Body() []byte { return d.Src[d.BodyStart:] }

// Pos returns the position of byte offset off of the file.
func (d *Document) Pos(off int) finding.Position {
	line, col := d.Lines.Position(off)
	return finding.Position{File: d.Path, Line: line, Column: col}
}

// Parse reads a document. Problems (a file that is not text, front matter
// that is not YAML) are findings on the document; a document whose front
// matter fails still has its body.
func Parse(p string, data []byte) *Document {
	d := &Document{Path: p}
	if len(data) > MaxFileSize {
		d.Src = nil
		d.Lines = finding.NewLines(nil)
		d.Findings.Errorf(finding.ReadError, finding.Position{File: p}, "file is %d MB; documents larger than %d MB are not read", len(data)>>20, MaxFileSize>>20)
		return d
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		d.Src = nil
		d.Lines = finding.NewLines(nil)
		line, col := finding.NewLines(data).Position(i)
		d.Findings.Errorf(finding.ReadError, finding.Position{File: p, Line: line, Column: col}, "file is not text (it holds a NUL byte); is it a binary file named .md?")
		return d
	}
	if !utf8.Valid(data) {
		bad := firstInvalid(data)
		line, col := finding.NewLines(data).Position(bad)
		d.Findings.Errorf(finding.ReadError, finding.Position{File: p, Line: line, Column: col}, "file is not valid UTF-8; save it as UTF-8 (bad bytes are shown as \uFFFD)")
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	d.Src = data
	d.Lines = finding.NewLines(data)
	fm, bodyStart, err := splitFrontMatter(data)
	if err != nil {
		fe := err.(*errFrontMatter)
		d.Findings.Errorf(finding.FrontmatterSyntax, finding.Position{File: p, Line: fe.line, Column: max(fe.col, 1)}, "%s", fe.msg)
		d.BodyStart = bodyAfterBrokenFrontMatter(data)
		return d
	}
	d.fm, d.BodyStart = fm, bodyStart
	return d
}

// bodyAfterBrokenFrontMatter skips a front matter that does not parse, so
// the body still renders without it.
func bodyAfterBrokenFrontMatter(data []byte) int {
	if !opensFrontMatter(data) {
		return 0
	}
	start := frontMatterStart(data)
	for i := start; i < len(data); {
		end := bytes.IndexByte(data[i:], '\n')
		if end < 0 {
			end = len(data) - i
		}
		if string(bytes.TrimSpace(data[i:i+end])) == "---" {
			return min(i+end+1, len(data))
		}
		i += end + 1
	}
	return 0
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return 0
}

// OwnMeta returns the document's meta overrides, as written.
func (d *Document) OwnMeta() map[string]any {
	f := d.rawField("meta")
	if f == nil {
		return nil
	}
	c := &converter{fm: d.fm, fill: func(i int) string { return d.fm.actions[i] }, budget: maxNodes}
	m, _ := c.value(f).(map[string]any)
	return m
}

func (d *Document) rawField(key string) *yaml.Node {
	if d.fm == nil {
		return nil
	}
	n := d.fm.node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if NormalizeKey(n.Content[i].Value) == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// Fields fills the placeholders of the front matter with data and returns
// its fields by normalized key, and the keys in the order written.
// Placeholders that fail are unresolved-placeholder findings, or
// limit-exceeded ones when they would pass a limit of package placeholder,
// and keep their text; a key written twice is an invalid-metadata finding.
func (d *Document) Fields(ev *placeholder.Evaluator, data placeholder.Data) (map[string]*Field, []string, finding.List) {
	var findings finding.List
	fields := map[string]*Field{}
	var order []string
	if d.fm == nil {
		return fields, nil, nil
	}
	filled := make([]*string, len(d.fm.actions))
	text := ev.Text()
	defer text.Close()
	c := &converter{fm: d.fm, budget: maxNodes}
	c.fill = func(i int) string {
		if filled[i] != nil {
			return *filled[i]
		}
		v := d.fm.actions[i]
		if !text.Stopped() { // past a limit of the front matter, placeholders stay as written
			val, err := text.Eval(v, data)
			switch {
			case errors.Is(err, placeholder.ErrLimit):
				findings.Errorf(finding.LimitExceeded, d.Pos(d.fm.offsets[i]), "%s: %v", v, err)
			case err != nil:
				findings.Errorf(finding.UnresolvedPlaceholder, d.Pos(d.fm.offsets[i]), "%s: %v", v, err)
			default:
				v = val
			}
		}
		filled[i] = &v
		return v
	}
	// meta keeps its placeholders: they are filled once every level's meta
	// is merged.
	raw := &converter{fm: d.fm, fill: func(i int) string { return d.fm.actions[i] }, budget: maxNodes}
	n := d.fm.node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := NormalizeKey(k.Value)
		line, col := k.Line+d.fm.lineBase, k.Column
		if prev, dup := fields[key]; dup {
			findings.Errorf(finding.InvalidMetadata, finding.Position{File: d.Path, Line: line, Column: col},
				"%q repeats %q (line %d): keys match regardless of case, '-', '_' and spaces", k.Value, prev.Name, prev.Line)
			continue
		}
		var val any
		if key == "meta" {
			val = raw.value(v)
		} else {
			val = c.value(v)
		}
		fields[key] = &Field{Name: k.Value, Value: val, Node: v, Line: line, Column: col}
		order = append(order, key)
	}
	if err := cmp.Or(c.err, raw.err); err != nil {
		findings.Errorf(finding.FrontmatterSyntax, finding.Position{File: d.Path, Line: d.fm.lineBase + 1, Column: 1}, "%v", err)
	}
	return fields, order, findings
}

// Reads reports whether a placeholder of the document, in its front matter
// or its body, may read the value name of its data (see
// placeholder.Evaluator.Reads). It may say yes for a placeholder in code,
// which is never filled.
func (d *Document) Reads(ev *placeholder.Evaluator, name string) bool {
	if !bytes.Contains(d.Src, []byte("{{")) {
		return false
	}
	if d.fm != nil {
		for _, text := range d.fm.actions {
			if ev.Reads(text, name) {
				return true
			}
		}
	}
	// Placeholders in code are never filled, but looking for them too
	// costs less than telling code from text.
	body := d.Body()
	for _, a := range placeholder.Scan(body) {
		if a.Closed && ev.Reads(string(body[a.Start:a.End]), name) {
			return true
		}
	}
	return false
}

// ValuePos returns the file position of a field's value.
func (d *Document) ValuePos(f *Field) finding.Position {
	if f == nil {
		return finding.Position{File: d.Path, Line: 1, Column: 1}
	}
	return d.NodePos(f.Node)
}

// NodePos returns the file position of a node inside a front-matter value.
func (d *Document) NodePos(n *yaml.Node) finding.Position {
	if n == nil || d.fm == nil {
		return finding.Position{File: d.Path, Line: 1, Column: 1}
	}
	return finding.Position{File: d.Path, Line: n.Line + d.fm.lineBase, Column: n.Column}
}

// Deref follows YAML aliases (*name) to the node they stand for.
func Deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 10; i++ {
		n = n.Alias
	}
	return n
}
