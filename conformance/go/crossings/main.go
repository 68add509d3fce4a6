// Command crossings times one kind of syscall/js boundary crossing at a time, so
// the same .wasm can be timed under `gojs run` and `node wasm_exec_node.js`.
// It is a benchmark, not a conformance case: its output holds timings.
//
//	crossings <op> <n> [param]   set up <op>, run it n times, print "<op> <n> <elapsed ns>"
//	crossings all [scale]        every op once with its default n (times scale),
//	                             one line per op: "<op> <n> <elapsed ns> <ns/op>"
//	crossings list               the op names
//
// Timing uses time.Now around the loop only (setup is outside), so program
// start-up is not part of any result. Its twin for Rust guests is
// guest/examples/crossings.rs (same ops, same output); the benches in benches/
// run both, and scripts/bench-vs-node.sh runs this one under both hosts.
package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall/js"
	"time"
)

// fixtureJS is the body of the JS function that builds the objects every op
// works on. The boa floors in benches/src/floors.rs evaluate the same text
// (a test there checks that this file and crossings.rs contain it verbatim).
const fixtureJS = `
return {
  num: 1.5,
  obj: {},
  o1: {},
  o2: {},
  f0: function () {},
  f1: function (a) {},
  f2: function (a, b) {},
  callN: function (f, n) { for (let i = 0; i < n; i++) f(); },
  apply: function (f) { return f(); },
  apply1: function (f, x) { return f(x); },
  str: function (n) { return "x".repeat(n); },
  bytes: function (n) { return new Uint8Array(n); },
};
`

// Sinks keep results alive so no call can be optimised away.
var (
	// selfTimed, when set by a loop, replaces the time measured around it
	// (for loops whose setup cannot be taken out of them).
	selfTimed time.Duration
	sinkV     js.Value
	sinkS     string
	sinkN     int
)

const mib = 1 << 20

// An op: setup (untimed) returns the timed loop.
type op struct {
	name     string
	defaultN int
	setup    func(fx js.Value, param int) func(n int)
}

var ops = []op{
	{"empty", 10_000_000, func(fx js.Value, _ int) func(int) {
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkN += i
			}
		}
	}},
	{"valueGet/number", 200_000, func(fx js.Value, _ int) func(int) {
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkV = fx.Get("num")
			}
		}
	}},
	{"valueGet/object", 200_000, func(fx js.Value, _ int) func(int) {
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkV = fx.Get("obj")
			}
		}
	}},
	{"valueSet/number", 200_000, func(fx js.Value, _ int) func(int) {
		return func(n int) {
			for i := 0; i < n; i++ {
				fx.Set("num", 1.5)
			}
		}
	}},
	{"valueCall/0", 200_000, func(fx js.Value, _ int) func(int) {
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkV = fx.Call("f0")
			}
		}
	}},
	{"valueCall/2numbers", 200_000, func(fx js.Value, _ int) func(int) {
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkV = fx.Call("f2", 1, 2)
			}
		}
	}},
	{"valueCall/2objects", 200_000, func(fx js.Value, _ int) func(int) {
		o1, o2 := fx.Get("o1"), fx.Get("o2")
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkV = fx.Call("f2", o1, o2)
			}
		}
	}},
	{"valueCall/string32", 100_000, func(fx js.Value, _ int) func(int) {
		s := "0123456789abcdef0123456789abcdef"
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkV = fx.Call("f1", s)
			}
		}
	}},
	{"valueInvoke/0", 200_000, func(fx js.Value, _ int) func(int) {
		f0 := fx.Get("f0")
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkV = f0.Invoke()
			}
		}
	}},
	{"valueNew/0", 100_000, func(fx js.Value, _ int) func(int) {
		object := js.Global().Get("Object")
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkV = object.New()
			}
		}
	}},
	{"valueString/32", 100_000, stringOp(32)},
	{"valueString/1KiB", 50_000, stringOp(1024)},
	{"valueString/1MiB", 50, stringOp(mib)},
	{"valueOf/map4", 30_000, func(fx js.Value, _ int) func(int) {
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkV = js.ValueOf(map[string]any{"a": 1, "b": 2, "c": 3, "d": 4})
			}
		}
	}},
	{"callback/jsToGuest", 50_000, func(fx js.Value, _ int) func(int) {
		f := js.FuncOf(func(this js.Value, args []js.Value) any { return nil })
		return func(n int) {
			fx.Call("callN", f, n)
		}
	}},
	{"roundtrip/guestJsGuest", 50_000, func(fx js.Value, _ int) func(int) {
		f := js.FuncOf(func(this js.Value, args []js.Value) any { return nil })
		apply := fx.Get("apply")
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkV = apply.Invoke(f)
			}
		}
	}},
	{"copyBytes/toJS/16MiB", 50, func(fx js.Value, _ int) func(int) {
		buf := make([]byte, 16*mib)
		dst := fx.Call("bytes", 16*mib)
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkN += js.CopyBytesToJS(dst, buf)
			}
		}
	}},
	{"copyBytes/toGuest/16MiB", 50, func(fx js.Value, _ int) func(int) {
		buf := make([]byte, 16*mib)
		src := fx.Call("bytes", 16*mib)
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkN += js.CopyBytesToGo(buf, src)
			}
		}
	}},
	{"valueSetIndex/byte", 200_000, func(fx js.Value, _ int) func(int) {
		arr := fx.Call("bytes", mib)
		return func(n int) {
			for i := 0; i < n; i++ {
				arr.SetIndex(i&(mib-1), i&255)
			}
		}
	}},
	{"valueIndex/byte", 200_000, func(fx js.Value, _ int) func(int) {
		arr := fx.Call("bytes", mib)
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkV = arr.Index(i & (mib - 1))
			}
		}
	}},
	{"churn/string", 100_000, func(fx js.Value, _ int) func(int) {
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkV = js.ValueOf("churn")
			}
		}
	}},
	// valueGet/object with param live table slots held (distinct strings).
	{"scaling/slots", 100_000, func(fx js.Value, slots int) func(int) {
		keep := make([]js.Value, slots)
		for i := range keep {
			keep[i] = js.ValueOf("s" + strconv.Itoa(i))
		}
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkV = fx.Get("obj")
			}
			sinkV = keep[len(keep)-1]
		}
	}},
	// roundtrip/guestJsGuest from inside param nested guest→JS→guest calls;
	// the deepest callback times its own loop (the nesting itself is setup).
	{"scaling/nesting", 20_000, func(fx js.Value, depth int) func(int) {
		leaf := js.FuncOf(func(this js.Value, args []js.Value) any { return nil })
		apply, apply1 := fx.Get("apply"), fx.Get("apply1")
		roundTrips := func(n int) {
			start := time.Now()
			for i := 0; i < n; i++ {
				sinkV = apply.Invoke(leaf)
			}
			selfTimed = time.Since(start)
		}
		return func(n int) {
			if depth == 0 {
				roundTrips(n)
				return
			}
			var nest js.Func
			nest = js.FuncOf(func(this js.Value, args []js.Value) any {
				if level := args[0].Int(); level < depth {
					return apply1.Invoke(nest, level+1)
				}
				roundTrips(n)
				return nil
			})
			apply1.Invoke(nest, 1)
		}
	}},
}

