// Package search writes the search index of a build: scripts that hand the
// theme's search.js, in the reader's browser, what it searches in each
// published document: title, ID, address, owner, status, classification,
// tags, section, headings and the start of the text, and each chunk of the
// index the words of its documents' text beyond that start, each once with
// the documents that hold it. Scripts rather than
// JSON, because a page opened from file:// may load a script but not fetch
// a file. The index script names the chunk scripts that hold the entries.
//
// The package is given the documents a build publishes and nothing else,
// so the index of a build for an audience holds nothing of the documents
// left out of it. It does not search; search.js does.
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html/template"
	"strings"

	"github.com/govdoc/govdoc/generator/markdown"
	"github.com/govdoc/govdoc/generator/site"
)

// Limits on what the index holds of each document, in bytes of text, so
// that the index stays small enough for a browser to load at once.
const (
	// Budget is about how much opening text the index holds of all
	// documents together: a handbook of a few hundred documents is indexed
	// whole, one of 10,000 by the opening sentences of each, and the words
	// of the rest of each text (at most markdown.TextWords bytes of them)
	// in the words of its chunk.
	Budget = 2 << 20
	// MinText and MaxText bound the opening text held of one document's
	// body: enough for a result's snippet.
	MinText = 200
	MaxText = 256 << 10
	// HeadingsLimit is how much of its section headings it holds, which
	// rank above the text.
	HeadingsLimit = 200
)

// TextLimit is how much of each document's opening text the index of n
// documents holds: an equal share of Budget, within MinText and MaxText.
func TextLimit(n int) int {
	return min(max(Budget/max(n, 1), MinText), MaxText)
}

// Global is the JavaScript global the index script sets.
const Global = "govdocSearchIndex"

// Fields names the values of each document's entry, in order.
var Fields = []string{"title", "id", "url", "owner", "status", "classification", "tags", "section", "headings", "text"}

// Entry is what the index holds of one document: a JSON array of the values
// Fields names and, after a NUL byte, the words of its text beyond the
// opening the array holds, separated by spaces, if there are any.
type Entry []byte

// NewEntry returns the index entry of a published document, given the text
// of its rendered body as Text makes it.
func NewEntry(d *site.Document, text string) Entry {
	text, words, _ := strings.Cut(text, "\n")
	section := Section(d)
	tags := d.Tags
	if tags == nil {
		tags = []string{}
	}
	var headings []string
	n := 0
	for _, h := range d.Headings {
		if h.Level < 2 || h.Level > 3 {
			continue
		}
		if n+len(h.Text) > HeadingsLimit {
			break
		}
		headings = append(headings, h.Text)
		n += len(h.Text) + 1
	}
	data, err := json.Marshal([]any{d.Title, d.ID, d.URL, d.Owner, d.Status, d.Classification, tags, section, strings.Join(headings, "\n"), text})
	if err != nil {
		return Entry("null") // strings and lists of them always encode
	}
	// A document that shows placeholder syntax, in code, keeps it; spelled
	// so in the file, as the pages spell it &#123;&#123;, so that no output
	// byte reads like a placeholder left unfilled. The entry is an array of
	// strings, so braces are inside strings.
	data = bytes.ReplaceAll(data, []byte("{{"), []byte(`{\u007b`))
	if words != "" {
		data = append(append(data, 0), words...)
	}
	return data
}

// Section is the section an entry names: the title of the document's
// section, "" at the top of the handbook.
func Section(d *site.Document) string {
	if d.Section == nil || d.Section.IsRoot() {
		return ""
	}
	return d.Section.Title
}

// The index is written in chunks, so that an edit of one document rewrites
// one small file, not an index of megabytes: the index script (render's
// search-index.js) names the chunk files in reading order, and each chunk
// script adds its entries to the global Chunks under its own name.
const (
	// Dir is the folder of the chunk files, beside the index script.
	Dir = "search-index"
	// Chunks is the JavaScript global the chunk scripts add their entries
	// to, by file name.
	Chunks = "govdocSearchChunks"
	// Every is about how many documents one chunk holds.
	Every = 128
)

// Chunk is one file of the index: the entries of a run of documents in
// reading order.
type Chunk struct {
	// Name is the file's path in the output, in Dir.
	Name    string
	Entries []Entry
}

