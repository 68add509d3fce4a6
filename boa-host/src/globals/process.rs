//! `globalThis.process`: what Go's `syscall` (`syscall_js.go`, `fs_js.go`)
//! and `os` read.
//!
//! `pid`/`ppid` are the host process's; the id getters return -1 and
//! `getgroups`/`umask` throw `ENOSYS`, as the polyfill in `wasm_exec.js`
//! does. `cwd()`/`chdir()` keep a per-program working directory (starting at
//! the host's), so one program's `os.Chdir` cannot move another's.
//! `exit(code)` ends the program at once, as `process.exit` does.

use super::{fs::enosys, methods};
use crate::host::{Abort, HostData};
use boa_engine::{
    Context, JsError, JsNativeError, JsResult, JsString, JsValue, object::ObjectInitializer,
    property::Attribute,
};

pub(crate) fn create(ctx: &mut Context) -> JsResult<JsValue> {
    let mut p = ObjectInitializer::new(ctx);
    p.property(JsString::from("pid"), std::process::id(), Attribute::all());
    p.property(
        JsString::from("ppid"),
        std::os::unix::process::parent_id(),
        Attribute::all(),
    );
    p.property(
        JsString::from("platform"),
        JsString::from("linux"),
        Attribute::all(),
    );
    methods(
        &mut p,
        &[
            ("getuid", minus_one, 0),
            ("getgid", minus_one, 0),
            ("geteuid", minus_one, 0),
            ("getegid", minus_one, 0),
            ("getgroups", throw_enosys, 0),
            ("umask", throw_enosys, 1),
            ("cwd", cwd, 0),
            ("chdir", chdir, 1),
            ("exit", exit, 1),
        ],
    );
    Ok(p.build().into())
}

/// Sets `process.env` to the program's environment.
pub(crate) fn set_env(ctx: &mut Context, env: &[(String, String)]) -> JsResult<()> {
    let mut e = ObjectInitializer::new(ctx);
    for (k, v) in env {
        e.property(
            JsString::from(k.as_str()),
            JsString::from(v.as_str()),
            Attribute::all(),
        );
    }
    let e = e.build();
    let process = ctx.global_object().get(JsString::from("process"), ctx)?;
    if let Some(p) = process.as_object() {
        p.set(JsString::from("env"), e, true, ctx)?;
    }
    Ok(())
}

fn minus_one(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::new(-1))
}

fn throw_enosys(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    Err(JsError::from_opaque(enosys(ctx)))
}

fn cwd(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let cwd = HostData::of(ctx).cwd.borrow().clone();
    Ok(JsString::from(cwd).into())
}

fn chdir(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let data = HostData::of(ctx);
    let target = args
        .first()
        .cloned()
        .unwrap_or_default()
        .to_string(ctx)?
        .to_std_string_lossy();
    let resolved = super::path::resolve_from(&data.cwd.borrow(), std::slice::from_ref(&target));
    if std::path::Path::new(&resolved).is_dir() {
        *data.cwd.borrow_mut() = resolved;
        return Ok(JsValue::undefined());
    }
    let err = JsNativeError::error()
        .with_message(format!(
            "ENOENT: no such file or directory, chdir '{target}'"
        ))
        .into_opaque(ctx);
    err.set(JsString::from("code"), JsString::from("ENOENT"), false, ctx)?;
    Err(JsError::from_opaque(err.into()))
}

/// `process.exit(code)`: ends the program now; no JS can catch it.
fn exit(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let code = match args.first() {
        Some(v) if !v.is_undefined() => v.to_i32(ctx)?,
        _ => 0,
    };
    Err(HostData::of(ctx).abort(Abort::Exit(code)))
}
