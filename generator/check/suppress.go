package check

import (
	"regexp"
	"strings"

	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/site"
)

// Suppress drops the findings that site.yaml's ignore entries or a
// document's own "check: {ignore: [rule]}" front matter turn off. Problems
// in site.yaml itself cannot be turned off. When it drops none, it returns
// findings itself.
func Suppress(findings finding.List, cfg *config.Config, docs []*site.Document) finding.List {
	perDoc := map[string][]string{}
	for _, d := range docs {
		if rules := DocumentIgnores(d); len(rules) > 0 {
			perDoc[d.Path] = rules
		}
	}
	globs := make([]*regexp.Regexp, len(cfg.Ignore))
	for i, ig := range cfg.Ignore {
		if ig.Path != "" {
			globs[i] = Glob(ig.Path)
		}
	}
	if len(perDoc) == 0 && len(cfg.Ignore) == 0 {
		return findings
	}
	var out finding.List // once one is dropped
	for i, f := range findings {
		if f.Rule != finding.ConfigError && ignored(f, cfg.Ignore, globs, perDoc[f.File]) {
			if out == nil {
				out = append(make(finding.List, 0, len(findings)-1), findings[:i]...)
			}
			continue
		}
		if out != nil {
			out = append(out, f)
		}
	}
	if out == nil {
		return findings
	}
	return out
}

func ignored(f finding.Finding, rules []config.Ignore, globs []*regexp.Regexp, docRules []string) bool {
	for _, r := range docRules {
		if r == f.Rule || r == "all" {
			return true
		}
	}
	for i, ig := range rules {
		if (ig.Rule == "" || ig.Rule == f.Rule) && (globs[i] == nil || globs[i].MatchString(f.File)) {
			return true
		}
	}
	return false
}

// DocumentIgnores returns the rules a document turns off for itself with
// front matter "check: {ignore: [rule, ...]}".
func DocumentIgnores(d *site.Document) []string {
	f := d.Fields["check"]
	if f == nil {
		return nil
	}
	m, ok := f.Value.(map[string]any)
	if !ok {
		return nil
	}
	var rules []string
	switch v := m["ignore"].(type) {
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok {
				rules = append(rules, strings.TrimSpace(s))
			}
		}
	case string:
		rules = append(rules, strings.TrimSpace(v))
	}
	return rules
}

// Glob compiles a path pattern: * matches within a folder, ** across
// folders, ? one character; a pattern without "/" matches a file name in
// any folder.
func Glob(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	if !strings.Contains(pattern, "/") {
		b.WriteString("(?:.*/)?")
	}
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; c {
		case '*':
			if i+1 < len(pattern) && pattern[i+1] == '*' {
				i++
				if i+1 < len(pattern) && pattern[i+1] == '/' {
					i++
					b.WriteString("(?:.*/)?")
				} else {
					b.WriteString(".*")
				}
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}
