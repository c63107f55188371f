package external_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/external"
	"github.com/govdoc/govdoc/internal/testtool"
)

func TestIsTerminalOnPseudoTerminal(t *testing.T) {
	_, pts := testtool.PTY(t)
	assert.True(t, external.IsTerminal(pts), "a program's end of a terminal")

	// A pipe, as when the output is piped or captured by CI, is not.
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	defer w.Close()
	assert.False(t, external.IsTerminal(w))
}
