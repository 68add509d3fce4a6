;; A js.FuncOf as TinyGo makes one: go._makeFuncWrapper(42), handed to setTimeout. When it
;; fires, the glue sets go._pendingEvent and calls the resume export, which reads the event's
;; id, logs through console.log, and exits with the id from inside resume (the glue's _resume
;; catches that exit). Exit code 42.
(module
  (import "gojs" "syscall/js.valueGet" (func $get (param i64 i32 i32) (result i64)))
  (import "gojs" "syscall/js.valueCall" (func $call (param i32 i64 i32 i32 i32 i32 i32)))
  (import "gojs" "syscall/js.stringVal" (func $str (param i32 i32) (result i64)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "_makeFuncWrapper")  ;; 16
  (data (i32.const 120) "setTimeout")        ;; 10
  (data (i32.const 140) "_pendingEvent")     ;; 13
  (data (i32.const 160) "id")                ;; 2
  (data (i32.const 170) "console")           ;; 7
  (data (i32.const 180) "log")               ;; 3
  (data (i32.const 190) "called back")       ;; 11
  ;; predefined refs: globalThis (5) and go (6), objects
  (global $global i64 (i64.const 0x7FF8000100000005))
  (global $go i64 (i64.const 0x7FF8000100000006))
  (func (export "_start")
    ;; args at 400: [42.0]
    (i64.store (i32.const 400) (i64.reinterpret_f64 (f64.const 42)))
    (call $call (i32.const 500) (global.get $go) (i32.const 100) (i32.const 16) (i32.const 400) (i32.const 1) (i32.const 1))
    ;; args at 420: [fn, 1.0]
    (i64.store (i32.const 420) (i64.load (i32.const 500)))
    (i64.store (i32.const 428) (i64.reinterpret_f64 (f64.const 1)))
    (call $call (i32.const 520) (global.get $global) (i32.const 120) (i32.const 10) (i32.const 420) (i32.const 2) (i32.const 2)))
  (func (export "resume")
    (local $event i64)
    (local $console i64)
    (local.set $event (call $get (global.get $go) (i32.const 140) (i32.const 13)))
    (local.set $console (call $get (global.get $global) (i32.const 170) (i32.const 7)))
    (i64.store (i32.const 440) (call $str (i32.const 190) (i32.const 11)))
    (call $call (i32.const 540) (local.get $console) (i32.const 180) (i32.const 3) (i32.const 440) (i32.const 1) (i32.const 1))
    (call $exit (i32.trunc_f64_s (f64.reinterpret_i64
      (call $get (local.get $event) (i32.const 160) (i32.const 2))))))
  (func (export "go_scheduler")))
