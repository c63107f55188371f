package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// ids gives headings their IDs as goldmark does (letters and digits
// lowercased, spaces, dashes and underscores as dashes, other characters
// dropped, "-1", "-2"... for a repeated ID), except that letters, digits
// and marks beyond ASCII are kept, lowercased: "Überblick" is überblick,
// as GitHub spells it, where goldmark would give berblick.
type ids struct {
	seen map[string]bool
	n    map[string]int
}

func newIDs() parser.IDs { return &ids{seen: map[string]bool{}, n: map[string]int{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	id := slug(value)
	if len(id) == 0 {
		if kind == ast.KindHeading {
			id = []byte("heading")
		} else {
			id = []byte("id")
		}
	}
	key := string(id)
	if !s.seen[key] {
		s.seen[key] = true
		return id
	}
	for i := s.n[key] + 1; ; i++ {
		next := key + "-" + strconv.Itoa(i)
		if !s.seen[next] {
			s.seen[next], s.n[key] = true, i
			return []byte(next)
		}
	}
}

func (s *ids) Put(value []byte) { s.seen[string(value)] = true }

// Slug is the ID of a heading that says text, as the first heading with
// that text on a page gets it, or "" for a text with no letter, digit,
// space, dash or underscore. An ID is its own slug.
func Slug(text string) string { return string(slug([]byte(text))) }

func slug(value []byte) []byte {
	value = util.TrimRightSpace(util.TrimLeftSpace(value))
	var id []byte
	for len(value) > 0 {
		r, size := utf8.DecodeRune(value)
		value = value[size:]
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			id = append(id, byte(r))
		case 'A' <= r && r <= 'Z':
			id = append(id, byte(r+'a'-'A'))
		case r < utf8.RuneSelf && (util.IsSpace(byte(r)) || r == '-' || r == '_'):
			id = append(id, '-')
		case r >= utf8.RuneSelf && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)):
			id = utf8.AppendRune(id, unicode.ToLower(r))
		}
	}
	return id
}
