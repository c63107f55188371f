package source

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/adrg/frontmatter"
	"github.com/stretchr/testify/assert"
)

// fullSplit is splitFrontMatter giving the library the whole text, as the
// reference of where the body starts.
func fullSplit(data []byte) (int, bool) {
	fm := &frontMatter{}
	format := frontmatter.NewFormat("---", "---", func(raw []byte, _ any) error {
		start := frontMatterStart(data)
		fm.lineBase = bytes.Count(data[:start], []byte("\n"))
		return fm.parse(raw, start)
	})
	bom := 0
	if bytes.HasPrefix(data, utf8BOM) {
		bom = len(utf8BOM)
	}
	rest, err := frontmatter.Parse(bytes.NewReader(data[bom:]), nil, format)
	if err != nil {
		return 0, false
	}
	if fm.node == nil {
		return bom, !opensFrontMatter(data)
	}
	return len(data) - len(rest), true
}

// The body starts where it would if the library read the whole file,
// whatever follows the front matter.
func TestTheBodyStartsWhereTheLibrarySays(t *testing.T) {
	inputs := []string{
		"---\ntitle: A\n---\nBody\n",
		"---\ntitle: A\n---\n\n\nBody after blank lines\n",
		"---\ntitle: A\n---",
		"---\ntitle: A\n--- \nBody\n",
		"---\r\ntitle: A\r\n---\r\nBody\r\n",
		"\n\n---\ntitle: A\n---\nBody\n",
		"\uFEFF---\ntitle: A\n---\nBody\n",
		"---\ntitle: A\n  ---\nBody\n---\nMore\n",
		"---\ntitle: |\n  ---\n---\nBody\n",
		"---\ntitle: A\n",
		"No front matter\n---\nx\n",
		"---\n---\nEmpty front matter\n",
		"----\ntitle: A\n----\nBody\n",
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			inputs = append(inputs, string(data))
		}
	}
	for _, in := range inputs {
		want, ok := fullSplit([]byte(in))
		_, got, err := splitFrontMatter([]byte(in))
		if !ok {
			continue
		}
		if assert.NoError(t, err, "%q", in) {
			assert.Equal(t, want, got, "%q", in)
		}
	}
}

func FuzzBodyStart(f *testing.F) {
	for _, s := range []string{"---\ntitle: A\n---\nBody\n", "---\ntitle: A\n---\n\n\nB\n", "---\r\na: b\r\n--- \r\nB", "\uFEFF---\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, ok := fullSplit(data)
		_, got, err := splitFrontMatter(data)
		if ok && (err != nil || got != want) {
			t.Fatalf("%q: body at %d, %v; the library says %d", data, got, err, want)
		}
	})
}
