// Command fsprobe exercises the file system through Go's os and syscall
// packages (which call node's fs through syscall/fs_js.go) and prints what it
// observes. os.Args[1] selects the probe.
//
// Every probe works on paths relative to the working directory, or on paths
// given as arguments, and prints nothing that depends on where it runs (no
// absolute paths, times, ids, descriptor numbers or directory sizes), so the
// same probe prints the same under node in a scratch directory, under gojs on
// the host, and under gojs in a virtual filesystem. `ops` leaves the working
// directory as it found it (empty).
package main

import (
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

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: fsprobe ops|erofs DIR|enospc|exdev FROM TO|escape SECRET|chdir DIR|nocwd|whoami")
		os.Exit(64)
	}
	probes := map[string]func(args []string){
		"ops":        ops,
		"erofs":      erofs,
		"enospc":     enospc,
		"exdev":      exdev,
		"escape":     escape,
		"chdir":      chdir,
		"nocwd":      nocwd,
		"nocwd-open": nocwdOpen,
		"whoami":     whoami,
	}
	probe, ok := probes[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown probe %q\n", os.Args[1])
		os.Exit(64)
	}
	probe(os.Args[2:])
}

// say prints what an operation gave: "ok" or its error.
func say(what string, err error) {
	if err != nil {
		fmt.Printf("%s: %v\n", what, err)
	} else {
		fmt.Printf("%s: ok\n", what)
	}
}

func read(name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprintf("%q", b)
}

