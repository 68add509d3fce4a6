// The file cases of the wasip1 corpus: what a Go program sees of preopened
// directories. Every "fs-" case runs with two preopens, as recorded by
// scripts/record-wasip1-goldens.sh:
//
//	/data  a fresh copy of conformance/wasip1/fixture, read-write
//	/ro    another fresh copy, read-only
//
// (fs-pwd also with PWD=/data/sub). Nothing printed depends on the host:
// no times but those set by the case, no inode numbers, no directory sizes,
// directory listings sorted.
package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

func init() {
	for name, f := range fileCases {
		cases[name] = f
	}
}

// show prints what a call returned: its error (and the kind of error Go's
// os package makes of it), or ok.
func show(what string, err error) {
	if err == nil {
		fmt.Printf("%s: ok\n", what)
		return
	}
	var kinds []string
	for _, k := range []struct {
		name string
		err  error
	}{{"exist", fs.ErrExist}, {"notexist", fs.ErrNotExist}, {"permission", fs.ErrPermission}} {
		if errors.Is(err, k.err) {
			kinds = append(kinds, k.name)
		}
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		kinds = append(kinds, fmt.Sprintf("errno %d", uint32(errno)))
	}
	fmt.Printf("%s: %v %v\n", what, err, kinds)
}

// contents prints a file's bytes, or why they cannot be read.
func contents(path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		show("read "+path, err)
		return
	}
	fmt.Printf("%s: %q\n", path, b)
}

// list prints a directory's entries (os.ReadDir sorts them) with their types.
func list(path string) {
	entries, err := os.ReadDir(path)
	if err != nil {
		show("readdir "+path, err)
		return
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name()+" "+e.Type().String())
	}
	fmt.Printf("%s: [%s]\n", path, strings.Join(names, ", "))
}

// stat prints what Stat (or Lstat) says of a path, but times and inodes.
func stat(path string, follow bool) {
	var fi os.FileInfo
	var err error
	if follow {
		fi, err = os.Stat(path)
	} else {
		fi, err = os.Lstat(path)
	}
	if err != nil {
		show("stat "+path, err)
		return
	}
	size := fmt.Sprint(fi.Size())
	if fi.IsDir() {
		size = "-"
	}
	st := fi.Sys().(*syscall.Stat_t)
	fmt.Printf("stat %s: name %q mode %v size %s nlink %d\n", path, fi.Name(), fi.Mode(), size, st.Nlink)
}

