//! `gojs inspect`: the kind of every module we have — Go js/wasm old and
//! new, gojs-guest Rust programs, TinyGo, wasip1 commands and reactors,
//! real npm packages — and section starts and sizes equal to what
//! `wasm-objdump -h` (wabt, installed by `scripts/setup.sh`) prints for
//! the same file.

use crate::support::{go_corpus, inspect_modules, npm_packages, rust_guests};
use gojs_boa::inspect::{Inspection, ModuleKind, inspect};
use libtest_mimic::Trial;
use std::{path::PathBuf, process::Command};

/// The Go release `scripts/setup.sh` pins (what built the corpus).
const PINNED_GO: &str = "go1.27.3";

/// `(name, start, size, count)` of a section.
type SectionRow = (String, usize, usize, Option<u32>);

/// A module, its kind and the Go release that built it.
type Expected = (PathBuf, ModuleKind, Option<&'static str>);

/// Each section as `wasm-objdump -h` prints it (`count` for vector
/// sections; a custom section's own name).
fn objdump_sections(path: &std::path::Path) -> Result<Vec<SectionRow>, String> {
    let out = Command::new("wasm-objdump")
        .arg("-h")
        .arg(path)
        .output()
        .map_err(|e| {
            format!("cannot run wasm-objdump (wabt; scripts/setup.sh installs it): {e}")
        })?;
    if !out.status.success() {
        return Err(format!(
            "wasm-objdump -h {} failed: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let hex =
        |s: &str| usize::from_str_radix(s.trim_start_matches("0x"), 16).map_err(|e| e.to_string());
    let mut sections = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        // `     Type start=0x0000000a end=0x00000085 (size=0x0000007b) count: 18`
        let Some((name, rest)) = line.trim().split_once(" start=") else {
            continue;
        };
        let start = hex(&rest[..10])?;
        let size_at = rest.find("(size=").ok_or("no size")? + 6;
        let size = hex(&rest[size_at..size_at + 10])?;
        let tail = rest[size_at + 11..].trim();
        let (name, count) = if name == "Custom" {
            (tail.trim_matches('"').to_string(), None)
        } else {
            let count = tail
                .strip_prefix("count: ")
                .map(|c| c.parse::<u32>().map_err(|e| e.to_string()))
                .transpose()?;
            (name.to_string(), count)
        };
        sections.push((name, start, size, count));
    }
    Ok(sections)
}

fn inspected(path: &std::path::Path) -> Result<Inspection, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    inspect(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Sections equal wabt's; `Start` sections print no count in either.
fn sections_match_wabt(path: &std::path::Path) -> Result<(), String> {
    let i = inspected(path)?;
    let ours: Vec<_> = i
        .sections
        .iter()
        .map(|s| (s.name.clone(), s.start, s.size, s.count))
        .collect();
    let theirs = objdump_sections(path)?;
    if ours != theirs {
        return Err(format!(
            "{}: sections differ from wasm-objdump -h\nours:   {ours:?}\nwabt:   {theirs:?}",
            path.display()
        ));
    }
    if i.sections.last().map(|s| s.start + s.size) != Some(i.size) {
        return Err(format!(
            "{}: the sections do not end at the end of the file",
            path.display()
        ));
    }
    Ok(())
}

/// What each module is.
fn expectations() -> Result<Vec<Expected>, String> {
    let go = go_corpus()?;
    let rust = rust_guests()?;
    let npm = npm_packages()?;
    let built = inspect_modules()?;
    let mut all = Vec::new();
    for name in ["hello", "corpus", "crossings", "reactor"] {
        all.push((
            go.join(format!("{name}.wasm")),
            ModuleKind::GoJs,
            Some(PINNED_GO),
        ));
    }
    for name in ["hello", "reactor", "callbacks"] {
        all.push((
            rust.join(format!("{name}.wasm")),
            ModuleKind::GojsGuest,
            None,
        ));
    }
    all.push((
        built.join("hello-js-sw.wasm"),
        ModuleKind::GoJs,
        Some(PINNED_GO),
    ));
    all.push((
        built.join("hello-wasip1.wasm"),
        ModuleKind::Wasip1Command,
        Some(PINNED_GO),
    ));
    all.push((
        built.join("hello-reactor.wasm"),
        ModuleKind::Wasip1Reactor,
        Some(PINNED_GO),
    ));
    for (file, kind, go) in [
        (
            "esbuild-wasm-0.28.2/package/esbuild.wasm",
            ModuleKind::GoJs,
            Some("go1.26.5"),
        ),
        (
            "astrojs-compiler-4.0.0/package/dist/astro.wasm",
            ModuleKind::GoJs,
            Some("go1.22.12"),
        ),
        (
            "esbuild-wasm-0.20.2/package/esbuild.wasm",
            ModuleKind::GoJsLegacy,
            Some("go1.20.12"),
        ),
        (
            "sh-syntax-0.7.0/package/main.wasm",
            ModuleKind::TinyGoJs,
            None,
        ),
    ] {
        all.push((npm.join(file), kind, go));
    }
    Ok(all)
}

/// The kind and Go version of every module, its sections against wabt, and
/// `-ldflags="-s -w"`'s saving against the stripped build.
pub fn trials() -> Vec<Trial> {
    vec![
        Trial::test("inspect::kinds_and_go_versions", || {
            for (path, kind, go) in expectations()? {
                let i = inspected(&path)?;
                if i.kind != kind || i.go_version.as_deref() != go {
                    return Err(format!(
                        "{}: {:?} {:?}, expected {kind:?} {go:?}",
                        path.display(),
                        i.kind,
                        i.go_version
                    )
                    .into());
                }
            }
            Ok(())
        }),
        Trial::test("inspect::sections_match_wasm_objdump", || {
            for (path, _, _) in expectations()? {
                sections_match_wabt(&path)?;
            }
            Ok(())
        }),
        Trial::test("inspect::strip_saving_is_what_s_w_removes", || {
            let full = inspected(&go_corpus()?.join("hello.wasm"))?;
            let stripped = inspected(&inspect_modules()?.join("hello-js-sw.wasm"))?;
            // The sections `-s -w` drops are the ones predicted …
            let names = |i: &Inspection| {
                i.sections
                    .iter()
                    .map(|s| s.name.clone())
                    .collect::<Vec<_>>()
            };
            let strippable: Vec<String> = full.strippable().map(|s| s.name.clone()).collect();
            let mut kept = names(&full);
            kept.retain(|n| !strippable.contains(n));
            if strippable.is_empty() || kept != names(&stripped) || stripped.strippable_bytes() != 0
            {
                return Err(format!(
                    "-s -w kept {:?}; inspect predicted {kept:?} (dropping {strippable:?})",
                    names(&stripped)
                )
                .into());
            }
            // … and the bytes saved are theirs, but for the build info the
            // stripped build gains (`build -ldflags="-s -w"`, a few bytes).
            let saved = full.size.abs_diff(stripped.size);
            if full.strippable_bytes().abs_diff(saved) > 64 {
                return Err(format!(
                    "-s -w saved {saved} bytes; inspect predicted {}",
                    full.strippable_bytes()
                )
                .into());
            }
            Ok(())
        }),
    ]
}
