//! The command line of `gojs`: what `gojs run …` asks for, parsed with
//! lexopt. Sizes take `KiB`/`MiB`/`GiB` suffixes; durations are seconds
//! (fractions allowed).

use gojs_boa::{ClockMode, Compilation};
use lexopt::{Arg, Parser, ValueExt};
use std::{ffi::OsString, path::PathBuf, time::Duration};

pub const USAGE: &str = "\
usage: gojs run [options] <prog.wasm> [args...]
       gojs inspect [--json] <prog.wasm>

Runs a WebAssembly program built with GOOS=js GOARCH=wasm (any Go release, or
a gojs-guest Rust program) like `node wasm_exec_node.js prog.wasm [args...]`,
and a WASI preview 1 command (GOOS=wasip1) like `wasmtime run [--dir
<host>::<guest>]... prog.wasm [args...]` (only --dir, --sandbox, --env, --fuel,
--timeout, --max-memory, --seed and --virtual-clock apply).

driving a program that parks:
  --preload <file>    evaluate this JS file in the program's global scope
                      before Go starts (repeatable; in order)
  --script <file>     once main has exited or parked, run this JS file as the
                      body of an async function (top-level await allowed); the
                      run ends when it settles: exit 0 (or the program's code
                      if it exited), 1 if it rejects
  --eval <code>       like --script, with the code given

confinement:
  --sandbox           run confined: an empty in-memory filesystem with a
                      writable /tmp (or only the --dir mounts), cwd /, no host
                      environment (only --env), pid 1, uid/gid 1000, and
                      finite limits: --timeout 60, --max-memory 1GiB,
                      --max-refs 1048576, --max-timers 10000, --max-output
                      64MiB, --js-loop-limit 100000000 (each flag overrides)
  --dir <host>[::<guest>][:ro]
                      mount a host directory at a guest path (default: the
                      same path), read-only with :ro; repeatable. Once given,
                      only the mounts are visible, and nothing outside them
                      can be reached (no .., symlink or /proc escape). For
                      a wasip1 command: a preopened directory, as wasmtime's
                      --dir (default guest name: <host> as given; :ro makes
                      every change EPERM); with --sandbox and no --dir, an
                      in-memory / with /tmp is preopened
  --env <key>=<value> add to the program's environment (repeatable)

limits (each reached limit ends the run: one line on stderr, exit 75):
  --fuel <n>          run at most n wasm instructions (fuel units)
  --timeout <secs>    wall-clock deadline covering wasm, JS and waiting
  --max-memory <size> linear memory at most this big (e.g. 64MiB)
  --max-refs <n>      JS values the program may hold at once
  --max-timers <n>    timers pending at once
  --max-output <size> bytes written to each of stdout and stderr
  --max-nesting <n>   JS -> guest nesting depth (default 10000; past it a
                      RangeError, which the program may catch)
  --js-loop-limit <n> iterations of any one JS loop

inspect:
  prints the module's kind (Go js/wasm and its Go version, TinyGo, WASI
  preview 1 command or reactor, gojs guest), its imports by module,
  exports, memory, every section's start and size (as wasm-objdump -h) and
  what -ldflags=\"-s -w\" would remove; --json for one JSON object

other:
  --virtual-clock     time jumps to the next timer instead of waiting
  --seed <n>          seed the random source (crypto.getRandomValues)
  --strict            calling a released Go function throws a JS Error
  --validate-first    validate the whole module before starting (node's
                      behaviour for invalid modules; default: each function
                      on its first call, a faster start)
  --eager             compile the whole module before starting
  --engine <name>     wasmi (the interpreter, default) or jit (wasmtime +
                      Cranelift, in builds with the `jit` feature; gojs
                      --version lists them); default: $GOJS_ENGINE, else
                      wasmi. wasip1 commands run on wasmi only
  --no-cache          jit: do not read or write the compiled-code cache
                      ($GOJS_CACHE_DIR, else ~/.cache/gojs/jit)
  --leaks[=FILE]      at exit, report what the guest still holds: live ref
                      slots by kind with peaks, slots created and freed,
                      live js.Funcs and what JS last did with each; on
                      stderr after the program's output, or as JSON in FILE
  -h, --help          print this help
  -V, --version       print the version";

