//! `gojs run prog.wasm [args…]`: a drop-in for `node wasm_exec_node.js
//! prog.wasm [args…]` (and for `go test -exec 'gojs run'`); with
//! `--preload`, `--script` or `--eval`, a driver for programs that park and
//! serve calls from JS.
//!
//! Exit status: the program's own; 1 for an uncaught JS exception or a
//! rejected script (as node); 13 for a script that can never settle (as
//! node's unsettled top-level await); for gojs's own errors one line on
//! stderr and 64 usage, 65 not a runnable Go js/wasm module, 66 file
//! unreadable, 70 trap or host limit, 71 JS world setup failure.

use gojs_boa::{ClockMode, Compilation, Error, GoModule, Program, Session};
use lexopt::{Arg, Parser, ValueExt};
use std::{ffi::OsString, path::PathBuf, process::ExitCode};

const USAGE: &str = "\
usage: gojs run [options] <prog.wasm> [args...]

Runs a WebAssembly program built with GOOS=js GOARCH=wasm (or a gojs-guest
Rust program) like `node wasm_exec_node.js prog.wasm [args...]`.

options:
  --preload <file>  evaluate this JS file in the program's global scope
                    before Go starts (repeatable; in order)
  --script <file>   once main has exited or parked, run this JS file as the
                    body of an async function (top-level await allowed); the
                    run ends when it settles: exit 0 (or the program's code
                    if it exited), 1 if it rejects
  --eval <code>     like --script, with the code given
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
/// node's exit code for a top-level await that can never settle.
const EX_UNSETTLED: u8 = 13;

/// What runs after `main` exits or parks.
enum Driver {
    Script(PathBuf),
    Eval(String),
}

struct Run {
    wasm: OsString,
    args: Vec<OsString>,
    preload: Vec<PathBuf>,
    driver: Option<Driver>,
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
        preload: Vec::new(),
        driver: None,
        clock: ClockMode::Real,
        seed: None,
        strict: false,
        compilation: Compilation::Lazy,
    };
    loop {
        match p.next()? {
            Some(Arg::Long("preload")) => run.preload.push(p.value()?.into()),
            Some(Arg::Long("script")) if run.driver.is_none() => {
                run.driver = Some(Driver::Script(p.value()?.into()));
            }
            Some(Arg::Long("eval")) if run.driver.is_none() => {
                run.driver = Some(Driver::Eval(p.value()?.string()?));
            }
            Some(Arg::Long("script" | "eval")) => {
                return Err("only one of --script and --eval, once".into());
            }
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

fn read_source(path: &PathBuf) -> Result<String, ExitCode> {
    std::fs::read_to_string(path).map_err(|e| {
        fail(
            EX_NOINPUT,
            format_args!("cannot read {}: {e}", path.display()),
        )
    })
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
    // `process.argv` as node would have it for `node <script> prog.wasm
    // args…` (`node -e` has no script path).
    let exe = std::env::current_exe()
        .map_or_else(|_| "gojs".into(), |p| p.to_string_lossy().into_owned());
    let mut process_argv = vec![exe];
    if let Some(Driver::Script(path)) = &cmd.driver {
        process_argv.push(path.to_string_lossy().into_owned());
    }
    process_argv.extend(args.iter().cloned());
    let mut program = Program::new(&module)
        .args(args)
        .env(environment())
        .process_argv(process_argv)
        .stdin(gojs_boa::Input::Inherit)
        .clock(cmd.clock)
        .strict_released_funcs(cmd.strict);
    if let Some(seed) = cmd.seed {
        program = program.seed(seed);
    }
    for path in &cmd.preload {
        match read_source(path) {
            Ok(source) => program = program.preload(path.to_string_lossy(), source),
            Err(code) => return code,
        }
    }
    let Some(driver) = cmd.driver else {
        return match program.run() {
            Ok(exit) => ExitCode::from(exit.code as u8),
            Err(e) => host_failure(e),
        };
    };
    let (name, body) = match driver {
        Driver::Script(path) => match read_source(&path) {
            Ok(body) => (path.to_string_lossy().into_owned(), body),
            Err(code) => return code,
        },
        Driver::Eval(code) => ("[eval]".to_owned(), code),
    };
    match program.start() {
        Ok(session) => run_script(session, &name, &body),
        Err(Error::Js(e)) => uncaught(&e),
        Err(e) => host_failure(e),
    }
}

/// Runs the script once `main` has exited or parked; its settling ends the run.
fn run_script(mut session: Session, name: &str, body: &str) -> ExitCode {
    match session.run_script::<()>(body, name, None) {
        Ok(()) => ExitCode::from(session.exit_code().unwrap_or(0) as u8),
        Err(Error::Js(e)) => uncaught(&e),
        Err(Error::Exited(code)) => ExitCode::from(code as u8),
        Err(Error::Unsettled) => {
            eprintln!("gojs: warning: {name} can never settle: the program is idle");
            ExitCode::from(EX_UNSETTLED)
        }
        Err(e) => host_failure(e),
    }
}

/// An uncaught exception or rejection, printed as node's first line of it.
fn uncaught(e: &gojs_boa::JsException) -> ExitCode {
    eprintln!("{e}");
    ExitCode::from(1)
}

fn host_failure(e: Error) -> ExitCode {
    match e {
        Error::Load(e) => fail(EX_DATAERR, e),
        Error::Setup(e) => fail(EX_OSERR, e),
        e => fail(EX_SOFTWARE, e),
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
