//! `gojs run prog.wasm [args…]`: a drop-in for `node wasm_exec_node.js
//! prog.wasm [args…]` (and for `go test -exec 'gojs run'`); with
//! `--preload`, `--script` or `--eval`, a driver for programs that park and
//! serve calls from JS. `gojs inspect prog.wasm [--json]`: what a module
//! is (kind, Go version, imports, exports, memory, sections).
//!
//! Exit status: the program's own; 1 for an uncaught JS exception or a
//! rejected script (as node); 13 for a script that can never settle (as
//! node's unsettled top-level await); for gojs's own errors one line on
//! stderr and 64 usage, 65 not a runnable Go js/wasm module, 66 file
//! unreadable, 70 trap, 71 JS world setup failure, 75 a limit reached.

mod args;
mod inspect;
mod report;

use args::{Command, Driver, Run, USAGE};
use gojs_boa::{Error, Filesystem, GoModule, HostErrorKind, ModuleConfig, Mount, Program, Session};
use gojs_vfs::{HostDir, MemFs, MountFs};
use std::{path::PathBuf, process::ExitCode, time::Duration};

const EX_USAGE: u8 = 64;
const EX_DATAERR: u8 = 65;
const EX_NOINPUT: u8 = 66;
const EX_SOFTWARE: u8 = 70;
const EX_OSERR: u8 = 71;
/// A limit was reached (fuel, deadline, memory, references, timers,
/// output, native stack, a JS engine limit).
const EX_LIMIT: u8 = 75;
/// node's exit code for a top-level await that can never settle.
const EX_UNSETTLED: u8 = 13;
/// How long past the deadline the process watchdog waits for the library
/// to stop the program before it ends the process itself (JS that never
/// crosses into the host cannot be interrupted).
const WATCHDOG_GRACE: Duration = Duration::from_millis(250);

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

/// The namespace of the `--dir` mounts, and the guest cwd: the host cwd's
/// place in it when a mount shows it (so relative paths keep working with
/// `--dir .`), else `/`.
fn mounts(dirs: &[args::Dir]) -> Result<(Filesystem, String), String> {
    let host_cwd = std::env::current_dir().ok();
    let mut cwd: Option<(usize, String)> = None;
    let mut mounts = Vec::new();
    for dir in dirs {
        let host = std::path::absolute(&dir.host)
            .map_err(|e| format!("--dir {}: {e}", dir.host.display()))?;
        let host = host.canonicalize().unwrap_or(host);
        let guest = match &dir.guest {
            Some(guest) => guest.clone(),
            None => host.to_string_lossy().into_owned(),
        };
        if let Some(below) = host_cwd.as_deref().and_then(|c| c.strip_prefix(&host).ok()) {
            let depth = host.components().count();
            if cwd.as_ref().is_none_or(|(d, _)| depth > *d) {
                let inside = format!("{}/{}", guest.trim_end_matches('/'), below.display());
                cwd = Some((depth, inside.trim_end_matches('/').to_owned()));
            }
        }
        let mount = Mount::host_dir(guest, host);
        mounts.push(if dir.read_only {
            mount.read_only()
        } else {
            mount
        });
    }
    let cwd = cwd.map(|(_, c)| c).filter(|c| !c.is_empty());
    Ok((
        Filesystem::mounts(mounts),
        cwd.unwrap_or_else(|| "/".into()),
    ))
}

/// `gojs inspect`: 0, or 66 for an unreadable file, 65 for bytes that are
/// not a module.
fn inspect_file(path: &std::path::Path, json: bool) -> ExitCode {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return fail(
                EX_NOINPUT,
                format_args!("cannot read {}: {e}", path.display()),
            );
        }
    };
    let name = path.to_string_lossy();
    match gojs_boa::inspect::inspect(&bytes) {
        Ok(i) if json => {
            println!("{:#}", inspect::json(&name, &i));
            ExitCode::SUCCESS
        }
        Ok(i) => {
            print!("{}", inspect::text(&name, &i));
            ExitCode::SUCCESS
        }
        Err(e) => fail(EX_DATAERR, format_args!("{name}: {e}")),
    }
}

/// The one line for a module gojs cannot load: what kind it is, when it is
/// a kind gojs does not run (rather than a broken Go module).
fn load_failure(name: &str, wasm: &[u8], e: &gojs_boa::LoadError) -> String {
    match gojs_boa::inspect::inspect(wasm) {
        Ok(i) if !i.kind.runs() && i.kind != gojs_boa::inspect::ModuleKind::Other => {
            let version = i.go_version.map(|v| format!(", {v}")).unwrap_or_default();
            format!(
                "{name}: a {}{version} module; gojs runs Go and TinyGo js/wasm, gojs-guest programs and WASI preview 1 commands (see `gojs inspect`)",
                i.kind
            )
        }
        _ => format!("{name}: {e}"),
    }
}

