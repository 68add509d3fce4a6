// A GOOS=wasip1 reactor (-buildmode=c-shared, built by
// scripts/build-inspect-modules.sh as wasip1-reactor.wasm): its
// //go:wasmexport functions are called one after another on one instance,
// by wasmtime (scripts/wasmtime-run.py --invoke, recorded by
// scripts/record-wasip1-goldens.sh) and by gojs_wasip1::Reactor
// (conformance/tests/conformance/wasip1.rs), which give it the same host
// function gojs_test.double.
package main

import (
	"fmt"
	"math"
	"os"
	"strings"
)

//go:wasmimport gojs_test double
func double(x int32) int32

//go:wasmexport add
func add(a, b int32) int32 { return a + b }

//go:wasmexport mul64
func mul64(a, b int64) int64 { return a * b }

//go:wasmexport hypot
func hypot(a, b float64) float64 { return math.Hypot(a, b) }

// twice calls the host.
//
//go:wasmexport twice
func twice(x int32) int32 { return double(x) }

var greeted []string

// greet writes to stdout, and remembers: the instance lives between calls.
//
//go:wasmexport greet
func greet(n int32) int32 {
	greeted = append(greeted, fmt.Sprint(n))
	fmt.Printf("hello %d; greeted so far: %s\n", n, strings.Join(greeted, ","))
	return int32(len(greeted))
}

// args says what the reactor was started with.
//
//go:wasmexport args
func args() int32 {
	fmt.Printf("args %q env %q\n", os.Args, os.Getenv("GOJS_WASIP1"))
	return int32(len(os.Args))
}

// bye exits: the reactor can be called no more.
//
//go:wasmexport bye
func bye(code int32) { os.Exit(int(code)) }

func init() { fmt.Println("initialized") }

func main() {}
