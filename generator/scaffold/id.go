package scaffold

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Existing is a document the site already has: its file from the site root
// and its Document-ID.
type Existing struct {
	Path, ID string
}

// DefaultIDPrefix and DefaultIDWidth make the first ID of a site whose
// documents have no numbered IDs yet: DOC-0001.
const (
	DefaultIDPrefix = "DOC-"
	DefaultIDWidth  = 4
)

// NextID returns the Document-ID for a new document at file (from the site
// root), in the pattern the site's IDs follow: a prefix and a zero-padded
// number, such as GOV-0230, ITG-POL-0042 or iso-38500-0010. The pattern is
// the most common among the documents of the same folder, else of the whole
// site. A number prefix of the file name (0400_access_control.md) is used
// when the ID it makes is free; otherwise the number is one more than the
// highest of the pattern.
func NextID(docs []Existing, file string) string {
	var all, near []numbered
	taken := map[string]bool{}
	for _, d := range docs {
		taken[strings.ToLower(d.ID)] = true
		n, ok := splitID(d.ID)
		if !ok {
			continue
		}
		all = append(all, n)
		if path.Dir(d.Path) == path.Dir(file) {
			near = append(near, n)
		}
	}
	prefix, width := DefaultIDPrefix, DefaultIDWidth
	if len(near) == 0 {
		near = all
	}
	if len(near) > 0 {
		prefix = commonPrefix(near)
		width = commonWidth(all, prefix)
	}
	format := func(n int) string { return fmt.Sprintf("%s%0*d", prefix, width, n) }
	if digits, ok := NumberPrefix(path.Base(file)); ok {
		n, err := strconv.Atoi(digits)
		if err == nil {
			if id := format(n); !taken[strings.ToLower(id)] {
				return id
			}
		}
	}
	highest := 0
	for _, n := range all {
		if strings.EqualFold(n.prefix, prefix) {
			highest = max(highest, n.number)
		}
	}
	n := highest + 1
	for taken[strings.ToLower(format(n))] {
		n++
	}
	return format(n)
}

// numbered is a Document-ID cut into its prefix and its trailing number.
type numbered struct {
	prefix string
	number int
	width  int // the digits as written, zero padding included
}

// splitID cuts an ID that ends in digits into prefix and number.
func splitID(id string) (numbered, bool) {
	i := len(id)
	for i > 0 && id[i-1] >= '0' && id[i-1] <= '9' {
		i--
	}
	digits := id[i:]
	n, err := strconv.Atoi(digits)
	if digits == "" || len(digits) > 9 || err != nil {
		return numbered{}, false
	}
	return numbered{prefix: id[:i], number: n, width: len(digits)}, true
}

// commonPrefix returns the prefix most IDs share, compared regardless of
// case as IDs are, spelled as most of them spell it. A tie goes to the
// prefix with the higher number, then to the first in alphabetical order.
func commonPrefix(ids []numbered) string {
	type tally struct {
		prefix string
		count  int
		top    int // the highest number
	}
	best := func(by map[string]*tally) string {
		return slices.MinFunc(slices.Collect(maps.Values(by)), func(a, b *tally) int {
			return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(b.top, a.top), strings.Compare(a.prefix, b.prefix))
		}).prefix
	}
	add := func(by map[string]*tally, key string, n numbered) {
		t := by[key]
		if t == nil {
			t = &tally{prefix: key}
			by[key] = t
		}
		t.count++
		t.top = max(t.top, n.number)
	}
	folded := map[string]*tally{}
	for _, n := range ids {
		add(folded, strings.ToLower(n.prefix), n)
	}
	group := best(folded)
	spelled := map[string]*tally{}
	for _, n := range ids {
		if strings.ToLower(n.prefix) == group {
			add(spelled, n.prefix, n)
		}
	}
	return best(spelled)
}

// commonWidth returns the zero padding most IDs with the prefix have; a tie
// goes to the wider.
func commonWidth(ids []numbered, prefix string) int {
	count := map[int]int{}
	best := 0
	for _, n := range ids {
		if !strings.EqualFold(n.prefix, prefix) {
			continue
		}
		count[n.width]++
		if c, b := count[n.width], count[best]; c > b || c == b && n.width > best {
			best = n.width
		}
	}
	return best
}

// NumberPrefix returns the digits a file name starts with when a separator
// follows them, as in 0400_access_control.md.
func NumberPrefix(name string) (string, bool) {
	i := 0
	for i < len(name) && name[i] >= '0' && name[i] <= '9' {
		i++
	}
	if i == 0 || i == len(name) || !strings.ContainsRune("_- ", rune(name[i])) {
		return "", false
	}
	return name[:i], true
}
