//! This tests real Go wasm from the npm registry driven from Rust through
//! the session API — the embedder's view: start the package's wasm, call
//! the functions its `main` registered, await their promises, pass Rust
//! host functions as option callbacks — against node running each
//! package's own JS API on the same inputs (`conformance/npm/*`, goldens
//! recorded by `scripts/record-npm-goldens.sh`).
//!
//! The results are printed as the node drivers print them
//! (`JSON.stringify({input, op, result | error})`, through the program's own
//! `JSON`, so numbers and key order are JS's); everything else is Rust.

use crate::support::{self, on_big_stack};
use gojs_boa::{Error, Filesystem, HostFn, Output, Program, Session, boa_engine::JsValue};
use libtest_mimic::Trial;
use std::{collections::BTreeMap, path::PathBuf, time::Duration};

fn err(e: Error) -> String {
    format!("session error: {e}")
}

/// The inputs of a package's all-inputs golden (`cases.txt`, line `all`),
/// sorted by base name as the drivers sort them, and the golden itself.
fn all_inputs(package: &str) -> Result<(Vec<PathBuf>, String), String> {
    let goldens = support::root()
        .join("conformance/goldens/npm")
        .join(package);
    let cases = support::case_list(&goldens.join("cases.txt"));
    let (_, inputs) = cases
        .into_iter()
        .find(|(name, _)| name == "all")
        .ok_or("no `all` case")?;
    let mut inputs: Vec<PathBuf> = inputs.iter().map(|i| support::root().join(i)).collect();
    inputs.sort_by_key(|p| p.file_name().map(|n| n.to_owned()));
    let want = std::fs::read_to_string(goldens.join("all.stdout")).map_err(|e| e.to_string())?;
    Ok((inputs, want))
}

fn base_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `JSON.stringify({input, op, result})` / `{input, op, error}`, as the
/// drivers print each outcome.
fn line(
    s: &mut Session,
    input: &str,
    op: &str,
    outcome: Result<JsValue, String>,
) -> Result<String, String> {
    let text = match outcome {
        Ok(result) => s.call("__line", (input, op, "result", result)),
        Err(error) => s.call("__line", (input, op, "error", error)),
    };
    text.map(|t: String| t + "\n").map_err(err)
}

const LINE_JS: &str = r#"
globalThis.__line = (input, op, kind, value) =>
  JSON.stringify(kind === "result" ? { input, op, result: value } : { input, op, error: value });
"#;

/// `errorText` of the drivers.
fn error_text(e: Error) -> Result<String, String> {
    match e {
        Error::Js(e) => Ok(match e.name {
            Some(name) => format!("{name}: {}", e.message),
            None => format!("thrown: {}", e.message),
        }),
        other => Err(err(other)),
    }
}

/// The `transform` options of the astro drivers, with the two callbacks as
/// Rust host functions that return promises (Go awaits them).
fn astro_transform_options(s: &mut Session, name: &str) -> Result<JsValue, String> {
    let json = serde_json::json!({
        "filename": format!("src/components/{name}"),
        "normalizedFilename": format!("src/components/{name}"),
        "sourcemap": "external",
        "internalURL": "astro/runtime/server/index.js",
        "astroGlobalArgs": "\"https://example.com\"",
        "resultScopedSlot": true,
        "scopedStyleStrategy": "where",
        "transitionsAnimationURL": "astro/components/viewtransitions.css",
        "annotateSourceFile": false,
    });
    let resolve_path = s
        .function(
            "resolvePath",
            HostFn::promise(|(specifier,): (String,), resolver| {
                let mut rest = specifier.as_str();
                while let Some(r) = rest.strip_prefix("./").or_else(|| rest.strip_prefix("../")) {
                    rest = r;
                }
                resolver.resolve(format!("/@resolved/{rest}"));
            }),
        )
        .map_err(err)?;
    let preprocess_style = s
        .function(
            "preprocessStyle",
            HostFn::promise(
                |(content, attrs): (String, BTreeMap<String, serde_json::Value>), resolver| {
                    let mut answer = BTreeMap::new();
                    if attrs.get("lang").and_then(|l| l.as_str()) == Some("scss") {
                        let error = format!(
                            "no scss preprocessor here ({} chars)",
                            content.encode_utf16().count()
                        );
                        answer.insert("error", error);
                    } else {
                        let shown: Vec<String> =
                            attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
                        let code = format!("/* preprocessed [{}] */\n{content}", shown.join(" "));
                        answer.insert("code", code);
                    }
                    resolver.resolve(answer);
                },
            ),
        )
        .map_err(err)?;
    s.with_context(|ctx| {
        let options = gojs_boa::IntoJs::into_js(json, ctx)?;
        let object = options.as_object().expect("an object literal");
        object.set(
            gojs_boa::boa_engine::JsString::from("resolvePath"),
            resolve_path,
            true,
            ctx,
        )?;
        object.set(
            gojs_boa::boa_engine::JsString::from("preprocessStyle"),
            preprocess_style,
            true,
            ctx,
        )?;
        Ok(options)
    })
    .map_err(err)
}

