package redline_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/redline"
)

func TestWordsAreWhatAReaderReads(t *testing.T) {
	words := redline.Words(`<h2 id="x">Access <em>rights</em></h2><p>See the <a href="a/">audit programme</a>. Done<br>now GOVDOCBLOCKRACI</p>`+
		`<table><tr><th>Type</th><th>Rule</th></tr><tr><td>Remote</td><td>MFA</td></tr></table><script>alert(1)</script>`, "GOVDOCBLOCK")
	assert.Equal(t, []string{"\nh2", "Access", "rights", "\np", "See", "the", "audit", "programme.", "Done", "now",
		"\ntr", "Type", "|", "Rule", "\ntr", "Remote", "|", "MFA"}, words)
}

func TestWordsAfterOnlyAMarkerStartAfresh(t *testing.T) {
	assert.Equal(t, []string{"after"}, redline.Words(`GOVDOCBLOCKRACI<b>after</b>`, "GOVDOCBLOCK"))
}

func TestMarkupMarksRunsOfInsertedAndDeletedWords(t *testing.T) {
	a := redline.Words(`<h2>Backups</h2><p>Taken quarterly &amp; kept.</p><ul><li>One</li></ul>`)
	b := redline.Words(`<h2>Backups</h2><p>Taken every month &amp; kept.</p><ul><li>One</li><li>Two <b>&lt;new&gt;</b></li></ul>`)
	html, ins, del := redline.Markup(redline.Diff(a, b))
	assert.Equal(t, `<p class="redline-heading redline-h2">Backups</p>
<p>Taken <del class="redline-del">quarterly</del> <ins class="redline-ins">every month</ins> &amp; kept.</p>
<p class="redline-item">One</p>
<p class="redline-item"><ins class="redline-ins">Two &lt;new&gt;</ins></p>
`, string(html))
	assert.Equal(t, 4, ins)
	assert.Equal(t, 1, del)
	assert.False(t, strings.Contains(string(html), "<p></p>"))
}
