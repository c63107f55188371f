package generator

import (
	"context"
	"io/fs"

	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/source"
)

// parse reads and parses every document and section index, in parallel.
func parse(ctx context.Context, opts Options, files source.Files) (docs, indexes []*source.Document) {
	all := append(append([]string(nil), files.Documents...), files.Indexes...)
	parsed := make([]*source.Document, len(all))
	parallel(ctx, workers(opts), len(all), func(i int) {
		if d, ok := opts.cache.reuse(all[i]); ok {
			parsed[i] = d
			return
		}
		defer func() { opts.cache.keepParsed(parsed[i]) }()
		data, err := fs.ReadFile(opts.Source, all[i])
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
