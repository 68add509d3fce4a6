//! The native stack: nothing a program does may overflow the stack of the
//! thread it runs on (an overflow aborts the whole process). Three things
//! recurse natively, each bounded here from the stack actually left
//! (`stacker::remaining_stack`):
//!
//! - Go → JS → Go nesting: the engine refuses a guest entry with less than
//!   its red zone left (a JS `RangeError`, as `Limits::max_nesting`);
//! - JS re-entering the VM through natives (`[1].map(f)` recursing): boa's
//!   recursion limit, sized at world creation from the stack left then
//!   ([`recursion_limit`]);
//! - boa's parser, which recurses per nesting level of the source without
//!   any bound of its own: every source gojs hands it (eval, preloads,
//!   scripts, and what JS compiles at run time: `eval` and `Function`,
//!   through boa's host hook, [`crate::hooks`])
//!   is first scanned for how deep it nests ([`parse_stack_estimate`]); too
//!   deep for the stack left is a `RangeError: Maximum call stack size
//!   exceeded`, as V8 says for the same source.
//!
//! The per-level costs were measured on boa 0.22 (release build): 28.6 KiB
//! per nested `(`, 27 KiB per `[`, 3.7 KiB per block, 2.2–2.8 KiB per
//! unary operator, ternary or arrow; a JS → JS call uses no native stack,
//! a native re-entry 1.3 KiB, a Go → JS → Go level 4.9 KiB.

use boa_engine::{JsNativeError, JsResult};

/// Stack kept free below every check: what the work between two checks may
/// use (a nesting level's glue, boa's own frames, error formatting). The
/// engine's, so that both sides keep the same margin.
pub(crate) const RED_ZONE: usize = gojs_engine::STACK_RED_ZONE;

/// Bytes of native stack per nesting level, as budgeted (measured, rounded up).
const PER_BRACKET: usize = 32 << 10;
const PER_BLOCK: usize = 5 << 10;
const PER_OPERATOR: usize = 4 << 10;
/// Per native re-entry of boa's VM (measured 1.3 KiB; debug builds of the
/// glue use more).
const PER_REENTRY: usize = 4 << 10;

/// The stack left on this thread, if the platform tells.
pub(crate) fn remaining() -> Option<usize> {
    stacker::remaining_stack()
}

/// The `RangeError` a JS engine throws when its stack runs out.
pub(crate) fn overflow() -> boa_engine::JsError {
    JsNativeError::range()
        .with_message("Maximum call stack size exceeded")
        .into()
}

/// boa's recursion limit for a world created with `remaining` bytes of
/// stack left: enough for `max_nesting` Go → JS → Go levels (each counts
/// about two) and no more than the stack can hold.
pub(crate) fn recursion_limit(remaining: Option<usize>, max_nesting: u32) -> usize {
    let wanted = (max_nesting as usize)
        .saturating_mul(4)
        .saturating_add(1024);
    match remaining {
        Some(r) => wanted.min(r.saturating_sub(RED_ZONE) / PER_REENTRY).max(64),
        None => wanted,
    }
}

/// Refuses `source` if parsing it could use more stack than is left.
///
/// # Errors
///
/// `RangeError: Maximum call stack size exceeded`.
pub(crate) fn check_source(source: &str) -> JsResult<()> {
    let Some(left) = remaining() else {
        return Ok(());
    };
    if parse_stack_estimate(source).saturating_add(RED_ZONE) > left {
        return Err(overflow());
    }
    Ok(())
}

/// Skips template text from `at` (the opening backquote, or the `}` that
/// closes a `${`): returns where it stopped — the closing backquote, or the
/// `{` of the next `${` — and whether it stopped at a `${`.
fn template_text(bytes: &[u8], at: usize) -> (usize, bool) {
    let mut i = at + 1;
    while i < bytes.len() && bytes[i] != b'`' {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == b'$' && bytes.get(i + 1) == Some(&b'{') {
            return (i + 1, true);
        }
        i += 1;
    }
    (i, false)
}