/// `{...r, [key]: JSON.parse(r[key])}`: the astro loader's post-processing
/// of `parse` and `convertToTSX` (the key keeps its place).
fn parse_field(s: &mut Session, r: JsValue, key: &str) -> Result<JsValue, Error> {
    let text: String = s.get_of(&r, key)?.to_std_string(s)?;
    let parsed: JsValue = s.call("JSON.parse", (text,))?;
    let empty: JsValue = s.eval("({})")?;
    let field = s.with_context(|ctx| {
        let mut o = BTreeMap::new();
        o.insert(key, parsed);
        gojs_boa::IntoJs::into_js(o, ctx)
    })?;
    s.call("Object.assign", (empty, r, field))
}

fn astro_from_rust() -> Result<(), String> {
    let pkg = support::npm_packages()?.join("astrojs-compiler-4.0.0/package");
    let module = support::module(&pkg.join("dist/astro.wasm"))?;
    let (inputs, want) = all_inputs("astro")?;
    let got = on_big_stack(Duration::from_secs(300), move || {
        // As astro's node loader: node's real fs, argv ["js"], an empty env.
        let mut s = Program::new(&module)
            .preload("line.js", LINE_JS)
            .start()
            .map_err(err)?;
        let mut out = String::new();
        for input in &inputs {
            let name = base_name(input);
            let source = std::fs::read_to_string(input).map_err(|e| e.to_string())?;
            for op in ["transform", "parse", "convertToTSX"] {
                let options = match op {
                    "transform" => astro_transform_options(&mut s, &name)?,
                    "parse" => s.eval("({ position: true })").map_err(err)?,
                    _ => s
                        .eval(&format!(
                            "({{ filename: 'src/components/{name}', normalizedFilename: \
                             'src/components/{name}', sourcemap: 'external', \
                             includeScripts: true, includeStyles: true }})"
                        ))
                        .map_err(err)?,
                };
                let result = s
                    .call_async::<JsValue>(
                        &format!("@astrojs/compiler.{op}"),
                        (source.as_str(), options),
                    )
                    .and_then(|r| match op {
                        "parse" => parse_field(&mut s, r, "ast"),
                        "convertToTSX" => parse_field(&mut s, r, "map"),
                        _ => Ok(r),
                    });
                let outcome = match result {
                    Ok(v) => Ok(v),
                    Err(e) => Err(error_text(e)?),
                };
                out += &line(&mut s, &name, op, outcome)?;
            }
        }
        Ok(out)
    })?;
    support::expect_same("astro from Rust", got.as_bytes(), want.as_bytes())
}

/// d2's worker protocol, from Rust: `compile`/`render` take a JSON string
/// and resolve to a JSON string `{data}` or `{error: {message}}`.
fn d2_call(s: &mut Session, f: &str, request: JsValue) -> Result<JsValue, Error> {
    let request: String = s.call("JSON.stringify", (request,))?;
    let reply: String = s.call_async(&format!("d2.{f}"), (request,))?;
    let reply: JsValue = s.call("JSON.parse", (reply.as_str(),))?;
    let error: Option<String> = s.call("__errorMessage", (reply.clone(),))?;
    if let Some(message) = error {
        return Err(Error::Js(gojs_boa::JsException {
            name: Some("Error".into()),
            message,
            stack: None,
        }));
    }
    s.get_of(&reply, "data")
}

/// Small conveniences on top of the session API for these drivers.
trait Props {
    /// `object[key]` (`undefined` for a non-object).
    fn get_of(&mut self, object: &JsValue, key: &str) -> Result<JsValue, Error>;
}

impl Props for Session {
    fn get_of(&mut self, object: &JsValue, key: &str) -> Result<JsValue, Error> {
        self.with_context(|ctx| match object.as_object() {
            Some(o) => o.get(gojs_boa::boa_engine::JsString::from(key), ctx),
            None => Ok(JsValue::undefined()),
        })
    }
}

