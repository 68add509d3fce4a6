// Command deep nests Go → JS → Go callbacks os.Args[1] levels deep (default
// 1000) and prints the depth reached. Node's V8 stack gives out near 970
// levels, so this program has no node golden: gojs's own suite pins that
// deep nesting works and that its nesting limit fails cleanly.
package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall/js"
)

func main() {
	n := 1000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	var rec js.Func
	rec = js.FuncOf(func(this js.Value, args []js.Value) any {
		left, depth := args[0].Int(), args[1].Int()
		if left == 0 {
			return depth
		}
		return js.Global().Call("jsRec", left-1, depth+1).Int()
	})
	defer rec.Release()
	js.Global().Set("goRec", rec)
	js.Global().Call("eval", "globalThis.jsRec = function (n, depth) { return goRec(n, depth); }")
	fmt.Printf("depth %d -> %d\n", n, rec.Invoke(n, 0).Int())
}
