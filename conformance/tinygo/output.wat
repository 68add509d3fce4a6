;; TinyGo's fd_write: fd 1 is printed by console.log a line at a time (CR dropped, the
;; unterminated tail never printed), any other fd is reported on stderr and nothing is
;; written; proc_exit(code) ends the run. Exit code: nwritten of both writes (25 + 0).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "one\r\ntwo\nthr")
  (data (i32.const 200) "ee\nunfinished")
  (data (i32.const 300) "to stderr\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.const 12))
    (i32.store (i32.const 8) (i32.const 200))
    (i32.store (i32.const 12) (i32.const 13))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 2) (i32.const 40)))
    (i32.store (i32.const 16) (i32.const 300))
    (i32.store (i32.const 20) (i32.const 10))
    (drop (call $fd_write (i32.const 2) (i32.const 16) (i32.const 1) (i32.const 44)))
    (call $exit (i32.add (i32.load (i32.const 40)) (i32.load (i32.const 44)))))
  (func (export "resume"))
  (func (export "go_scheduler")))