/// An upper estimate of the native stack boa's parser needs for `source`:
/// the deepest point of nesting, weighing each open bracket, block and
/// prefix-like operator by what boa spends on it. Strings, template text
/// and comments are skipped; regular-expression literals are not told from
/// division, which can only over-count.
pub(crate) fn parse_stack_estimate(source: &str) -> usize {
    #[derive(Clone, Copy, PartialEq)]
    enum Open {
        Bracket,
        Block,
        Template,
    }
    let bytes = source.as_bytes();
    let mut open: Vec<(Open, usize)> = Vec::new();
    // Stack used by the open levels, and by the operators of the current
    // expression at this level.
    let mut base = 0usize;
    let mut operators = 0usize;
    let mut deepest = 0usize;
    // The last byte that was not white space (what tells a unary `-` from
    // a binary one).
    let mut prev = b'(';
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        if !c.is_ascii_whitespace() && !(c == b'/' && (next == b'/' || next == b'*')) {
            let before = prev;
            prev = c;
            let unary_position = matches!(
                before,
                b'(' | b'['
                    | b'{'
                    | b','
                    | b';'
                    | b'='
                    | b'!'
                    | b'~'
                    | b'?'
                    | b':'
                    | b'+'
                    | b'-'
                    | b'*'
                    | b'/'
                    | b'%'
                    | b'&'
                    | b'|'
                    | b'^'
                    | b'<'
                    | b'>'
            );
            let operator = match c {
                b'!' => next != b'=',
                b'~' => true,
                b'?' => next != b'.' && next != b'?',
                b'=' => {
                    !matches!(next, b'=' | b'>') && !matches!(before, b'=' | b'!' | b'<' | b'>')
                }
                b'+' | b'-' => unary_position && next != c,
                _ => false,
            };
            if operator {
                operators += PER_OPERATOR;
            }
        }
        match c {
            b'/' if next == b'/' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if next == b'*' => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            b'"' | b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != c && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'`' => {
                let (at, opened) = template_text(bytes, i);
                i = at;
                if opened {
                    open.push((Open::Template, operators));
                    base += PER_BRACKET;
                    operators = 0;
                }
            }
            b'(' | b'[' | b'{' => {
                let kind = if c == b'{' {
                    Open::Block
                } else {
                    Open::Bracket
                };
                open.push((kind, operators));
                base += if kind == Open::Block {
                    // A `{` may be an object literal in an expression, which
                    // costs what a bracket does; assume the worse.
                    PER_BRACKET.max(PER_BLOCK)
                } else {
                    PER_BRACKET
                };
                operators = 0;
            }
            b')' | b']' | b'}' => {
                if let Some((kind, outer)) = open.pop() {
                    base = base.saturating_sub(if kind == Open::Block {
                        PER_BRACKET.max(PER_BLOCK)
                    } else {
                        PER_BRACKET
                    });
                    operators = outer;
                    if kind == Open::Template {
                        // Back in the template's text.
                        let (at, opened) = template_text(bytes, i);
                        i = at;
                        if opened {
                            open.push((Open::Template, operators));
                            base += PER_BRACKET;
                            operators = 0;
                        }
                    }
                }
            }
            b';' | b',' => operators = 0,
            // (Prefix-like operators, and the right-recursive `?` and `=`,
            // were counted above: each may nest the parser a level deeper.)
            _ => {}
        }
        deepest = deepest.max(base + operators);
        i += 1;
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_weighed_and_quoted_text_is_not() {
        assert_eq!(parse_stack_estimate("1 + 2"), 0);
        assert_eq!(parse_stack_estimate(&"a + ".repeat(1000)), 0);
        assert_eq!(parse_stack_estimate("x = - - 1"), 3 * PER_OPERATOR);
        assert_eq!(parse_stack_estimate("a == b && c !== d && e => f"), 0);
        assert_eq!(parse_stack_estimate("((1))"), 2 * PER_BRACKET);
        let deep = format!("{}1{}", "(".repeat(1000), ")".repeat(1000));
        assert_eq!(parse_stack_estimate(&deep), 1000 * PER_BRACKET);
        assert_eq!(parse_stack_estimate(&format!("'{}'", "(".repeat(1000))), 0);
        assert_eq!(
            parse_stack_estimate(&format!("// {}\n1", "(".repeat(1000))),
            0
        );
        assert_eq!(parse_stack_estimate(&format!("`{}`", "(".repeat(1000))), 0);
        assert_eq!(
            parse_stack_estimate("`a${ (1) }b${ [2] }`"),
            2 * PER_BRACKET
        );
        assert!(parse_stack_estimate(&"!".repeat(100)) >= 100 * PER_OPERATOR);
        // Statements do not add up; assignment chains do.
        assert_eq!(parse_stack_estimate("a = 1; b = 2; c = 3"), PER_OPERATOR);
        assert_eq!(parse_stack_estimate("a = b = c = 3"), 3 * PER_OPERATOR);
    }

    #[test]
    fn the_recursion_limit_follows_the_stack() {
        assert_eq!(recursion_limit(None, 10_000), 41_024);
        assert_eq!(recursion_limit(Some(1 << 30), 10_000), 41_024);
        let small = recursion_limit(Some(8 << 20), 10_000);
        assert!((1000..2100).contains(&small), "{small}");
    }
}