// ops: the operations a program does, in the working directory.
func ops(_ []string) {
	say("mkdir d", os.Mkdir("d", 0o755))
	say("mkdir d again", os.Mkdir("d", 0o755))
	say("write d/a.txt", os.WriteFile("d/a.txt", []byte("hello, world\n"), 0o644))
	fmt.Println("read d/a.txt:", read("d/a.txt"))
	fi, err := os.Stat("d/a.txt")
	say("stat d/a.txt", err)
	fmt.Println("  name size mode regular:", fi.Name(), fi.Size(), fi.Mode(), fi.Mode().IsRegular())
	fi, err = os.Stat("d")
	say("stat d", err)
	fmt.Println("  dir perm:", fi.IsDir(), fi.Mode().Perm())

	_, err = os.OpenFile("d/a.txt", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	fmt.Println("create excl existing:", err, errors.Is(err, fs.ErrExist))
	_, err = os.Open("d/missing")
	fmt.Println("open missing:", err, errors.Is(err, fs.ErrNotExist))
	_, err = os.OpenFile("d/a.txt/x", os.O_RDONLY, 0)
	fmt.Println("open through a file:", err, errors.Is(err, syscall.ENOTDIR))
	_, err = os.OpenFile("d", os.O_WRONLY, 0)
	fmt.Println("open dir for writing:", err, errors.Is(err, syscall.EISDIR))

	f, err := os.OpenFile("d/a.txt", os.O_RDWR, 0)
	say("open rdwr", err)
	buf := make([]byte, 5)
	off, err := f.Seek(7, io.SeekStart)
	n, err2 := f.Read(buf)
	fmt.Println("seek+read:", off, err, n, err2, string(buf[:n]))
	n, err = f.WriteAt([]byte("J"), 0)
	fmt.Println("writeat:", n, err)
	n, err = f.ReadAt(buf, 0)
	fmt.Println("readat:", n, err, string(buf[:n]))
	n, err = f.ReadAt(buf, 100)
	fmt.Println("readat past end:", n, err)
	end, err := f.Seek(0, io.SeekEnd)
	fmt.Println("seek end:", end, err)
	say("truncate by fd", f.Truncate(12))
	st, err := f.Stat()
	fmt.Println("fstat:", st.Size(), err, st.Mode().IsRegular())
	say("fsync", f.Sync())
	say("fchmod", f.Chmod(0o640))
	say("close", f.Close())
	say("close again", f.Close())

	f, err = os.OpenFile("d/a.txt", os.O_APPEND|os.O_WRONLY, 0)
	say("open append", err)
	_, err = f.WriteString("+more\n")
	say("append", err)
	f.Close()
	fmt.Println("read after append:", read("d/a.txt"))
	say("truncate by path", os.Truncate("d/a.txt", 5))
	fmt.Println("read after truncate:", read("d/a.txt"))
	say("truncate missing", os.Truncate("d/missing", 0))

	say("write d/b.txt", os.WriteFile("d/b.txt", []byte("b"), 0o666))
	say("mkdir d/sub", os.Mkdir("d/sub", 0o700))
	entries, err := os.ReadDir("d")
	say("readdir d", err)
	for _, e := range entries {
		fmt.Println("  entry:", e.Name(), e.IsDir(), e.Type())
	}
	dir, err := os.Open("d")
	say("open d", err)
	names, err := dir.Readdirnames(-1)
	sort.Strings(names)
	fmt.Println("readdirnames:", names, err)
	dir.Close()
	_, err = os.ReadDir("d/a.txt")
	fmt.Println("readdir a file:", err != nil)

	say("rename b into sub", os.Rename("d/b.txt", "d/sub/c.txt"))
	_, err = os.Stat("d/b.txt")
	fmt.Println("old name gone:", errors.Is(err, fs.ErrNotExist))
	fmt.Println("read new name:", read("d/sub/c.txt"))
	say("rename missing", os.Rename("d/missing", "d/x"))
	say("rename dir into itself", os.Rename("d/sub", "d/sub/inner"))

	say("link", os.Link("d/a.txt", "d/h.txt"))
	a, _ := os.Stat("d/a.txt")
	h, _ := os.Stat("d/h.txt")
	fmt.Println("same file, nlink:", os.SameFile(a, h), a.Sys().(*syscall.Stat_t).Nlink)
	say("link onto existing", os.Link("d/a.txt", "d/h.txt"))

	say("symlink", os.Symlink("a.txt", "d/l"))
	target, err := os.Readlink("d/l")
	fmt.Println("readlink:", target, err)
	li, _ := os.Lstat("d/l")
	si, _ := os.Stat("d/l")
	fmt.Println("lstat/stat:", li.Mode()&fs.ModeSymlink != 0, li.Size(), si.Mode().IsRegular(), si.Size())
	fmt.Println("read through link:", read("d/l"))
	say("dangling symlink", os.Symlink("nowhere", "d/dangling"))
	_, err = os.Stat("d/dangling")
	_, err2 = os.Lstat("d/dangling")
	fmt.Println("dangling stat/lstat:", errors.Is(err, fs.ErrNotExist), err2)
	_, err = os.Readlink("d/a.txt")
	fmt.Println("readlink a file:", err)

	say("chmod", os.Chmod("d/a.txt", 0o600))
	fi, _ = os.Stat("d/a.txt")
	fmt.Println("mode after chmod:", fi.Mode())
	t := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	say("chtimes", os.Chtimes("d/a.txt", t, t))
	fi, _ = os.Stat("d/a.txt")
	fmt.Println("mtime:", fi.ModTime().UTC())
	stat := fi.Sys().(*syscall.Stat_t)
	fmt.Println("owned by me:", int(stat.Uid) == os.Getuid(), int(stat.Gid) == os.Getgid())
	say("chown to me", os.Chown("d/a.txt", os.Getuid(), os.Getgid()))
	say("lchown to me", os.Lchown("d/l", os.Getuid(), os.Getgid()))
	say("chown unchanged", os.Chown("d/a.txt", -1, -1))

	say("chdir d", os.Chdir("d"))
	wd, err := os.Getwd()
	fmt.Println("getwd ends in /d:", strings.HasSuffix(wd, "/d"), err)
	fmt.Println("relative read in d:", read("a.txt"))
	say("chdir ..", os.Chdir(".."))
	say("chdir to a file", os.Chdir("d/a.txt"))
	say("chdir to missing", os.Chdir("missing"))

	say("remove non-empty dir", os.Remove("d"))
	say("remove missing", os.Remove("d/missing"))
	say("rmdir a file", syscall.Rmdir("d/a.txt"))
	say("unlink a dir", syscall.Unlink("d/sub"))
	say("mkdirall", os.MkdirAll("x/y/z", 0o755))
	var walked []string
	filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		walked = append(walked, p)
		return err
	})
	fmt.Println("walk:", walked)
	tmp, err := os.CreateTemp(".", "tmp-*.txt")
	say("createtemp", err)
	fmt.Println("temp name:", strings.HasPrefix(filepath.Base(tmp.Name()), "tmp-"))
	tmp.Close()
	say("remove temp", os.Remove(tmp.Name()))
	say("removeall d", os.RemoveAll("d"))
	say("removeall x", os.RemoveAll("x"))
	_, err = os.Stat("d")
	fmt.Println("d gone:", errors.Is(err, fs.ErrNotExist))
	left, err := os.ReadDir(".")
	fmt.Println("left in cwd:", len(left), err)
}

// erofs DIR: every change inside the read-only DIR is refused; reads work.
func erofs(args []string) {
	dir := args[0]
	fmt.Println("read f:", read(dir+"/f"))
	err := os.WriteFile(dir+"/new", []byte("x"), 0o644)
	fmt.Println("create:", err, errors.Is(err, syscall.EROFS))
	_, err = os.OpenFile(dir+"/f", os.O_RDWR, 0)
	fmt.Println("open rdwr:", err, errors.Is(err, syscall.EROFS))
	for _, c := range []struct {
		what string
		err  error
	}{
		{"remove", os.Remove(dir + "/f")},
		{"mkdir", os.Mkdir(dir+"/sub", 0o755)},
		{"rename", os.Rename(dir+"/f", dir+"/g")},
		{"chmod", os.Chmod(dir+"/f", 0o600)},
		{"truncate", os.Truncate(dir+"/f", 0)},
		{"symlink", os.Symlink("f", dir+"/l")},
		{"chtimes", os.Chtimes(dir+"/f", time.Unix(0, 0), time.Unix(0, 0))},
	} {
		fmt.Println(c.what+":", c.err, errors.Is(c.err, syscall.EROFS))
	}
	fmt.Println("read f after:", read(dir+"/f"))
}

