package markdown

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// TestEmphasisPairsAsGoldmarkDoes renders random runs of emphasis marks,
// tildes, brackets, code and text with emphasisParser and with goldmark's
// own emphasis and strikethrough, and expects the same HTML.
func TestEmphasisPairsAsGoldmarkDoes(t *testing.T) {
	theirs := goldmark.New(goldmark.WithExtensions(extension.Strikethrough))
	var inline []util.PrioritizedValue
	for _, p := range parser.DefaultInlineParsers() {
		if p.Value != parser.NewEmphasisParser() {
			inline = append(inline, p)
		}
	}
	ours := goldmark.New(
		goldmark.WithParser(parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...),
			parser.WithInlineParsers(append(inline, util.Prioritized(emphasisParser{}, 150))...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500))),
	)
	pieces := []string{"*", "_", "~", "**", "__", "~~", "***", "a", "b", " ", "[", "]", "](u)", "![", "`", "\n", "\\", ".", "# ", "> ", "- "}
	cases := []string{
		"*a **b** c*", "***a***", "*a_b*c_d**e_f*g**h*i_j**", "a**b" + strings.Repeat("c* ", 5),
		"~~a~~ ~b~ ~~~c~~~", "[*a*](u) *b [c* d](u)*", "*a [b*](u)", "_a *b_ c*", "**a*b*c**", "*a**b*",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(24) + 1 {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, src := range cases {
		var want, got bytes.Buffer
		if err := theirs.Convert([]byte(src), &want); err != nil {
			t.Fatal(err)
		}
		if err := ours.Convert([]byte(src), &got); err != nil {
			t.Fatal(err)
		}
		if want.String() != got.String() {
			t.Fatalf("%q:\ngoldmark: %q\ngovdoc:   %q", src, want.String(), got.String())
		}
	}
}
