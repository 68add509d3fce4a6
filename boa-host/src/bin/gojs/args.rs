//! The command line of `gojs`: what `gojs run …` asks for, parsed with
//! lexopt. Sizes take `KiB`/`MiB`/`GiB` suffixes; durations are seconds
//! (fractions allowed).

use gojs_boa::{ClockMode, Compilation};
use lexopt::{Arg, Parser, ValueExt};
use std::{ffi::OsString, path::PathBuf, time::Duration};

pub const USAGE: &str = "\
usage: gojs run [options] <prog.wasm> [args...]

Runs a WebAssembly program built with GOOS=js GOARCH=wasm (or a gojs-guest
Rust program) like `node wasm_exec_node.js prog.wasm [args...]`.

driving a program that parks:
  --preload <file>    evaluate this JS file in the program's global scope
                      before Go starts (repeatable; in order)
  --script <file>     once main has exited or parked, run this JS file as the
                      body of an async function (top-level await allowed); the
                      run ends when it settles: exit 0 (or the program's code
                      if it exited), 1 if it rejects
  --eval <code>       like --script, with the code given

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

other:
  --virtual-clock     time jumps to the next timer instead of waiting
  --seed <n>          seed the random source (crypto.getRandomValues)
  --strict            calling a released Go function throws a JS Error
  --validate-first    validate the whole module before starting (node's
                      behaviour for invalid modules; default: each function
                      on its first call, a faster start)
  --eager             compile the whole module before starting
  -h, --help          print this help
  -V, --version       print the version";

/// What runs after `main` exits or parks.
pub enum Driver {
    Script(PathBuf),
    Eval(String),
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
    pub limits: gojs_boa::Limits,
    pub timeout: Option<Duration>,
    pub js_loop_limit: Option<u64>,
}

impl Run {
    /// Whether anything asked for needs fuel metering of the wasm.
    pub fn needs_metering(&self) -> bool {
        self.limits.fuel.is_some() || self.timeout.is_some()
    }
}

pub enum Command {
    Run(Box<Run>),
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

fn value<T>(
    p: &mut Parser,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, lexopt::Error> {
    let v = p.value()?.string()?;
    parse(&v).map_err(lexopt::Error::from)
}

pub fn parse() -> Result<Command, lexopt::Error> {
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
        limits: gojs_boa::Limits::default(),
        timeout: None,
        js_loop_limit: None,
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
            Some(Arg::Long("fuel")) => run.limits.fuel = Some(value(&mut p, number)?),
            Some(Arg::Long("timeout")) => run.timeout = Some(value(&mut p, parse_seconds)?),
            Some(Arg::Long("max-memory")) => {
                run.limits.max_memory = Some(value(&mut p, parse_size)?)
            }
            Some(Arg::Long("max-refs")) => run.limits.max_refs = Some(value(&mut p, count)?),
            Some(Arg::Long("max-timers")) => run.limits.max_timers = Some(value(&mut p, count)?),
            Some(Arg::Long("max-output")) => {
                run.limits.max_output = Some(value(&mut p, parse_size)?)
            }
            Some(Arg::Long("max-nesting")) => run.limits.max_nesting = value(&mut p, count)?,
            Some(Arg::Long("js-loop-limit")) => run.js_loop_limit = Some(value(&mut p, number)?),
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
}
