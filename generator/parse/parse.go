// Package parse is the stage that reads every document and section index
// of a site and splits it into front matter and body (see package source).
package parse

import (
	"context"
	"io/fs"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/internal/parallel"
	"github.com/govdoc/govdoc/generator/memo"
	"github.com/govdoc/govdoc/generator/source"
)

// Memo is what the stage reuses of earlier builds: a file parsed before
// that has not changed since.
type Memo interface {
	Parsed(path string) (*source.Document, bool)
	KeepParsed(d *source.Document)
}

// stage names the stage's results in a memo.Store.
const stage = "parse"

// Files reads and parses every document and section index of files from
// fsys, in parallel. memo may be nil. results, if not nil, keeps what
// parsing a file gave under its path and its text, so that a later run
// reads a file it kept without parsing its YAML.
func Files(ctx context.Context, fsys fs.FS, workers int, files source.Files, memo Memo, results *memo.Store) (docs, indexes []*source.Document) {
	all := append(append([]string(nil), files.Documents...), files.Indexes...)
	parsed := make([]*source.Document, len(all))
	parallel.Do(ctx, workers, len(all), func(i int) {
		if memo != nil {
			if d, ok := memo.Parsed(all[i]); ok {
				parsed[i] = d
				return
			}
			defer func() { memo.KeepParsed(parsed[i]) }()
		}
		data, err := fs.ReadFile(fsys, all[i])
		if err != nil {
			d := source.Parse(all[i], nil)
			d.Findings.Errorf(finding.ReadError, finding.Position{File: all[i]}, "cannot read: %v", err)
			parsed[i] = d
			return
		}
		parsed[i] = parseStored(results, all[i], data)
	})
	return parsed[:len(files.Documents)], parsed[len(files.Documents):]
}

// parseStored parses the file at path p, or gives it back as results kept
// it.
func parseStored(results *memo.Store, p string, data []byte) *source.Document {
	if results == nil {
		return source.Parse(p, data)
	}
	key := keyOf(p, data)
	if stored, ok := results.Bytes(stage, key); ok {
		if d, ok := source.Restore(p, data, stored); ok {
			d.Hash = key
			return d
		}
	}
	d := source.Parse(p, data)
	if stored, ok := d.Stored(); ok {
		results.PutBytes(stage, key, stored)
	}
	d.Hash = key
	return d
}

// keyOf is the key of what parsing the file at path p with text data gives.
func keyOf(p string, data []byte) memo.Key {
	return memo.NewHasher().String(p).Bytes(data).Sum()
}
