// Command gencorpus writes a synthetic handbook to a folder, for measuring
// whole-process builds: go run ./generator/internal/corpus/gencorpus -n 1000 -out /tmp/site
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"

	"github.com/govdoc/govdoc/generator/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of documents")
	out := flag.String("out", "", "output folder (must not exist yet)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		log.Fatalf("gencorpus: %s exists", *out)
	}
	for name, data := range corpus.Generate(*n, *seed) {
		p := filepath.Join(*out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
