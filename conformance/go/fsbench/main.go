// Command fsbench times file reads and writes through Go's os package (which
// calls the host's fs through syscall/fs_js.go), for the filesystem benches
// in benches/: the same program under the host filesystem and under an
// in-memory one. It is a benchmark, not a conformance case: its output holds
// timings.
//
//	fsbench write1m <n>      n × os.WriteFile of 1 MiB (over 8 names, overwritten)
//	fsbench read1m <n>       n × os.ReadFile of 1 MiB (the 8 files written first)
//	fsbench writesmall <n>   n × os.WriteFile of 1 KiB, each a new file
//	fsbench readsmall <n>    n × os.ReadFile of 1 KiB (the n files written first)
//
// Everything happens in the directory "fsbench" under the working directory,
// emptied first. Setup is outside the timing (Go's monotonic clock around the
// loop only); it prints "<op> <n> <elapsed ns>".
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

const dir = "fsbench"

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "fsbench:", err)
		os.Exit(1)
	}
}

func bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

func big(i int) string   { return dir + "/big" + strconv.Itoa(i%8) }
func small(i int) string { return dir + "/s" + strconv.Itoa(i) }

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: fsbench write1m|read1m|writesmall|readsmall <n>")
		os.Exit(64)
	}
	op := os.Args[1]
	n, err := strconv.Atoi(os.Args[2])
	if err != nil || n < 0 {
		fmt.Fprintln(os.Stderr, "fsbench: <n> must be a non-negative integer")
		os.Exit(64)
	}
	check(os.RemoveAll(dir))
	check(os.Mkdir(dir, 0o755))
	mib, kib := bytes(1<<20), bytes(1<<10)
	got, want := 0, 0
	var start time.Time
	switch op {
	case "write1m":
		start = time.Now()
		for i := 0; i < n; i++ {
			check(os.WriteFile(big(i), mib, 0o644))
		}
	case "read1m":
		for i := 0; i < 8; i++ {
			check(os.WriteFile(big(i), mib, 0o644))
		}
		start = time.Now()
		for i := 0; i < n; i++ {
			b, err := os.ReadFile(big(i))
			check(err)
			got += len(b)
		}
		want = n << 20
	case "writesmall":
		start = time.Now()
		for i := 0; i < n; i++ {
			check(os.WriteFile(small(i), kib, 0o644))
		}
	case "readsmall":
		for i := 0; i < n; i++ {
			check(os.WriteFile(small(i), kib, 0o644))
		}
		start = time.Now()
		for i := 0; i < n; i++ {
			b, err := os.ReadFile(small(i))
			check(err)
			got += len(b)
		}
		want = n << 10
	default:
		fmt.Fprintln(os.Stderr, "fsbench: unknown op", op)
		os.Exit(64)
	}
	elapsed := time.Since(start)
	if got != want {
		fmt.Fprintln(os.Stderr, "fsbench: short read")
		os.Exit(1)
	}
	check(os.RemoveAll(dir))
	fmt.Printf("%s %d %d\n", op, n, elapsed.Nanoseconds())
}
