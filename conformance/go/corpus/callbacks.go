package main

import (
	"fmt"
	"strings"
	"syscall/js"
)

func init() {
	// A FuncOf called synchronously from eval'd JS and directly via Invoke from Go;
	// the Go function runs to completion before JS continues.
	register("callbacks-sync", func() {
		var log []string
		add := js.FuncOf(func(this js.Value, args []js.Value) any {
			log = append(log, fmt.Sprintf("add(%d,%d)", args[0].Int(), args[1].Int()))
			return args[0].Int() + args[1].Int()
		})
		defer add.Release()
		js.Global().Set("goAdd", add)
		fmt.Println("typeof goAdd:", eval("typeof goAdd").String(), "Type:", add.Type())
		fmt.Println("eval goAdd(2,3):", eval("goAdd(2, 3)").Int())
		fmt.Println("eval loop:", eval("let s = 0; for (let i = 0; i < 5; i++) s = goAdd(s, i); s").Int())
		fmt.Println("Invoke:", add.Invoke(40, 2).Int())
		fmt.Println("via Array.map:", jsShow(eval("[1, 2, 3].map(x => goAdd(x, 10))")))
		fmt.Println("log:", strings.Join(log, " "))
	})

	// The Go return value maps back through ValueOf: nil -> null, numbers, strings,
	// bools, maps, slices, js.Value, js.Func; no return value is null too.
	register("callbacks-return-values", func() {
		results := []any{
			nil, 0, 7, -1.5, uint8(200), "str", "", true, false,
			map[string]any{"k": "v", "n": 1}, []any{1, "a", nil},
			js.Undefined(), js.Null(), js.Global().Get("Math").Get("E"),
		}
		check := eval(`(f) => { const r = f(); return (r === null ? "null" : typeof r) + " " + show(r); }`)
		js.Global().Set("show", eval(showSrc))
		for i, r := range results {
			f := js.FuncOf(func(js.Value, []js.Value) any { return r })
			fmt.Printf("%2d %-22s -> %s\n", i, fmt.Sprintf("%T", r), check.Invoke(f).String())
			f.Release()
		}
		inner := js.FuncOf(func(js.Value, []js.Value) any { return "from inner" })
		outer := js.FuncOf(func(js.Value, []js.Value) any { return inner })
		fmt.Println("returned js.Func is callable:", eval("(f) => f()()").Invoke(outer).String())
		outer.Release()
		inner.Release()
	})

	// `this` and arguments as JS passes them: method calls, .call with an explicit this,
	// plain calls (the wrapper is strict, so this is undefined), no and extra arguments.
	register("callbacks-this-args", func() {
		f := js.FuncOf(func(this js.Value, args []js.Value) any {
			parts := make([]string, len(args))
			for i, a := range args {
				parts[i] = jsShow(a)
			}
			thisDesc := this.Type().String()
			if this.Type() == js.TypeObject && this.Get("tag").Type() == js.TypeString {
				thisDesc = "tag=" + this.Get("tag").String()
			}
			return fmt.Sprintf("this=%s nargs=%d args=[%s]", thisDesc, len(args), strings.Join(parts, " "))
		})
		defer f.Release()
		js.Global().Set("goF", f)
		for _, e := range []string{
			"goF()",
			"goF(1, 'two', null, undefined, [3], {x: 4})",
			"({tag: 'obj', m: goF}).m('a')",
			"goF.call({tag: 'explicit'}, 1)",
			"goF.apply(null, [1, 2])",
			"goF.call(5)",
			"goF.bind({tag: 'bound'})(9)",
			"Reflect.apply(goF, undefined, Array.from({length: 20}, (_, i) => i))",
		} {
			fmt.Printf("%-70s => %s\n", e, eval(e).String())
		}
		fmt.Println("Invoke:", f.Invoke("x").String())
	})

	// Go -> JS -> Go re-entrancy: each level calls a JS function that calls the Go
	// Func again (on the same goroutine, with Go's stack growing and moving).
	// Under node, ~970 levels exhaust V8's default stack: the RangeError is caught by
	// wasm_exec.js's valueCall/valueInvoke and Go's state is corrupted (random crashes),
	// so the deepest level pinned here is 500.
	register("callbacks-recursion", func() {
		var goRec js.Func
		goRec = js.FuncOf(func(this js.Value, args []js.Value) any {
			n := args[0].Int()
			depth := args[1].Int()
			if n == 0 {
				return depth
			}
			return js.Global().Call("jsRec", n-1, depth+1).Int()
		})
		defer goRec.Release()
		js.Global().Set("goRec", goRec)
		eval("globalThis.jsRec = function (n, depth) { return goRec(n, depth); }")
		for _, n := range []int{10, 100, 500} {
			fmt.Printf("depth %d -> %d\n", n, goRec.Invoke(n, 0).Int())
		}
		fmt.Println("from JS, depth 100 ->", eval("jsRec(100, 0)").Int())
	})

	// Calling a released Func: Go logs "call to released function" with console.error
	// (stderr) and the JS caller gets undefined; the program carries on.
	register("callbacks-released", func() {
		f := js.FuncOf(func(js.Value, []js.Value) any { return "alive" })
		js.Global().Set("goF", f)
		fmt.Println("before release:", eval("goF()").String())
		f.Release()
		r := eval("(function () { const r = goF(1, 2); return typeof r + (r === undefined ? '' : ':' + String(r)); })()")
		fmt.Println("after release, JS got:", r.String())
		fmt.Println("second call:", eval("String(goF())").String())
		f.Release() // releasing twice is harmless
		fmt.Println("done")
	})

	// Callbacks fired later by the JS event loop (setTimeout, a resolved promise)
	// while main blocks on a channel.
	register("callbacks-async", func() {
		done := make(chan string, 4)
		cb := js.FuncOf(func(this js.Value, args []js.Value) any {
			done <- "timeout:" + args[0].String()
			return nil
		})
		defer cb.Release()
		js.Global().Call("setTimeout", cb, 5, "first")
		v := <-done
		fmt.Println(v)

		then := js.FuncOf(func(this js.Value, args []js.Value) any {
			done <- "then:" + args[0].String()
			return nil
		})
		defer then.Release()
		p := eval(`new Promise(resolve => setTimeout(() => resolve("resolved later"), 5))`)
		p.Call("then", then)
		fmt.Println(<-done)

		// A JS-side async function awaiting a Go callback's result.
		goVal := js.FuncOf(func(this js.Value, args []js.Value) any { return args[0].Int() * 2 })
		defer goVal.Release()
		report := js.FuncOf(func(this js.Value, args []js.Value) any {
			done <- fmt.Sprint("async result:", args[0].Int())
			return nil
		})
		defer report.Release()
		eval("(async (g, report) => { await null; const a = g(21); await new Promise(r => setTimeout(r, 1)); report(a + g(0)); })").Invoke(goVal, report)
		fmt.Println(<-done)
	})

	// A callback that blocks on an async JS operation (fmt.Println goes through node's
	// asynchronous fs.write) while JS waits for it.
	register("callbacks-blocking-print", func() {
		f := js.FuncOf(func(this js.Value, args []js.Value) any {
			fmt.Println("printed inside callback")
			return "returned"
		})
		js.Global().Set("goF", f)
		r := eval("goF()")
		fmt.Println("JS got:", r.String())
	})

	// The recommended pattern: a callback starts a goroutine for blocking work.
	register("callbacks-goroutine", func() {
		done := make(chan struct{})
		f := js.FuncOf(func(this js.Value, args []js.Value) any {
			msg := args[0].String()
			go func() {
				fmt.Println("goroutine prints:", msg)
				close(done)
			}()
			return "started"
		})
		defer f.Release()
		fmt.Println("JS got:", f.Invoke("hi").String())
		<-done
		fmt.Println("main done")
	})
}
