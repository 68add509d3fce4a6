package main

import (
	"fmt"
	"syscall/js"
)

// eval evaluates JavaScript source in the global scope (indirect eval).
func eval(src string) js.Value {
	return js.Global().Call("eval", src)
}

// try runs f and returns what it panicked with, printed as "<label>: <Go type>: <value>",
// or "<label>: no panic".
func try(label string, f func()) {
	defer func() {
		r := recover()
		if r == nil {
			fmt.Printf("%s: no panic\n", label)
			return
		}
		fmt.Printf("%s: recovered %T: %s\n", label, r, describePanic(r))
	}()
	f()
}

func describePanic(r any) string {
	switch e := r.(type) {
	case js.Error:
		return fmt.Sprintf("Error()=%q message=%q", e.Error(), e.Value.Get("message").String())
	case error:
		return fmt.Sprintf("%q", e.Error())
	default:
		return fmt.Sprintf("%q", fmt.Sprint(e))
	}
}

// describe prints a JS value's type and Go-side String().
func describe(v js.Value) string {
	return fmt.Sprintf("type=%s string=%q", v.Type(), v.String())
}
