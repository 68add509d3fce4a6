package main

import (
	"fmt"
	"os"
	"strings"
	"syscall/js"
	"time"
)

func init() {
	// os.Exit codes pass through to the process exit status; deferred calls do not run.
	for _, code := range []int{0, 3, 125} {
		register(fmt.Sprintf("exits-code-%d", code), func() {
			defer fmt.Println("deferred: must not print")
			fmt.Println("exiting with", code)
			os.Exit(code)
		})
	}

	// main returning ends the process at once (exit 0) although a JS setTimeout, a JS
	// setInterval, a Go timer and a sleeping goroutine are still pending.
	register("exits-pending-timers", func() {
		js.Global().Call("setTimeout", eval(`() => console.log("JS timeout: must not run")`), 300)
		js.Global().Call("setInterval", eval(`() => console.log("JS interval: must not run")`), 200)
		time.AfterFunc(300*time.Millisecond, func() { fmt.Println("Go timer: must not run") })
		go func() {
			time.Sleep(300 * time.Millisecond)
			fmt.Println("goroutine: must not run")
		}()
		fmt.Println("main returns")
	})

	// Output written just before os.Exit is not lost: many fmt lines, one large write,
	// and println (runtime write) on stderr.
	register("exits-flush", func() {
		for i := 0; i < 2000; i++ {
			fmt.Printf("line %04d\n", i)
		}
		os.Stdout.WriteString(strings.Repeat("0123456789abcdef", 8192) + "\n")
		fmt.Fprintln(os.Stderr, "stderr via os.Stderr before exit")
		println("stderr via println before exit")
		fmt.Print("last line without newline")
		os.Exit(7)
	})

	// Both ways of writing to fd 2 (syscall fs.write from os.Stderr, runtime
	// wasmWrite from println/print), interleaved with stdout, in program order.
	register("exits-stderr", func() {
		fmt.Println("stdout 1")
		fmt.Fprintln(os.Stderr, "stderr 1 (os.Stderr)")
		println("stderr 2 (println)", 42, true, 1.5)
		print("stderr 3 (print, no newline)")
		fmt.Fprintln(os.Stderr, "")
		fmt.Println("stdout 2")
		os.Stderr.Write([]byte("stderr 4 utf-8 é😀 and NUL \x00 end\n"))
		os.Stdout.Write([]byte("stdout 3 invalid utf-8 \xff\xfe end\n"))
		js.Global().Get("console").Call("log", "console.log from Go")
		js.Global().Get("console").Call("error", "console.error from Go")
		fmt.Println("stdout 4")
	})

	// runtime.Goexit in main: deferred calls and other goroutines still run; when nothing
	// is left, node's exit hook sends event id 0 and Go reports "all goroutines are
	// asleep - deadlock!" (exit 2), not native Go's "no goroutines (main called runtime.Goexit)".
	register("exits-goexit", func() {
		go func() {
			time.Sleep(10 * time.Millisecond)
			fmt.Println("goroutine ran after main's Goexit")
		}()
		defer fmt.Println("main's defer runs")
		goexit()
	})
}
