//! This tests that the file functions answer hostile and careless guests
//! with errnos, never a host panic or a guest-sized allocation: bad
//! descriptors, pointers and lengths outside memory, lengths of 4 GiB,
//! `dirent` buffers too small for one entry, paths that leave their
//! preopen, changes beneath a read-only preopen, more descriptors than
//! the table holds — each errno the one wasmtime gives.
//!
//! Each test runs a small module whose `_start` is the test's body; the
//! body reports values with `(call $check …)`, and the harness reads them
//! back (they are written to stdout when `_start` ends).

use gojs_vfs::{FileSystem, MemFs};
use gojs_wasip1::{Command, RunError, Wasip1Module};
use std::{
    io::Write,
    sync::{Arc, Mutex},
};

const EBADF: i32 = 8;
const EFAULT: i32 = 21;
const EILSEQ: i32 = 25;
const EINVAL: i32 = 28;
const EMFILE: i32 = 33;
const ENAMETOOLONG: i32 = 37;
const ENOENT: i32 = 44;
const ENOTDIR: i32 = 54;
const EPERM: i32 = 63;
const ESPIPE: i32 = 70;

/// The imports the bodies call, the `$check` reporter, and `data`.
fn module(body: &str, data: &str) -> Wasip1Module {
    let wat = format!(
        r#"(module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_pwrite" (func $fd_pwrite (param i32 i32 i32 i64 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_renumber" (func $fd_renumber (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_filestat_set_size" (func $fd_filestat_set_size (param i32 i64) (result i32)))
          (import "wasi_snapshot_preview1" "fd_filestat_set_times" (func $fd_filestat_set_times (param i32 i64 i64 i32) (result i32)))
          (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "path_symlink" (func $path_symlink (param i32 i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "path_filestat_get" (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (global $n (mut i32) (i32.const 0))
          (func $check (param i32)
            (i32.store (i32.add (i32.const 0x8000) (i32.shl (global.get $n) (i32.const 2))) (local.get 0))
            (global.set $n (i32.add (global.get $n) (i32.const 1))))
          ;; path_open of the path at `ptr` (`len` bytes) beneath `dir`, the new
          ;; descriptor at 0x7000; read and write rights.
          (func $open (param $dir i32) (param $ptr i32) (param $len i32) (param $oflags i32) (result i32)
            (call $path_open (local.get $dir) (i32.const 1) (local.get $ptr) (local.get $len)
              (local.get $oflags) (i64.const 0x42) (i64.const 0) (i32.const 0) (i32.const 0x7000)))
          {data}
          (func (export "_start")
            {body}
            (i32.store (i32.const 0x7ff0) (i32.const 0x8000))
            (i32.store (i32.const 0x7ff4) (i32.shl (global.get $n) (i32.const 2)))
            (drop (call $fd_write (i32.const 1) (i32.const 0x7ff0) (i32.const 1) (i32.const 0x7ff8)))))"#
    );
    let wasm = wat::parse_str(wat).expect("the test module is valid");
    Wasip1Module::new(&wasm, Default::default()).expect("a command")
}

/// A `Write` whose bytes can be read back.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `/data` (`file.txt` holding "hello", an empty `sub/`, a link `up` to
/// `../outside`) and `/outside`.
fn tree() -> MemFs {
    let fs = MemFs::new();
    fs.create_dir_all("/data/sub").unwrap();
    fs.write_file("/data/file.txt", b"hello").unwrap();
    fs.write_file("/outside", b"secret").unwrap();
    fs.symlink("../outside", "/data/up").unwrap();
    fs
}

/// Runs `body` with `/data` of [`tree`] preopened as fd 3 (read-only if
/// `read_only`) and returns what it checked.
fn checks(body: &str, data: &str, read_only: bool) -> Vec<i32> {
    let command = Command::new(["t.wasm"]).filesystem(tree());
    let command = match read_only {
        true => command.preopen_read_only("/data"),
        false => command.preopen("/data"),
    };
    run(command, body, data)
}

fn run(command: Command, body: &str, data: &str) -> Vec<i32> {
    let out = Captured::default();
    let code = command
        .stdout(out.clone())
        .run(&module(body, data))
        .expect("the command runs");
    assert_eq!(code, 0);
    let bytes = out.0.lock().unwrap().clone();
    bytes
        .chunks_exact(4)
        .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

const PATHS: &str = r#"(data (i32.const 0x100) "file.txt")
    (data (i32.const 0x110) "../outside")
    (data (i32.const 0x120) "up")
    (data (i32.const 0x130) "/outside")
    (data (i32.const 0x140) "sub")
    (data (i32.const 0x150) "\ff\fe")
    (data (i32.const 0x160) "new.txt")"#;

#[test]
fn bad_descriptors_are_ebadf_and_the_wrong_kind_its_own_errno() {
    let got = checks(
        "(call $check (call $fd_read (i32.const 99) (i32.const 0) (i32.const 0) (i32.const 0x7100)))
         (call $check (call $fd_write (i32.const -1) (i32.const 0) (i32.const 0) (i32.const 0x7100)))
         (call $check (call $fd_close (i32.const 99)))
         (call $check (call $fd_seek (i32.const 99) (i64.const 0) (i32.const 0) (i32.const 0x7100)))
         (call $check (call $open (i32.const 99) (i32.const 0x100) (i32.const 8) (i32.const 0)))
         ;; stdio is no directory, and cannot seek.
         (call $check (call $open (i32.const 1) (i32.const 0x100) (i32.const 8) (i32.const 0)))
         (call $check (call $fd_seek (i32.const 1) (i64.const 0) (i32.const 0) (i32.const 0x7100)))
         (call $check (call $fd_pwrite (i32.const 1) (i32.const 0) (i32.const 0) (i64.const 0) (i32.const 0x7100)))
         ;; A file (fd 4) is no directory; a directory no file.
         (call $check (call $open (i32.const 3) (i32.const 0x100) (i32.const 8) (i32.const 0)))
         (call $check (i32.load (i32.const 0x7000)))
         (call $check (call $open (i32.const 4) (i32.const 0x100) (i32.const 8) (i32.const 0)))
         (call $check (call $fd_readdir (i32.const 4) (i32.const 0x1000) (i32.const 100) (i64.const 0) (i32.const 0x7100)))
         (call $check (call $fd_prestat_dir_name (i32.const 4) (i32.const 0x1000) (i32.const 100)))
         (call $check (call $fd_prestat_get (i32.const 4) (i32.const 0x1000)))
         (call $check (call $fd_read (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0x7100)))
         (call $check (call $fd_filestat_set_size (i32.const 3) (i64.const 0)))
         ;; Closed stdout is closed; renumbering needs both ends open.
         (call $check (call $fd_renumber (i32.const 4) (i32.const 99)))
         (call $check (call $fd_close (i32.const 4)))
         (call $check (call $fd_close (i32.const 4)))
         (call $check (call $fd_close (i32.const 2)))
         (call $check (call $fd_write (i32.const 2) (i32.const 0) (i32.const 0) (i32.const 0x7100)))",
        PATHS,
        false,
    );
    assert_eq!(
        got,
        [
            EBADF, EBADF, EBADF, EBADF, EBADF, EBADF, ESPIPE, ESPIPE, 0, 4, ENOTDIR, EBADF,
            ENOTDIR, EBADF, EBADF, EBADF, EBADF, 0, EBADF, 0, EBADF
        ]
    );
}

#[test]
fn pointers_outside_memory_are_efault_and_leak_no_descriptor() {
    let got = checks(
        ";; The path, then the result pointer, outside memory.
         (call $check (call $open (i32.const 3) (i32.const 0xfffffff0) (i32.const 16) (i32.const 0)))
         (call $check (call $path_open (i32.const 3) (i32.const 1) (i32.const 0x100) (i32.const 8)
           (i32.const 0) (i64.const 0x42) (i64.const 0) (i32.const 0) (i32.const 0xfffffffe)))
         ;; So the next open is fd 4.
         (call $check (call $open (i32.const 3) (i32.const 0x100) (i32.const 8) (i32.const 0)))
         (call $check (i32.load (i32.const 0x7000)))
         (call $check (call $fd_filestat_get (i32.const 4) (i32.const 65500)))
         (call $check (call $fd_prestat_dir_name (i32.const 3) (i32.const 65534) (i32.const 5)))
         (call $check (call $fd_readdir (i32.const 3) (i32.const 65530) (i32.const 100) (i64.const 0) (i32.const 0x7100)))
         ;; An iovec whose buffer is past the end; an iovec array past the end.
         (i32.store (i32.const 0x2000) (i32.const 65530)) (i32.store (i32.const 0x2004) (i32.const 16))
         (call $check (call $fd_read (i32.const 4) (i32.const 0x2000) (i32.const 1) (i32.const 0x7100)))
         (call $check (call $fd_write (i32.const 4) (i32.const 0x2000) (i32.const 1) (i32.const 0x7100)))
         (call $check (call $fd_read (i32.const 4) (i32.const 65532) (i32.const 2) (i32.const 0x7100)))",
        PATHS,
        false,
    );
    assert_eq!(
        got,
        [
            EFAULT, EFAULT, 0, 4, EFAULT, EFAULT, EFAULT, EFAULT, EFAULT, EFAULT
        ]
    );
}

#[test]
fn lengths_of_4_gib_are_refused_or_cost_only_what_is_there() {
    let got = checks(
        "(call $check (call $open (i32.const 3) (i32.const 0x100) (i32.const -1) (i32.const 0)))
         ;; A path in memory but longer than PATH_MAX.
         (call $check (call $open (i32.const 3) (i32.const 0x100) (i32.const 5000) (i32.const 0)))
         (call $check (call $open (i32.const 3) (i32.const 0x100) (i32.const 8) (i32.const 0)))
         (i32.store (i32.const 0x2000) (i32.const 0)) (i32.store (i32.const 0x2004) (i32.const -1))
         (call $check (call $fd_read (i32.const 4) (i32.const 0x2000) (i32.const 1) (i32.const 0x7100)))
         (call $check (call $fd_write (i32.const 4) (i32.const 0x2000) (i32.const 1) (i32.const 0x7100)))
         (call $check (call $fd_write (i32.const 4) (i32.const 0x2000) (i32.const -1) (i32.const 0x7100)))
         ;; A 4 GiB dirent buffer at 0: only the entries are written.
         (call $check (call $fd_readdir (i32.const 3) (i32.const 0) (i32.const -1) (i64.const 0) (i32.const 0x7100)))
         (call $check (i32.load (i32.const 0x7100)))",
        PATHS,
        false,
    );
    // ".", "..", file.txt, sub, up: five headers and 1 + 2 + 8 + 3 + 2 bytes of names.
    assert_eq!(
        got,
        [
            EFAULT,
            ENAMETOOLONG,
            0,
            EFAULT,
            EFAULT,
            EFAULT,
            0,
            5 * 24 + 16
        ]
    );
}

#[test]
fn a_dirent_buffer_too_small_is_filled_and_reported_full() {
    let got = checks(
        "(call $check (call $fd_readdir (i32.const 3) (i32.const 0x1000) (i32.const 0) (i64.const 0) (i32.const 0x7100)))
         (call $check (i32.load (i32.const 0x7100)))
         ;; 10 bytes: a cut header (d_next of `.`).
         (call $check (call $fd_readdir (i32.const 3) (i32.const 0x1000) (i32.const 10) (i64.const 0) (i32.const 0x7100)))
         (call $check (i32.load (i32.const 0x7100)))
         (call $check (i32.load (i32.const 0x1000)))
         ;; 25 bytes: exactly `.`, whose header says cookie 1, 1 byte, a directory.
         (call $check (call $fd_readdir (i32.const 3) (i32.const 0x1000) (i32.const 25) (i64.const 0) (i32.const 0x7100)))
         (call $check (i32.load (i32.const 0x7100)))
         (call $check (i32.load (i32.const 0x1010)))
         (call $check (i32.load8_u (i32.const 0x1014)))
         (call $check (i32.load8_u (i32.const 0x1018)))
         ;; From cookie 2: the first name (entries in byte order), `file.txt`, cut.
         (call $check (call $fd_readdir (i32.const 3) (i32.const 0x1000) (i32.const 28) (i64.const 2) (i32.const 0x7100)))
         (call $check (i32.load (i32.const 0x7100)))
         (call $check (i32.load (i32.const 0x1000)))
         (call $check (i32.load (i32.const 0x1018)))
         ;; Past the last entry: nothing.
         (call $check (call $fd_readdir (i32.const 3) (i32.const 0x1000) (i32.const 100) (i64.const -1) (i32.const 0x7100)))
         (call $check (i32.load (i32.const 0x7100)))",
        PATHS,
        false,
    );
    assert_eq!(
        got,
        [
            0,
            0,
            0,
            10,
            1,
            0,
            25,
            1,
            3,
            i32::from(b'.'),
            0,
            28,
            3,
            i32::from_le_bytes(*b"file"),
            0,
            0
        ]
    );
}

#[test]
fn paths_leaving_the_preopen_are_eperm() {
    let got = checks(
        "(call $check (call $open (i32.const 3) (i32.const 0x110) (i32.const 10) (i32.const 0)))
         (call $check (call $open (i32.const 3) (i32.const 0x130) (i32.const 8) (i32.const 0)))
         ;; Through a link to ../outside, followed; not followed it is the link.
         (call $check (call $open (i32.const 3) (i32.const 0x120) (i32.const 2) (i32.const 0)))
         (call $check (call $path_filestat_get (i32.const 3) (i32.const 1) (i32.const 0x120) (i32.const 2) (i32.const 0x1000)))
         (call $check (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 0x120) (i32.const 2) (i32.const 0x1000)))
         (call $check (i32.load8_u (i32.const 0x1010)))
         ;; No link to an absolute target can be made.
         (call $check (call $path_symlink (i32.const 0x130) (i32.const 8) (i32.const 3) (i32.const 0x160) (i32.const 7)))
         ;; Not UTF-8; empty.
         (call $check (call $open (i32.const 3) (i32.const 0x150) (i32.const 2) (i32.const 0)))
         (call $check (call $open (i32.const 3) (i32.const 0x100) (i32.const 0) (i32.const 0)))",
        PATHS,
        false,
    );
    assert_eq!(
        got,
        [EPERM, EPERM, EPERM, EPERM, 0, 7, EPERM, EILSEQ, ENOENT]
    );
}

#[test]
fn a_read_only_preopen_refuses_changes_with_eperm() {
    let got = checks(
        ";; Create, and open for writing (rights FD_WRITE), are refused before lookup.
         (call $check (call $open (i32.const 3) (i32.const 0x160) (i32.const 7) (i32.const 1)))
         (call $check (call $open (i32.const 3) (i32.const 0x110) (i32.const 10) (i32.const 1)))
         (call $check (call $path_open (i32.const 3) (i32.const 1) (i32.const 0x100) (i32.const 8)
           (i32.const 0) (i64.const 0x40) (i64.const 0) (i32.const 0) (i32.const 0x7000)))
         ;; Reading is fine; the file's size and times are not to be changed.
         (call $check (call $path_open (i32.const 3) (i32.const 1) (i32.const 0x100) (i32.const 8)
           (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 0x7000)))
         (call $check (call $fd_filestat_set_size (i32.const 4) (i64.const 0)))
         (call $check (call $fd_filestat_set_times (i32.const 4) (i64.const 0) (i64.const 0) (i32.const 5)))
         (call $check (call $path_symlink (i32.const 0x100) (i32.const 8) (i32.const 3) (i32.const 0x160) (i32.const 7)))
         ;; A time given and `now` at once is EINVAL, whatever the permission.
         (call $check (call $fd_filestat_set_times (i32.const 4) (i64.const 0) (i64.const 0) (i32.const 3)))",
        PATHS,
        true,
    );
    assert_eq!(got, [EPERM, EPERM, EPERM, 0, EPERM, EPERM, EPERM, EINVAL]);
}

#[test]
fn preopens_are_numbered_and_named_in_order() {
    let fs = tree();
    fs.create_dir_all("/data/sub/deeper").unwrap();
    let command = Command::new(["t.wasm"])
        .filesystem(fs)
        .preopen("/data")
        .preopen("data/sub/");
    let got = run(
        command,
        "(call $check (call $fd_prestat_get (i32.const 3) (i32.const 0x1000)))
         (call $check (i32.load (i32.const 0x1000)))
         (call $check (i32.load (i32.const 0x1004)))
         (call $check (call $fd_prestat_get (i32.const 4) (i32.const 0x1000)))
         (call $check (i32.load (i32.const 0x1004)))
         ;; The name as given, which must fit.
         (call $check (call $fd_prestat_dir_name (i32.const 4) (i32.const 0x1000) (i32.const 8)))
         (call $check (call $fd_prestat_dir_name (i32.const 4) (i32.const 0x1000) (i32.const 9)))
         (call $check (i32.load (i32.const 0x1000)))
         (call $check (call $fd_prestat_get (i32.const 5) (i32.const 0x1000)))
         ;; fd 4 is /data/sub: `deeper` is beneath it, `file.txt` is not.
         (call $check (call $path_filestat_get (i32.const 4) (i32.const 0) (i32.const 0x1100) (i32.const 6) (i32.const 0x1200)))
         (call $check (call $path_filestat_get (i32.const 4) (i32.const 0) (i32.const 0x100) (i32.const 8) (i32.const 0x1200)))",
        &format!(r#"{PATHS} (data (i32.const 0x1100) "deeper")"#),
    );
    assert_eq!(
        got,
        [
            0,
            0,
            5,
            0,
            9,
            ENAMETOOLONG,
            0,
            i32::from_le_bytes(*b"data"),
            EBADF,
            0,
            ENOENT
        ]
    );
}

#[test]
fn a_preopen_must_be_a_directory_of_the_filesystem() {
    let m = module("", "");
    let preopen_error = |command: Command| match command.run(&m) {
        Err(RunError::Preopen { dir, errno }) => (dir, errno),
        other => panic!("{other:?}"),
    };
    let fs = tree();
    assert_eq!(
        preopen_error(Command::new(["t"]).filesystem(fs.clone()).preopen("/nope")),
        ("/nope".into(), gojs_vfs::Errno::ENOENT)
    );
    assert_eq!(
        preopen_error(Command::new(["t"]).filesystem(fs).preopen("/data/file.txt")),
        ("/data/file.txt".into(), gojs_vfs::Errno::ENOTDIR)
    );
    assert_eq!(
        preopen_error(Command::new(["t"]).preopen("/")),
        ("/".into(), gojs_vfs::Errno::ENOENT)
    );
}

#[test]
fn the_descriptor_table_is_bounded() {
    // Open file.txt until the table is full: 65 536 descriptors, 0–3 taken.
    let got = checks(
        "(local $i i32) (local $e i32)
         (loop $again
           (local.set $e (call $open (i32.const 3) (i32.const 0x100) (i32.const 8) (i32.const 0)))
           (if (i32.eqz (local.get $e))
             (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $again))))
         (call $check (local.get $e))
         (call $check (local.get $i))
         (call $check (call $fd_close (i32.const 1000)))
         (call $check (call $open (i32.const 3) (i32.const 0x100) (i32.const 8) (i32.const 0)))
         (call $check (i32.load (i32.const 0x7000)))",
        PATHS,
        false,
    );
    assert_eq!(got, [EMFILE, 65_536 - 4, 0, 0, 1000]);
}

#[test]
fn files_written_are_in_the_filesystem_after_the_run() {
    let fs = tree();
    let got = run(
        Command::new(["t"]).filesystem(fs.clone()).preopen("/data"),
        ";; Create new.txt and write the 5 bytes at 0x1100 to it.
         (call $check (call $open (i32.const 3) (i32.const 0x160) (i32.const 7) (i32.const 1)))
         (i32.store (i32.const 0x2000) (i32.const 0x1100)) (i32.store (i32.const 0x2004) (i32.const 5))
         (call $check (call $fd_write (i32.load (i32.const 0x7000)) (i32.const 0x2000) (i32.const 1) (i32.const 0x7100)))
         (call $check (i32.load (i32.const 0x7100)))
         (call $check (call $fd_seek (i32.load (i32.const 0x7000)) (i64.const -2) (i32.const 2) (i32.const 0x7100)))
         (call $check (i32.load (i32.const 0x7100)))",
        &format!(r#"{PATHS} (data (i32.const 0x1100) "bytes")"#),
    );
    assert_eq!(got, [0, 0, 5, 0, 3]);
    assert_eq!(fs.read_file("/data/new.txt").unwrap(), b"bytes");
    assert!(fs.metadata("/data/new.txt", false).unwrap().is_file());
}

#[test]
fn now_is_the_commands_clock_and_a_kept_time_is_kept() {
    let start: u64 = 1_767_225_600_000_000_000;
    let fs = tree();
    let got = run(
        Command::new(["t"])
            .filesystem(fs.clone())
            .preopen("/data")
            .virtual_clock(start),
        ";; file.txt: atime given (1 s), mtime now; then mtime given, atime kept.
         (call $check (call $open (i32.const 3) (i32.const 0x100) (i32.const 8) (i32.const 0)))
         (call $check (call $fd_filestat_set_times (i32.const 4) (i64.const 1000000000) (i64.const 0) (i32.const 9)))
         (call $check (call $fd_filestat_get (i32.const 4) (i32.const 0x1000)))
         (call $check (i64.eq (i64.load (i32.const 0x1028)) (i64.const 1000000000)))
         (call $check (i64.eq (i64.load (i32.const 0x1030)) (i64.const 1767225600000000000)))
         (call $check (call $fd_filestat_set_times (i32.const 4) (i64.const 0) (i64.const 2000000000) (i32.const 4)))
         (call $check (call $fd_filestat_get (i32.const 4) (i32.const 0x1000)))
         (call $check (i64.eq (i64.load (i32.const 0x1028)) (i64.const 1000000000)))
         (call $check (i64.eq (i64.load (i32.const 0x1030)) (i64.const 2000000000)))",
        PATHS,
    );
    assert_eq!(got, [0, 0, 0, 1, 1, 0, 0, 1, 1]);
    let meta = fs.metadata("/data/file.txt", true).unwrap();
    assert_eq!((meta.atime_ms, meta.mtime_ms), (1000.0, 2000.0));
}