/// `String(v)` of a value read from the program.
trait ToStdString {
    fn to_std_string(&self, s: &mut Session) -> Result<String, Error>;
}

impl ToStdString for JsValue {
    fn to_std_string(&self, s: &mut Session) -> Result<String, Error> {
        s.with_context(|ctx| Ok(self.to_string(ctx)?.to_std_string_lossy()))
    }
}

const D2_JS: &str = r#"
globalThis.__errorMessage = (r) => (r.error ? r.error.message : undefined);
"#;

fn d2_from_rust() -> Result<(), String> {
    let pkg = support::npm_packages()?.join("terrastruct-d2-0.1.33/package/dist/node-esm");
    let module = support::module(&pkg.join("d2.wasm"))?;
    let (inputs, want) = all_inputs("d2")?;
    let got = on_big_stack(Duration::from_secs(600), move || {
        // As d2's node worker: the wasm_exec.js polyfill's `fs` (ENOSYS),
        // argv ["js"]. Not loaded here: ELK (elk.js + setup.js), which the
        // worker evaluates but the dagre layout these inputs use never calls
        // (the CLI test loads it, through conformance/npm/d2/preload.js).
        let mut s = Program::new(&module)
            .filesystem(Filesystem::Disabled)
            .preload("line.js", format!("{LINE_JS}{D2_JS}"))
            .start()
            .map_err(err)?;
        let mut out = String::new();
        for input in &inputs {
            let name = base_name(input);
            let source = std::fs::read_to_string(input).map_err(|e| e.to_string())?;
            let request = s
                .with_context(|ctx| {
                    gojs_boa::IntoJs::into_js(
                        serde_json::json!({"fs": {"index": source}, "options": {"layout": "dagre"}}),
                        ctx,
                    )
                })
                .map_err(err)?;
            let compiled = match d2_call(&mut s, "compile", request) {
                Ok(c) => c,
                Err(e) => {
                    out += &line(&mut s, &name, "compile", Err(error_text(e)?))?;
                    continue;
                }
            };
            out += &line(&mut s, &name, "compile", Ok(compiled.clone()))?;
            let diagram = s.get_of(&compiled, "diagram").map_err(err)?;
            let render_options = s.get_of(&compiled, "renderOptions").map_err(err)?;
            for op in ["render", "render-ascii"] {
                let options: JsValue = if op == "render" {
                    render_options.clone()
                } else {
                    let extra: JsValue = s
                        .eval("({ ascii: true, asciiMode: 'extended' })")
                        .map_err(err)?;
                    let empty: JsValue = s.eval("({})").map_err(err)?;
                    s.call("Object.assign", (empty, render_options.clone(), extra))
                        .map_err(err)?
                };
                let request = s
                    .with_context(|ctx| {
                        let mut o = BTreeMap::new();
                        o.insert("diagram", diagram.clone());
                        o.insert("options", options);
                        gojs_boa::IntoJs::into_js(o, ctx)
                    })
                    .map_err(err)?;
                // The SVG comes back base64-encoded: decoded here, in Rust.
                let outcome = d2_call(&mut s, "render", request)
                    .and_then(|data| {
                        let binary: String = s.call("atob", (data,))?;
                        let bytes: Vec<u8> = binary.chars().map(|c| c as u32 as u8).collect();
                        Ok(JsValue::from(gojs_boa::boa_engine::JsString::from(
                            String::from_utf8_lossy(&bytes).as_ref(),
                        )))
                    })
                    .map_err(error_text);
                let outcome = match outcome {
                    Ok(v) => Ok(v),
                    Err(e) => Err(e?),
                };
                out += &line(&mut s, &name, op, outcome)?;
            }
        }
        Ok(out)
    })?;
    support::expect_same("d2 from Rust", got.as_bytes(), want.as_bytes())
}

/// What `lib/processor.js` of sh-syntax does with the string `process`
/// returned, and the driver's line for it (the error classes and the
/// checks are the package's own).
const SH_SYNTAX_JS: &str = r#"
class ParseError extends Error {
  constructor({ Filename, Incomplete, Text, Pos }) {
    super(Text);
    this.Filename = Filename;
    this.Incomplete = Incomplete;
    this.Text = Text;
    this.Pos = Pos;
  }
}
globalThis.__shLine = (input, op, string, print) => {
  try {
    if (!string.startsWith('{"') || !string.endsWith('}')) {
      throw new ParseError({ Filename: input, Incomplete: true, Text: string });
    }
    const { file, text, parseError, message } = JSON.parse(string);
    if (parseError || message) {
      throw parseError == null ? new SyntaxError(message) : new ParseError(parseError);
    }
    return JSON.stringify({ input, op, result: print ? text : file });
  } catch (e) {
    const where = e.Pos ? ` at ${JSON.stringify(e.Pos)}` : "";
    const error = `${e.constructor.name}: ${e.message}${where} incomplete=${e.Incomplete}`;
    return JSON.stringify({ input, op, error });
  }
};
"#;

