package check

import (
	"fmt"
	"strings"

	"github.com/govdoc/govdoc/generator/config"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/site"
)

// EmptyBuild is the error of a build that would publish no document
// although the site has some: its audience, or exclude_status, leaves out
// every one.
func EmptyBuild(s *site.Site) finding.List {
	if len(s.Documents) > 0 || len(s.Excluded) == 0 {
		return nil
	}
	cfg := s.Config
	audience, _ := cfg.Level(cfg.Audience)
	level := cfg.Audience
	if audience < len(cfg.Metadata.Classification) {
		level = cfg.Metadata.Classification[audience] // as site.yaml spells it
	}
	var above, status int
	for _, d := range s.Excluded {
		if level, ok := cfg.Level(d.Classification); !ok || level > audience {
			above++
		} else {
			status++
		}
	}
	var why []string
	if above > 0 {
		why = append(why, fmt.Sprintf("%d classified above %s or not classified", above, level))
	}
	if status > 0 {
		why = append(why, fmt.Sprintf("%d with a status of exclude_status", status))
	}
	var findings finding.List
	findings.Errorf(finding.EmptyBuild, finding.Position{File: config.File},
		"the build for the audience %s would publish no document: all %d are left out (%s); choose a wider audience (--audience or site.yaml's audience)",
		level, len(s.Excluded), strings.Join(why, ", "))
	return findings
}
