//! The guest's life cycle: the `run`/`resume`/`getsp` exports (through
//! [`main!`](crate::main!)), arguments and environment, [`keep_alive`], [`exit`],
//! the idle (`{id: 0}`) event, and the panic hook.
//!
//! It does not own the imports ([`crate::sys`]) or the callback registry
//! ([`crate::func`]).

use crate::{func, sys};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

static ARGS: OnceLock<Vec<String>> = OnceLock::new();
static ENV: OnceLock<Vec<(String, String)>> = OnceLock::new();
static KEEP_ALIVE: AtomicBool = AtomicBool::new(false);

/// The command-line arguments `wasm_exec.js` passed to `run` (Go's `os.Args`).
///
/// Under `node wasm_exec_node.js prog.wasm a b` this is
/// `["prog.wasm", "a", "b"]`: the first is the wasm path as given to node.
/// Empty before `run` (never the case inside `main`).
pub fn args() -> &'static [String] {
    ARGS.get().map_or(&[], Vec::as_slice)
}

/// The environment `wasm_exec.js` passed to `run` as `(key, value)` pairs,
/// sorted by key (`wasm_exec.js` sorts them). `wasm_exec_node.js` passes
/// node's `process.env` plus `TMPDIR`.
pub fn env() -> &'static [(String, String)] {
    ENV.get().map_or(&[], Vec::as_slice)
}

