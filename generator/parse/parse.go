// Package parse is the stage that reads every document and section index
// of a site and splits it into front matter and body (see package source).
package parse

import (
	"context"
	"io/fs"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/internal/parallel"
	"github.com/govdoc/govdoc/generator/source"
)

// Memo is what the stage reuses of earlier builds: a file parsed before
// that has not changed since.
type Memo interface {
	Parsed(path string) (*source.Document, bool)
	KeepParsed(d *source.Document)
}

// Files reads and parses every document and section index of files from
// fsys, in parallel. memo may be nil.
func Files(ctx context.Context, fsys fs.FS, workers int, files source.Files, memo Memo) (docs, indexes []*source.Document) {
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
		parsed[i] = source.Parse(all[i], data)
	})
	return parsed[:len(files.Documents)], parsed[len(files.Documents):]
}
