package render_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/render"
)

func TestRel(t *testing.T) {
	for _, c := range []struct{ from, target, want string }{
		{"index.html", "gov/a/index.html", "gov/a/index.html"},
		{"gov/a/index.html", "gov/a/index.html", "index.html"},
		{"gov/a/index.html", "gov/b/index.html", "../b/index.html"},
		{"gov/a/index.html", "sec/b/index.html", "../../sec/b/index.html"},
		{"gov/a/index.html", "gov/index.html", "../index.html"},
		{"gov/a/index.html", "index.html", "../../index.html"},
		{"gov/a/index.html", "gov/a/b/index.html", "b/index.html"},
		{"gov/a/index.html", "gov", "../../gov"},
		{"gov/a/index.html", "gova/x.html", "../../gova/x.html"},
		{"gov/a/index.html", "css/govdoc.css", "../../css/govdoc.css"},
		{"gov/a/index.html", "gov/b/index.html#scope", "../b/index.html#scope"},
		{"gov/a/index.html", "#scope", "#scope"},
		{"a/b/c/index.html", "a/b/d/index.html", "../d/index.html"},
	} {
		assert.Equal(t, c.want, render.Rel(c.from, c.target), "%s -> %s", c.from, c.target)
	}
}
