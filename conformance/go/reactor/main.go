// Command reactor is a Go "reactor": main registers functions on a JS object and
// parks (select {}), and JavaScript drives it from then on — the way npm packages
// built from Go wasm are used (see "Reactors in the wild" in the design notes).
// It is driven by conformance/node/reactor-driver.mjs (node reference) with the
// call list conformance/node/reactor-calls.json; goldens in
// conformance/goldens/reactor/go.*. Its Rust twin is guest/examples/reactor.rs.
//
// globalThis.goReactor, every function a js.FuncOf that is never released:
//
//	add(a, b)            a + b (float64)
//	concat(...s)         prefix + s0 + s1 + ... (prefix from goReactorPreload.prefix, else "")
//	echo(v)              v itself (same JS value, identity preserved)
//	upper(s)             strings.ToUpper(s)
//	sum(u8)              sum of the bytes of a Uint8Array (js.CopyBytesToGo)
//	bytes(n)             new Uint8Array(n) holding 0..n-1 mod 256 (js.CopyBytesToJS)
//	object()             js.ValueOf(map[string]any{...}): keys in Go's random map order
//	later(ms, v)         new Promise(executor); a goroutine resolves it with v after time.Sleep(ms)
//	fail(msg)            a Promise a goroutine rejects with new Error(msg)
//	throws(msg)          throws new TypeError(msg) to its caller (see below), Go keeps running
//	callHost(name, ...a) globalThis[name](...a)
//	callHostAsync(name, ...a)
//	                     r = globalThis[name](...a); if r is a Promise, a new Promise that a
//	                     goroutine settles with r's outcome (awaited through a channel fed by
//	                     r.then callbacks); otherwise r
//	counter()            1, 2, 3, ... (Go-side state across calls)
//	tick(n, ms)          a Promise resolved with n after n ticks of a time.Ticker(ms)
//	exit(code)           os.Exit(code)
//
// Loader patterns: with `--handshake NAME` in os.Args, main first calls
// globalThis[NAME](api) with the same object (before globalThis.goReactor is set);
// if globalThis.goReactorPreload exists when main starts, its prefix property is
// what concat prepends.
//
// throws: a js.FuncOf has no supported way to throw to its JS caller. The wrapper
// made by wasm_exec.js's _makeFuncWrapper only returns event.result; every JS
// exception Go sees from Call/Invoke/New comes back as a Go panic (js.Error), and a
// Go panic in a callback kills the program. (An exception from Get/Set/Index —
// a throwing getter — does unwind through Go's wasm frames to the caller, and under
// node Go even keeps running, but it abandons the handler goroutine's frames and
// its runtime event record each time: undefined behaviour, not used here.) So the
// Go function returns the TypeError and a one-line JS wrapper, created by Go with
// new Function, throws it: JS code throws, Go is not on the stack.
//
// No function prints (fmt inside a js.FuncOf would wait for node's asynchronous
// fs.write, which cannot complete while JS waits for the callback).
package main

import (
	"maps"
	"os"
	"slices"
	"strings"
	"syscall/js"
	"time"
)

// arg returns args[i], or undefined when the caller passed fewer arguments.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// newPromise returns new Promise(executor) and the resolve and reject functions
// the executor (a js.FuncOf, run re-entrantly inside the New call) stored.
func newPromise() (promise, resolve, reject js.Value) {
	executor := js.FuncOf(func(this js.Value, args []js.Value) any {
		resolve, reject = args[0], args[1]
		return nil
	})
	promise = js.Global().Get("Promise").New(executor)
	executor.Release()
	return promise, resolve, reject
}

// outcome is one settlement of a JS promise, as the .then callbacks saw it.
type outcome struct {
	value js.Value
	ok    bool
}

// await blocks the calling goroutine until p settles (p.then feeding a channel).
func await(p js.Value) outcome {
	ch := make(chan outcome, 1)
	onOk := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- outcome{arg(args, 0), true}
		return nil
	})
	onErr := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- outcome{arg(args, 0), false}
		return nil
	})
	p.Call("then", onOk, onErr)
	o := <-ch
	onOk.Release()
	onErr.Release()
	return o
}

