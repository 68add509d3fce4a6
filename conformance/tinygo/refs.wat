;; TinyGo's reference table: its id map starts empty, so globalThis met as a value gets a
;; fresh id (not the predefined 5) and freeing it returns the id to the pool; finalizeRef of
;; an id it never counted is reported on stderr. Strings: valueLength, valuePrepareString +
;; valueLoadString, and copyBytesToGo's "not a Uint8Array" status. Exit code: the length of
;; "h\u00e9llo" (5) plus 10 times the copy status (0).
(module
  (import "gojs" "syscall/js.valueGet" (func $get (param i64 i32 i32) (result i64)))
  (import "gojs" "syscall/js.finalizeRef" (func $finalize (param i64)))
  (import "gojs" "syscall/js.stringVal" (func $str (param i32 i32) (result i64)))
  (import "gojs" "syscall/js.valueLength" (func $len (param i64) (result i32)))
  (import "gojs" "syscall/js.valuePrepareString" (func $prepare (param i32 i64)))
  (import "gojs" "syscall/js.valueLoadString" (func $load (param i64 i32 i32 i32)))
  (import "gojs" "syscall/js.copyBytesToGo" (func $to_go (param i32 i32 i32 i32 i64)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "globalThis")        ;; 10
  (data (i32.const 120) "fresh\n")           ;; 6
  (data (i32.const 130) "same\n")            ;; 5
  (data (i32.const 140) "reused\n")          ;; 7
  (data (i32.const 150) "h\c3\a9llo")        ;; 6 bytes, 5 UTF-16 units
  (data (i32.const 160) "\n")
  (global $global i64 (i64.const 0x7FF8000100000005))
  (func $print (param $at i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $at))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (local $r i64)
    (local $s i64)
    (local $n i32)
    (local.set $r (call $get (global.get $global) (i32.const 100) (i32.const 10)))
    (if (i64.eq (i64.and (local.get $r) (i64.const 0xffffffff)) (i64.const 5))
      (then (call $print (i32.const 130) (i32.const 5)))
      (else (call $print (i32.const 120) (i32.const 6))))
    (call $finalize (global.get $global))
    (call $finalize (local.get $r))
    (if (i64.eq (call $get (global.get $global) (i32.const 100) (i32.const 10)) (local.get $r))
      (then (call $print (i32.const 140) (i32.const 7))))
    (local.set $s (call $str (i32.const 150) (i32.const 6)))
    (local.set $n (call $len (local.get $s)))
    ;; String(3.5) prepared, then loaded at 600 and printed with a newline.
    (call $prepare (i32.const 500) (i64.reinterpret_f64 (f64.const 3.5)))
    (call $load (i64.load (i32.const 500)) (i32.const 600) (i32.load (i32.const 508)) (i32.const 16))
    (call $print (i32.const 600) (i32.load (i32.const 508)))
    (call $print (i32.const 160) (i32.const 1))
    ;; copyBytesToGo from a string: status byte at 524 is 0.
    (i32.store8 (i32.const 524) (i32.const 9))
    (call $to_go (i32.const 520) (i32.const 700) (i32.const 4) (i32.const 4) (local.get $s))
    (call $exit (i32.add (local.get $n) (i32.mul (i32.const 10) (i32.load8_u (i32.const 524))))))
  (func (export "resume"))
  (func (export "go_scheduler")))
