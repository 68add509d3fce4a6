//! What a WebAssembly module is, from its bytes alone (`gojs inspect`):
//! which kind of program (and so which ABI would run it), the toolchain
//! that built it, its imports grouped by module, its exports and memory,
//! and every section's size — the seed's "reading the .wasm section by
//! section".
//!
//! Section offsets and sizes are read from the section headers directly
//! (a section is an id byte, a LEB128 payload size and the payload), so
//! they are exactly what `wasm-objdump -h` prints as `start` and `size`;
//! the conformance suite checks that on every module it has. The
//! contents are read with `wasmparser` (the parser wasmi itself uses).
//! Nothing is validated beyond what reading needs: an invalid function
//! body is the runner's business, not the inspector's.

use std::fmt;
use wasmparser::{BinaryReader, ExternalKind, KnownCustom, Parser, Payload, TypeRef, ValType};

/// What kind of program a module is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleKind {
    /// Go `js/wasm`, Go 1.21 or newer: imports from `gojs`. gojs runs it.
    GoJs,
    /// Go `js/wasm`, Go 1.20 or older: imports from `go`. gojs runs it.
    GoJsLegacy,
    /// A program on Go's `js/wasm` ABI not built by Go (a gojs-guest Rust
    /// program). gojs runs it.
    GojsGuest,
    /// TinyGo's `js/wasm`: `gojs` imports with direct arguments (not one
    /// stack pointer), and WASI for output.
    TinyGoJs,
    /// A WASI preview 1 command (`_start`), e.g. `GOOS=wasip1`.
    Wasip1Command,
    /// A WASI preview 1 reactor (`_initialize`, or no `_start`), e.g. Go's
    /// `-buildmode=c-shared`.
    Wasip1Reactor,
    /// None of the above.
    Other,
}

impl ModuleKind {
    /// Whether `gojs run` runs this kind of module.
    pub fn runs(self) -> bool {
        matches!(
            self,
            ModuleKind::GoJs
                | ModuleKind::GoJsLegacy
                | ModuleKind::GojsGuest
                | ModuleKind::TinyGoJs
                | ModuleKind::Wasip1Command
        )
    }

    /// A short stable name (the JSON form's `kind`).
    pub fn name(self) -> &'static str {
        match self {
            ModuleKind::GoJs => "go-js",
            ModuleKind::GoJsLegacy => "go-js-legacy",
            ModuleKind::GojsGuest => "gojs-guest",
            ModuleKind::TinyGoJs => "tinygo-js",
            ModuleKind::Wasip1Command => "wasip1-command",
            ModuleKind::Wasip1Reactor => "wasip1-reactor",
            ModuleKind::Other => "other",
        }
    }
}

impl fmt::Display for ModuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ModuleKind::GoJs => "Go js/wasm (Go 1.21+, imports \"gojs\")",
            ModuleKind::GoJsLegacy => "Go js/wasm (Go 1.20 or older, imports \"go\")",
            ModuleKind::GojsGuest => "gojs guest (Go's js/wasm ABI, not built by Go)",
            ModuleKind::TinyGoJs => "TinyGo js/wasm",
            ModuleKind::Wasip1Command => "WASI preview 1 command",
            ModuleKind::Wasip1Reactor => "WASI preview 1 reactor",
            ModuleKind::Other => "not a Go or WASI program",
        })
    }
}

/// One section, as its header says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The section id (0 for custom sections).
    pub id: u8,
    /// `Type`, `Import`, … as wasm-objdump names them, or a custom
    /// section's own name.
    pub name: String,
    /// Offset of the payload in the file.
    pub start: usize,
    /// Size of the payload in bytes (what the header says).
    pub size: usize,
    /// The number of entries, for sections that are a vector (and the
    /// count a `DataCount` section holds).
    pub count: Option<u32>,
}

impl Section {
    /// Whether this is a custom section.
    pub fn is_custom(&self) -> bool {
        self.id == 0
    }

    /// Bytes the section takes in the file: id, size field and payload.
    pub fn file_size(&self) -> usize {
        1 + leb128_len(self.size as u64) + self.size
    }
}

/// One import or export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Its name.
    pub name: String,
    /// What it is: `func (i32) -> ()`, `memory`, `table`, `global i32`, `tag`.
    pub kind: String,
}

/// The imports from one module, in the order the module lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportGroup {
    /// The import module (`gojs`, `wasi_snapshot_preview1`, …).
    pub module: String,
    /// What is imported from it.
    pub items: Vec<Item>,
}

