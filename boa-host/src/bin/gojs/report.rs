//! The reports `gojs run` writes when a run ends (`--leaks`): on stderr
//! after the program's own output, or as JSON in a file.

use gojs_boa::{FuncUse, LeakReport, LiveByKind};
use serde_json::{Value, json};
use std::path::Path;

/// Writes the leak report where `--leaks` asked; a file that cannot be
/// written is said on stderr (the run's exit code stays the program's).
pub fn leaks(target: Option<&Path>, report: &LeakReport) {
    match target {
        None => eprint!("{report}"),
        Some(path) => {
            let text = format!("{:#}\n", leaks_json(report));
            if let Err(e) = std::fs::write(path, text) {
                eprintln!("gojs: cannot write {}: {e}", path.display());
            }
        }
    }
}

fn by_kind(k: &LiveByKind) -> Value {
    json!({
        "object": k.objects,
        "string": k.strings,
        "symbol": k.symbols,
        "function": k.functions,
        "other": k.other,
        "prepared_string": k.prepared_strings,
    })
}

fn last_use(u: &FuncUse) -> Value {
    match u {
        FuncUse::Property { name, on_global } => {
            json!({"property": name, "on_global": on_global})
        }
        FuncUse::Index(i) => json!({ "index": i }),
        FuncUse::Method(m) => json!({ "method": m }),
        FuncUse::Call => json!("call"),
        FuncUse::New => json!("new"),
    }
}

/// The leak report as one JSON object (the figures of
/// [`LeakReport`], field for field).
pub fn leaks_json(r: &LeakReport) -> Value {
    let t = &r.table;
    json!({
        "slots": {
            "live": t.live_dynamic,
            "peak": t.peak_live_dynamic,
            "created": t.created,
            "freed": t.freed,
            "capacity": t.capacity,
            "live_by_kind": by_kind(&t.by_kind),
            "peak_by_kind": by_kind(&t.peak_by_kind),
        },
        "funcs": {
            "made": r.funcs.made,
            "peak": r.funcs.peak,
            "live": r.funcs.live.iter().map(|f| json!({
                "id": f.id,
                "slot": f.slot,
                "last_use": f.last_use.as_ref().map(last_use),
            })).collect::<Vec<_>>(),
        },
    })
}
