package main

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"syscall/js"
)

// jsLen reads a JS string's length (UTF-16 code units) on the JS side: Value.Length
// panics for strings, which are not objects.
func jsLen(v js.Value) int {
	return eval("(s) => s.length").Invoke(v).Int()
}

func init() {
	// Strings cross both ways as UTF-8 <-> UTF-16: JS length counts UTF-16 units,
	// Go gets the same bytes back.
	register("strings-roundtrip", func() {
		info := eval(`(s) => s.length + " units, codepoints " + Array.from(s).length + ", codes " + Array.from({length: Math.min(s.length, 8)}, (_, i) => s.charCodeAt(i).toString(16)).join(",")`)
		for _, s := range []string{
			"", "ascii", "héllo wörld", "日本語", "😀", "a😀b", "👩‍👩‍👧", "\u00e9 vs e\u0301",
			"nul\x00inside", "\x00", "tab\tnewline\nend", "\U0010FFFF", "\uFFFD",
		} {
			v := js.ValueOf(s)
			back := v.String()
			fmt.Printf("%-22q JS: %-50s back equal: %v\n", s, info.Invoke(v).String(), back == s)
		}
		emoji := eval(`"\uD83D\uDE00x"`)
		fmt.Printf("JS emoji: length=%d String()=%q bytes=%d\n", jsLen(emoji), emoji.String(), len(emoji.String()))
		obj := js.Global().Get("String").New("a😀")
		fmt.Printf("new String(\"a😀\"): Length()=%d type=%s String()=%q\n", obj.Length(), obj.Type(), obj.String())
	})

	// Invalid UTF-8 from Go becomes U+FFFD in JS (TextDecoder replacement rules);
	// lone surrogates from JS become U+FFFD in Go (TextEncoder).
	register("strings-invalid", func() {
		for _, s := range []string{"a\xffb", "\xc3", "\xe2\x82", "\xed\xa0\x80", "\xf0\x9f\x98", "\xc0\xaf", "\xf8\x88\x80\x80\x80", "ok\xfe\xfe"} {
			v := js.ValueOf(s)
			fmt.Printf("Go %-26q -> JS length %d -> back %q\n", s, jsLen(v), v.String())
		}
		for _, e := range []string{`"\uD800"`, `"a\uDC00b"`, `"\uDE00\uD83D"`, `"\uD83D"+"\uDE00"`} {
			v := eval(e)
			fmt.Printf("JS %-18s Length %d -> Go %q\n", e, jsLen(v), v.String())
		}
	})

	// 1 MiB strings in both directions, plus property names with non-ASCII characters.
	register("strings-long", func() {
		s := strings.Repeat("abcdefgh", 1<<17) // 1 MiB
		v := js.ValueOf(s)
		fmt.Println("Go->JS length:", jsLen(v))
		back := v.String()
		fmt.Println("back equal:", back == s)
		mb := strings.Repeat("é😀", 1<<16)
		v2 := js.ValueOf(mb)
		fmt.Println("multi-byte: Go bytes", len(mb), "JS units", jsLen(v2), "back equal", v2.String() == mb)
		j := eval(`"xyz".repeat(400000) + "\u00e9"`).String()
		fmt.Printf("JS->Go: %d bytes sha256 %x\n", len(j), sha256.Sum256([]byte(j)))
		o := eval("({})")
		o.Set("ключ😀", "значение")
		fmt.Println("unicode key:", o.Get("ключ😀").String(), jsShow(o))
		o.Set("a\x00b", 1)
		fmt.Println("NUL key:", eval(`(o) => o["a\0b"]`).Invoke(o).Int())
	})

	// Go's String() on JS values that are not Go-created strings: numbers formatted by
	// JS, String objects, template results.
	register("strings-from-js", func() {
		for _, e := range []string{`"" + 0.1 + 0.2`, `(123.456).toFixed(1)`, `String(2**53 + 2)`, `(255).toString(16)`,
			`[1, [2, 3]].toString()`, "`t${1 + 1}`", `"a".padStart(4, "-")`} {
			fmt.Printf("%-36s %q\n", e, eval(e).String())
		}
	})
}
