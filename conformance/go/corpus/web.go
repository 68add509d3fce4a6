package main

import "time"

func init() {
	// The web globals loaders use besides what wasm_exec.js reads: TextEncoder,
	// TextDecoder (utf-8 with BOM and replacement, utf-16le), atob/btoa, URL (parsing,
	// normalisation, relative resolution), structuredClone (nested data, Date, Map,
	// Set, typed arrays), queueMicrotask ordered with promise jobs. Only whether an
	// invalid input throws is printed, not the error's shape (see DIFFERENCES.md).
	register("web-globals", func() {
		eval(`
			const enc = new TextEncoder();
			console.log(enc.encoding, Array.from(enc.encode("aé😀")).join());
			const dec = new TextDecoder();
			console.log(dec.encoding, dec.ignoreBOM);
			console.log(JSON.stringify(dec.decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x68, 0xC3, 0xA9, 0xFF, 0x21]))));
			console.log(JSON.stringify(new TextDecoder("utf-16le").decode(new Uint8Array([0x68, 0, 0x69, 0]))));
			console.log(JSON.stringify(dec.decode(enc.encode("round trip ✓"))));
			console.log(btoa("hello, world"), atob("aGVsbG8sIHdvcmxk"), btoa(String.fromCharCode(0, 255, 128)));
			const threw = (f) => { try { f(); return "no throw"; } catch (e) { return "throws"; } };
			console.log(threw(() => btoa("😀")), threw(() => atob("!!")), threw(() => new URL("not a url")));
			const u = new URL("https://user:pw@Example.COM:8080/a/./b/../c?x=1&y=ü#frag");
			console.log(u.href);
			console.log(u.protocol, u.host, u.hostname, u.port, u.pathname, u.search, u.hash, u.origin);
			console.log(new URL("../d?q", "http://h/a/b/c").href);
			const src = { a: [1, { b: "x" }], d: new Date(0), m: new Map([["k", 1]]), s: new Set([1, 2]), u8: new Uint8Array([1, 2]) };
			const c = structuredClone(src);
			console.log(c !== src, c.a[1] !== src.a[1], JSON.stringify(c.a), c.d instanceof Date, c.d.getTime(),
				c.m.get("k"), c.s.has(2), Array.from(c.u8).join(), threw(() => structuredClone(() => 1)));
			const order = [];
			queueMicrotask(() => order.push("micro"));
			Promise.resolve().then(() => order.push("promise"));
			queueMicrotask(() => order.push("micro2"));
			order.push("sync");
			setTimeout(() => console.log(order.join()), 0);
		`)
		// Let the event loop run the microtasks and the timer before main returns.
		time.Sleep(20 * time.Millisecond)
	})
}
