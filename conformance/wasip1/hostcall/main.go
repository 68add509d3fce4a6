// Command hostcall times `//go:wasmimport` host calls of a GOOS=wasip1 program,
// the twin of conformance/go/crossings for the other half of Go's wasm story:
// the seed's claim is that such a call costs less than a syscall/js crossing.
//
//	hostcall <op> <n>   run <op> n times, print "<op> <n> <elapsed ns>"
//
// ops: "empty" (the loop alone), "wasmimport/noop" (gojs_bench.noop()),
// "wasmimport/add" (gojs_bench.add(i, 2) int32, its result checked).
// The host functions come from the embedder (gojs_wasip1::Command::import).
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

//go:wasmimport gojs_bench noop
func noop()

//go:wasmimport gojs_bench add
func add(a, b int32) int32

var sink int32

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: hostcall <op> <n>")
		os.Exit(64)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil || n < 0 {
		fmt.Fprintln(os.Stderr, "hostcall: n must be a count")
		os.Exit(64)
	}
	op := os.Args[1]
	start := time.Now()
	switch op {
	case "empty":
		for i := 0; i < n; i++ {
			sink += int32(i)
		}
	case "wasmimport/noop":
		for i := 0; i < n; i++ {
			noop()
		}
	case "wasmimport/add":
		for i := 0; i < n; i++ {
			if add(int32(i), 2) != int32(i)+2 {
				fmt.Fprintln(os.Stderr, "hostcall: add is wrong at", i)
				os.Exit(1)
			}
		}
	default:
		fmt.Fprintln(os.Stderr, "hostcall: unknown op", op)
		os.Exit(64)
	}
	fmt.Println(op, n, time.Since(start).Nanoseconds())
}
