package assemble

import (
	"maps"
	"slices"

	"github.com/govdoc/govdoc/generator/memo"
	"github.com/govdoc/govdoc/generator/placeholder"
	"github.com/govdoc/govdoc/generator/source"
)

// expandStage names the results of expand in a memo.Store.
const expandStage = "expand"

// expand fills the placeholders of a body with data, as ev.Expand does.
// With results, what it gives is kept under the body and data, which are
// all it depends on: the functions placeholders may call give the same for
// the same arguments (see placeholder.Withheld).
//
// The body is src's; a file read for such a run names its text by its
// hash, which then stands for the body's.
func expand(results *memo.Store, ev *placeholder.Evaluator, src *source.Document, data placeholder.Data) ([]byte, *placeholder.Map, []placeholder.Error) {
	body := src.Body()
	if results == nil {
		return ev.Expand(body, placeholder.ScanMarkdown(body), data)
	}
	h := memo.NewHasher()
	if src.Hash != ([32]byte{}) {
		h.Key(src.Hash).Int(src.BodyStart)
	} else {
		h.Bytes(body)
	}
	if !hashValue(h, map[string]any(data)) {
		return ev.Expand(body, placeholder.ScanMarkdown(body), data)
	}
	key := h.Sum()
	if stored, ok := results.Bytes(expandStage, key); ok {
		if md, m, errs, ok := placeholder.RestoreExpansion(body, stored); ok {
			return md, m, errs
		}
	}
	md, m, errs := ev.Expand(body, placeholder.ScanMarkdown(body), data)
	results.PutBytes(expandStage, key, placeholder.StoredExpansion(md, m, errs))
	return md, m, errs
}

// hashValue adds a value of front matter or site.yaml to h: a string, a
// list or a mapping of such values, keys in order. It reports false for a
// value of another type, which is then not hashed whole.
func hashValue(h *memo.Hasher, v any) bool {
	switch v := v.(type) {
	case nil:
		h.Int(0)
	case string:
		h.Int(1).String(v)
	case []any:
		h.Int(2).Int(len(v))
		for _, e := range v {
			if !hashValue(h, e) {
				return false
			}
		}
	case []string:
		h.Int(3).Int(len(v))
		for _, e := range v {
			h.String(e)
		}
	case map[string]any:
		h.Int(4).Int(len(v))
		for _, k := range slices.Sorted(maps.Keys(v)) {
			h.String(k)
			if !hashValue(h, v[k]) {
				return false
			}
		}
	default:
		return false
	}
	return true
}
