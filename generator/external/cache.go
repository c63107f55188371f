package external

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// entry is a good answer remembered in the cache file.
type entry struct {
	Status  int       `json:"status"`
	Checked time.Time `json:"checked"` // RFC 3339, to the second
}

// cache maps a URL, without fragment, to its last good answer. Bad answers
// are never kept, so they are requested again on the next run. A nil cache
// (no cache file) remembers nothing.
type cache map[string]entry

// loadCache reads the cache file at path. A missing file or one that is not
// a cache (corrupt, hand-edited) gives an empty cache: the cache only saves
// requests, so losing it is never worth a failed check.
func loadCache(path string) (cache, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cache{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading link cache: %w", err)
	}
	var c cache
	if json.Unmarshal(data, &c) != nil || c == nil {
		return cache{}, nil
	}
	for u, e := range c {
		if !goodStatus(e.Status) || e.Checked.IsZero() {
			delete(c, u)
		}
	}
	return c, nil
}

func goodStatus(s int) bool { return s >= 200 && s < 400 }

// fresh reports whether the cache holds a good answer for u checked less
// than ttl before now.
func (c cache) fresh(u string, now time.Time, ttl time.Duration) bool {
	e, ok := c[u]
	return ok && now.Before(e.Checked.Add(ttl))
}

func (c cache) put(u string, status int, now time.Time) {
	if c != nil {
		c[u] = entry{Status: status, Checked: now.UTC().Truncate(time.Second)}
	}
}

func (c cache) remove(u string) { delete(c, u) }

// saveCache writes c to path without its entries older than ttl. It writes
// a temporary file in the same folder and renames it over path, so a
// reader, or a run that is killed, never sees half a file.
func saveCache(path string, c cache, now time.Time, ttl time.Duration) (err error) {
	if path == "" {
		return nil
	}
	for u := range c {
		if !c.fresh(u, now, ttl) {
			delete(c, u)
		}
	}
	if c == nil {
		c = cache{}
	}
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("writing link cache: %w", err)
	}
	data = append(data, '\n')

	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("writing link cache: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing link cache: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
			err = fmt.Errorf("writing link cache: %w", err)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
