// Command floor converts the Markdown bodies of a site's documents with
// goldmark alone (GFM and heading IDs, as govdoc configures it), on every
// core, and prints the best wall time of a few passes in seconds: the floor
// a govdoc build is measured against.
//
//	go run ./generator/internal/bench/floor DIR
package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor SITE-DIR")
		os.Exit(2)
	}
	var bodies [][]byte
	err := filepath.WalkDir(filepath.Join(os.Args[1], "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		bodies = append(bodies, stripFrontMatter(data))
		return nil
	})
	if err != nil || len(bodies) == 0 {
		fmt.Fprintln(os.Stderr, "floor: no documents:", err)
		os.Exit(1)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	best := time.Duration(1 << 62)
	for range 5 {
		start := time.Now()
		convert(md, bodies)
		best = min(best, time.Since(start))
	}
	fmt.Printf("%.3f\n", best.Seconds())
}

// convert renders every body, on as many goroutines as there are cores.
func convert(md goldmark.Markdown, bodies [][]byte) {
	var wg sync.WaitGroup
	next := make(chan []byte)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for b := range next {
				if err := md.Convert(b, io.Discard); err != nil {
					panic(err)
				}
			}
		})
	}
	for _, b := range bodies {
		next <- b
	}
	close(next)
	wg.Wait()
}

func stripFrontMatter(src []byte) []byte {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src
	}
	if end := bytes.Index(src[4:], []byte("\n---\n")); end >= 0 {
		return src[4+end+5:]
	}
	return src
}