func stringOp(size int) func(js.Value, int) func(int) {
	return func(fx js.Value, _ int) func(int) {
		v := fx.Call("str", size)
		return func(n int) {
			for i := 0; i < n; i++ {
				sinkS = v.String()
			}
		}
	}
}

func find(name string) *op {
	for i := range ops {
		if ops[i].name == name {
			return &ops[i]
		}
	}
	return nil
}

// timeOp runs o's setup, then its loop of n, and returns the loop's time
// (or the time the loop measured itself, see selfTimed).
func timeOp(fx js.Value, o *op, n, param int) time.Duration {
	loop := o.setup(fx, param)
	selfTimed = 0
	start := time.Now()
	loop(n)
	d := time.Since(start)
	if selfTimed != 0 {
		d = selfTimed
	}
	return d
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: crossings <op> <n> [param] | crossings all [scale] | crossings list")
	os.Exit(64)
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	fx := js.Global().Get("Function").New(fixtureJS).Invoke()
	switch os.Args[1] {
	case "list":
		for _, o := range ops {
			fmt.Println(o.name)
		}
	case "all":
		scale := 1.0
		if len(os.Args) > 2 {
			s, err := strconv.ParseFloat(os.Args[2], 64)
			if err != nil {
				usage()
			}
			scale = s
		}
		for i := range ops {
			o := &ops[i]
			param := 0
			switch o.name {
			case "scaling/slots":
				param = 1000
			case "scaling/nesting":
				param = 100
			}
			n := max(1, int(float64(o.defaultN)*scale))
			d := timeOp(fx, o, n, param)
			fmt.Printf("%s %d %d %.1f\n", o.name, n, d.Nanoseconds(), float64(d.Nanoseconds())/float64(n))
		}
	default:
		o := find(os.Args[1])
		if o == nil || len(os.Args) < 3 {
			usage()
		}
		n, err := strconv.Atoi(os.Args[2])
		if err != nil || n < 0 {
			usage()
		}
		param := 0
		if len(os.Args) > 3 {
			if param, err = strconv.Atoi(os.Args[3]); err != nil {
				usage()
			}
		}
		d := timeOp(fx, o, n, param)
		fmt.Printf("%s %d %d\n", o.name, n, d.Nanoseconds())
	}
}
