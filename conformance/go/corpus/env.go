package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
)

func init() {
	// Arguments after the case name and the environment the host passes: exactly the
	// recorder's variables plus TMPDIR, which wasm_exec_node.js adds (values of PATH-like
	// variables are not printed; names are).
	register("env-args", func() {
		fmt.Println("len(os.Args):", len(os.Args))
		fmt.Printf("os.Args[1:]: %q\n", os.Args[1:])
		v, ok := os.LookupEnv("GOJS_CORPUS_VAR")
		fmt.Printf("GOJS_CORPUS_VAR: %q %v\n", v, ok)
		v, ok = os.LookupEnv("GOJS_CORPUS_EMPTY")
		fmt.Printf("GOJS_CORPUS_EMPTY: %q %v\n", v, ok)
		v, ok = os.LookupEnv("GOJS_CORPUS_UNSET")
		fmt.Printf("GOJS_CORPUS_UNSET: %q %v\n", v, ok)
		fmt.Printf("TMPDIR: %q\n", os.Getenv("TMPDIR"))
		var names []string
		for _, kv := range os.Environ() {
			names = append(names, strings.SplitN(kv, "=", 2)[0])
		}
		sort.Strings(names)
		fmt.Println("env names:", strings.Join(names, " "))
	})
}

func init() {
	// Stdin is /dev/null in the recorder: reading it through node's fs.read gives EOF.
	register("env-stdin", func() {
		b, err := io.ReadAll(os.Stdin)
		fmt.Printf("read %d bytes, err=%v\n", len(b), err)
	})

	// File-system errors come back from node's fs as error codes that Go maps to errnos.
	register("env-fs-errors", func() {
		_, err := os.Open("/gojs-corpus-no-such-dir/file")
		fmt.Println("open missing:", err, errors.Is(err, fs.ErrNotExist))
		_, err = os.Stat("/gojs-corpus-no-such-dir")
		fmt.Println("stat missing:", err, errors.Is(err, fs.ErrNotExist))
		_, err = os.ReadFile("/gojs-corpus-no-such-dir/file")
		fmt.Println("readfile missing:", err)
	})
}
