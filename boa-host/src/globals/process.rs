//! `globalThis.process`: what Go's `syscall` (`syscall_js.go`, `fs_js.go`)
//! and `os` read.
//!
//! `pid`, `ppid`, the user and group ids and `getgroups()` are the host
//! process's, as node reports them (Go's tests skip permission checks when
//! run as root), unless the program has an [`Identity`](crate::Identity)
//! (a sandbox's). `umask` is per program: it starts at the identity's (the
//! host's) and a guest setting it changes only the mode of files this
//! program creates.
//! `cwd()`/`chdir()` keep a per-program working directory (starting at
//! the host's, or at `/` in a virtual namespace), so one program's
//! `os.Chdir` cannot move another's; `chdir` asks the program's
//! filesystem whether the directory exists.
//! `exit(code)` ends the program at once, as `process.exit` does. `argv`
//! and `env` are the program's (`env` as given to Go; `argv` as the
//! embedder set it, by default `["gojs", ...go.argv]`).

use super::methods;
use crate::host::HostData;
use boa_engine::{
    Context, JsError, JsNativeError, JsResult, JsString, JsValue,
    object::{ObjectInitializer, builtins::JsArray},
    property::Attribute,
};
use gojs_engine::Unwind;
use gojs_vfs::Errno;

pub(crate) fn create(ctx: &mut Context) -> JsResult<JsValue> {
    let data = HostData::of(ctx)?;
    let mut env = ObjectInitializer::new(ctx);
    for (k, v) in &data.options.env {
        env.property(
            JsString::from(k.as_str()),
            JsString::from(v.as_str()),
            Attribute::all(),
        );
    }
    let env = env.build();
    let argv = data
        .options
        .process_argv()
        .into_iter()
        .map(|a| JsValue::from(JsString::from(a)));
    let argv = JsArray::from_iter(argv, ctx);
    let mut p = ObjectInitializer::new(ctx);
    p.property(JsString::from("env"), env, Attribute::all());
    p.property(JsString::from("argv"), argv, Attribute::all());
    let (pid, ppid) = match data.options.identity {
        Some(me) => (me.pid, me.ppid),
        None => (std::process::id(), std::os::unix::process::parent_id()),
    };
    p.property(JsString::from("pid"), pid, Attribute::all());
    p.property(JsString::from("ppid"), ppid, Attribute::all());
    p.property(
        JsString::from("platform"),
        JsString::from("linux"),
        Attribute::all(),
    );
    methods(
        &mut p,
        &[
            ("getuid", |_, _, ctx| ids(ctx, "Uid:", 0), 0),
            ("geteuid", |_, _, ctx| ids(ctx, "Uid:", 1), 0),
            ("getgid", |_, _, ctx| ids(ctx, "Gid:", 0), 0),
            ("getegid", |_, _, ctx| ids(ctx, "Gid:", 1), 0),
            ("getgroups", getgroups, 0),
            ("umask", umask, 1),
            ("cwd", cwd, 0),
            ("chdir", chdir, 1),
            ("exit", exit, 1),
        ],
    );
    Ok(p.build().into())
}

/// A line of `/proc/self/status` (e.g. `Uid:`), split into numbers.
fn status_line(key: &str) -> Vec<f64> {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .map(|rest| {
            rest.split_whitespace()
                .filter_map(|w| u32::from_str_radix(w, if key == "Umask:" { 8 } else { 10 }).ok())
                .map(f64::from)
                .collect()
        })
        .unwrap_or_default()
}

/// Real (`index` 0) or effective (1) user/group id; -1 (the polyfill's
/// answer) where `/proc` is not there.
fn status_ids(key: &str, index: usize) -> f64 {
    status_line(key).get(index).copied().unwrap_or(-1.0)
}

/// The program's user (`key` `Uid:`) or group (`Gid:`) id, real (`index`
/// 0) or effective (1): its [`Identity`](crate::Identity)'s, or the host's.
fn ids(ctx: &mut Context, key: &str, index: usize) -> JsResult<JsValue> {
    Ok(match (HostData::of(ctx)?.options.identity, key) {
        (Some(me), "Uid:") => me.uid.into(),
        (Some(me), _) => me.gid.into(),
        (None, _) => status_ids(key, index).into(),
    })
}

/// The umask a program starts with: its identity's, or the host process's.
pub(crate) fn initial_umask(identity: Option<crate::Identity>) -> u32 {
    match identity {
        Some(me) => me.umask,
        None => status_line("Umask:").first().map_or(0o022, |m| *m as u32),
    }
}

fn getgroups(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let groups: Vec<JsValue> = match HostData::of(ctx)?.options.identity {
        Some(me) => vec![me.gid.into()],
        None => status_line("Groups:")
            .into_iter()
            .map(JsValue::new)
            .collect(),
    };
    Ok(JsArray::from_iter(groups, ctx).into())
}

