//! The gojs benchmarks: one criterion binary, seven kinds of group.
//!
//! | group | what | module |
//! |---|---|---|
//! | `floor/…` | the parts of a crossing with no glue | [`crossings`] |
//! | `crossing/{rust,go}/<op>` | one boundary crossing, per op | [`crossings`] |
//! | `scaling/{slots,nesting}/{rust,go}/<n>` | per-op cost vs live slots / nesting depth | [`scaling`] |
//! | `startup/{rust,go}/…` | a hello world run to exit | [`startup`] |
//! | `session/…` | calls into a parked program, from Rust and JS, 1 and 2 threads | [`sessions`] |
//! | `limits/{metering,stop_latency,fs,guard}/…` | what the sandbox costs: metering and deadlines, stop latency, in-memory files, the built-in guard | [`limits`] |
//! | `wasip1/{go,rust}/<op>` | a wasm-import host call of a wasip1 program (Go `//go:wasmimport`, Rust `wasm32-wasip1`), next to a `syscall/js` crossing | [`wasip1`] |
//!
//! `cargo bench -p gojs-benches` runs everything; a criterion filter picks
//! groups (`cargo bench -p gojs-benches -- crossing/rust`), `-- --quick`
//! shortens every bench and skips the HTML charts. After the run, tables with the ratios to the floors
//! and the scaling ratios are printed and written to
//! `target/criterion/gojs-*.md`. One binary (rather than one per group)
//! because each bench binary is a fat-LTO link of wasmi and boa: minutes each.

mod crossings;
mod limits;
mod scaling;
mod sessions;
mod startup;
mod wasip1;

fn main() {
    let mut c = criterion::Criterion::default().configure_from_args();
    if gojs_benches::quick() {
        // Drawing the HTML report's charts costs ≈ 6 s per bench (plotters):
        // most of a quick run. Quick runs print and write the tables only.
        c = c.without_plots();
    }
    crossings::benches(&mut c);
    scaling::benches(&mut c);
    startup::benches(&mut c);
    sessions::benches(&mut c);
    limits::benches(&mut c);
    wasip1::benches(&mut c);
    c.final_summary();
    crossings::publish();
    scaling::publish();
    startup::publish();
    sessions::publish();
    limits::publish();
    wasip1::publish();
}
