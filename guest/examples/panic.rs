//! A panic: prints `panic: <message>` (plus a blank line and the Rust location,
//! where Go prints goroutine traces) on stderr and exits with code 2, as Go does.

use gojs_guest::{Value, println};

fn main() {
    println!("about to panic");
    // Go: `js.ValueOf("five").Int()` panics with this exact message.
    let n = Value::from("five").int();
    println!("unreachable: {n}");
}

gojs_guest::main!(main);
