package markdown

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// FuzzInlinesParseAsGoldmarkDoes renders any text with govdoc's parsers of
// code spans, links, emphasis and strikethrough and with goldmark's own, and
// expects the same HTML, but where govdoc's link parser parts from
// goldmark's (TestLinkDestinationLimits).
func FuzzInlinesParseAsGoldmarkDoes(f *testing.F) {
	for _, s := range []string{"*a **b** c*", "[a](b) `c` ~~d~~", "a**b" + strings.Repeat("c* ", 5), "[x [y](u) z](v)", "\\``a``b`"} {
		f.Add(s)
	}
	theirs := goldmark.New(goldmark.WithExtensions(extension.Strikethrough))
	ours := goldmark.New(goldmark.WithParser(newParser()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500))),
	)
	f.Fuzz(func(t *testing.T, src string) {
		if strings.Contains(src, "<") || strings.Count(src, "(") > maxLinkParens {
			return
		}
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
	})
}

// TestInlinesParseAsGoldmarkDoes renders random runs of emphasis marks,
// tildes, brackets, links, backticks and text with govdoc's parsers of code
// spans, links, emphasis and strikethrough and with goldmark's own, and expects the same
// HTML.
func TestInlinesParseAsGoldmarkDoes(t *testing.T) {
	theirs := goldmark.New(goldmark.WithExtensions(extension.Strikethrough))
	ours := goldmark.New(goldmark.WithParser(newParser()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500))),
	)
	pieces := []string{"*", "_", "~", "**", "__", "~~", "***", "a", "b", " ", "[", "]", "](u)", "![", "`", "\n", "\\", ".", "# ", "> ", "- ",
		"(", ")", "](", "<u>", "\"", "'", "][", "``", "```", "\\`", "  ", "[]", "[r]", "\n[r]: /u\n", "[r]: /v", " 'x'", "[s]:", "\n[s]: /s \"t\"\n", "\t", "](<u>", " \"t\")", "\n\n"}
	cases := []string{
		"*a **b** c*", "***a***", "*a_b*c_d**e_f*g**h*i_j**", "a**b" + strings.Repeat("c* ", 5),
		"~~a~~ ~b~ ~~~c~~~", "[*a*](u) *b [c* d](u)*", "*a [b*](u)", "_a *b_ c*", "**a*b*c**", "*a**b*",
		"[x [y](u) z](v)", "[p ![x [y](u)](v) q](w)", "![x [y](u)](v)", "[a][r] [b][] [r]\n\n[r]: /u \"t\"",
		"[a](<b c>) [a](b (t)) [a](b 't') [a](b(c)d)", "[a]: /a\n[b]: /b 't'\n[c]:\n/c\n\"t\"\n[d]: /d\ntext [a] [b] [c] [d]",
		"> [a]: /a\n> [b]:\n> /b\n> text [a][b]", "- [a]: /a 'x\n  y'\n  [b]: /b\n\n[a] [b]", "[" + strings.Repeat("x", 1000) + "]\n\n[" + strings.Repeat("x", 1000) + "]: /u",
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

// TestLinkDestinationLimits checks where govdoc's link parser parts from
// goldmark's: a destination in angle brackets holds no "<", and one nests
// at most 32 parentheses.
func TestLinkDestinationLimits(t *testing.T) {
	md := goldmark.New(goldmark.WithParser(newParser()))
	for _, tc := range []struct{ src, want string }{
		{"[a](<b<c>)", "<p>[a](&lt;b<!-- raw HTML omitted -->)</p>\n"},
		{"[a](<b c>)", "<p><a href=\"b%20c\">a</a></p>\n"},
		{"[a](" + strings.Repeat("(", 32) + "b" + strings.Repeat(")", 32) + ")", "<p><a href=\"" + strings.Repeat("(", 32) + "b" + strings.Repeat(")", 32) + "\">a</a></p>\n"},
		{"[a](" + strings.Repeat("(", 33) + "b" + strings.Repeat(")", 33) + ")", "<p>[a](" + strings.Repeat("(", 33) + "b" + strings.Repeat(")", 33) + ")</p>\n"},
	} {
		var got bytes.Buffer
		if err := md.Convert([]byte(tc.src), &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != tc.want {
			t.Errorf("%q:\ngot  %q\nwant %q", tc.src, got.String(), tc.want)
		}
	}
}
