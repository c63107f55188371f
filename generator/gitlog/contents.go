package gitlog

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Blob names a file as it was after a commit: its path from the site root.
type Blob struct {
	Commit string
	Path   string
}

// Contents returns the contents of files as they were after commits, in one
// git process (git cat-file --batch), nil for a file git does not have. A
// log that was not read from a repository (made in a test) has none. A
// file larger than max bytes is left out (nil), so that one huge file
// bounds what the build holds.
func (l *Log) Contents(ctx context.Context, blobs []Blob, max int) ([][]byte, error) {
	out := make([][]byte, len(blobs))
	if l == nil || l.dir == "" || len(blobs) == 0 {
		return out, nil
	}
	cmd := command(ctx, l.dir, "cat-file", "--batch")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		defer stdin.Close()
		w := bufio.NewWriter(stdin)
		for _, b := range blobs {
			if strings.ContainsAny(b.Path, "\n") {
				w.WriteString("\n") // names no object: "missing"
				continue
			}
			if _, err := w.WriteString(b.Commit + ":" + l.prefix + b.Path + "\n"); err != nil {
				return
			}
		}
		w.Flush()
	}()
	r := bufio.NewReaderSize(stdout, 1<<16)
	readErr := func() error {
		for i := range blobs {
			head, err := r.ReadString('\n')
			if err != nil {
				return fmt.Errorf("git cat-file: %w", err)
			}
			f := strings.Fields(head)
			if len(f) != 3 {
				continue // "NAME missing" or "ambiguous"
			}
			size, err := strconv.Atoi(f[2])
			if err != nil {
				return fmt.Errorf("git cat-file: unexpected %q", head)
			}
			if f[1] == "blob" && size <= max {
				data := make([]byte, size)
				if _, err := io.ReadFull(r, data); err != nil {
					return fmt.Errorf("git cat-file: %w", err)
				}
				out[i] = data
			} else if _, err := r.Discard(size); err != nil {
				return fmt.Errorf("git cat-file: %w", err)
			}
			if _, err := r.Discard(1); err != nil { // the newline after the contents
				return fmt.Errorf("git cat-file: %w", err)
			}
		}
		return nil
	}()
	if readErr != nil {
		cmd.Process.Kill()
	}
	if err := cmd.Wait(); readErr == nil && err != nil {
		readErr = fmt.Errorf("git cat-file: %w", err)
	}
	if readErr != nil && !errors.Is(readErr, context.Canceled) {
		return nil, readErr
	}
	return out, readErr
}
