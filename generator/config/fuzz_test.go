package config_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/config"
)

// FuzzConfig checks that no site.yaml makes Parse panic, that it always
// returns a configuration, and that every finding is a config error in
// site.yaml.
func FuzzConfig(f *testing.F) {
	data, err := os.ReadFile("testdata/site.yaml")
	require.NoError(f, err)
	f.Add(data)
	f.Add([]byte(billionLaughs()))
	for _, s := range []string{
		"meta: &m\n  self: *m\n",
		"titel: x\nroles: 3\naudience: Secret\n",
		"metadata: {review_after: soon, classification: []}\n",
		"roles:\n  - id: cio\n  - id: CIO\n  - [x]\n  - name: y\n",
		"baseURL: ftp://x\nexclude_status: [Gone]\n",
		"title: [x\n",
		"- a\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, findings := config.Parse(data)
		require.NotNil(t, c)
		require.NotNil(t, c.Meta)
		require.True(t, strings.HasSuffix(c.BaseURL, "/"), "baseURL %q", c.BaseURL)
		for _, f := range findings {
			require.Equal(t, config.File, f.File)
			require.Equal(t, "config", f.Rule)
			require.GreaterOrEqual(t, f.Line, 0)
		}
	})
}
