//! The README's session in ten lines: the Astro compiler (Go wasm from npm,
//! `scripts/fetch-npm-packages.sh` puts it under `.tools/npm`) started once,
//! its `transform` called from Rust and awaited, with a bound.
//!
//!     cargo run -p gojs-boa --features serde --example astro [component.astro]

use gojs_boa::{Compilation, GoModule, Program};
use std::time::Duration;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let source = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path)?,
        None => "---\nconst name = 'world';\n---\n<h1>Hello {name}!</h1>\n".to_owned(),
    };
    // README: begin
    let wasm = std::fs::read(".tools/npm/astrojs-compiler-4.0.0/package/dist/astro.wasm")?;
    let module = GoModule::new(&wasm, Compilation::Lazy)?;
    let mut astro = Program::new(&module).start()?; // main registers its API and parks
    astro.set_await_timeout(Some(Duration::from_secs(10))); // no await lasts longer
    let options = serde_json::json!({ "filename": "Hello.astro" });
    let result: serde_json::Value =
        astro.call_async("@astrojs/compiler.transform", (source, options))?;
    println!("{}", result["code"].as_str().unwrap_or_default());
    // README: end
    Ok(())
}
