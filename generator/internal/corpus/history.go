package corpus

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"maps"
	"os/exec"
	"slices"
	"strings"
)

// Repository makes dir a git repository whose branch main holds the
// History of files in commits commits.
func Repository(dir string, files map[string][]byte, commits int) error {
	var history bytes.Buffer
	if err := History(&history, files, commits); err != nil {
		return err
	}
	for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"fast-import", "--quiet"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if args[0] == "fast-import" {
			cmd.Stdin = &history
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %v: %v: %s", args, err, out)
		}
	}
	return nil
}

// History writes a git fast-import stream of commits commits on branch
// main: the first adds every file, each later one changes one document, in
// turn, by a line of text. Commits are an hour apart from 2025-01-01, by
// seven authors in turn. Piped into git fast-import, it makes the history of
// a handbook edited for years.
func History(w io.Writer, files map[string][]byte, commits int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	names := slices.Sorted(maps.Keys(files))
	var docs []string
	for _, name := range names {
		if strings.HasSuffix(name, ".md") && !strings.HasSuffix(name, "/_index.md") {
			docs = append(docs, name)
		}
	}
	for i := range commits {
		when := 1735689600 + int64(i)*3600
		fmt.Fprintf(bw, "commit refs/heads/main\nauthor Author %d <author%d@example.org> %d +0000\ncommitter CI <ci@example.org> %d +0000\n", i%7, i%7, when, when)
		if i == 0 {
			fmt.Fprintf(bw, "data 16\nImport handbook\n\n")
			for _, name := range names {
				fmt.Fprintf(bw, "M 644 inline %s\ndata %d\n%s\n", name, len(files[name]), files[name])
			}
			continue
		}
		name := docs[(i-1)%len(docs)]
		msg := fmt.Sprintf("Revise %s", name[strings.LastIndexByte(name, '/')+1:])
		data := fmt.Sprintf("%s\nRevision %d.\n", files[name], i)
		fmt.Fprintf(bw, "data %d\n%s\nM 644 inline %s\ndata %d\n%s\n", len(msg), msg, name, len(data), data)
	}
	return bw.Flush()
}
