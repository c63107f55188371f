package corpus

import (
	"cmp"
	"fmt"
	"maps"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
)

// Defect is a broken reference written into a corpus on purpose, where a
// check must find it.
type Defect struct {
	File         string // from the site root
	Line, Column int    // of the link's "[", or of the bare file name
	Rule         string
	Target       string // as written
}

// String formats the defect as "file:line:col rule", as checks list findings.
func (d Defect) String() string { return fmt.Sprintf("%s:%d:%d %s", d.File, d.Line, d.Column, d.Rule) }

// defectKinds are the defects Break writes, in turn: what rule finds each.
var defectKinds = []string{
	"broken-ref",    // a bare file name that names no document
	"broken-link",   // a relative link to a missing file
	"broken-anchor", // a relative link to a missing heading
	"broken-anchor", // a link to a missing heading of a section's page
	"broken-link",   // a site-absolute link to a missing file
	"broken-ref",    // a wiki link to a missing Document-ID
	"broken-anchor", // a site-absolute link to a missing heading
	"broken-link",   // a link to a missing file in a section's _index.md
}

// Break writes k defects into the files of a corpus that Generate made,
// of every kind in turn (see defectKinds), and returns them in order of
// file and position. Every section's _index.md gets an "Overview" heading
// and good links of each kind besides, which a check must accept: to a
// document and its heading, to the section's own heading, site-absolute.
// The rest of the corpus stays as Generate wrote it.
func Break(files map[string][]byte, k int, seed uint64) []Defect {
	var docs, indexes []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		switch {
		case path.Base(name) == "_index.md":
			indexes = append(indexes, name)
		case strings.HasSuffix(name, ".md"):
			docs = append(docs, name)
		}
	}
	for _, ix := range indexes {
		first := firstIn(docs, path.Dir(ix))
		files[ix] = fmt.Appendf(files[ix], "\n## Overview\n\nStart with [the first document](%s#purpose), read [this overview](#overview)"+
			" and [its top](./#overview), or go [home](/) and [back](/%s/#overview).\n",
			path.Base(first), strings.TrimPrefix(path.Dir(ix), "content/"))
	}
	var defects []Defect
	for n := range k {
		r := rand.New(rand.NewPCG(seed, uint64(n)+1<<40))
		doc := docs[r.IntN(len(docs))]
		other := docs[r.IntN(len(docs))]
		dir := path.Dir(doc)
		missing := fmt.Sprintf("9%04d_missing_document.md", n)
		sec := strings.TrimPrefix(path.Dir(other), "content/")
		relOther := path.Base(other)
		if path.Dir(other) != dir {
			relOther = "../" + sec + "/" + relOther
		}
		var file, text, needle string
		switch kind := n % len(defectKinds); kind {
		case 0:
			file, needle = doc, missing
			files[file] = insertAfter(files[file], "## Document References\n\n", "- "+missing+"\n")
		case 1, 2, 3, 4, 6:
			target := map[int]string{
				1: "../" + sec + "/" + missing,
				2: relOther + fmt.Sprintf("#purpose-draft-%d", n),
				3: "../" + sec + fmt.Sprintf("/#overview-draft-%d", n),
				4: "/" + sec + "/" + missing,
				6: "/" + sec + "/" + path.Base(other) + fmt.Sprintf("#scope-draft-%d", n),
			}[kind]
			file, needle = doc, "[defect "+fmt.Sprint(n)+"]("+target+")"
			text = "A good [section link](../" + sec + "/#overview) and a bad " + needle + ".\n\n"
			files[file] = insertBefore(files[file], "## Control Summary\n", text)
		case 5:
			file, needle = doc, fmt.Sprintf("[[gone-%05d]]", n)
			files[file] = insertBefore(files[file], "## Control Summary\n", "See "+needle+".\n\n")
		case 7:
			file, needle = indexes[r.IntN(len(indexes))], "[defect "+fmt.Sprint(n)+"]("+missing+")"
			files[file] = fmt.Appendf(files[file], "\nAlso %s.\n", needle)
		}
		defects = append(defects, Defect{File: file, Rule: defectKinds[n%len(defectKinds)], Target: needle})
	}
	// Positions once every defect is written: later ones move earlier ones.
	for i, d := range defects {
		text := string(files[d.File])
		at := strings.Index(text, d.Target)
		defects[i].Line = strings.Count(text[:at], "\n") + 1
		defects[i].Column = at - strings.LastIndexByte(text[:at], '\n')
	}
	slices.SortFunc(defects, func(a, b Defect) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return defects
}

// firstIn is the first document of a folder, by name.
func firstIn(docs []string, dir string) string {
	for _, d := range docs {
		if path.Dir(d) == dir {
			return d
		}
	}
	return dir + "/none.md"
}

func insertBefore(b []byte, mark, text string) []byte {
	s := string(b)
	i := strings.Index(s, mark)
	if i < 0 {
		return append(b, "\n"+text...)
	}
	return []byte(s[:i] + text + s[i:])
}

func insertAfter(b []byte, mark, text string) []byte {
	s := string(b)
	i := strings.Index(s, mark)
	if i < 0 {
		return append(b, "\n"+text...)
	}
	return []byte(s[:i+len(mark)] + text + s[i+len(mark):])
}
