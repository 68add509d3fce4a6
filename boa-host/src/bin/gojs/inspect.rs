//! `gojs inspect prog.wasm [--json]`: what [`gojs_boa::inspect`] reads
//! from a module, for people (a summary and a section table) or for tools
//! (one JSON object).

use gojs_boa::inspect::{Inspection, ModuleKind, Section};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// `1.4 MiB`, `312 B`.
fn human(bytes: usize) -> String {
    let b = bytes as f64;
    if b >= f64::from(1 << 20) {
        format!("{:.1} MiB", b / f64::from(1 << 20))
    } else if b >= 1024.0 {
        format!("{:.1} KiB", b / 1024.0)
    } else {
        format!("{bytes} B")
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

fn section_label(s: &Section) -> String {
    if s.is_custom() {
        format!("Custom {:?}", s.name)
    } else {
        s.name.clone()
    }
}

/// What runs it, after the kind.
fn verdict(kind: ModuleKind) -> &'static str {
    if kind.runs() {
        "gojs runs it"
    } else {
        "gojs does not run this kind yet"
    }
}

/// The summary and section table.
pub fn text(name: &str, i: &Inspection) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{name}: {}; {}", i.kind, verdict(i.kind));
    let _ = writeln!(out, "  size       {} ({} bytes)", human(i.size), i.size);
    if let Some(v) = &i.go_version {
        let _ = writeln!(out, "  go         {v}");
    }
    let tools: Vec<String> = i
        .producers
        .iter()
        .map(|p| format!("{} {}", p.name, p.version).trim_end().to_string())
        .collect();
    if !tools.is_empty() {
        let _ = writeln!(out, "  producers  {}", tools.join(", "));
    }
    if let Some(info) = &i.go_build_info {
        for (n, line) in info.lines().enumerate() {
            let label = if n == 0 {
                "  build info "
            } else {
                "             "
            };
            let _ = writeln!(out, "{label}{}", line.replace('\t', " "));
        }
    }
    match &i.memory {
        Some(m) => {
            let max = match m.maximum_pages {
                Some(p) => format!("maximum {p} pages ({})", human(p as usize * 65536)),
                None => "no maximum".to_string(),
            };
            let _ = writeln!(
                out,
                "  memory     {} pages ({}) initial, {max}{}",
                m.initial_pages,
                human(m.initial_pages as usize * 65536),
                if m.imported { ", imported" } else { "" }
            );
        }
        None => {
            let _ = writeln!(out, "  memory     none");
        }
    }
    for group in &i.imports {
        let _ = writeln!(
            out,
            "  imports    {} from {:?}:",
            group.items.len(),
            group.module
        );
        for item in &group.items {
            let _ = writeln!(out, "               {}  {}", item.name, item.kind);
        }
    }
    let exports: Vec<String> = i
        .exports
        .iter()
        .map(|e| format!("{} ({})", e.name, e.kind))
        .collect();
    let _ = writeln!(out, "  exports    {}", exports.join(", "));
    let _ = writeln!(
        out,
        "\nsections (start and size of each payload, as wasm-objdump -h):"
    );
    for s in &i.sections {
        let count = s.count.map(|c| format!("  count {c}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<24} start=0x{:08x} size={:>10} ({:>5.1}%){count}",
            section_label(s),
            s.start,
            s.size,
            percent(s.size, i.size)
        );
    }
    let strippable: Vec<String> = i
        .strippable()
        .map(|s| format!("{:?} {}", s.name, human(s.file_size())))
        .collect();
    let saved = i.strippable_bytes();
    if strippable.is_empty() {
        let _ = writeln!(
            out,
            "\n-ldflags=\"-s -w\" would remove nothing: no name or DWARF sections"
        );
    } else {
        let _ = writeln!(
            out,
            "\n-ldflags=\"-s -w\" would remove {} ({:.1}%): {}",
            human(saved),
            percent(saved, i.size),
            strippable.join(", ")
        );
    }
    out
}

/// The JSON form: every field of the inspection, sizes in bytes.
pub fn json(name: &str, i: &Inspection) -> Value {
    json!({
        "file": name,
        "size": i.size,
        "kind": i.kind.name(),
        "description": i.kind.to_string(),
        "runs": i.kind.runs(),
        "go_version": i.go_version,
        "go_build_info": i.go_build_info,
        "producers": i.producers.iter().map(|p| json!({
            "field": p.field, "name": p.name, "version": p.version,
        })).collect::<Vec<_>>(),
        "memory": i.memory.as_ref().map(|m| json!({
            "initial_pages": m.initial_pages,
            "maximum_pages": m.maximum_pages,
            "imported": m.imported,
        })),
        "imports": i.imports.iter().map(|g| json!({
            "module": g.module,
            "items": g.items.iter().map(|it| json!({"name": it.name, "kind": it.kind})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "exports": i.exports.iter().map(|e| json!({"name": e.name, "kind": e.kind})).collect::<Vec<_>>(),
        "sections": i.sections.iter().map(|s| json!({
            "id": s.id,
            "name": s.name,
            "custom": s.is_custom(),
            "start": s.start,
            "size": s.size,
            "count": s.count,
        })).collect::<Vec<_>>(),
        "strippable": {
            "bytes": i.strippable_bytes(),
            "sections": i.strippable().map(|s| s.name.clone()).collect::<Vec<_>>(),
        },
    })
}
