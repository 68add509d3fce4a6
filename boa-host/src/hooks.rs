//! boa's host hooks: the one place JS compiles a string at run time —
//! `eval` (direct or indirect) and the `Function` family of constructors
//! (`Function`, `AsyncFunction`, `GeneratorFunction`, …, however reached:
//! `(function(){}).constructor` too) — asks the host first
//! (HostEnsureCanCompileStrings). boa's parser recurses per nesting level
//! with no bound of its own, so gojs answers with the stack check of
//! [`crate::stack::check_source`]: a source too deep for the stack left is
//! the `RangeError` V8 throws for it, instead of a process abort.

use boa_engine::{Context, JsResult, JsString, context::HostHooks, realm::Realm};

/// gojs's [`HostHooks`]: boa's defaults but for compiling strings.
#[derive(Debug, Default)]
pub(crate) struct Hooks;

impl HostHooks for Hooks {
    fn ensure_can_compile_strings(
        &self,
        _realm: Realm,
        parameters: &[JsString],
        body: &JsString,
        _direct: bool,
        _context: &mut Context,
    ) -> JsResult<()> {
        // `Function(p…, body)` parses `function anonymous(p…\n) {\nbody\n}`:
        // its depth is that of the deepest part, plus one block.
        for source in parameters.iter().chain(std::iter::once(body)) {
            crate::stack::check_source(&source.to_std_string_lossy())?;
        }
        Ok(())
    }
}
