package finding_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/finding"
)

// Users filter and suppress findings by rule ID, so every rule govdoc
// reports is in the README's table of rules, with its severity.
func TestTheREADMEListsEveryRule(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	for _, r := range finding.Rules {
		assert.Regexp(t, "(?m)^\\| [^|]*`"+r.ID+"`[^|]* \\| "+string(r.Severity)+" \\|", string(readme), "rule %s", r.ID)
	}
}
