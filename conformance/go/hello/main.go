// Command hello is the smallest useful Go/wasm program: one line of fmt output and
// one syscall/js call. It is the README example and the startup benchmark.
package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	fmt.Println("Hello from Go!")
	fmt.Println("Math.max(3, 7) =", js.Global().Get("Math").Call("max", 3, 7).Int())
}
