package memo_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/govdoc/govdoc/generator/memo"
)

// A stage's result, stored under a key made of all it depends on.
type wordCount struct {
	Words int
	First string
}

func countWords(store *memo.Store, path string, source []byte) (wordCount, bool) {
	k := memo.NewHasher().String(path).Bytes(source).Sum()
	var wc wordCount
	if store.Get("words", k, &wc) {
		return wc, true
	}
	words := strings.Fields(string(source))
	wc = wordCount{Words: len(words), First: words[0]}
	store.Put("words", k, wc)
	return wc, false
}

func Example() {
	dir, _ := os.MkdirTemp("", "memo-example")
	defer os.RemoveAll(dir)
	source := []byte("Governance is the system by which IT is directed.")

	for run := 1; run <= 2; run++ {
		store, err := memo.Open(dir, "govdoc v1.2.3")
		if err != nil {
			fmt.Println(err)
			return
		}
		wc, reused := countWords(store, "content/a.md", source)
		fmt.Printf("run %d: %d words, first %q, reused %v\n", run, wc.Words, wc.First, reused)
		if err := store.Close(); err != nil {
			fmt.Println(err)
		}
	}

	// A nil store keeps nothing: the stage computes every time.
	wc, reused := countWords(nil, "content/a.md", source)
	fmt.Printf("no store: %d words, reused %v\n", wc.Words, reused)
	// Output:
	// run 1: 9 words, first "Governance", reused false
	// run 2: 9 words, first "Governance", reused true
	// no store: 9 words, reused false
}
