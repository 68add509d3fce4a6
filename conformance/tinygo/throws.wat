;; Exceptions: valueCall of a missing method and valueInvoke with a negative argument count
;; are caught by the glue and handed to Go (ok = 0), whose names are logged; a valueGet whose
;; name pointer is negative throws a RangeError out of _start: the runner reports it and
;; exits 1 (its stderr is a stack trace, not compared): only its first line is.
(module
  (import "gojs" "syscall/js.valueGet" (func $get (param i64 i32 i32) (result i64)))
  (import "gojs" "syscall/js.valueCall" (func $call (param i32 i64 i32 i32 i32 i32 i32)))
  (import "gojs" "syscall/js.valueInvoke" (func $invoke (param i32 i64 i32 i32 i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "noSuchMethod")      ;; 12
  (data (i32.const 120) "console")           ;; 7
  (data (i32.const 130) "log")               ;; 3
  (data (i32.const 140) "name")              ;; 4
  (data (i32.const 150) "parseInt")          ;; 8
  (global $global i64 (i64.const 0x7FF8000100000005))
  (func $log_name (param $ok_at i32) (param $err_at i32)
    (local $console i64)
    (if (i32.load8_u (local.get $ok_at)) (then (call $exit (i32.const 90))))
    (local.set $console (call $get (global.get $global) (i32.const 120) (i32.const 7)))
    (i64.store (i32.const 440) (call $get (i64.load (local.get $err_at)) (i32.const 140) (i32.const 4)))
    (call $call (i32.const 460) (local.get $console) (i32.const 130) (i32.const 3) (i32.const 440) (i32.const 1) (i32.const 1)))
  (func (export "_start")
    (call $call (i32.const 500) (global.get $global) (i32.const 100) (i32.const 12) (i32.const 0) (i32.const 0) (i32.const 0))
    (call $log_name (i32.const 508) (i32.const 500))
    (call $invoke (i32.const 520) (call $get (global.get $global) (i32.const 150) (i32.const 8)) (i32.const 0) (i32.const -1) (i32.const 0))
    (call $log_name (i32.const 528) (i32.const 520))
    (drop (call $get (global.get $global) (i32.const -8) (i32.const 4)))
    (call $exit (i32.const 91)))
  (func (export "resume"))
  (func (export "go_scheduler")))