func main() {
	prefix := ""
	if pre := js.Global().Get("goReactorPreload"); !pre.IsUndefined() {
		prefix = pre.Get("prefix").String()
	}
	count := 0

	funcs := map[string]func(this js.Value, args []js.Value) any{
		"add": func(_ js.Value, args []js.Value) any {
			return arg(args, 0).Float() + arg(args, 1).Float()
		},
		"concat": func(_ js.Value, args []js.Value) any {
			var b strings.Builder
			b.WriteString(prefix)
			for _, a := range args {
				b.WriteString(a.String())
			}
			return b.String()
		},
		"echo": func(_ js.Value, args []js.Value) any {
			return arg(args, 0)
		},
		"upper": func(_ js.Value, args []js.Value) any {
			return strings.ToUpper(arg(args, 0).String())
		},
		"sum": func(_ js.Value, args []js.Value) any {
			src := arg(args, 0)
			buf := make([]byte, src.Length())
			js.CopyBytesToGo(buf, src)
			total := 0
			for _, b := range buf {
				total += int(b)
			}
			return total
		},
		"bytes": func(_ js.Value, args []js.Value) any {
			n := arg(args, 0).Int()
			buf := make([]byte, n)
			for i := range buf {
				buf[i] = byte(i)
			}
			dst := js.Global().Get("Uint8Array").New(n)
			js.CopyBytesToJS(dst, buf)
			return dst
		},
		"object": func(_ js.Value, _ []js.Value) any {
			return js.ValueOf(map[string]any{
				"name":   "reactor",
				"count":  3,
				"ratio":  0.5,
				"ok":     true,
				"none":   nil,
				"list":   []any{1, "two", false, nil, []any{3.5}},
				"nested": map[string]any{"deep": map[string]any{"x": -1}, "empty": map[string]any{}, "s": "ünï😀"},
			})
		},
		"later": func(_ js.Value, args []js.Value) any {
			ms, value := arg(args, 0).Int(), arg(args, 1)
			promise, resolve, _ := newPromise()
			go func() {
				time.Sleep(time.Duration(ms) * time.Millisecond)
				resolve.Invoke(value)
			}()
			return promise
		},
		"fail": func(_ js.Value, args []js.Value) any {
			msg := arg(args, 0).String()
			promise, _, reject := newPromise()
			go func() {
				reject.Invoke(js.Global().Get("Error").New(msg))
			}()
			return promise
		},
		"callHost": func(_ js.Value, args []js.Value) any {
			return callHost(args)
		},
		"callHostAsync": func(_ js.Value, args []js.Value) any {
			r := callHost(args)
			if !r.InstanceOf(js.Global().Get("Promise")) {
				return r
			}
			promise, resolve, reject := newPromise()
			go func() {
				if o := await(r); o.ok {
					resolve.Invoke(o.value)
				} else {
					reject.Invoke(o.value)
				}
			}()
			return promise
		},
		"counter": func(_ js.Value, _ []js.Value) any {
			count++
			return count
		},
		"tick": func(_ js.Value, args []js.Value) any {
			n, ms := arg(args, 0).Int(), arg(args, 1).Int()
			promise, resolve, _ := newPromise()
			go func() {
				t := time.NewTicker(time.Duration(ms) * time.Millisecond)
				ticks := 0
				for ticks < n {
					<-t.C
					ticks++
				}
				t.Stop()
				resolve.Invoke(ticks)
			}()
			return promise
		},
		"exit": func(_ js.Value, args []js.Value) any {
			os.Exit(arg(args, 0).Int())
			return nil
		},
	}

	api := js.Global().Get("Object").New()
	for _, name := range slices.Sorted(maps.Keys(funcs)) { // a deterministic property order
		api.Set(name, js.FuncOf(funcs[name]))
	}
	// throws: see the package comment. The Go part returns the error; JS throws it.
	throwsImpl := js.FuncOf(func(_ js.Value, args []js.Value) any {
		return js.Global().Get("TypeError").New(arg(args, 0).String())
	})
	thrower := js.Global().Get("Function").New("impl",
		"return function throws(...args) { throw impl.apply(this, args); };")
	api.Set("throws", thrower.Invoke(throwsImpl))

	for i := 1; i+1 < len(os.Args); i++ {
		if os.Args[i] == "--handshake" {
			js.Global().Call(os.Args[i+1], api)
			break
		}
	}
	js.Global().Set("goReactor", api)
	select {}
}

// callHost calls globalThis[args[0]](...args[1:]) and returns its result.
func callHost(args []js.Value) js.Value {
	rest := make([]any, 0, len(args))
	for _, v := range args[min(1, len(args)):] {
		rest = append(rest, v)
	}
	return js.Global().Get(arg(args, 0).String()).Invoke(rest...)
}