/// The value of environment variable `key`, if set (Go's `os.Getenv`, but
/// telling unset from empty).
pub fn env_var(key: &str) -> Option<&'static str> {
    env()
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Keeps the guest alive after `main` returns, to serve callbacks (the Rust
/// spelling of Go's `select {}` at the end of `main`).
///
/// Without it, returning from `main` exits with code 0 at once, like Go, even
/// if JavaScript timers are pending. With it, `run` returns to JavaScript and
/// the guest lives until a callback calls [`exit`] or the host has nothing
/// left to do: then `wasm_exec_node.js` sends the `{id: 0}` event and the guest
/// exits with code 0 (where Go reports `all goroutines are asleep - deadlock!`
/// and exits 2; see RATIONALE.md).
pub fn keep_alive() {
    KEEP_ALIVE.store(true, Relaxed);
}

/// Ends the program with `code` (Go's `os.Exit`): no destructors run, nothing
/// is flushed (there is nothing buffered: output is written synchronously).
///
/// Calls `runtime.wasmExit(code)`. Under node that is `process.exit(code)` and
/// never returns; on a host where it returns (a browser), the guest then
/// stops with a wasm trap (`unreachable`) so no more Rust code runs.
pub fn exit(code: i32) -> ! {
    sys::wasm_exit(code);
    sys::trap()
}

/// The `{id: 0}` event: node's event loop is empty and the guest is alive.
pub(crate) fn idle() -> ! {
    exit(0)
}

/// Writes `panic: <message>`, a blank line and the panic location to fd 2
/// through `runtime.wasmWrite` (Go's runtime `print` path), then exits 2.
fn panic_hook(info: &std::panic::PanicHookInfo<'_>) {
    let message = info.payload_as_str().unwrap_or("Box<dyn Any>");
    let mut report = format!("panic: {message}\n");
    if let Some(at) = info.location() {
        report += &format!(
            "\npanicked at {}:{}:{}\n",
            at.file(),
            at.line(),
            at.column()
        );
    }
    sys::wasm_write(2, report.as_bytes());
    exit(2)
}

/// Decodes the argv area `wasm_exec.js` wrote (see [`gojs_abi::ARGV_OFFSET`]):
/// `argc` pointers at `argv`, a 0, environment pointers, a 0; each pointer a
/// little-endian `u64` to a NUL-terminated UTF-8 string. `area` holds memory
/// from `base` on. Pointers outside the area end the list.
fn parse_argv(area: &[u8], base: u32, argc: u32, argv: u32) -> (Vec<String>, Vec<String>) {
    let word = |addr: u64| -> Option<u64> {
        let at = usize::try_from(addr.checked_sub(u64::from(base))?).ok()?;
        let bytes = area.get(at..at.checked_add(8)?)?;
        Some(u64::from_le_bytes(bytes.try_into().ok()?))
    };
    let c_string = |addr: u64| -> Option<String> {
        let at = usize::try_from(addr.checked_sub(u64::from(base))?).ok()?;
        let rest = area.get(at..)?;
        let len = rest.iter().position(|&b| b == 0)?;
        Some(String::from_utf8_lossy(&rest[..len]).into_owned())
    };
    let mut at = u64::from(argv);
    let mut next = || {
        let ptr = word(at).filter(|&p| p != 0);
        at += 8;
        ptr.and_then(c_string)
    };
    let args: Vec<String> = (0..argc).map_while(|_| next()).collect();
    if args.len() != argc as usize {
        return (args, Vec::new());
    }
    next(); // the 0 that ends argv
    let env = std::iter::from_fn(next).collect();
    (args, env)
}

fn split_env(entries: Vec<String>) -> Vec<(String, String)> {
    entries
        .into_iter()
        .map(|e| match e.split_once('=') {
            Some((k, v)) => (k.to_owned(), v.to_owned()),
            None => (e, String::new()),
        })
        .collect()
}

/// Implementation of the `run` export: copies argv/env, installs the panic
/// hook, runs `main`, then exits 0 unless [`keep_alive`] was called.
pub fn run(argc: i32, argv: i32, main: fn()) {
    let area = sys::argv_area();
    let (args, env) = parse_argv(&area, gojs_abi::ARGV_OFFSET, argc as u32, argv as u32);
    drop(area);
    let _ = ARGS.set(args);
    let _ = ENV.set(split_env(env));
    std::panic::set_hook(Box::new(panic_hook));

    main();

    if KEEP_ALIVE.load(Relaxed) {
        sys::sync_memory_view();
    } else {
        // Returning from `run` right after: no trap needed if the host returns.
        sys::wasm_exit(0);
    }
}

/// Implementation of the `resume` export.
pub fn resume() {
    func::handle_event();
    sys::sync_memory_view();
}

/// Implementation of the `getsp` export.
pub fn getsp() -> i32 {
    sys::current_sp() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lays out argv/env exactly as `wasm_exec.js`'s `run` does.
    fn layout(argv: &[&str], env: &[&str]) -> (Vec<u8>, u32) {
        let base = 4096u32;
        let mut mem = vec![0u8; 8192];
        let mut offset = base;
        let mut ptrs = Vec::new();
        let mut str_ptr = |s: &str, mem: &mut Vec<u8>| {
            let ptr = offset;
            let at = (offset - base) as usize;
            mem[at..at + s.len()].copy_from_slice(s.as_bytes());
            mem[at + s.len()] = 0;
            offset += s.len() as u32 + 1;
            offset = offset.next_multiple_of(8);
            ptr
        };
        for a in argv {
            ptrs.push(str_ptr(a, &mut mem));
        }
        ptrs.push(0);
        for e in env {
            ptrs.push(str_ptr(e, &mut mem));
        }
        ptrs.push(0);
        let argv_at = offset;
        for p in ptrs {
            let at = (offset - base) as usize;
            mem[at..at + 8].copy_from_slice(&u64::from(p).to_le_bytes());
            offset += 8;
        }
        (mem, argv_at)
    }

    #[test]
    fn argv_and_env_are_decoded_as_wasm_exec_writes_them() {
        let (mem, argv) = layout(&["prog.wasm", "case", "ünï"], &["A=1", "PATH=/bin:/x=y"]);
        let (args, env) = parse_argv(&mem, 4096, 3, argv);
        assert_eq!(args, ["prog.wasm", "case", "ünï"]);
        assert_eq!(
            split_env(env),
            [
                ("A".to_owned(), "1".to_owned()),
                ("PATH".to_owned(), "/bin:/x=y".to_owned())
            ]
        );
    }

    #[test]
    fn empty_argv_and_env() {
        let (mem, argv) = layout(&[], &[]);
        let (args, env) = parse_argv(&mem, 4096, 0, argv);
        assert!(args.is_empty() && env.is_empty());
    }

    #[test]
    fn pointers_outside_the_area_end_the_list() {
        let (args, env) = parse_argv(&[0; 16], 4096, 2, 100);
        assert!(args.is_empty() && env.is_empty());
    }
}
