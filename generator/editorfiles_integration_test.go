package generator_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Editors leave swap, backup and auto-save files beside the files they save;
// they hold unsaved or old text, which may be a restricted document's. None
// is published, from content/ or static/.
func TestEditorFilesAreNeverPublished(t *testing.T) {
	b := buildSite(t, siteYAML+`-- content/a.md --
`+doc("a")+`# Alpha
-- content/.a.md.swp --
zqxeditor swap
-- content/a.md.swp --
zqxeditor swap
-- content/#a.md# --
zqxeditor auto-save
-- content/.#a.md --
zqxeditor lock
-- content/a.md~ --
zqxeditor backup
-- content/4913 --
zqxeditor probe
-- content/a.md___jb_old___ --
zqxeditor old
-- content/chart.png~ --
zqxeditor backup
-- content/chart.png --
png
-- static/site.css~ --
zqxeditor backup
-- static/.DS_Store --
zqxeditor folder settings
-- static/.well-known/security.txt --
Contact: mailto:security@example.org
`)
	assert.Empty(t, b.findings())
	for _, name := range b.out.Names() {
		data, _ := b.out.File(name)
		assert.NotContains(t, string(data), "zqxeditor", name)
	}
	assert.Contains(t, b.out.Names(), "chart.png")
	assert.Contains(t, b.out.Names(), ".well-known/security.txt", "hidden files of static/ other than editors' are copied")
}
