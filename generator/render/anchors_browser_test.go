package render_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/internal/browsertest"
)

const anchorSite = `
-- site.yaml --
title: Handbuch
language: de
metadata:
  required: [Document-ID]
-- content/a.md --
---
Document-ID: a
Classification: Public
---
# Richtlinie

## Überblick

Siehe [Maßnahmen](#maßnahmen) und [die Tragweite](b.md#portée).

## Maßnahmen

Text.
-- content/b.md --
---
Document-ID: b
Classification: Public
---
# Politique

## Portée

Texte.
`

// TestHeadingAnchorsBrowser checks that headings with letters beyond ASCII
// are reached from the table of contents, from the same page and from
// another page.
func TestHeadingAnchorsBrowser(t *testing.T) {
	browser := browsertest.New(t)
	base := serveArchive(t, anchorSite)
	tab := openTab(t, browser, 1280, 900, base+"a/index.html")
	require.NoError(t, chromedp.Do(tab, chromedp.Click(`.toc a[href$="berblick"]`)))
	poll(t, tab, `document.querySelector(":target")?.id === "überblick"`)

	require.NoError(t, chromedp.Do(tab, chromedp.Click(`.doc-body a[href^="#ma"]`)))
	poll(t, tab, `document.querySelector(":target")?.id === "maßnahmen"`)

	require.NoError(t, chromedp.Do(tab, chromedp.Click(`.doc-body a[href*="b/index.html#"]`)))
	// The test server answers b/index.html from b/.
	poll(t, tab, `/\/b\/(index\.html)?$/.test(location.pathname) && document.querySelector(":target")?.id === "portée"`)
	assert.Equal(t, "Portée", text(t, tab, ":target"))
}
