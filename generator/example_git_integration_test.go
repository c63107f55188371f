package generator_test

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/gitlog"
	"github.com/govdoc/govdoc/generator/output"
	"github.com/govdoc/govdoc/internal/testtool"
)

// The example handbook, built from the project's own repository, shows the
// redline of a version its history holds: the Access Control Policy went
// from 1.5 to 1.6. A shallow clone holds one version, and builds too.
func TestTheExampleHandbookShowsARedlineFromItsOwnHistory(t *testing.T) {
	testtool.Git(t)
	log, err := gitlog.Read(context.Background(), "..", gitlog.Options{})
	if err != nil {
		t.Skipf("the project is not in a git repository: %v", err)
	}
	out := output.NewMemory()
	res, err := generator.Build(context.Background(), generator.Options{Source: os.DirFS(".."), Theme: govdoc.Theme,
		Version: "test", Now: testNow, Git: func(<-chan struct{}) (*gitlog.Log, error) { return log, nil }}, out)
	require.NoError(t, err)
	require.Zero(t, res.Findings.Errors(), "%v", res.Findings)
	data, ok := out.File("changes/security/0310_access_control_policy/index.html")
	require.True(t, ok)
	page := string(data)
	if log.Shallow {
		assert.Contains(t, page, "There is no earlier version of this document to compare with")
		return
	}
	assert.Contains(t, page, "What changed from version 1.5 of ")
	assert.Contains(t, page, `within <del class="redline-del">two</del> <ins class="redline-ins">one</ins> working <del class="redline-del">days.</del> <ins class="redline-ins">day, and the account&#39;s password is changed after each use.</ins>`)
	assert.Contains(t, page, `rotated every <del class="redline-del">90</del> <ins class="redline-ins">60</ins> days`)
}
