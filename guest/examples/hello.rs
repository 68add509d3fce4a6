//! The smallest guest: one line of output and one JavaScript call.
//!
//! `node wasm_exec_node.js hello.wasm` prints `hello from a Rust guest` and
//! `Math.max(3, 7.5, -1) = 7.5`, then exits 0.

use gojs_guest::{global, println};

fn main() {
    println!("hello from a Rust guest");
    let max = global().get("Math").call("max", (3, 7.5, -1));
    println!("Math.max(3, 7.5, -1) = {}", max.float());
}

gojs_guest::main!(main);