/// `--engine NAME`: a backend of this build.
fn parse_backend(name: &str) -> Result<gojs_boa::Backend, String> {
    let available = gojs_boa::Backend::available();
    match gojs_boa::Backend::from_name(name) {
        Some(b) if available.contains(&b) => Ok(b),
        Some(b) => Err(format!(
            "{name:?}: this gojs was built without the {} engine (cargo feature `jit`)",
            b.name()
        )),
        None => Err(format!(
            "{name:?}: not an engine (this build has: {})",
            available
                .iter()
                .map(|b| b.name())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// What runs after `main` exits or parks.
pub enum Driver {
    Script(PathBuf),
    Eval(String),
}

/// `--dir HOST[::GUEST][:ro]`.
#[derive(Debug, PartialEq, Eq)]
pub struct Dir {
    pub host: PathBuf,
    /// `None`: the host directory's absolute path.
    pub guest: Option<String>,
    pub read_only: bool,
}

impl Dir {
    pub fn parse(text: &str) -> Result<Dir, String> {
        let (rest, read_only) = match text.strip_suffix(":ro") {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        let (host, guest) = match rest.split_once("::") {
            Some((host, guest)) => (host, Some(guest.to_owned())),
            None => (rest, None),
        };
        if host.is_empty() {
            return Err(format!(
                "{text:?}: no host directory (HOST_DIR[::GUEST_DIR][:ro])"
            ));
        }
        match &guest {
            Some(g) if !g.starts_with('/') => Err(format!(
                "{text:?}: the guest directory must be absolute (HOST_DIR[::GUEST_DIR][:ro])"
            )),
            _ => Ok(Dir {
                host: host.into(),
                guest,
                read_only,
            }),
        }
    }
}

/// Limits given by flag; `None`: the mode's default.
#[derive(Default)]
pub struct LimitFlags {
    pub fuel: Option<u64>,
    pub max_memory: Option<u64>,
    pub max_refs: Option<u32>,
    pub max_timers: Option<u32>,
    pub max_output: Option<u64>,
    pub max_nesting: Option<u32>,
    pub timeout: Option<Duration>,
    pub js_loop_limit: Option<u64>,
}

/// `gojs run …`.
pub struct Run {
    pub wasm: OsString,
    pub args: Vec<OsString>,
    pub preload: Vec<PathBuf>,
    pub driver: Option<Driver>,
    pub clock: ClockMode,
    pub seed: Option<u64>,
    pub strict: bool,
    pub compilation: Compilation,
    pub backend: gojs_boa::Backend,
    /// `--engine` was given (not only `$GOJS_ENGINE`).
    pub backend_given: bool,
    pub no_cache: bool,
    /// `--leaks`: `Some(None)` for stderr, `Some(Some(file))` for JSON.
    pub leaks: Option<Option<PathBuf>>,
    pub flags: LimitFlags,
    pub sandbox: bool,
    pub dirs: Vec<Dir>,
    pub env: Vec<(String, String)>,
}

impl Run {
    /// The limits: the flags', else the mode's (`--sandbox`: finite).
    pub fn limits(&self) -> gojs_boa::Limits {
        let base = match self.sandbox {
            true => gojs_boa::Limits::SANDBOX,
            false => gojs_boa::Limits::default(),
        };
        let f = &self.flags;
        gojs_boa::Limits {
            fuel: f.fuel.or(base.fuel),
            max_memory: f.max_memory.or(base.max_memory),
            max_refs: f.max_refs.or(base.max_refs),
            max_timers: f.max_timers.or(base.max_timers),
            max_output: f.max_output.or(base.max_output),
            max_nesting: f.max_nesting.unwrap_or(base.max_nesting),
        }
    }

    pub fn timeout(&self) -> Option<Duration> {
        self.flags
            .timeout
            .or(self.sandbox.then_some(gojs_boa::SANDBOX_TIMEOUT))
    }

    pub fn js_loop_limit(&self) -> Option<u64> {
        self.flags
            .js_loop_limit
            .or(self.sandbox.then_some(gojs_boa::SANDBOX_JS_LOOP_ITERATIONS))
    }

    /// Whether anything asked for needs fuel metering of the wasm.
    pub fn needs_metering(&self) -> bool {
        self.flags.fuel.is_some() || self.timeout().is_some()
    }
}

pub enum Command {
    Run(Box<Run>),
    Inspect { wasm: PathBuf, json: bool },
    Help,
    Version,
}

/// A size: a number of bytes with an optional `KiB`, `MiB` or `GiB` suffix.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let (digits, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let scale: u64 = match unit {
        "" | "B" => 1,
        "KiB" | "K" | "k" => 1 << 10,
        "MiB" | "M" => 1 << 20,
        "GiB" | "G" => 1 << 30,
        _ => {
            return Err(format!(
                "{text:?}: a size is a number with an optional KiB, MiB or GiB"
            ));
        }
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{text:?}: a size is a number with an optional KiB, MiB or GiB"))?;
    n.checked_mul(scale)
        .ok_or_else(|| format!("{text:?}: too large"))
}

/// A positive number of seconds (fractions allowed).
pub fn parse_seconds(text: &str) -> Result<Duration, String> {
    let secs: f64 = text
        .parse()
        .map_err(|_| format!("{text:?}: a timeout is a number of seconds"))?;
    Duration::try_from_secs_f64(secs)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| format!("{text:?}: a timeout is a positive number of seconds"))
}

/// `KEY=VALUE` (the value may contain `=`; the key may not be empty).
pub fn parse_env(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_owned(), v.to_owned())),
        _ => Err(format!("{text:?}: an environment entry is KEY=VALUE")),
    }
}

