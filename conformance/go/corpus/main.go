// Command corpus is the differential conformance corpus for Go programs built
// with GOOS=js GOARCH=wasm. Each case pins one observable contract of the host
// (node + wasm_exec.js is the reference); os.Args[1] selects the case.
//
// Cases print what they observe to stdout with fmt, deterministically: never
// wall-clock values, never Go map iteration order, never machine-specific data.
// scripts/record-go-goldens.sh records node's stdout, stderr and exit code.
package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

// cases maps a case name to its body. Each file registers its concern's cases
// from an init function; names are "<concern>-<what>".
var cases = map[string]func(){}

func register(name string, f func()) {
	if _, dup := cases[name]; dup {
		panic("duplicate case " + name)
	}
	cases[name] = f
}

func usage() {
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(os.Stderr, "usage: corpus <case> [args...]\ncases:\n  %s\n", strings.Join(names, "\n  "))
	os.Exit(64)
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	f, ok := cases[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown case %q\n", os.Args[1])
		usage()
	}
	f()
}