/// The options of one sh-syntax driver op, as `processor`'s defaults and
/// the driver's overrides make them (the `process` export's arguments
/// after the three strings, in its order).
struct ShOptions {
    print: bool,
    use_tabs: bool,
    binary_next_line: bool,
    switch_case_indent: bool,
    space_redirects: bool,
    function_next_line: bool,
    simplify: bool,
    minify: bool,
}

impl ShOptions {
    fn of(op: &str) -> Self {
        let default = Self {
            print: op != "parse",
            use_tabs: false,
            binary_next_line: true,
            switch_case_indent: true,
            space_redirects: true,
            function_next_line: false,
            simplify: false,
            minify: false,
        };
        match op {
            "print-options" => Self {
                use_tabs: true,
                binary_next_line: false,
                switch_case_indent: false,
                space_redirects: false,
                function_next_line: true,
                simplify: true,
                ..default
            },
            "print-minify" => Self {
                minify: true,
                ..default
            },
            _ => default,
        }
    }
}

/// One call of sh-syntax's `processor(text, options)`: a fresh program
/// (the package makes a `new Go()` per call), `_start`, then the exports
/// as `lib/processor.js` calls them, and the result string read up to its
/// NUL.
fn sh_syntax_call(
    module: &gojs_boa::GoModule,
    name: &str,
    text: &str,
    op: &str,
) -> Result<String, String> {
    use gojs_boa::WasmVal::I32;
    let o = ShOptions::of(op);
    let mut s = Program::new(module)
        .preload("sh-syntax.js", SH_SYNTAX_JS)
        .start()
        .map_err(err)?;
    let one = |v: Vec<gojs_boa::WasmVal>| match v.as_slice() {
        [I32(p)] => Ok(*p as u32),
        other => Err(format!("expected one i32, got {other:?}")),
    };
    let put = |s: &mut Session, bytes: &[u8]| -> Result<u32, String> {
        let ptr = one(s
            .call_export("wasmAlloc", &[I32(bytes.len() as i32)])
            .map_err(err)?)?;
        s.write_memory(ptr.into(), bytes).map_err(err)?;
        Ok(ptr)
    };
    let (path, source, stop_at) = (name.as_bytes(), text.as_bytes(), b"".as_slice());
    let path_ptr = put(&mut s, path)?;
    let text_ptr = put(&mut s, source)?;
    let stop_ptr = put(&mut s, stop_at)?;
    let string = |ptr: u32, bytes: &[u8]| {
        let len = I32(bytes.len() as i32);
        [I32(ptr as i32), len, len]
    };
    let b = |v: bool| I32(v.into());
    let mut params = Vec::new();
    params.extend(string(path_ptr, path));
    params.extend(string(text_ptr, source));
    params.extend([b(o.print), b(true), I32(1)]); // keepComments, LangBash
    params.extend(string(stop_ptr, stop_at));
    params.extend([
        I32(0), // recoverErrors
        b(o.simplify),
        I32(if o.use_tabs { 0 } else { 2 }), // indent
        b(o.binary_next_line),
        b(o.switch_case_indent),
        b(o.space_redirects),
        b(false), // keepPadding
        b(o.minify),
        b(false), // singleLine
        b(o.function_next_line),
    ]);
    let result = one(s.call_export("process", &params).map_err(err)?)?;
    for ptr in [path_ptr, text_ptr, stop_ptr] {
        s.call_export("wasmFree", &[I32(ptr as i32)]).map_err(err)?;
    }
    // `subarray(resultPointer)` up to `indexOf(0)`, a page at a time.
    let mut bytes = Vec::new();
    let mut at = u64::from(result);
    loop {
        let chunk = s
            .read_memory(at, 4096)
            .or_else(|_| s.read_memory(at, 1))
            .map_err(err)?;
        match chunk.iter().position(|&b| b == 0) {
            Some(end) => {
                bytes.extend_from_slice(&chunk[..end]);
                break;
            }
            None => bytes.extend_from_slice(&chunk),
        }
        at += chunk.len() as u64;
    }
    // `TextDecoder.decode`: a BOM dropped, invalid bytes replaced.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let decoded = String::from_utf8_lossy(bytes).into_owned();
    let line: String = s
        .call("__shLine", (name, op, decoded, o.print))
        .map_err(err)?;
    Ok(line + "\n")
}

