// A GOOS=wasip1 program: what `gojs inspect` tells from a js/wasm one
// (built as a command and as a c-shared reactor by
// scripts/build-inspect-modules.sh).
package main

import "fmt"

func main() {
	fmt.Println("hello from wasip1")
}
