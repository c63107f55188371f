package register_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/register"
)

func TestURLIsAbsoluteUnderAnHTTPBase(t *testing.T) {
	assert.Equal(t, "https://x.example/hb/gov/a/", register.URL("https://x.example/hb/", "gov/a/index.html"))
	assert.Equal(t, "/gov/a/", register.URL("/", "gov/a/index.html"))
	assert.Equal(t, "/hb/gov/a/", register.URL("/hb/", "gov/a/index.html"))
}
