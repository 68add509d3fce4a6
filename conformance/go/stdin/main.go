// Command stdin reads a line from stdin while a goroutine ticks: the program
// of the "I/O never blocks the event loop" contract. Under node, fs.read on
// fd 0 is asynchronous, so the ticker goroutine keeps printing while the
// read waits; a host whose read blocked the whole loop would print no tick
// until input arrived.
//
// It is driven by conformance/node/stdin-harness.mjs, which writes "hello\n"
// to stdin and closes it only after it has read "tick 3" on stdout; the
// output is then always:
//
//	tick 1
//	tick 2
//	tick 3
//	read "hello\n" <nil>
//	done
//
// Goldens: scripts/record-stdin-goldens.sh (node + wasm_exec_node.js).
package main

import (
	"bufio"
	"fmt"
	"os"
	"time"
)

func main() {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for i := 1; i <= 3; i++ {
			<-t.C
			fmt.Printf("tick %d\n", i)
		}
		close(done)
	}()
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	fmt.Printf("read %q %v\n", line, err)
	<-done
	fmt.Println("done")
}