fn value<T>(
    p: &mut Parser,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, lexopt::Error> {
    let v = p.value()?.string()?;
    parse(&v).map_err(lexopt::Error::from)
}

/// `inspect [--json] <prog.wasm>`.
fn parse_inspect(p: &mut Parser) -> Result<Command, lexopt::Error> {
    let mut json = false;
    let mut wasm = None;
    while let Some(arg) = p.next()? {
        match arg {
            Arg::Long("json") => json = true,
            Arg::Long("help") | Arg::Short('h') => return Ok(Command::Help),
            Arg::Value(v) if wasm.is_none() => wasm = Some(PathBuf::from(v)),
            other => return Err(other.unexpected()),
        }
    }
    let wasm = wasm.ok_or("missing <prog.wasm>")?;
    Ok(Command::Inspect { wasm, json })
}

pub fn parse() -> Result<Command, lexopt::Error> {
    let mut p = Parser::from_env();
    match p.next()? {
        Some(Arg::Value(cmd)) if cmd == "run" => {}
        Some(Arg::Value(cmd)) if cmd == "inspect" => return parse_inspect(&mut p),
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
        backend: gojs_boa::Backend::from_env(),
        backend_given: false,
        no_cache: false,
        leaks: None,
        flags: LimitFlags::default(),
        sandbox: false,
        dirs: Vec::new(),
        env: Vec::new(),
    };
    let number = |s: &str| {
        s.parse::<u64>()
            .map_err(|_| format!("{s:?}: not a whole number"))
    };
    let count = |s: &str| {
        s.parse::<u32>()
            .map_err(|_| format!("{s:?}: not a whole number below 2^32"))
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
            Some(Arg::Long("sandbox")) => run.sandbox = true,
            Some(Arg::Long("dir")) => run.dirs.push(value(&mut p, Dir::parse)?),
            Some(Arg::Long("env")) => run.env.push(value(&mut p, parse_env)?),
            Some(Arg::Long("fuel")) => run.flags.fuel = Some(value(&mut p, number)?),
            Some(Arg::Long("timeout")) => run.flags.timeout = Some(value(&mut p, parse_seconds)?),
            Some(Arg::Long("max-memory")) => {
                run.flags.max_memory = Some(value(&mut p, parse_size)?)
            }
            Some(Arg::Long("max-refs")) => run.flags.max_refs = Some(value(&mut p, count)?),
            Some(Arg::Long("max-timers")) => run.flags.max_timers = Some(value(&mut p, count)?),
            Some(Arg::Long("max-output")) => {
                run.flags.max_output = Some(value(&mut p, parse_size)?)
            }
            Some(Arg::Long("max-nesting")) => run.flags.max_nesting = Some(value(&mut p, count)?),
            Some(Arg::Long("js-loop-limit")) => {
                run.flags.js_loop_limit = Some(value(&mut p, number)?)
            }
            Some(Arg::Long("virtual-clock")) => run.clock = ClockMode::virtual_default(),
            Some(Arg::Long("seed")) => run.seed = Some(p.value()?.parse()?),
            Some(Arg::Long("strict")) => run.strict = true,
            Some(Arg::Long("validate-first")) => run.compilation = Compilation::ValidateFirst,
            Some(Arg::Long("eager")) => run.compilation = Compilation::Eager,
            Some(Arg::Long("engine")) => {
                run.backend = value(&mut p, parse_backend)?;
                run.backend_given = true;
            }
            Some(Arg::Long("no-cache")) => run.no_cache = true,
            Some(Arg::Long("leaks")) => run.leaks = Some(p.optional_value().map(PathBuf::from)),
            Some(Arg::Long("help") | Arg::Short('h')) => return Ok(Command::Help),
            Some(Arg::Value(wasm)) => {
                if !gojs_boa::Backend::available().contains(&run.backend) {
                    // The default came from $GOJS_ENGINE: say so.
                    return Err(format!(
                        "GOJS_ENGINE={}: {}",
                        run.backend.name(),
                        parse_backend(run.backend.name()).err().unwrap_or_default()
                    )
                    .into());
                }
                run.wasm = wasm;
                // Everything after the program belongs to the program.
                run.args = p.raw_args()?.collect();
                return Ok(Command::Run(Box::new(run)));
            }
            Some(other) => return Err(other.unexpected()),
            None => return Err("missing <prog.wasm>".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_seconds() {
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert!(parse_size("12 MiB").is_err());
        assert!(parse_size("99999999999999999999GiB").is_err());
        assert_eq!(parse_seconds("0.5"), Ok(Duration::from_millis(500)));
        assert!(parse_seconds("0").is_err());
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("inf").is_err());
        assert!(parse_seconds("nan").is_err());
    }

    #[test]
    fn dirs_and_env() {
        let dir = |host: &str, guest: Option<&str>, read_only| Dir {
            host: host.into(),
            guest: guest.map(Into::into),
            read_only,
        };
        assert_eq!(Dir::parse("data"), Ok(dir("data", None, false)));
        assert_eq!(Dir::parse("data:ro"), Ok(dir("data", None, true)));
        assert_eq!(
            Dir::parse("/srv/x::/x"),
            Ok(dir("/srv/x", Some("/x"), false))
        );
        assert_eq!(
            Dir::parse("/srv/x::/x:ro"),
            Ok(dir("/srv/x", Some("/x"), true))
        );
        assert!(Dir::parse("/srv/x::x").is_err());
        assert!(Dir::parse("::/x").is_err());
        assert_eq!(parse_env("A=b=c"), Ok(("A".into(), "b=c".into())));
        assert_eq!(parse_env("A="), Ok(("A".into(), String::new())));
        assert!(parse_env("=x").is_err());
        assert!(parse_env("x").is_err());
    }
}
