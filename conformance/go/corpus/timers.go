package main

import (
	"fmt"
	"strings"
	"sync"
	"syscall/js"
	"time"
)

// recorder collects event names from goroutines and callbacks in arrival order.
type recorder struct {
	mu     sync.Mutex
	events []string
	ch     chan struct{}
}

func newRecorder() *recorder { return &recorder{ch: make(chan struct{}, 100)} }

func (r *recorder) add(e string) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
	r.ch <- struct{}{}
}

// wait blocks until n events arrived and returns them joined.
func (r *recorder) wait(n int) string {
	for i := 0; i < n; i++ {
		<-r.ch
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.events, " ")
}

func init() {
	// time.Sleep in main and in goroutines: sleeps finish in duration order and the
	// monotonic clock advances by at least the requested duration.
	register("timers-sleep", func() {
		start := time.Now()
		time.Sleep(20 * time.Millisecond)
		fmt.Println("main slept >= 20ms:", time.Since(start) >= 20*time.Millisecond)
		r := newRecorder()
		for _, ms := range []int{90, 30, 60, 0} {
			go func() {
				time.Sleep(time.Duration(ms) * time.Millisecond)
				r.add(fmt.Sprintf("%dms", ms))
			}()
		}
		fmt.Println("order:", r.wait(4))
		fmt.Println("wall clock is sane:", time.Now().Year() >= 2024)
	})

	// time.AfterFunc / time.After / time.NewTimer with different durations fire in
	// duration order; a stopped timer never fires; Reset postpones. Everything is set up
	// before the first print (a print yields to node's event loop for a while).
	register("timers-go-order", func() {
		r := newRecorder()
		time.AfterFunc(150*time.Millisecond, func() { r.add("afterfunc150") })
		time.AfterFunc(50*time.Millisecond, func() { r.add("afterfunc50") })
		stopped := time.AfterFunc(time.Second, func() { r.add("stopped1s") })
		reset := time.AfterFunc(time.Hour, func() { r.add("reset1hto200") })
		after := time.After(100 * time.Millisecond)
		t := time.NewTimer(250 * time.Millisecond)
		go func() { <-after; r.add("after100") }()
		go func() { <-t.C; r.add("timer250") }()
		stopResult := stopped.Stop()
		resetResult := reset.Reset(200 * time.Millisecond)
		order := r.wait(5)
		fmt.Println("Stop before firing:", stopResult)
		fmt.Println("Reset before firing:", resetResult)
		fmt.Println("order:", order)
		fmt.Println("Stop after firing:", t.Stop())
	})

	// time.Ticker ticks repeatedly until stopped.
	register("timers-ticker", func() {
		tk := time.NewTicker(15 * time.Millisecond)
		n := 0
		for range tk.C {
			n++
			if n == 3 {
				break
			}
		}
		tk.Stop()
		fmt.Println("ticks:", n)
	})

	// JS setTimeout calling a Go Func with extra arguments; clearTimeout cancels one.
	register("timers-js-settimeout", func() {
		r := newRecorder()
		f := js.FuncOf(func(this js.Value, args []js.Value) any {
			parts := []string{}
			for _, a := range args {
				parts = append(parts, jsShow(a))
			}
			r.add("f(" + strings.Join(parts, ",") + ")")
			return nil
		})
		defer f.Release()
		g := js.Global()
		g.Call("setTimeout", f, 30, "late", 2)
		cancelled := g.Call("setTimeout", f, 10, "cancelled")
		g.Call("setTimeout", f, 20, "a", 1, true, nil)
		g.Call("setTimeout", f, 0)
		g.Call("clearTimeout", cancelled)
		g.Call("clearTimeout", js.Undefined()) // harmless no-op
		fmt.Println("order:", r.wait(3))
		// setInterval stopped from inside its own callback after 3 runs.
		count := 0
		var interval js.Value
		tick := js.FuncOf(func(this js.Value, args []js.Value) any {
			count++
			if count == 3 {
				g.Call("clearInterval", interval)
				r.add(fmt.Sprintf("interval x%d", count))
			}
			return nil
		})
		defer tick.Release()
		interval = g.Call("setInterval", tick, 5)
		fmt.Println("then:", r.wait(1))
	})

	// Promise jobs and queueMicrotask run before setTimeout(0), in FIFO order, once Go
	// yields to the event loop; a then-chain interleaves with other microtasks.
	register("timers-microtasks", func() {
		r := newRecorder()
		mk := func(name string) js.Func {
			return js.FuncOf(func(js.Value, []js.Value) any { r.add(name); return nil })
		}
		g := js.Global()
		g.Call("setTimeout", mk("timeout0"), 0)
		g.Get("Promise").Call("resolve").Call("then", mk("then1")).Call("then", mk("then1b"))
		g.Call("queueMicrotask", mk("micro"))
		g.Get("Promise").Call("resolve").Call("then", mk("then2"))
		r.add("sync-end")
		fmt.Println("order:", r.wait(5+1))

		// Microtasks queued from inside a JS timer callback run before the next timer.
		r2 := newRecorder()
		js.Global().Set("rec", mk2(r2))
		eval(`setTimeout(() => { rec("t1"); Promise.resolve().then(() => rec("t1-then")); queueMicrotask(() => rec("t1-micro")); }, 0);
		      setTimeout(() => rec("t2"), 0);`)
		fmt.Println("order:", r2.wait(4))
	})
}

func mk2(r *recorder) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) any { r.add(args[0].String()); return nil })
}