/// sh-syntax 0.7.0 (TinyGo 0.42): every input through `print` with three
/// option sets and `parse`, driven from Rust, against node running the
/// package's own `print`/`parse` (`scripts/record-tinygo-goldens.sh`).
fn sh_syntax_from_rust() -> Result<(), String> {
    let pkg = support::npm_packages()?.join("sh-syntax-0.7.0/package");
    let module = support::module(&pkg.join("main.wasm"))?;
    if module.abi() != gojs_boa::GoAbi::TinyGo {
        return Err(format!(
            "main.wasm loaded as {:?}, not TinyGo",
            module.abi()
        ));
    }
    let (inputs, want) = all_inputs("sh-syntax")?;
    let got = on_big_stack(Duration::from_secs(300), move || {
        let mut out = String::new();
        for input in &inputs {
            let name = base_name(input);
            let text = std::fs::read_to_string(input).map_err(|e| e.to_string())?;
            for op in ["print", "print-options", "print-minify", "parse"] {
                out += &sh_syntax_call(&module, &name, &text, op)?;
            }
        }
        Ok(out)
    })?;
    support::expect_same("sh-syntax from Rust", got.as_bytes(), want.as_bytes())
}

/// esbuild-wasm 0.20.2, built with Go 1.20.12 (imports from `go`), run as
/// a command: each case of `conformance/legacy/esbuild/cases.txt` against
/// node with the package's own glue (`scripts/record-legacy-npm-goldens.sh`).
fn legacy_esbuild(name: &str, stdin: &str, args: &[String]) -> Result<(), String> {
    let root = support::root();
    let pkg = support::npm_packages()?.join("esbuild-wasm-0.20.2/package");
    let module = support::module(&pkg.join("esbuild.wasm"))?;
    if module.abi() != gojs_boa::GoAbi::Go {
        return Err(format!("esbuild-wasm 0.20.2 read as {:?}", module.abi()));
    }
    let input = match stdin {
        "-" => Vec::new(),
        file => std::fs::read(root.join("conformance/legacy/esbuild").join(file))
            .map_err(|e| format!("{file}: {e}"))?,
    };
    let mut argv = vec![pkg.join("esbuild.wasm").to_string_lossy().into_owned()];
    argv.extend(args.iter().cloned());
    let args = argv;
    let got = support::on_big_stack(Duration::from_secs(120), move || {
        let (stdout, out) = Output::capture();
        let (stderr, err) = Output::capture();
        let exit = Program::new(&module)
            .args(args)
            .env([("TMPDIR", "/tmp")])
            .cwd(support::root().to_string_lossy())
            .stdin(gojs_boa::Input::bytes(input))
            .stdout(stdout)
            .stderr(stderr)
            .run()
            .map_err(|e| e.to_string())?;
        Ok((out.bytes(), err.bytes(), exit.code))
    })?;
    let want = support::golden(&root.join("conformance/goldens/esbuild-0.20.2"), name)?;
    support::expect_same(&format!("{name}: stdout"), &got.0, &want.stdout)?;
    support::expect_same(&format!("{name}: stderr"), &got.1, &want.stderr)?;
    if got.2 != want.code {
        return Err(format!("{name}: exit {} (node: {})", got.2, want.code));
    }
    Ok(())
}

pub fn trials() -> Vec<Trial> {
    let cases = support::case_list(&support::root().join("conformance/legacy/esbuild/cases.txt"));
    let legacy = cases.into_iter().filter_map(|(name, rest)| {
        let (stdin, args) = rest.split_first()?;
        let (stdin, args) = (stdin.clone(), args.to_vec());
        Some(Trial::test(
            format!("npm::esbuild-0.20.2/{name}"),
            move || legacy_esbuild(&name, &stdin, &args).map_err(Into::into),
        ))
    });
    let mut all: Vec<Trial> = legacy.collect();
    all.extend([
        Trial::test("npm::astro/from_rust_matches_node", || {
            astro_from_rust().map_err(Into::into)
        }),
        Trial::test("npm::d2/from_rust_matches_node", || {
            d2_from_rust().map_err(Into::into)
        }),
        Trial::test("npm::sh-syntax/from_rust_matches_node", || {
            sh_syntax_from_rust().map_err(Into::into)
        }),
    ]);
    all
}
