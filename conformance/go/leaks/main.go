// Command leaks holds exactly what `gojs run --leaks` must count:
// `leaks FUNCS OBJECTS STRINGS` makes FUNCS js.Funcs (never released; the
// first stored on globalThis, the next passed to Array.prototype.push, the
// next stored at an index, round robin), OBJECTS new objects and STRINGS
// strings, and holds them all until it exits. It prints nothing: output goes
// through fs.write callbacks, whose js.Funcs would count too.
package main

import (
	"os"
	"runtime"
	"strconv"
	"syscall/js"
)

func count(i int) int {
	n, err := strconv.Atoi(os.Args[i])
	if err != nil {
		os.Exit(64)
	}
	return n
}

func main() {
	if len(os.Args) != 4 {
		os.Exit(64)
	}
	funcs, objects, strings := count(1), count(2), count(3)
	global := js.Global()
	array := global.Get("Array").New()
	var held []any
	for i := 0; i < funcs; i++ {
		f := js.FuncOf(func(js.Value, []js.Value) any { return nil })
		switch i % 3 {
		case 0:
			global.Set("leakedFunc"+strconv.Itoa(i), f)
		case 1:
			array.Call("push", f)
		case 2:
			array.SetIndex(i, f)
		}
		held = append(held, f)
	}
	object := global.Get("Object")
	for i := 0; i < objects; i++ {
		held = append(held, object.New())
	}
	for i := 0; i < strings; i++ {
		held = append(held, js.ValueOf("held string "+strconv.Itoa(i)))
	}
	runtime.KeepAlive(held)
	runtime.KeepAlive(array)
}