/// The linear memory, imported or defined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Memory {
    /// Initial size in 64 KiB pages.
    pub initial_pages: u64,
    /// Maximum size in pages, if declared.
    pub maximum_pages: Option<u64>,
    /// Whether the memory is imported rather than defined.
    pub imported: bool,
}

/// A tool named in the `producers` custom section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Producer {
    /// `language` or `processed-by` (or another field's name).
    pub field: String,
    /// The tool (`Go`, `rustc`, `TinyGo`, …).
    pub name: String,
    /// Its version (`go1.25.1`, `0.42.0`, …), possibly empty.
    pub version: String,
}

/// What a module is and holds; see the module docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inspection {
    /// The kind of program.
    pub kind: ModuleKind,
    /// The Go release that built it (`go1.20.12`), from the `producers`
    /// section, for modules Go built.
    pub go_version: Option<String>,
    /// Go's module information (`path …`, `mod …`, `build -ldflags=…`
    /// lines, as `go version -m` prints them), when the module holds it.
    pub go_build_info: Option<String>,
    /// Every entry of the `producers` section.
    pub producers: Vec<Producer>,
    /// Imports, grouped by module in order of first appearance.
    pub imports: Vec<ImportGroup>,
    /// Exports, in order.
    pub exports: Vec<Item>,
    /// The first memory, if any.
    pub memory: Option<Memory>,
    /// Every section, in file order.
    pub sections: Vec<Section>,
    /// The file's size.
    pub size: usize,
}

impl Inspection {
    /// The sections Go's `-ldflags="-s -w"` leaves out: `-s` the symbol
    /// names (the `name` section), `-w` DWARF (the `.debug_*` sections).
    pub fn strippable(&self) -> impl Iterator<Item = &Section> {
        self.sections
            .iter()
            .filter(|s| s.is_custom() && (s.name == "name" || s.name.starts_with(".debug_")))
    }

    /// Bytes `-ldflags="-s -w"` would save (whole sections, headers
    /// included).
    pub fn strippable_bytes(&self) -> usize {
        self.strippable().map(Section::file_size).sum()
    }
}

/// Why a module cannot be inspected.
#[derive(Debug, thiserror::Error)]
pub enum InspectError {
    /// Not a WebAssembly binary module (no `\0asm` header, or a component).
    #[error("not a WebAssembly module: {0}")]
    NotWasm(&'static str),
    /// The bytes end inside a section or a section's contents are malformed.
    #[error("malformed module at byte {offset}: {message}")]
    Malformed {
        /// Where reading failed.
        offset: usize,
        /// What was wrong.
        message: String,
    },
}

impl From<wasmparser::BinaryReaderError> for InspectError {
    fn from(e: wasmparser::BinaryReaderError) -> Self {
        InspectError::Malformed {
            offset: e.offset(),
            message: e.message().to_string(),
        }
    }
}

fn leb128_len(mut n: u64) -> usize {
    let mut len = 1;
    while n >= 0x80 {
        n >>= 7;
        len += 1;
    }
    len
}

/// wasm-objdump's name for a section id.
fn section_name(id: u8) -> &'static str {
    match id {
        0 => "Custom",
        1 => "Type",
        2 => "Import",
        3 => "Function",
        4 => "Table",
        5 => "Memory",
        6 => "Global",
        7 => "Export",
        8 => "Start",
        9 => "Elem",
        10 => "Code",
        11 => "Data",
        12 => "DataCount",
        13 => "Tag",
        _ => "Unknown",
    }
}

/// The section headers, read directly: `(id, payload start, payload size)`
/// and the custom section's name.
fn sections(bytes: &[u8]) -> Result<Vec<Section>, InspectError> {
    if bytes.len() < 8 || &bytes[..4] != b"\0asm" {
        return Err(InspectError::NotWasm("no \\0asm header"));
    }
    if bytes[4..8] != [1, 0, 0, 0] {
        return Err(InspectError::NotWasm(
            "not a core module of version 1 (a component?)",
        ));
    }
    let mut out = Vec::new();
    let mut at = 8;
    while at < bytes.len() {
        let id = bytes[at];
        let mut reader = BinaryReader::new(&bytes[at + 1..], at + 1);
        let size = reader.read_var_u32()? as usize;
        let start = reader.original_position();
        let end = start
            .checked_add(size)
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| InspectError::Malformed {
                offset: at,
                message: format!("section of {size} bytes runs past the end of the file"),
            })?;
        let payload = &bytes[start..end];
        let mut contents = BinaryReader::new(payload, start);
        let (name, count) = match id {
            0 => (contents.read_string()?.to_string(), None),
            1..=7 | 9..=13 if !payload.is_empty() => {
                (section_name(id).to_string(), Some(contents.read_var_u32()?))
            }
            _ => (section_name(id).to_string(), None),
        };
        out.push(Section {
            id,
            name,
            start,
            size,
            count,
        });
        at = end;
    }
    Ok(out)
}