// enospc: a write past the filesystem's capacity fails; space freed is
// usable again.
func enospc(_ []string) {
	big := make([]byte, 1<<20)
	err := os.WriteFile("big", big, 0o644)
	fmt.Println("write 1 MiB:", err, errors.Is(err, syscall.ENOSPC))
	say("remove big", os.Remove("big"))
	say("write small", os.WriteFile("small", []byte("fits"), 0o644))
	fmt.Println("read small:", read("small"))
}

// exdev FROM TO: moving or linking between two mounts is refused.
func exdev(args []string) {
	from, to := args[0], args[1]
	say("write "+from, os.WriteFile(from, []byte("x"), 0o644))
	err := os.Rename(from, to)
	fmt.Println("rename across:", err, errors.Is(err, syscall.EXDEV))
	err = os.Link(from, to)
	fmt.Println("link across:", err, errors.Is(err, syscall.EXDEV))
}

// escape SECRET: a confined directory gives no way to SECRET (an absolute
// host path outside it), through `..`, absolute paths or symbolic links.
// `hostlink` is a link planted by the host, pointing outside.
func escape(args []string) {
	secret := args[0]
	rel := "../outside/secret.txt"
	fmt.Println("read ../:", read(rel))
	fmt.Println("read /../../:", read("/../../outside/secret.txt"))
	fmt.Println("read host path:", read(secret))
	say("symlink to host path", os.Symlink(secret, "l-abs"))
	fmt.Println("read l-abs:", read("l-abs"))
	say("symlink up", os.Symlink("../../../"+rel, "l-up"))
	fmt.Println("read l-up:", read("l-up"))
	fmt.Println("read hostlink/secret.txt:", read("hostlink/secret.txt"))
	entries, err := os.ReadDir("/..")
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	fmt.Println("readdir /..:", names, err)
	say("write ../escaped.txt", os.WriteFile("../escaped.txt", []byte("x"), 0o644))
	say("chdir ../..", os.Chdir("../.."))
	wd, _ := os.Getwd()
	fmt.Println("getwd:", wd)
}

// chdir DIR: the working directory moves only within the namespace.
func chdir(args []string) {
	wd, _ := os.Getwd()
	fmt.Println("start:", wd)
	say("chdir /etc", os.Chdir("/etc"))
	say("chdir "+args[0], os.Chdir(args[0]))
	wd, _ = os.Getwd()
	fmt.Println("now:", wd)
	say("chdir missing", os.Chdir("missing"))
	say("chdir ..", os.Chdir(".."))
	wd, _ = os.Getwd()
	fmt.Println("now:", wd)
	entries, err := os.ReadDir(".")
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	fmt.Println("readdir:", names, err)
	err = os.WriteFile("top.txt", []byte("x"), 0o644)
	fmt.Println("create above the mounts:", err, errors.Is(err, syscall.EROFS))
}

// nocwd runs in a working directory deleted before the program started
// (node: process.cwd() throws ENOENT uv_cwd; relative paths resolve in the
// deleted directory).
func nocwd(args []string) {
	wd, err := os.Getwd()
	fmt.Printf("getwd: %q %v\n", wd, err)
	_, err = os.Stat(".")
	say("stat .", err)
	say("create x.txt", os.WriteFile("x.txt", []byte("x"), 0o644))
	say("chdir ..", os.Chdir(".."))
	say("chdir /", os.Chdir("/"))
	wd, err = os.Getwd()
	fmt.Printf("getwd: %q %v\n", wd, err)
}

// nocwdOpen opens "." in a deleted working directory: os.Open makes the
// path absolute with path.resolve, which throws (node's ENOENT uv_cwd), and
// Go panics, as under node.
func nocwdOpen(args []string) {
	_, err := os.ReadDir(".")
	say("readdir .", err)
}

// whoami prints what a program learns of where it runs: its directory,
// environment, ids, what / holds, whether it can write /tmp and read host
// files.
func whoami(args []string) {
	wd, err := os.Getwd()
	fmt.Println("cwd:", wd, err)
	fmt.Println("env:", os.Environ())
	fmt.Println("pid:", os.Getpid(), "ppid:", os.Getppid())
	fmt.Println("uid:", os.Getuid(), os.Geteuid(), "gid:", os.Getgid(), os.Getegid())
	groups, err := os.Getgroups()
	fmt.Println("groups:", groups, err)
	entries, err := os.ReadDir("/")
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	fmt.Println("/:", names, err)
	say("write /tmp/probe", os.WriteFile("/tmp/probe", []byte("x"), 0o644))
	for _, path := range args {
		_, err := os.ReadFile(path)
		say("read "+path, err)
	}
}
