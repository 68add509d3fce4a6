package main

import (
	"fmt"
	"hash/crc32"
	"runtime"
	"syscall/js"
)

func u8(n int) js.Value { return js.Global().Get("Uint8Array").New(n) }

func init() {
	// CopyBytesToGo copies min(len(dst), src.length) bytes and returns that count.
	register("typedarrays-to-go", func() {
		src := eval("Uint8Array.from([1, 2, 3, 4, 5])")
		for _, n := range []int{0, 3, 5, 8} {
			dst := make([]byte, n)
			for i := range dst {
				dst[i] = 0xEE
			}
			c := js.CopyBytesToGo(dst, src)
			fmt.Printf("dst len %d: n=%d dst=%v\n", n, c, dst)
		}
		// A subarray view copies from its own offset; an empty source copies nothing.
		sub := src.Call("subarray", 2, 4)
		dst := make([]byte, 4)
		fmt.Printf("subarray(2,4): n=%d dst=%v\n", js.CopyBytesToGo(dst, sub), dst)
		fmt.Printf("empty src: n=%d\n", js.CopyBytesToGo(dst, u8(0)))
		// A Uint8Array over a shared ArrayBuffer with an offset.
		buf := eval("(() => { const b = new ArrayBuffer(8); new Uint8Array(b).set([9,8,7,6,5,4,3,2]); return new Uint8Array(b, 5, 3); })()")
		fmt.Printf("offset view: n=%d dst=%v\n", js.CopyBytesToGo(dst, buf), dst)
	})

	// CopyBytesToJS copies min(dst.length, len(src)) bytes; the JS array keeps its length.
	register("typedarrays-to-js", func() {
		src := []byte{10, 20, 30, 40, 50}
		for _, n := range []int{0, 3, 5, 8} {
			dst := eval(fmt.Sprintf("new Uint8Array(%d).fill(0xEE)", n))
			c := js.CopyBytesToJS(dst, src)
			fmt.Printf("dst length %d: n=%d dst=%s\n", n, c, jsShow(js.Global().Get("Array").Call("from", dst)))
		}
		dst := eval("new Uint8Array(6)")
		fmt.Printf("nil src: n=%d\n", js.CopyBytesToJS(dst, nil))
		fmt.Printf("subarray dst: n=%d whole=%s\n", js.CopyBytesToJS(dst.Call("subarray", 4), src),
			jsShow(js.Global().Get("Array").Call("from", dst)))
	})

	// Uint8ClampedArray is accepted in both directions.
	register("typedarrays-clamped", func() {
		c := eval("Uint8ClampedArray.from([300, -5, 1.5, 128])")
		dst := make([]byte, 4)
		fmt.Printf("to Go: n=%d dst=%v\n", js.CopyBytesToGo(dst, c), dst)
		fmt.Printf("to JS: n=%d\n", js.CopyBytesToJS(c, []byte{255, 0, 7}))
		fmt.Println("now:", jsShow(js.Global().Get("Array").Call("from", c)))
	})

	// Anything other than Uint8Array/Uint8ClampedArray panics with Go's message.
	register("typedarrays-wrong-type", func() {
		dst := make([]byte, 4)
		for _, e := range []string{"[1, 2, 3]", "new Int8Array(4)", "new Uint16Array(4)", "new ArrayBuffer(4)",
			"new DataView(new ArrayBuffer(4))", `"abc"`, "null", "undefined", "({length: 4})"} {
			v := eval(e)
			try("CopyBytesToGo("+e+")", func() { js.CopyBytesToGo(dst, v) })
			try("CopyBytesToJS("+e+")", func() { js.CopyBytesToJS(v, dst) })
		}
	})

	// A 4 MiB copy each way, checked by CRC-32 on the Go side and a checksum on the JS side.
	register("typedarrays-large", func() {
		const n = 4 << 20
		src := eval(fmt.Sprintf("(() => { const a = new Uint8Array(%d); for (let i = 0; i < a.length; i++) a[i] = (i * 31 + (i >> 8)) & 255; return a; })()", n))
		dst := make([]byte, n)
		fmt.Println("to Go n:", js.CopyBytesToGo(dst, src), "crc32:", fmt.Sprintf("%08x", crc32.ChecksumIEEE(dst)))
		for i := range dst {
			dst[i] = byte(i*7 + i>>12)
		}
		out := u8(n)
		fmt.Println("to JS n:", js.CopyBytesToJS(out, dst), "Go crc32:", fmt.Sprintf("%08x", crc32.ChecksumIEEE(dst)))
		sum := eval("(a) => { let s = 0; for (let i = 0; i < a.length; i++) s = (s * 31 + a[i]) >>> 0; return s; }").Invoke(out)
		var want uint32
		for _, b := range dst {
			want = want*31 + uint32(b)
		}
		fmt.Println("JS checksum:", sum.Int(), "matches Go:", uint32(sum.Int()) == want)
	})

	// Copies after Go's linear memory has grown (the host must not keep a stale view
	// of wasm memory).
	register("typedarrays-memory-growth", func() {
		src := eval("Uint8Array.from({length: 16}, (_, i) => i * 3)")
		before := make([]byte, 16)
		js.CopyBytesToGo(before, src)
		big := make([]byte, 64<<20)
		for i := 0; i < len(big); i += 4096 {
			big[i] = byte((i >> 12) % 251)
		}
		grown := js.Global().Get("Uint8Array").New(len(big))
		fmt.Println("copied 64 MiB to JS:", js.CopyBytesToJS(grown, big))
		at := 60 << 20
		fmt.Println("JS sees byte at 60 MiB:", grown.Index(at).Int(), "want", big[at])
		after := make([]byte, 16)
		fmt.Println("copy after growth n:", js.CopyBytesToGo(after, src), "equal:", string(after) == string(before), after)
		tail := big[len(big)-8:]
		js.CopyBytesToGo(tail, src)
		fmt.Println("copy into the tail of the big slice:", tail)
		fmt.Println("strings still work:", js.ValueOf("after growth").String())
		runtime.KeepAlive(big)
	})
}
