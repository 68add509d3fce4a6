// The wasip1 differential corpus: each case prints what a WASI preview 1 host
// gives a Go program (arguments, environment, stdio, clocks, sleeps, random
// bytes, exit codes, files without preopened directories, panics), so gojs's
// output can be compared with wasmtime's (scripts/record-wasip1-goldens.sh).
//
//	corpus.wasm <case> [args...]
package main

import (
	"bufio"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"
)

var cases = map[string]func(args []string){
	"args": func(args []string) {
		fmt.Printf("%d args: %q\n", len(os.Args), os.Args[1:])
	},
	"env": func(args []string) {
		env := os.Environ()
		sort.Strings(env)
		fmt.Printf("%d vars: %q\n", len(env), env)
		v, ok := os.LookupEnv("GOJS_WASIP1")
		fmt.Printf("GOJS_WASIP1=%q %v\n", v, ok)
	},
	"stderr": func(args []string) {
		fmt.Fprintln(os.Stdout, "to stdout")
		fmt.Fprintln(os.Stderr, "to stderr")
	},
	"exit-3": func(args []string) {
		fmt.Println("before exit")
		os.Exit(3)
	},
	"panic": func(args []string) {
		var m map[string]int
		m["x"] = 1
	},
	"sleep": func(args []string) {
		start := time.Now()
		time.Sleep(20 * time.Millisecond)
		elapsed := time.Since(start)
		fmt.Println("slept at least 20ms:", elapsed >= 20*time.Millisecond)
		timer := time.NewTimer(5 * time.Millisecond)
		<-timer.C
		fmt.Println("timer fired")
	},
	"goroutines": func(args []string) {
		done := make(chan int)
		for i := 0; i < 4; i++ {
			go func(i int) {
				time.Sleep(time.Duration(4-i) * time.Millisecond)
				done <- i
			}(i)
		}
		sum := 0
		for i := 0; i < 4; i++ {
			sum += <-done
		}
		fmt.Println("sum", sum)
	},
	"clock": func(args []string) {
		now := time.Now()
		fmt.Println("after 2020:", now.Year() >= 2020)
		a := time.Now()
		b := time.Now()
		fmt.Println("monotonic:", !b.Before(a))
	},
	"random": func(args []string) {
		b := make([]byte, 64)
		n, err := rand.Read(b)
		fmt.Println(n, err, strings.Count(string(b), "\x00") < 64)
	},
	"files": func(args []string) {
		_, err := os.Open("/etc/hostname")
		fmt.Println("open:", err, errors.Is(err, fs.ErrNotExist))
		err = os.WriteFile("out.txt", []byte("x"), 0o644)
		fmt.Println("write:", err)
		wd, err := os.Getwd()
		fmt.Printf("getwd: %q %v\n", wd, err)
	},
	"stdin": func(args []string) {
		s := bufio.NewScanner(os.Stdin)
		lines := 0
		for s.Scan() {
			lines++
			fmt.Println("line:", strings.ToUpper(s.Text()))
		}
		fmt.Println("lines", lines, s.Err())
	},
}

func main() {
	if len(os.Args) < 2 || cases[os.Args[1]] == nil {
		names := make([]string, 0, len(cases))
		for name := range cases {
			names = append(names, name)
		}
		sort.Strings(names)
		fmt.Fprintln(os.Stderr, "usage: corpus.wasm <case> [args...]; cases:")
		for _, name := range names {
			fmt.Fprintln(os.Stderr, " ", name)
		}
		os.Exit(64)
	}
	cases[os.Args[1]](os.Args[2:])
}