/// `command` with the filesystem and preopens of a WASI preview 1
/// command, as `wasmtime run --dir HOST[::GUEST]` gives them: each `--dir`
/// a confined host directory mounted where its guest name says (the name
/// is HOST as given when there is no `::GUEST`, as wasmtime names it) and
/// preopened under that name, in order; read-only with `:ro` (wasmtime's
/// read-only preopen: changes are `EPERM`). `--sandbox` without `--dir`:
/// the js sandbox's tree, an empty in-memory root of 256 MiB with an empty
/// `/tmp`, preopened as `/`. Neither: no preopens.
fn wasip1_dirs(
    cmd: &Run,
    mut command: gojs_wasip1::Command,
) -> Result<gojs_wasip1::Command, String> {
    let mut namespace = MountFs::new();
    if cmd.dirs.is_empty() {
        if !cmd.sandbox {
            return Ok(command);
        }
        let root = MemFs::builder().capacity(256 << 20).build();
        root.create_dir_all("/tmp")
            .map_err(|e| format!("--sandbox: {e}"))?;
        namespace
            .mount("/", root, false)
            .map_err(|e| format!("--sandbox: {e}"))?;
        return Ok(command.filesystem(namespace).preopen("/"));
    }
    for dir in &cmd.dirs {
        let name = match &dir.guest {
            Some(guest) => guest.clone(),
            None => dir.host.to_string_lossy().into_owned(),
        };
        let host =
            HostDir::new(&dir.host).map_err(|e| format!("--dir {}: {e}", dir.host.display()))?;
        namespace
            .mount(&gojs_wasip1::preopen_path(&name), host, dir.read_only)
            .map_err(|e| {
                format!(
                    "--dir {}: cannot mount at {name:?}: {e}",
                    dir.host.display()
                )
            })?;
        command = match dir.read_only {
            true => command.preopen_read_only(name),
            false => command.preopen(name),
        };
    }
    Ok(command.filesystem(namespace))
}

/// `gojs run` of a WASI preview 1 command, as `wasmtime run` runs it:
/// argv[0] the path as given, only the `--env` entries, the `--dir`
/// directories preopened (see [`wasip1_dirs`]); the limits that apply to
/// wasm (fuel, timeout, memory), the seed and the virtual clock.
fn run_wasip1(cmd: &Run, wasm: &[u8], config: ModuleConfig) -> ExitCode {
    let name = cmd.wasm.to_string_lossy().into_owned();
    if cmd.backend_given && cmd.backend != gojs_boa::Backend::Wasmi {
        return fail(
            EX_USAGE,
            format_args!(
                "{name}: a WASI preview 1 command runs on the wasmi engine only (--engine {})",
                cmd.backend.name()
            ),
        );
    }
    let module = match gojs_wasip1::Wasip1Module::new(wasm, config) {
        Ok(m) => m,
        Err(e) => return fail(EX_DATAERR, format_args!("{name}: {e}")),
    };
    if cmd.driver.is_some() || !cmd.preload.is_empty() {
        return fail(
            EX_USAGE,
            format_args!("{name}: a WASI preview 1 command takes no --preload, --script or --eval"),
        );
    }
    let mut args = vec![name.clone()];
    args.extend(cmd.args.iter().map(|a| a.to_string_lossy().into_owned()));
    let command = gojs_wasip1::Command::new(args)
        .env(cmd.env.clone())
        .limits(cmd.limits());
    let mut command = match wasip1_dirs(cmd, command) {
        Ok(command) => command,
        Err(message) => return fail(EX_NOINPUT, message),
    };
    if let Some(seed) = cmd.seed {
        command = command.seed(seed);
    }
    if let Some(timeout) = cmd.timeout() {
        command = command.timeout(timeout);
    }
    if let gojs_boa::ClockMode::Virtual { start_epoch_ms } = cmd.clock {
        command = command.virtual_clock((start_epoch_ms * 1e6) as u64);
    }
    match command.run(&module) {
        Ok(code) => ExitCode::from(code as u8),
        Err(gojs_wasip1::RunError::Host(e)) if matches!(e.kind(), HostErrorKind::Limit { .. }) => {
            fail(EX_LIMIT, e)
        }
        Err(e @ gojs_wasip1::RunError::Preopen { .. }) => fail(EX_NOINPUT, e),
        Err(e) => fail(EX_SOFTWARE, e),
    }
}

fn read_source(path: &PathBuf) -> Result<String, ExitCode> {
    std::fs::read_to_string(path).map_err(|e| {
        fail(
            EX_NOINPUT,
            format_args!("cannot read {}: {e}", path.display()),
        )
    })
}