fn val_type(t: ValType) -> &'static str {
    match t {
        ValType::I32 => "i32",
        ValType::I64 => "i64",
        ValType::F32 => "f32",
        ValType::F64 => "f64",
        ValType::V128 => "v128",
        ValType::Ref(_) => "ref",
    }
}

fn signature(params: &[ValType], results: &[ValType]) -> String {
    let list = |ts: &[ValType]| {
        ts.iter()
            .map(|t| val_type(*t))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("func ({}) -> ({})", list(params), list(results))
}

/// Go's module information, framed by the two 16-byte sentinels
/// `runtime/debug` looks for (`cmd/go/internal/modload.infoStart/End`).
fn go_build_info(data: &[u8]) -> Option<String> {
    const START: [u8; 16] = [
        0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18,
        0xe6,
    ];
    const END: [u8; 16] = [
        0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8,
        0xf2,
    ];
    let at = data.windows(16).position(|w| w == START)? + 16;
    let len = data[at..].windows(16).position(|w| w == END)?;
    let text = std::str::from_utf8(&data[at..at + len]).ok()?;
    Some(text.trim_end().to_string())
}

/// Reads `bytes` as a module; see [`Inspection`].
///
/// # Errors
///
/// [`InspectError`] for bytes that are not a WebAssembly core module, or
/// whose sections cannot be read.
pub fn inspect(bytes: &[u8]) -> Result<Inspection, InspectError> {
    let sections = sections(bytes)?;
    let mut types: Vec<Option<(Vec<ValType>, Vec<ValType>)>> = Vec::new();
    let mut imports: Vec<ImportGroup> = Vec::new();
    let mut exports = Vec::new();
    let mut memory = None;
    let mut producers = Vec::new();
    let mut go_build = None;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload? {
            Payload::TypeSection(reader) => {
                for group in reader {
                    for sub in group?.into_types() {
                        types.push(match &sub.composite_type.inner {
                            wasmparser::CompositeInnerType::Func(f) => {
                                Some((f.params().to_vec(), f.results().to_vec()))
                            }
                            _ => None,
                        });
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader {
                    let import = import?;
                    let kind = match import.ty {
                        TypeRef::Func(t) => match types.get(t as usize) {
                            Some(Some((params, results))) => signature(params, results),
                            _ => format!("func (type {t})"),
                        },
                        TypeRef::Table(_) => "table".to_string(),
                        TypeRef::Memory(m) => {
                            if memory.is_none() {
                                memory = Some(Memory {
                                    initial_pages: m.initial,
                                    maximum_pages: m.maximum,
                                    imported: true,
                                });
                            }
                            "memory".to_string()
                        }
                        TypeRef::Global(g) => format!("global {}", val_type(g.content_type)),
                        TypeRef::Tag(_) => "tag".to_string(),
                    };
                    let item = Item {
                        name: import.name.to_string(),
                        kind,
                    };
                    match imports.iter_mut().find(|g| g.module == import.module) {
                        Some(group) => group.items.push(item),
                        None => imports.push(ImportGroup {
                            module: import.module.to_string(),
                            items: vec![item],
                        }),
                    }
                }
            }
            Payload::MemorySection(reader) => {
                for m in reader {
                    let m = m?;
                    if memory.is_none() {
                        memory = Some(Memory {
                            initial_pages: m.initial,
                            maximum_pages: m.maximum,
                            imported: false,
                        });
                    }
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export?;
                    let kind = match export.kind {
                        ExternalKind::Func => "func",
                        ExternalKind::Table => "table",
                        ExternalKind::Memory => "memory",
                        ExternalKind::Global => "global",
                        ExternalKind::Tag => "tag",
                    };
                    exports.push(Item {
                        name: export.name.to_string(),
                        kind: kind.to_string(),
                    });
                }
            }
            Payload::DataSection(reader) if go_build.is_none() => {
                for data in reader {
                    if let Some(info) = go_build_info(data?.data) {
                        go_build = Some(info);
                        break;
                    }
                }
            }
            Payload::CustomSection(reader) => {
                if let KnownCustom::Producers(fields) = reader.as_known() {
                    for field in fields {
                        let field = field?;
                        for value in field.values {
                            let value = value?;
                            producers.push(Producer {
                                field: field.name.to_string(),
                                name: value.name.to_string(),
                                version: value.version.to_string(),
                            });
                        }
                    }
                }
            }
            // Function bodies are not read: only their section's size
            // matters here.
            _ => {}
        }
    }
    let go_version = producers
        .iter()
        .find(|p| p.field == "language" && p.name == "Go")
        .map(|p| p.version.clone());
    let kind = kind_of(&imports, &exports, &producers);
    Ok(Inspection {
        kind,
        go_version,
        go_build_info: go_build,
        producers,
        imports,
        exports,
        memory,
        sections,
        size: bytes.len(),
    })
}

/// Tells the kind from the import modules, the signatures of the `gojs`
/// imports (Go's take one stack pointer: `(i32) -> ()`), the exports and
/// the producers.
fn kind_of(imports: &[ImportGroup], exports: &[Item], producers: &[Producer]) -> ModuleKind {
    let module = |name: &str| imports.iter().find(|g| g.module == name);
    let exports_func = |name: &str| exports.iter().any(|e| e.name == name && e.kind == "func");
    let by = |name: &str| producers.iter().any(|p| p.name == name);
    if module("go").is_some() {
        return ModuleKind::GoJsLegacy;
    }
    if let Some(gojs) = module("gojs") {
        let sp_only = gojs.items.iter().all(|i| i.kind == "func (i32) -> ()");
        if by("TinyGo") || !sp_only || module("wasi_snapshot_preview1").is_some() {
            return ModuleKind::TinyGoJs;
        }
        return if producers
            .iter()
            .any(|p| p.field == "language" && p.name == "Go")
        {
            ModuleKind::GoJs
        } else {
            ModuleKind::GojsGuest
        };
    }
    // TinyGo's js target exports its scheduler even when the program
    // imports nothing from `gojs`.
    if exports_func("go_scheduler") {
        return ModuleKind::TinyGoJs;
    }
    if module("wasi_snapshot_preview1").is_some() || exports_func("_start") {
        return if exports_func("_start") {
            ModuleKind::Wasip1Command
        } else {
            ModuleKind::Wasip1Reactor
        };
    }
    ModuleKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_give_starts_sizes_and_counts() {
        // (module (type (func)) (func) (export "f" (func 0))) with a custom
        // section "x" holding one byte.
        let bytes = [
            0, b'a', b's', b'm', 1, 0, 0, 0, // header
            1, 4, 1, 0x60, 0, 0, // type section: 1 type
            3, 2, 1, 0, // function section: 1 function
            7, 5, 1, 1, b'f', 0, 0, // export "f" func 0
            10, 4, 1, 2, 0, 0x0b, // code: 1 body
            0, 3, 1, b'x', 7, // custom "x"
        ];
        let i = inspect(&bytes).unwrap();
        let got: Vec<_> = i
            .sections
            .iter()
            .map(|s| (s.name.as_str(), s.start, s.size, s.count))
            .collect();
        assert_eq!(
            got,
            [
                ("Type", 10, 4, Some(1)),
                ("Function", 16, 2, Some(1)),
                ("Export", 20, 5, Some(1)),
                ("Code", 27, 4, Some(1)),
                ("x", 33, 3, None),
            ]
        );
        assert_eq!(
            i.exports,
            [Item {
                name: "f".into(),
                kind: "func".into()
            }]
        );
        assert_eq!(i.kind, ModuleKind::Other);
        assert_eq!(i.strippable_bytes(), 0);
    }

    #[test]
    fn bad_bytes_are_errors() {
        assert!(matches!(inspect(b"hello"), Err(InspectError::NotWasm(_))));
        assert!(matches!(
            inspect(b"\0asm\x0d\0\x01\0"),
            Err(InspectError::NotWasm(_))
        ));
        // A section claiming more bytes than the file has.
        assert!(matches!(
            inspect(b"\0asm\x01\0\0\0\x01\x7f"),
            Err(InspectError::Malformed { offset: 8, .. })
        ));
        // A truncated size field.
        assert!(matches!(
            inspect(b"\0asm\x01\0\0\0\x01\x80"),
            Err(InspectError::Malformed { .. })
        ));
    }

    #[test]
    fn go_build_info_is_between_the_sentinels() {
        let mut data = b"junk".to_vec();
        data.extend([
            0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6,
            0x18, 0xe6,
        ]);
        data.extend(b"path\tx\nbuild\tGOOS=js\n");
        data.extend([
            0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16,
            0xd8, 0xf2,
        ]);
        assert_eq!(
            go_build_info(&data).as_deref(),
            Some("path\tx\nbuild\tGOOS=js")
        );
        assert_eq!(go_build_info(b"no sentinels"), None);
    }
}
