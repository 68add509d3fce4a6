package main

import (
	"fmt"
	"syscall/js"
)

// wasm_exec.js has no try/catch around Reflect.get/set/deleteProperty, .length and
// instanceof: a JS exception there unwinds through Go's wasm frames and kills the
// process (node: exit 1, the error and its stack on stderr). Go cannot recover it.

// throwing returns an object whose every trap throws our own Error (engine-neutral message).
func throwing() js.Value {
	return eval(`new Proxy({}, {
		get(t, k) { throw new Error("get trap: " + String(k)); },
		set(t, k) { throw new Error("set trap: " + String(k)); },
		deleteProperty(t, k) { throw new Error("delete trap: " + String(k)); },
	})`)
}

func init() {
	// Get on undefined is refused by Go itself (a ValueError panic, exit 2), before any JS runs.
	register("jserrors-get-undefined", func() {
		fmt.Println("before")
		js.Undefined().Get("x")
	})

	// A throwing getter during valueGet, before any output: the error propagates out of
	// Go's first run() call into wasm_exec_node.js's catch (console.error(err), exit 1).
	register("jserrors-getter-first", func() {
		o := eval(`Object.defineProperty({}, "x", {get() { throw new Error("getter boom"); }})`)
		o.Get("x")
		fmt.Println("after: must not print")
	})

	// The same after a fmt.Println: Go now runs inside a resume() called from node's fs
	// callback, so the exception is an uncaught exception in node (exit 1).
	register("jserrors-getter-later", func() {
		fmt.Println("before")
		o := eval(`Object.defineProperty({}, "x", {get() { throw new Error("getter boom"); }})`)
		o.Get("x")
		fmt.Println("after: must not print")
	})

	// The other unguarded imports: valueSet, valueDelete, valueIndex, valueSetIndex,
	// valueLength, valueInstanceOf.
	register("jserrors-set", func() { fmt.Println("before"); throwing().Set("k", 1) })
	register("jserrors-delete", func() { fmt.Println("before"); throwing().Delete("k") })
	register("jserrors-index", func() { fmt.Println("before"); throwing().Index(3) })
	register("jserrors-setindex", func() { fmt.Println("before"); throwing().SetIndex(3, 1) })
	register("jserrors-length", func() {
		fmt.Println("before")
		eval(`({get length() { throw new Error("length getter boom"); }})`).Length()
	})
	register("jserrors-instanceof", func() {
		fmt.Println("before")
		js.ValueOf(1).InstanceOf(eval(`({[Symbol.hasInstance]() { throw new Error("hasInstance boom"); }})`))
	})

	// valueCall catches the throwing method lookup, but Go then re-reads the property with
	// Get (to build its panic message), which throws again unguarded: exit 1, not a js.Error.
	register("jserrors-call-getter", func() {
		fmt.Println("before")
		defer func() { fmt.Println("recovered (must not print):", recover()) }()
		throwing().Call("m")
	})

	// A JS exception thrown by JS code inside a Go callback invoked from Go (Invoke of a JS
	// function that calls a Go Func that calls a throwing JS function) is a normal js.Error.
	// (The callback must not print: fmt output waits for node's fs.write callback.)
	register("jserrors-nested-caught", func() {
		var inner string
		f := js.FuncOf(func(this js.Value, args []js.Value) any {
			defer func() { inner = describePanic(recover()) }()
			eval(`(function () { throw new Error("inner boom"); })`).Invoke()
			return nil
		})
		defer f.Release()
		fmt.Println("JS got:", eval("(f) => String(f())").Invoke(f).String())
		fmt.Println("inner recovered:", inner)
	})
}