var fileCases = map[string]func(args []string){
	"fs-read": func(args []string) {
		contents("/data/hello.txt")
		contents("hello.txt") // relative to the cwd, the first preopen
		contents("/data/sub/deeper/leaf.txt")
		stat("/data/hello.txt", true)
		stat("/data/sub", true)
		f, err := os.Open("/data/digits.txt")
		show("open", err)
		buf := make([]byte, 4)
		n, err := f.Read(buf)
		fmt.Printf("read %d %q %v\n", n, buf[:n], err)
		pos, err := f.Seek(2, io.SeekCurrent)
		fmt.Println("seek cur", pos, err)
		n, err = f.Read(buf)
		fmt.Printf("read %d %q %v\n", n, buf[:n], err)
		pos, err = f.Seek(-3, io.SeekEnd)
		fmt.Println("seek end", pos, err)
		rest, err := io.ReadAll(f)
		fmt.Printf("rest %q %v\n", rest, err)
		n, err = f.Read(buf)
		fmt.Println("at eof", n, err)
		n, err = f.ReadAt(buf, 1)
		fmt.Printf("readat %d %q %v\n", n, buf[:n], err)
		n, err = f.ReadAt(buf, 8)
		fmt.Printf("readat past the end %d %q %v\n", n, buf[:n], err)
		_, err = f.Seek(-1, io.SeekStart)
		show("seek before the start", err)
		fi, err := f.Stat()
		fmt.Println("fstat", fi.Name(), fi.Size(), fi.Mode(), err)
		show("close", f.Close())
		show("close again", f.Close())
		_, err = os.Open("/data/missing.txt")
		show("open missing", err)
		d, err := os.Open("/data/sub")
		show("open dir", err)
		_, err = d.Read(buf)
		show("read dir", err)
		d.Close()
	},
	"fs-write": func(args []string) {
		f, err := os.Create("/data/new.txt")
		show("create", err)
		n, err := f.WriteString("hello")
		fmt.Println("write", n, err)
		n, err = f.Write([]byte(" there"))
		fmt.Println("write", n, err)
		pos, err := f.Seek(0, io.SeekCurrent)
		fmt.Println("position", pos, err)
		n, err = f.WriteAt([]byte("J"), 0)
		fmt.Println("writeat", n, err)
		_, err = f.Seek(1, io.SeekStart)
		show("seek", err)
		f.WriteString("E")
		show("sync", f.Sync())
		show("close", f.Close())
		contents("/data/new.txt")
		show("truncate shorter", os.Truncate("/data/new.txt", 4))
		contents("/data/new.txt")
		show("truncate longer", os.Truncate("/data/new.txt", 6))
		contents("/data/new.txt")
		a, err := os.OpenFile("/data/new.txt", os.O_WRONLY|os.O_APPEND, 0)
		show("open append", err)
		a.WriteString("+1")
		a.WriteString("+2")
		pos, err = a.Seek(0, io.SeekCurrent)
		fmt.Println("append position", pos, err)
		_, err = a.WriteAt([]byte("x"), 0)
		show("writeat append", err)
		a.Close()
		contents("/data/new.txt")
		_, err = os.OpenFile("/data/new.txt", os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		show("create exclusive existing", err)
		t, err := os.OpenFile("/data/new.txt", os.O_RDWR|os.O_TRUNC, 0)
		show("open truncating", err)
		fi, _ := t.Stat()
		fmt.Println("size after truncating open", fi.Size())
		show("ftruncate", t.Truncate(3))
		fi, _ = t.Stat()
		fmt.Println("size after ftruncate", fi.Size())
		t.Close()
		contents("/data/new.txt")
		show("write file", os.WriteFile("/data/sub/written.txt", []byte("w"), 0o600))
		contents("/data/sub/written.txt")
		r, _ := os.Open("/data/hello.txt")
		_, err = r.Write([]byte("no"))
		show("write read-only descriptor", err)
		show("ftruncate read-only descriptor", r.Truncate(0))
		r.Close()
		_, err = os.Create("/data/sub")
		show("create over a directory", err)
		_, err = os.Create("/data/missing/new.txt")
		show("create in a missing directory", err)
		_, err = os.Create("/data/hello.txt/new.txt")
		show("create below a file", err)
	},
	"fs-dirs": func(args []string) {
		list("/data")
		list("/data/sub")
		show("mkdir", os.Mkdir("/data/made", 0o755))
		show("mkdir existing", os.Mkdir("/data/made", 0o755))
		show("mkdir in missing", os.Mkdir("/data/missing/made", 0o755))
		show("mkdirall", os.MkdirAll("/data/made/a/b/c", 0o755))
		os.WriteFile("/data/made/a/file", []byte("f"), 0o644)
		list("/data/made/a")
		show("remove non-empty", os.Remove("/data/made/a"))
		show("rmdir a file", syscall.Rmdir("/data/made/a/file"))
		show("unlink a directory", syscall.Unlink("/data/made/a/b"))
		show("rename file", os.Rename("/data/made/a/file", "/data/made/moved"))
		show("rename over a file", os.Rename("/data/digits.txt", "/data/made/moved"))
		contents("/data/made/moved")
		show("rename dir", os.Rename("/data/made/a", "/data/made/renamed"))
		show("rename dir into itself", os.Rename("/data/made/renamed", "/data/made/renamed/b/inside"))
		show("rename dir over a file", os.Rename("/data/made/renamed", "/data/made/moved"))
		show("rename file over a dir", os.Rename("/data/made/moved", "/data/made/renamed"))
		show("rename missing", os.Rename("/data/nothing", "/data/made/x"))
		list("/data/made")
		show("removeall", os.RemoveAll("/data/made"))
		show("remove missing", os.Remove("/data/made"))
		list("/data")
		// Reading a directory in steps: the cookie of fd_readdir.
		d, err := os.Open("/data/sub")
		show("open dir", err)
		var names []string
		for {
			n, err := d.Readdirnames(1)
			if err != nil {
				show("readdirnames end", err)
				break
			}
			names = append(names, n...)
		}
		sort.Strings(names)
		fmt.Println("one at a time:", names)
		pos, err := d.Seek(0, io.SeekStart)
		fmt.Println("rewind", pos, err)
		again, err := d.Readdirnames(-1)
		sort.Strings(again)
		fmt.Println("again:", again, err)
		_, err = d.Seek(1, io.SeekCurrent)
		show("seek a directory", err)
		show("sync a directory", d.Sync())
		d.Close()
		_, err = os.ReadDir("/data/hello.txt")
		show("readdir a file", err)
	},
	"fs-links": func(args []string) {
		show("symlink", os.Symlink("hello.txt", "/data/link"))
		show("symlink existing", os.Symlink("hello.txt", "/data/link"))
		target, err := os.Readlink("/data/link")
		fmt.Printf("readlink %q %v\n", target, err)
		stat("/data/link", false)
		stat("/data/link", true)
		contents("/data/link")
		long := strings.Repeat("a/", 100) + "end"
		show("symlink long", os.Symlink(long, "/data/long"))
		target, err = os.Readlink("/data/long")
		fmt.Println("readlink long", len(target), target == long, err)
		_, err = os.Readlink("/data/hello.txt")
		show("readlink a file", err)
		show("symlink to dir", os.Symlink("sub/deeper", "/data/dirlink"))
		contents("/data/dirlink/leaf.txt")
		stat("/data/dirlink/", false)
		list("/data")
		show("dangling", os.Symlink("nowhere", "/data/dangling"))
		stat("/data/dangling", false)
		stat("/data/dangling", true)
		show("write through dangling", os.WriteFile("/data/dangling", []byte("now"), 0o644))
		contents("/data/nowhere")
		show("loop", os.Symlink("loop", "/data/loop"))
		_, err = os.Open("/data/loop")
		show("open loop", err)
		show("hard link", os.Link("/data/hello.txt", "/data/hard"))
		stat("/data/hard", true)
		stat("/data/hello.txt", true)
		show("hard link existing", os.Link("/data/hello.txt", "/data/hard"))
		show("hard link a dir", os.Link("/data/sub", "/data/subhard"))
		show("remove link", os.Remove("/data/link"))
		contents("/data/hello.txt")
		// Links that lead out of the preopen: wasmtime refuses them.
		show("symlink absolute", os.Symlink("/data/hello.txt", "/data/abs"))
		show("symlink up", os.Symlink("../outside", "/data/up"))
		stat("/data/up", false)
		stat("/data/up", true)
		contents("/data/up")
		show("symlink sneaky", os.Symlink("sub/../../ro/hello.txt", "/data/sneaky"))
		contents("/data/sneaky")
		show("symlink inside", os.Symlink("sub/../hello.txt", "/data/inside"))
		contents("/data/inside")
	},
	"fs-readonly": func(args []string) {
		contents("/ro/hello.txt")
		list("/ro")
		_, err := os.Create("/ro/new.txt")
		show("create", err)
		_, err = os.OpenFile("/ro/hello.txt", os.O_WRONLY, 0)
		show("open for writing", err)
		_, err = os.OpenFile("/ro/missing.txt", os.O_WRONLY, 0)
		show("open missing for writing", err)
		show("mkdir", os.Mkdir("/ro/dir", 0o755))
		show("remove", os.Remove("/ro/hello.txt"))
		show("remove missing", os.Remove("/ro/missing"))
		show("rename", os.Rename("/ro/hello.txt", "/ro/x"))
		show("rename out", os.Rename("/ro/hello.txt", "/data/x"))
		show("rename in", os.Rename("/data/hello.txt", "/ro/x"))
		show("symlink", os.Symlink("hello.txt", "/ro/l"))
		show("link", os.Link("/ro/hello.txt", "/ro/h"))
		show("truncate", os.Truncate("/ro/hello.txt", 1))
		show("chtimes", os.Chtimes("/ro/hello.txt", time.Unix(1, 0), time.Unix(1, 0)))
		f, err := os.Open("/ro/hello.txt")
		show("open", err)
		show("ftruncate", f.Truncate(0))
		_, err = f.Write([]byte("x"))
		show("write", err)
		f.Close()
		contents("/ro/hello.txt")
		// Outside every preopen there is nothing.
		_, err = os.Open("/etc/hostname")
		show("open outside the preopens", err)
		_, err = os.Stat("/")
		show("stat /", err)
	},
	"fs-times": func(args []string) {
		a, m := time.Unix(1_000_000_000, 0), time.Unix(1_500_000_000, 500_000_000)
		show("chtimes", os.Chtimes("/data/hello.txt", a, m))
		fi, _ := os.Stat("/data/hello.txt")
		st := fi.Sys().(*syscall.Stat_t)
		fmt.Println("mtime", fi.ModTime().UTC(), "atime", time.Unix(0, int64(st.Atime)).UTC())
		// A zero time leaves that time as it was.
		show("chtimes mtime only", os.Chtimes("/data/hello.txt", time.Time{}, a))
		fi, _ = os.Stat("/data/hello.txt")
		st = fi.Sys().(*syscall.Stat_t)
		fmt.Println("mtime", fi.ModTime().UTC(), "atime", time.Unix(0, int64(st.Atime)).UTC())
		show("chtimes dir", os.Chtimes("/data/sub", a, a))
		fi, _ = os.Stat("/data/sub")
		fmt.Println("dir mtime", fi.ModTime().UTC())
		show("chtimes missing", os.Chtimes("/data/missing", a, a))
		show("chtimes through a link", os.Symlink("digits.txt", "/data/l"))
		os.Chtimes("/data/l", m, m)
		fi, _ = os.Stat("/data/digits.txt")
		fmt.Println("target mtime", fi.ModTime().UTC())
	},
	"fs-cwd": func(args []string) {
		wd, err := os.Getwd()
		fmt.Printf("getwd %q %v\n", wd, err)
		contents("sub/nested.txt")
		show("chdir", os.Chdir("sub"))
		wd, _ = os.Getwd()
		fmt.Printf("getwd %q\n", wd)
		contents("nested.txt")
		contents("../hello.txt")
		show("chdir to a file", os.Chdir("nested.txt"))
		show("chdir missing", os.Chdir("missing"))
		show("chdir ro", os.Chdir("/ro/sub"))
		contents("deeper/leaf.txt")
		show("chdir above the preopens", os.Chdir("../../.."))
		wd, _ = os.Getwd()
		fmt.Printf("getwd %q\n", wd)
		contents("hello.txt")
	},
	"fs-pwd": func(args []string) {
		wd, err := os.Getwd()
		fmt.Printf("getwd %q %v\n", wd, err)
		contents("nested.txt")
		contents("deeper/leaf.txt")
	},
	"fs-walk": func(args []string) {
		for _, root := range []string{"/data", "/ro/sub"} {
			err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				fmt.Println(path, d.Type())
				return nil
			})
			show("walk "+root, err)
		}
		matches, err := filepath.Glob("/data/*.txt")
		fmt.Println("glob", matches, err)
	},
	"fs-many": func(args []string) {
		// More entries than one 8 KiB fd_readdir buffer holds.
		show("mkdir", os.Mkdir("/data/many", 0o755))
		for i := 0; i < 400; i++ {
			name := fmt.Sprintf("/data/many/entry-with-a-long-name-%03d", i)
			if err := os.WriteFile(name, []byte(name), 0o644); err != nil {
				show("write", err)
				return
			}
		}
		entries, err := os.ReadDir("/data/many")
		fmt.Println("entries", len(entries), err, entries[0].Name(), entries[399].Name())
		d, _ := os.Open("/data/many")
		names, err := d.Readdirnames(-1)
		sort.Strings(names)
		fmt.Println("names", len(names), err, names[0] == entries[0].Name())
		d.Close()
		// A large file, written and read back in pieces.
		big := make([]byte, 3<<20)
		for i := range big {
			big[i] = byte(i * 7)
		}
		show("write big", os.WriteFile("/data/big", big, 0o644))
		back, err := os.ReadFile("/data/big")
		fmt.Printf("read big %d %x %v\n", len(back), sha256.Sum256(back), err)
		show("removeall", os.RemoveAll("/data/many"))
	},
	"fs-fds": func(args []string) {
		// Descriptor numbers: the preopens are 3 and 4, then the lowest
		// numbers follow the highest in use, and closed ones come back
		// highest first (wasmtime's numbering).
		var files []*os.File
		for _, name := range []string{"hello.txt", "digits.txt", "sub/nested.txt"} {
			f, err := os.Open("/data/" + name)
			show("open "+name, err)
			files = append(files, f)
		}
		for _, f := range files {
			fmt.Println(f.Name(), f.Fd())
		}
		files[0].Close()
		files[1].Close()
		for i := 0; i < 3; i++ {
			f, _ := os.Open("/data/hello.txt")
			fmt.Println("reopened", f.Fd())
		}
	},
	"fs-root": func(args []string) {
		r, err := os.OpenRoot("/data/sub")
		show("openroot", err)
		f, err := r.Open("nested.txt")
		show("root open", err)
		b, _ := io.ReadAll(f)
		fmt.Printf("%q\n", b)
		_, err = r.Open("../hello.txt")
		show("root open ..", err)
		show("root mkdir", r.Mkdir("rootdir", 0o755))
		w, err := r.Create("rootdir/file")
		show("root create", err)
		w.WriteString("in root")
		w.Close()
		contents("/data/sub/rootdir/file")
		fi, err := r.Stat("deeper/leaf.txt")
		fmt.Println("root stat", fi.Name(), fi.Size(), err)
		show("root remove", r.Remove("rootdir/file"))
		os.Symlink("../hello.txt", "/data/sub/out")
		_, err = r.Open("out")
		show("root open a link out", err)
		show("close", r.Close())
	},
	"stdio-stat": func(args []string) {
		for _, f := range []*os.File{os.Stdin, os.Stdout, os.Stderr} {
			fi, err := f.Stat()
			fmt.Println(f.Name(), fi.Mode(), fi.Size(), err)
		}
	},
}
