//! The gojs conformance suite: one test binary (`cargo test -p
//! gojs-conformance`), with a module per area.
//!
//! - `differential`: gojs against node goldens, Go corpus and Rust guests.
//! - `go_suites`: Go's own `syscall/js` tests and std packages' tests.
//! - `hostile`: bad modules and bad guests get clear errors, never a host panic.
//! - `fuzz`: seeded random programs call every import with random frames;
//!   the host never panics.
//! - `limits`: each limit of a sandbox ends a program with its typed error;
//!   recursion on a small stack is a `RangeError`, never an abort.
//! - `options`: the deliberate departures from node (strict released
//!   functions, virtual clock, no filesystem, nesting limit), each in both settings.
//! - `sessions`: programs kept alive and driven from Rust (Go and Rust reactors).
//! - `npm`: Go wasm published on npm (astro, d2) driven from Rust, against node.
//! - `vfs`: virtual filesystems (`Filesystem::Mounts`): the same `fs` as on
//!   the host, and a namespace that holds (read-only, capacity, confinement).

mod differential;
mod fuzz;
mod fuzz_js;
mod go_suites;
mod hostile;
mod inspect;
mod limits;
mod npm;
mod options;
mod sessions;
mod support;
mod tinygo;
mod vfs;
mod wasip1;

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let mut trials = Vec::new();
    trials.extend(differential::trials());
    trials.extend(go_suites::trials());
    trials.extend(hostile::trials());
    trials.extend(inspect::trials());
    trials.extend(fuzz::trials());
    trials.extend(fuzz_js::trials());
    trials.extend(limits::trials());
    trials.extend(options::trials());
    trials.extend(sessions::trials());
    trials.extend(npm::trials());
    trials.extend(tinygo::trials());
    trials.extend(vfs::trials());
    trials.extend(wasip1::trials());
    libtest_mimic::run(&args, trials).exit();
}