/// `process.umask([mask])`: returns the previous mask.
fn umask(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let data = HostData::of(ctx)?;
    let old = data.umask.get();
    if let Some(mask) = args.first().filter(|v| !v.is_undefined()) {
        // Node's `parseFileMode`: a uint32 or an octal string, else its errors.
        let mask = super::fs::args::mode(ctx, mask, "mask", None)? & 0o777;
        data.umask.set(mask);
    }
    Ok(JsValue::new(old))
}

/// `process.cwd()`: the program's working directory (a guest path when
/// the filesystem is virtual).
fn cwd(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let cwd = HostData::of(ctx)?.cwd.borrow().clone();
    if cwd.is_empty() {
        return Err(no_cwd(ctx));
    }
    Ok(JsString::from(cwd).into())
}

/// Node's error for `process.cwd()` when its directory was deleted before
/// it started: `ENOENT: no such file or directory, uv_cwd`.
pub(crate) fn no_cwd(ctx: &mut Context) -> JsError {
    JsError::from_opaque(super::host_fs::node_error(
        ctx,
        Errno::ENOENT,
        "uv_cwd",
        None,
        None,
    ))
}

/// `process.chdir(directory)`: moves this program's working directory to
/// `directory` (relative to the current one) if the program's filesystem
/// has it as a directory; otherwise throws node's error (`ENOENT`,
/// `ENOTDIR`, …: `chdir 'cwd' -> 'directory'`). With files disabled there
/// are no directories: `ENOSYS`, as the polyfill's `process.chdir`.
fn chdir(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let data = HostData::of(ctx)?;
    let value = args.first().cloned().unwrap_or_default();
    let Some(target) = value.as_string().map(|s| s.to_std_string_lossy()) else {
        return Err(super::fs::args::invalid_type(
            ctx,
            "directory",
            "of type string",
            &value,
        ));
    };
    let Some(fs) = data.files.filesystem() else {
        return Err(JsError::from_opaque(super::fs::enosys(ctx)));
    };
    let cwd = data.cwd.borrow().clone();
    let mut resolved = super::path::resolve_from(&cwd, std::slice::from_ref(&target));
    if cwd.is_empty() && !target.starts_with('/') {
        // No cwd (the host's was deleted; only the host filesystem has
        // none): the kernel resolves the path from the deleted directory,
        // as for node (`..` is its parent, if that still exists). Linux
        // names it `<path> (deleted)`.
        resolved = std::fs::read_link("/proc/self/cwd").map_or(String::new(), |p| {
            let deleted = p.to_string_lossy();
            let deleted = deleted.strip_suffix(" (deleted)").unwrap_or(&deleted);
            super::path::resolve_from(deleted, std::slice::from_ref(&target))
        });
    }
    // The empty path names no directory (node: ENOENT), never the cwd.
    let found = match target.is_empty() || resolved.is_empty() {
        true => Err(Errno::ENOENT),
        false => fs.metadata(&resolved, true),
    };
    let errno = match found {
        Ok(meta) if meta.is_dir() => {
            *data.cwd.borrow_mut() = resolved;
            return Ok(JsValue::undefined());
        }
        Ok(_) => Errno::ENOTDIR,
        Err(e) => e,
    };
    let err = super::host_fs::node_error(ctx, errno, "chdir", Some(&cwd), Some(&target));
    Err(JsError::from_opaque(err))
}

/// The `code` of `process.exit(code)` as node 20 validates it: `undefined`
/// or `null` is 0, an integer or an integer string is taken (as an int32,
/// as node's `reallyExit` does), any other number is `ERR_OUT_OF_RANGE`,
/// any other type `ERR_INVALID_ARG_TYPE` — and the program goes on.
fn exit_code(ctx: &mut Context, code: JsValue) -> JsResult<i32> {
    use super::fs::args::{invalid_type, out_of_range};
    if code.is_null_or_undefined() {
        return Ok(0);
    }
    // A numeric string is its number (node: `+code`).
    let number = match code.as_string().map(|s| s.to_std_string_lossy()) {
        Some(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|_| !s.trim().is_empty()),
        None => code.as_number(),
    };
    match number {
        Some(n) if n.is_finite() && n.fract() == 0.0 => JsValue::new(n).to_i32(ctx),
        Some(n) => Err(out_of_range(ctx, "code", "an integer", &JsValue::new(n))),
        None => Err(invalid_type(ctx, "code", "of type number", &code)),
    }
}

/// `process.exit(code)`: ends the program now; no JS can catch it.
fn exit(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let code = exit_code(ctx, args.first().cloned().unwrap_or_default())?;
    let data = HostData::of(ctx)?;
    if data.link.with_guest(|guest| guest.exit(code)).is_none() {
        return Err(JsNativeError::error()
            .with_message("process.exit: the Go program is not running")
            .into());
    }
    Err(data.abort(Unwind::Exit))
}
