package generator_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"

	"github.com/govdoc/govdoc"
	"github.com/govdoc/govdoc/generator"
	"github.com/govdoc/govdoc/generator/finding"
	"github.com/govdoc/govdoc/generator/output"
)

// testNow is the date tests measure review dates against.
var testNow = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// siteFS turns a txtar archive into a site.
func siteFS(archive string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// built is a site built in memory.
type built struct {
	t   *testing.T
	res *generator.Result
	out *output.Memory
}

// buildSite builds a txtar site in memory with the built-in theme.
func buildSite(t *testing.T, archive string) *built {
	t.Helper()
	return buildFS(t, siteFS(archive))
}

func buildFS(t *testing.T, fsys fstest.MapFS) *built {
	t.Helper()
	out := output.NewMemory()
	res, err := generator.Build(context.Background(), generator.Options{
		Source: fsys, Theme: govdoc.Theme, Version: "test", Now: testNow,
	}, out)
	require.NoError(t, err)
	return &built{t: t, res: res, out: out}
}

// page returns an output file as text.
func (b *built) page(name string) string {
	b.t.Helper()
	data, ok := b.out.File(name)
	require.True(b.t, ok, "no %s in the output; have %v", name, b.out.Names())
	return string(data)
}

// findings returns the findings as "file:line:col rule" lines.
func (b *built) findings() []string {
	var out []string
	for _, f := range b.res.Findings {
		out = append(out, f.Position.String()+" "+f.Rule)
	}
	return out
}

// find returns the findings of a rule.
func (b *built) find(rule string) []finding.Finding {
	var out []finding.Finding
	for _, f := range b.res.Findings {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// siteYAML is a small valid site.yaml for fixtures.
const siteYAML = `-- site.yaml --
title: Test Handbook
meta:
  organization: Acme Corp
  owner: Office of the CIO
  version: 1.0
  date: 2026-11-01
  author: IT Governance Team
metadata:
  required: [Document-ID, Owner, Version, Status, Classification, Last Update]
audience: Internal
`

// doc is front matter with every required key, for fixtures.
func doc(id string, extra ...string) string {
	return "---\nDocument-ID: " + id + "\nOwner: Office of the CIO\nVersion: \"1.0\"\nStatus: Approved\nClassification: Internal\nLast Update: 2026-10-01\n" +
		strings.Join(extra, "\n") + "\n---\n"
}

// assertInOrder asserts that s holds each of items and that each first
// appears after the one before first appears, as a reader meets them.
func assertInOrder(t *testing.T, s string, items []string, msgAndArgs ...any) bool {
	t.Helper()
	prev := -1
	for i, item := range items {
		k := strings.Index(s, item)
		switch {
		case k < 0:
			return assert.Fail(t, fmt.Sprintf("%q not found", item), msgAndArgs...)
		case k <= prev:
			return assert.Fail(t, fmt.Sprintf("%q comes before %q", item, items[i-1]), msgAndArgs...)
		}
		prev = k
	}
	return true
}

// between returns the part of s from the first start up to the first end
// after it; both must be there.
func between(t *testing.T, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	require.GreaterOrEqual(t, i, 0, "%q not found", start)
	j := strings.Index(s[i:], end)
	require.GreaterOrEqual(t, j, 0, "no %q after %q", end, start)
	return s[i : i+j]
}

// from returns the part of s from the first start on; start must be there.
func from(t *testing.T, s, start string) string {
	t.Helper()
	i := strings.Index(s, start)
	require.GreaterOrEqual(t, i, 0, "%q not found", start)
	return s[i:]
}

// checkSite runs the check stages on a site.
func checkSite(t *testing.T, fsys fstest.MapFS) *generator.Result {
	t.Helper()
	res, err := generator.Check(context.Background(), generator.Options{Source: fsys, Theme: govdoc.Theme, Version: "test", Now: testNow})
	require.NoError(t, err)
	return res
}