fn run(cmd: Box<Run>) -> ExitCode {
    let wasm = match std::fs::read(&cmd.wasm) {
        Ok(bytes) => bytes,
        Err(e) => {
            return fail(
                EX_NOINPUT,
                format_args!("cannot read {}: {e}", cmd.wasm.to_string_lossy()),
            );
        }
    };
    let config = ModuleConfig {
        backend: cmd.backend,
        compilation: cmd.compilation,
        // Metering costs a few percent: only what needs it turns it on.
        metering: cmd.needs_metering(),
        cache: !cmd.no_cache,
    };
    if gojs_boa::inspect::inspect(&wasm)
        .is_ok_and(|i| i.kind == gojs_boa::inspect::ModuleKind::Wasip1Command)
    {
        return run_wasip1(&cmd, &wasm, config);
    }
    let module = match GoModule::with_config(&wasm, config) {
        Ok(m) => m,
        Err(e) => {
            let name = cmd.wasm.to_string_lossy();
            return fail(EX_DATAERR, load_failure(&name, &wasm, &e));
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
    let mut program = Program::new(&module);
    if cmd.sandbox {
        program = program.sandbox();
    }
    let mut env = match cmd.sandbox {
        true => Vec::new(),
        false => environment(),
    };
    env.extend(cmd.env.iter().cloned());
    program = program
        .args(args)
        .env(env)
        .process_argv(process_argv)
        .stdin(gojs_boa::Input::Inherit)
        .clock(cmd.clock)
        .strict_released_funcs(cmd.strict)
        .limits(cmd.limits());
    if !cmd.dirs.is_empty() {
        let (filesystem, cwd) = match mounts(&cmd.dirs) {
            Ok(namespace) => namespace,
            Err(message) => return fail(EX_NOINPUT, message),
        };
        program = program.filesystem(filesystem);
        program = program.cwd(if cmd.sandbox { "/".into() } else { cwd });
    }
    if let Some(seed) = cmd.seed {
        program = program.seed(seed);
    }
    if let Some(timeout) = cmd.timeout() {
        program = program.timeout(timeout);
    }
    if let Some(n) = cmd.js_loop_limit() {
        program = program.js_loop_iterations(n);
    }
    for path in &cmd.preload {
        match read_source(path) {
            Ok(source) => program = program.preload(path.to_string_lossy(), source),
            Err(code) => return code,
        }
    }
    let leaks = cmd.leaks.clone();
    let Some(driver) = cmd.driver else {
        let Some(leaks) = leaks else {
            return match program.run() {
                Ok(exit) => ExitCode::from(exit.code as u8),
                Err(e) => host_failure(e),
            };
        };
        // As `Program::run`, with the session kept until the report is
        // taken: also when the host ends the program (a limit).
        let mut session = match program.start() {
            Ok(session) => session,
            Err(Error::Js(e)) => return uncaught(&e),
            Err(e) => return host_failure(e),
        };
        if let Err(e @ Error::Host(_)) = session.run_event_loop(None) {
            report::leaks(leaks.as_deref(), &session.leak_report());
            return host_failure(e);
        }
        return match session.close() {
            Ok(exit) => {
                report::leaks(leaks.as_deref(), &exit.leaks);
                ExitCode::from(exit.code as u8)
            }
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
        Ok(mut session) => {
            let code = run_script(&mut session, &name, &body);
            if let Some(leaks) = &leaks {
                report::leaks(leaks.as_deref(), &session.leak_report());
            }
            code
        }
        Err(Error::Js(e)) => uncaught(&e),
        Err(e) => host_failure(e),
    }
}

/// Runs the script once `main` has exited or parked; its settling ends the run.
fn run_script(session: &mut Session, name: &str, body: &str) -> ExitCode {
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
        Error::Host(e) if matches!(e.kind(), HostErrorKind::Limit { .. }) => fail(EX_LIMIT, e),
        e => fail(EX_SOFTWARE, e),
    }
}

/// Ends the process with the deadline's exit code if the program is still
/// running shortly after its deadline (a JS loop that never reaches a
/// point where the library can stop it).
fn process_watchdog(timeout: Duration) {
    let _ = std::thread::Builder::new()
        .name("gojs-watchdog".into())
        .spawn(move || {
            std::thread::sleep(timeout.saturating_add(WATCHDOG_GRACE));
            eprintln!(
                "gojs: deadline limit reached: the program ran past its {:?} deadline and did not stop",
                timeout
            );
            std::process::exit(i32::from(EX_LIMIT));
        });
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
    let cmd = match args::parse() {
        Ok(Command::Run(r)) => r,
        Ok(Command::Inspect { wasm, json }) => return inspect_file(&wasm, json),
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("gojs {}", env!("CARGO_PKG_VERSION"));
            for backend in gojs_boa::Backend::available() {
                println!("engine {}: {}", backend.name(), backend.describe());
            }
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(EX_USAGE, format_args!("{e}\n{USAGE}")),
    };
    if let Some(timeout) = cmd.timeout() {
        process_watchdog(timeout);
    }
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