// Split cuts the entries of the documents at paths (from the site root),
// in reading order, into chunks. A chunk starts at the first document and
// at each document whose path hashes to a multiple of Every, and is named
// by a hash of the path of the document it starts with. So where chunks
// start does not depend on the other documents: an edit of a document
// changes its chunk alone, and a document added or removed changes the
// chunk it falls into, and the index script only when it starts one.
func Split(paths []string, entries []Entry) []Chunk {
	var chunks []Chunk
	names := map[string]bool{}
	start := 0
	for i := range paths {
		if i+1 < len(paths) && !starts(paths[i+1]) {
			continue
		}
		name := chunkName(paths[start])
		for n := 2; names[name]; n++ {
			name = fmt.Sprintf("%s-%d.js", strings.TrimSuffix(chunkName(paths[start]), ".js"), n)
		}
		names[name] = true
		chunks = append(chunks, Chunk{Name: name, Entries: entries[start : i+1 : i+1]})
		start = i + 1
	}
	return chunks
}

// starts reports whether the document at path starts a chunk.
func starts(path string) bool {
	h := fnv.New32a()
	h.Write([]byte(path))
	return h.Sum32()%Every == 0
}

// chunkName is the name of the chunk that starts with the document at path.
func chunkName(path string) string {
	h := fnv.New64a()
	h.Write([]byte(path))
	return fmt.Sprintf("%s/%012x.js", Dir, h.Sum64()>>16)
}

// Index returns the index script: the fields of an entry, and the chunk
// files that hold the entries, in reading order.
func Index(chunks []Chunk) []byte {
	var b bytes.Buffer
	b.WriteString("/* The search index of this handbook, for js/search.js: the fields of each document's entry, and the files\n   that hold the entries, in reading order. */\nwindow." + Global + " = {\"fields\":")
	fields, _ := json.Marshal(Fields)
	b.Write(fields)
	b.WriteString(",\"chunks\":[")
	for i, c := range chunks {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(c.Name)
		b.Write(name)
	}
	b.WriteString("]};\n")
	return b.Bytes()
}

// Script returns the chunk's script, which adds its entries to the global
// Chunks under its name: the array of their entries or, if any has words
// beyond its opening text, an object of the entries ("docs") and the words
// ("words"), a string of each word followed by the entries that hold it
// (see Postings), separated by spaces.
func (c Chunk) Script() []byte {
	var b bytes.Buffer
	n := 256
	for _, e := range c.Entries {
		n += len(e) + 2
	}
	b.Grow(n)
	name, _ := json.Marshal(c.Name)
	b.WriteString("/* Part of the search index of this handbook, for js/search.js. */\n(window." + Chunks + " = window." + Chunks + " || {})[")
	b.Write(name)
	b.WriteString("] = ")
	var order []string
	holders := map[string][]int{}
	for i, e := range c.Entries {
		_, words, ok := bytes.Cut(e, []byte{0})
		if !ok {
			continue
		}
		for w := range strings.FieldsSeq(string(words)) {
			if holders[w] == nil {
				order = append(order, w)
			}
			holders[w] = append(holders[w], i)
		}
	}
	if order != nil {
		b.WriteString(`{"docs":`)
	}
	b.WriteString("[")
	for i, e := range c.Entries {
		if i > 0 {
			b.WriteString(",\n")
		} else {
			b.WriteString("\n")
		}
		if j := bytes.IndexByte(e, 0); j >= 0 {
			e = e[:j]
		}
		b.Write(e)
	}
	b.WriteString("\n]")
	if order != nil {
		b.WriteString(`,"words":"`)
		for i, w := range order {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			b.WriteByte(' ')
			b.Write(Postings(holders[w]))
		}
		b.WriteString(`"}`)
	}
	b.WriteString(";\n")
	return b.Bytes()
}

// PostingDigits are the characters that spell which entries of a chunk hold
// a word, one character an entry: printable ASCII but for the space, the
// quote and backslash a JSON string escapes, "<" and the braces.
const PostingDigits = "!#$%&'()*+,-./0123456789:;=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz|~"

// Postings spells the places of the entries that hold a word, in ascending
// order, each as the step from the one before (from -1): the digit of value
// k, 1 <= k < len(PostingDigits), steps k entries on to one that holds it;
// the digit of value 0 steps len(PostingDigits)-1 on to one that does not.
func Postings(entries []int) []byte {
	top := len(PostingDigits) - 1
	var b []byte
	at := -1
	for _, e := range entries {
		for e-at > top {
			b = append(b, PostingDigits[0])
			at += top
		}
		b = append(b, PostingDigits[e-at])
		at = e
	}
	return b
}

// Text returns the plain text of a rendered body, white space collapsed, up
// to about limit bytes cut at a word (see TextLimit), and, after a new line,
// the words of the rest of the text that this opening lacks, each once and
// lower-cased (see markdown.TextWords). The heading whose id is titleID, the
// document's title, is left out: the index holds the title already. A
// build has the text from rendering the body (site.Document.SearchText);
// Text reads it from the HTML when it has not.
func Text(body template.HTML, titleID string, limit int) string {
	return markdown.HTMLText(string(body), titleID, limit)
}
