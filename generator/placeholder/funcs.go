package placeholder

import (
	"fmt"
	"slices"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// Withheld are the sprig functions that neither documents nor themes get,
// each with the reason a user is told when a placeholder names it. A
// function is withheld when its result depends on when, where or by whom the
// build runs (the clock, the time zone, randomness, the environment, the
// operating system), or when it changes a value in place: a document's meta
// holds maps shared with other documents, and one document must not change
// what another sees. Every other sprig function computes its result from
// its arguments alone, so the same sources always give the same site.
var Withheld = map[string]string{}

func init() {
	withhold := func(reason string, names ...string) {
		for _, n := range names {
			Withheld[n] = reason
		}
	}
	withhold("it reads the clock or the machine's time zone",
		"ago", "date", "date_in_zone", "dateInZone", "date_modify", "dateModify",
		"must_date_modify", "mustDateModify", "durationRound", "htmlDate", "htmlDateInZone",
		"now", "toDate", "mustToDate", "unixEpoch")
	withhold("its result is random",
		"randAlphaNum", "randAlpha", "randAscii", "randNumeric", "randInt", "randBytes",
		"shuffle", "uuidv4", "bcrypt", "htpasswd", "encryptAES", "decryptAES",
		"genPrivateKey", "derivePassword", "buildCustomCert", "genCA", "genCAWithKey",
		"genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey")
	withhold("it reads the environment or the network",
		"env", "expandenv", "getHostByName")
	withhold("its result depends on the operating system",
		"osBase", "osClean", "osDir", "osExt", "osIsAbs")
	withhold("it changes a value that other documents share",
		"set", "unset", "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite")
}

// Funcs returns the functions content may use: sprig's functions but the
// Withheld ones, bounded as Pure bounds them; text/template's print,
// printf, println, html, js and urlquery, bounded alike; and raci and
// scorecard, which place the document's matrix and scorecard.
func Funcs() template.FuncMap { return funcs(nil) }

// funcs is Funcs with the work of its functions counted in m.
func funcs(m *meter) template.FuncMap {
	f := pure(sprig.TxtFuncMap(), m)
	for name, fn := range builtins() {
		f[name] = fn
	}
	f["raci"] = func() string { return RACIMarker }
	f["scorecard"] = func() string { return ScorecardMarker }
	return f
}

// Pure returns sprig's function map f without the Withheld functions, with
// sortAlpha sorting a copy of its list rather than the list itself, and
// with the functions whose result can be much larger than their arguments
// (repeat, join, toJson and the like) refusing a result over MaxText bytes
// or MaxList items before they make it.
func Pure(f template.FuncMap) template.FuncMap { return pure(f, nil) }

func pure(f template.FuncMap, m *meter) template.FuncMap {
	for name := range Withheld {
		delete(f, name)
	}
	if sortAlpha, ok := f["sortAlpha"].(func(any) []string); ok {
		f["sortAlpha"] = func(list any) []string {
			if l, ok := list.([]string); ok {
				list = slices.Clone(l)
			}
			return sortAlpha(list)
		}
	}
	bound(f, m)
	return f
}

// withheldError explains a placeholder that names a withheld function, or
// returns nil.
func withheldError(name string) error {
	if reason, ok := Withheld[name]; ok {
		return fmt.Errorf("function %q is not available: %s", name, reason)
	}
	return nil
}
