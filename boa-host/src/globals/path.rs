//! `globalThis.path`: node's `path.resolve` (POSIX), which Go's `os`
//! package may call to make paths absolute.

use super::methods;
use crate::host::HostData;
use boa_engine::{Context, JsResult, JsString, JsValue, object::ObjectInitializer};

pub(crate) fn create(ctx: &mut Context) -> JsResult<JsValue> {
    let mut p = ObjectInitializer::new(ctx);
    methods(&mut p, &[("resolve", resolve, 0)]);
    Ok(p.build().into())
}

fn resolve(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let mut segments = Vec::with_capacity(args.len());
    for a in args {
        segments.push(a.to_string(ctx)?.to_std_string_lossy());
    }
    let cwd = HostData::of(ctx)?.cwd.borrow().clone();
    // Node asks `process.cwd()` only when no segment is absolute.
    if cwd.is_empty() && !segments.iter().any(|s| s.starts_with('/')) {
        return Err(super::process::no_cwd(ctx));
    }
    Ok(JsString::from(resolve_from(&cwd, &segments)).into())
}

/// `path.resolve(...segments)` relative to `cwd`: right to left until a
/// segment is absolute, then normalised (`.`/`..` removed, no trailing `/`).
pub(crate) fn resolve_from(cwd: &str, segments: &[String]) -> String {
    let mut joined = String::new();
    for s in segments
        .iter()
        .rev()
        .chain(std::iter::once(&cwd.to_owned()))
    {
        if s.is_empty() {
            continue;
        }
        joined = if joined.is_empty() {
            s.clone()
        } else {
            format!("{s}/{joined}")
        };
        if s.starts_with('/') {
            break;
        }
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::resolve_from;

    #[test]
    fn resolves_like_node() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(resolve_from("/a/b", &s(&["c"])), "/a/b/c");
        assert_eq!(resolve_from("/a/b", &s(&["/x", "y/../z/"])), "/x/z");
        assert_eq!(resolve_from("/a/b", &s(&[".."])), "/a");
        assert_eq!(resolve_from("/", &s(&["..", ".."])), "/");
    }
}
