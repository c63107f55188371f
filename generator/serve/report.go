package serve

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/finding"
)

// logRebuild prints one line for a rebuild, and the findings of one with
// errors:
//
//	12:04:05 content/a.md changed: 3 pages rendered in 14 ms; no problems
//	12:04:05 content/a.md changed: 2 errors, 1 warning; showing the last good version
//	content/a.md:2:8: error: ... [frontmatter-syntax]
//
// The first build (changed is nil) prints its warnings too; later ones
// only their errors, so that known warnings do not bury a new error.
func logRebuild(w io.Writer, now time.Time, changed []string, u *generator.Update, all finding.List, failed, good bool) {
	what := "built"
	switch len(changed) {
	case 0:
		if changed != nil {
			what = "rebuilt"
		}
	case 1:
		what = changed[0] + " changed"
	default:
		what = fmt.Sprintf("%s and %d other file%s changed", changed[0], len(changed)-1, plural(len(changed)-1))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: ", now.Format("15:04:05"), what)
	switch {
	case failed && good:
		fmt.Fprintf(&b, "%s; showing the last good version\n", problems(all))
	case failed:
		fmt.Fprintf(&b, "%s; nothing to show until they are fixed\n", problems(all))
	default:
		fmt.Fprintf(&b, "%d page%s rendered in %d ms; %s\n", u.Rendered, plural(u.Rendered), u.Duration.Milliseconds(), problems(all))
	}
	for _, f := range all {
		if f.Severity == finding.Error && failed || changed == nil {
			fmt.Fprintln(&b, f)
		}
	}
	_, _ = io.WriteString(w, b.String())
}

// problems counts errors and warnings: "no problems", "1 warning",
// "2 errors, 1 warning".
func problems(all finding.List) string {
	var parts []string
	if n := all.Errors(); n > 0 {
		parts = append(parts, fmt.Sprintf("%d error%s", n, plural(n)))
	}
	if n := all.Warnings(); n > 0 {
		parts = append(parts, fmt.Sprintf("%d warning%s", n, plural(n)))
	}
	if parts == nil {
		return "no problems"
	}
	return strings.Join(parts, ", ")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
