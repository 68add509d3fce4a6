;; Bad arguments to every import of TinyGo's glue, one per case: the case number comes from
;; the environment (parseInt(process.env.GOJS_TINYGO_CASE)), and each case makes one call
;; that JS answers with an exception (uncaught: the runner reports it, exit 1) or with a
;; report. The recorder runs cases 1 to 20 (0 would be boxed as a ref, not a number); under
;; gojs none may end as a host error.
;; (its stderr is a stack trace, not compared): only its first line is.
;; cases: 20
(module
  (import "gojs" "syscall/js.valueGet" (func $get (param i64 i32 i32) (result i64)))
  (import "gojs" "syscall/js.valueSet" (func $set (param i64 i32 i32 i64)))
  (import "gojs" "syscall/js.valueCall" (func $call (param i32 i64 i32 i32 i32 i32 i32)))
  (import "gojs" "syscall/js.valueNew" (func $new (param i32 i64 i32 i32 i32)))
  (import "gojs" "syscall/js.valueIndex" (func $index (param i64 i32) (result i64)))
  (import "gojs" "syscall/js.valueLength" (func $len (param i64) (result i32)))
  (import "gojs" "syscall/js.stringVal" (func $str (param i32 i32) (result i64)))
  (import "gojs" "syscall/js.valuePrepareString" (func $prepare (param i32 i64)))
  (import "gojs" "syscall/js.valueLoadString" (func $load (param i64 i32 i32 i32)))
  (import "gojs" "syscall/js.copyBytesToGo" (func $to_go (param i32 i32 i32 i32 i64)))
  (import "gojs" "syscall/js.copyBytesToJS" (func $to_js (param i32 i64 i32 i32 i32)))
  (import "gojs" "syscall/js.finalizeRef" (func $finalize (param i64)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "process")           ;; 7
  (data (i32.const 110) "env")               ;; 3
  (data (i32.const 120) "GOJS_TINYGO_CASE")  ;; 16
  (data (i32.const 140) "parseInt")          ;; 8
  (data (i32.const 150) "Uint8Array")        ;; 10
  (data (i32.const 170) "partial line\nand more")
  (global $global i64 (i64.const 0x7FF8000100000005))
  (func $case (result i32)
    (local $env i64)
    (local.set $env (call $get (call $get (global.get $global) (i32.const 100) (i32.const 7)) (i32.const 110) (i32.const 3)))
    (i64.store (i32.const 400) (call $get (local.get $env) (i32.const 120) (i32.const 16)))
    (call $call (i32.const 420) (global.get $global) (i32.const 140) (i32.const 8) (i32.const 400) (i32.const 1) (i32.const 1))
    (i32.trunc_f64_s (f64.reinterpret_i64 (i64.load (i32.const 420)))))
  (func (export "_start")
    (block $b19 (block $b18 (block $b17 (block $b16 (block $b15 (block $b14 (block $b13 (block $b12
    (block $b11 (block $b10 (block $b9 (block $b8 (block $b7 (block $b6 (block $b5 (block $b4
    (block $b3 (block $b2 (block $b1 (block $b0
      (br_table $b0 $b1 $b2 $b3 $b4 $b5 $b6 $b7 $b8 $b9 $b10 $b11 $b12 $b13 $b14 $b15 $b16 $b17 $b18 $b19
        (i32.sub (call $case) (i32.const 1))))
      ;; 1: stringVal's pointer through >>> 0 is 4294967295: past the end
      (drop (call $str (i32.const -1) (i32.const 1))) (return))
      ;; 2: a negative length
      (drop (call $str (i32.const 0) (i32.const -1))) (return))
      ;; 3: a property name at a negative pointer
      (drop (call $get (global.get $global) (i32.const -8) (i32.const 4))) (return))
      ;; 4: a name running past the end of memory
      (drop (call $get (global.get $global) (i32.const 65530) (i32.const 100))) (return))
      ;; 5: valueSet with a 2 GiB name
      (call $set (global.get $global) (i32.const 0) (i32.const 0x7fffffff) (i64.const 0)) (return))
      ;; 6: valueCall's result slot outside memory (the TypeError of calling undefined is caught, storing it is not)
      (call $call (i32.const -100) (global.get $global) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)) (return))
      ;; 7: valueCall's arguments at a negative pointer
      (call $call (i32.const 0) (global.get $global) (i32.const 140) (i32.const 8) (i32.const -8) (i32.const 2) (i32.const 2)) (return))
      ;; 8: valueNew with a million arguments past the end
      (call $new (i32.const 0) (call $get (global.get $global) (i32.const 150) (i32.const 10)) (i32.const 65000) (i32.const 1000000) (i32.const 1000000)) (return))
      ;; 9: valueNew with a negative count
      (call $new (i32.const 0) (call $get (global.get $global) (i32.const 150) (i32.const 10)) (i32.const 0) (i32.const -1) (i32.const 0)) (return))
      ;; 10: valuePrepareString's result slot at the very end
      (call $prepare (i32.const 65535) (i64.reinterpret_f64 (f64.const 12.5))) (return))
      ;; 11: valueLoadString into a slice past the end
      (call $prepare (i32.const 0) (i64.reinterpret_f64 (f64.const 12.5)))
      (call $load (i64.load (i32.const 0)) (i32.const 65534) (i32.const 4) (i32.const 4)) (return))
      ;; 12: valueLoadString of a prepared string into a slice too short for it
      (call $prepare (i32.const 0) (i64.reinterpret_f64 (f64.const 12.5)))
      (call $load (i64.load (i32.const 0)) (i32.const 600) (i32.const 2) (i32.const 2)) (return))
      ;; 13: copyBytesToGo into a negative pointer
      (call $to_go (i32.const 0) (i32.const -1) (i32.const 4) (i32.const 4) (global.get $global)) (return))
      ;; 14: copyBytesToJS from 2 GiB
      (call $to_js (i32.const 0) (global.get $global) (i32.const 0) (i32.const 0x7fffffff) (i32.const 0)) (return))
      ;; 15: valueIndex and valueLength of undefined
      (drop (call $index (i64.const 0) (i32.const 3))) (return))
      (drop (call $len (i64.const 0))) (return))
      ;; 17: an iovec array at a negative pointer
      (drop (call $fd_write (i32.const 1) (i32.const -8) (i32.const 1) (i32.const 0))) (return))
      ;; 18: an iovec running past the end: the bytes inside are printed first
      (i32.store (i32.const 0) (i32.const 170))
      (i32.store (i32.const 4) (i32.const -1))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))) (return))
      ;; 19: random_get of 2 GiB
      (drop (call $random (i32.const 0) (i32.const 0x7fffffff))) (return))
    ;; 20: finalizeRef of ids never handed out is reported, then a normal exit
    (call $finalize (i64.const 0x7FF80001FFFFFFFF))
    (call $finalize (i64.const 0x7FF8000100000000))
    (call $exit (i32.const 0)))
  (func (export "resume"))
  (func (export "go_scheduler")))
