package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"syscall/js"
)

func goexit() { runtime.Goexit() }

type customErr struct{ code int }

func (e *customErr) Error() string { return fmt.Sprintf("custom error %d", e.code) }

func init() {
	// An uncaught panic: "panic: boom" and the goroutine trace on stderr, exit 2.
	register("panics-string", func() {
		fmt.Println("about to panic")
		panic("boom")
	})

	// Panic values that are errors and other types are printed with their own formats.
	register("panics-error", func() {
		panic(fmt.Errorf("wrapped: %w", errors.New("inner")))
	})
	register("panics-custom-error", func() {
		panic(&customErr{7})
	})
	register("panics-int", func() {
		panic(42)
	})

	// Runtime errors: nil map write, nil pointer dereference, index out of range.
	register("panics-nil-map", func() {
		var m map[string]int
		m["x"] = 1
	})
	register("panics-nil-deref", func() {
		var p *customErr
		fmt.Println(p.code)
	})
	register("panics-index", func() {
		s := []int{1, 2, 3}
		i := len(os.Args) + 5
		fmt.Println(s[i])
	})

	// A recovered-then-repanicked value and a panic in a goroutine.
	register("panics-repanic", func() {
		defer func() {
			r := recover()
			fmt.Println("recovered:", r)
			panic(fmt.Sprint("again: ", r))
		}()
		panic("first")
	})
	register("panics-goroutine", func() {
		done := make(chan bool)
		go func() {
			panic("in goroutine")
		}()
		<-done
	})

	// A panic inside a js.FuncOf called from JS is not caught by JS: it crashes Go (exit 2).
	register("panics-in-callback", func() {
		f := js.FuncOf(func(this js.Value, args []js.Value) any {
			panic("panic in callback")
		})
		js.Global().Set("goF", f)
		fmt.Println("calling")
		eval("try { goF(); } catch (e) { console.log('JS caught', e); }")
		fmt.Println("after: must not print")
	})

	// An uncaught js.Error from a JS throw: Go prints the js.Error value.
	register("panics-js-error", func() {
		eval(`({f() { throw new Error("uncaught boom"); }})`).Call("f")
	})

	// Deadlocks: node's exit hook makes Go report them ("fatal error: all goroutines are
	// asleep - deadlock!", exit 2).
	register("panics-deadlock-select", func() {
		fmt.Println("blocking forever")
		select {}
	})
	register("panics-deadlock-chan", func() {
		fmt.Println("receiving")
		<-make(chan int)
	})
	register("panics-deadlock-nil-chan", func() {
		ch := make(chan int)
		go func() { ch <- 1; ch <- 2 }()
		fmt.Println("got", <-ch)
		var never chan struct{}
		<-never
	})
	// A deadlock before anything was printed (Go still inside the first run call).
	register("panics-deadlock-first", func() {
		<-make(chan int)
	})
}
