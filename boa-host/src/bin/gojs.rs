//! `gojs run prog.wasm [args…]`: a drop-in for `node wasm_exec_node.js
//! prog.wasm [args…]` (and for `go test -exec 'gojs run'`).
//!
//! Exit status: the program's own; 1 for an uncaught JS exception (as
//! node); for gojs's own errors one line on stderr and
//! 64 usage, 65 not a runnable Go js/wasm module, 66 file unreadable,
//! 70 trap or host limit, 71 JS world setup failure.

use gojs_boa::{ClockMode, Compilation, Error, GoModule, Program};
use lexopt::{Arg, Parser, ValueExt};
use std::{ffi::OsString, process::ExitCode};

const USAGE: &str = "\
usage: gojs run [options] <prog.wasm> [args...]

Runs a WebAssembly program built with GOOS=js GOARCH=wasm (or a gojs-guest
Rust program) like `node wasm_exec_node.js prog.wasm [args...]`.

options:
  --virtual-clock   time jumps to the next timer instead of waiting
  --seed <n>        seed the random source (crypto.getRandomValues)
  --strict          calling a released Go function throws a JS Error
  --validate-first  validate the whole module before starting (node's
                    behaviour for invalid modules; default: each function
                    on its first call, a faster start)
  --eager           compile the whole module before starting
  -h, --help        print this help
  -V, --version     print the version";

const EX_USAGE: u8 = 64;
const EX_DATAERR: u8 = 65;
const EX_NOINPUT: u8 = 66;
const EX_SOFTWARE: u8 = 70;
const EX_OSERR: u8 = 71;

struct Run {
    wasm: OsString,
    args: Vec<OsString>,
    clock: ClockMode,
    seed: Option<u64>,
    strict: bool,
    compilation: Compilation,
}

enum Command {
    Run(Run),
    Help,
    Version,
}

fn parse() -> Result<Command, lexopt::Error> {
    let mut p = Parser::from_env();
    match p.next()? {
        Some(Arg::Value(cmd)) if cmd == "run" => {}
        Some(Arg::Long("help") | Arg::Short('h')) => return Ok(Command::Help),
        Some(Arg::Long("version") | Arg::Short('V')) => return Ok(Command::Version),
        Some(other) => return Err(other.unexpected()),
        None => return Err("missing command (try `gojs run prog.wasm`)".into()),
    }
    let mut run = Run {
        wasm: OsString::new(),
        args: Vec::new(),
        clock: ClockMode::Real,
        seed: None,
        strict: false,
        compilation: Compilation::Lazy,
    };
    loop {
        match p.next()? {
            Some(Arg::Long("virtual-clock")) => run.clock = ClockMode::virtual_default(),
            Some(Arg::Long("seed")) => run.seed = Some(p.value()?.parse()?),
            Some(Arg::Long("strict")) => run.strict = true,
            Some(Arg::Long("validate-first")) => run.compilation = Compilation::ValidateFirst,
            Some(Arg::Long("eager")) => run.compilation = Compilation::Eager,
            Some(Arg::Long("help") | Arg::Short('h')) => return Ok(Command::Help),
            Some(Arg::Value(wasm)) => {
                run.wasm = wasm;
                // Everything after the program belongs to the program.
                run.args = p.raw_args()?.collect();
                return Ok(Command::Run(run));
            }
            Some(other) => return Err(other.unexpected()),
            None => return Err("missing <prog.wasm>".into()),
        }
    }
}

fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("gojs: {message}");
    ExitCode::from(code)
}

/// The environment `wasm_exec_node.js` passes: `TMPDIR` defaulting to
/// `os.tmpdir()`, then the whole process environment.
fn environment() -> Vec<(String, String)> {
    let tmp = std::env::temp_dir().to_string_lossy().into_owned();
    let tmp = if tmp.len() > 1 {
        tmp.trim_end_matches('/').to_owned()
    } else {
        tmp
    };
    let mut env = vec![("TMPDIR".to_owned(), tmp)];
    env.extend(std::env::vars_os().map(|(k, v)| {
        (
            k.to_string_lossy().into_owned(),
            v.to_string_lossy().into_owned(),
        )
    }));
    env
}

fn run(cmd: Run) -> ExitCode {
    let wasm = match std::fs::read(&cmd.wasm) {
        Ok(bytes) => bytes,
        Err(e) => {
            return fail(
                EX_NOINPUT,
                format_args!("cannot read {}: {e}", cmd.wasm.to_string_lossy()),
            );
        }
    };
    let module = match GoModule::new(&wasm, cmd.compilation) {
        Ok(m) => m,
        Err(e) => {
            return fail(
                EX_DATAERR,
                format_args!("{}: {e}", cmd.wasm.to_string_lossy()),
            );
        }
    };
    let mut args = vec![cmd.wasm.to_string_lossy().into_owned()];
    args.extend(cmd.args.iter().map(|a| a.to_string_lossy().into_owned()));
    let mut program = Program::new(&module)
        .args(args)
        .env(environment())
        .stdin(gojs_boa::Input::Inherit)
        .clock(cmd.clock)
        .strict_released_funcs(cmd.strict);
    if let Some(seed) = cmd.seed {
        program = program.seed(seed);
    }
    match program.run() {
        Ok(exit) => ExitCode::from(exit.code as u8),
        Err(Error::Load(e)) => fail(EX_DATAERR, e),
        Err(Error::Setup(e)) => fail(EX_OSERR, e),
        Err(Error::Fatal(e)) => fail(EX_SOFTWARE, e),
    }
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("gojs: internal error: {msg}{at}");
    }));
    let cmd = match parse() {
        Ok(Command::Run(r)) => r,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("gojs {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(EX_USAGE, format_args!("{e}\n{USAGE}")),
    };
    // Go → JS → Go nesting recurses on the native stack; reserve plenty
    // (address space only: pages are touched as the stack grows).
    let worker = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || run(cmd));
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => ExitCode::from(EX_SOFTWARE),
        Err(e) => fail(EX_OSERR, format_args!("cannot start: {e}")),
    }
}
