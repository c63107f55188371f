package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govdoc/govdoc/generator/external"
	"github.com/govdoc/govdoc/internal/testtool"
)

func TestCheckExternalShowsProgressOnATerminal(t *testing.T) {
	reader, tty := testtool.PTY(t)
	assert.True(t, external.IsTerminal(tty), "a terminal is a terminal")

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	dir := t.TempDir()
	write(t, dir, map[string]string{"site.yaml": siteYAML, "content/a.md": good + "\n[portal](" + srv.URL + "/ok)\n"})
	cache := t.TempDir()

	read := make(chan []byte, 1)
	go func() {
		data, _ := io.ReadAll(reader) // until the terminal end closes (EIO)
		read <- data
	}()
	var stdout bytes.Buffer
	code := run(context.Background(), []string{"check", "--source", dir, "--external", "--cache", cache}, &stdout, tty)
	require.NoError(t, tty.Close())
	assert.Equal(t, 0, code)
	assert.Equal(t, "1 document checked: no problems found\n", stdout.String())
	assert.Equal(t, "\rchecking external links: 0/1\rchecking external links: 1/1\r\n", string(<-read), "the progress line, on the terminal only")
}
