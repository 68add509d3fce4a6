//! How much native stack boa needs to parse and compile a JS source, told
//! before boa sees it.
//!
//! boa's parser recurses once per nesting level of the source, and its
//! bytecompiler and the AST's destructor once per level of the tree built,
//! all without a bound of their own: a source nested deep enough overflows
//! the thread's stack, and a stack overflow aborts the process. V8 throws
//! `RangeError: Maximum call stack size exceeded` for the same source.
//! [`estimate`] gives an upper bound of the stack boa needs, in bytes, from
//! one pass over the source's tokens, so that [`crate::stack::check_source`]
//! can refuse a source with that `RangeError` first.
//!
//! # The bound
//!
//! A tree gets one level deeper only at a bracket (`(`, `[`, `{`, `${`) or
//! at an operator or keyword (`-`, `typeof`, `=>`, `?`, `if`, `.`, `,` …);
//! identifiers and literals are leaves. Lists — the statements of a block,
//! the elements of an array literal, the arguments of a call, the
//! properties of an object literal, the declarators of `var` — are walked
//! in loops. So, at any point of the source, the stack in use is at most
//!
//! - [`PER_BRACKET`] for each bracket open there, plus
//! - for each open bracket and at the current level, the cost of every
//!   operator and keyword met since the last list separator (`;`, a line
//!   break that ends a statement, or a `,` of a list) at that level,
//!
//! where an operator costs [`PER_OPERATOR`] or, for left-associative binary
//! operators and member access, [`PER_BINARY`], and a closed bracket pair
//! (a call, a grouping) costs [`PER_BINARY`]. Two refinements keep real
//! code cheap without losing the bound: the comma operator binds loosest,
//! so at a `,` of a comma expression all that stays open is the chain of
//! commas and what encloses the whole statement (`return`, `if (…)`, a
//! label); and `else` continues the `if` before it even after a `;`, so
//! its cost is kept until a token other than `else` follows a separator.
//!
//! On real sources the bound is modest: at most 750 KiB over 495 files of
//! 20 KiB and more on a Debian machine (npm's own sources, jQuery, the
//! minified 370 KB ace editor at 635 KiB).
//! The costs are boa 0.22's, measured per nesting level in a release build
//! on 16 MiB threads (`scripts/boa-stack-per-level.sh`) and rounded up by a
//! fifth or more:
//!
//! | shape, repeated          | bytes per level |
//! |--------------------------|-----------------|
//! | `(` … `)`                | 28 102          |
//! | `[` … `]`                | 25 850          |
//! | `({a:` … `})`            | 56 488 (2 brackets) |
//! | `` `${ `` … `` }` ``     | 26 132          |
//! | `a?.(` … `)`             | 23 730          |
//! | `{` … `}`                | 3 810           |
//! | `async x => `            | 3 608           |
//! | `x => `                  | 3 480           |
//! | `a ? ` … ` : 0`          | 3 207           |
//! | `if (1) `, `if (0) {} else ` | 3 110       |
//! | `typeof `, `void `, `!`, `- ` | 2 292      |
//! | `do ` … ` while(0)`      | 2 132           |
//! | `a = `                   | 1 908           |
//! | `**1`, `--`, `a: `       | 1 651           |
//! | `new `                   | 1 571           |
//! | `.a`, `[0]`, `()`, `,a`, ` in a` | 880     |
//! | `+1`                     | 464             |
//!
//! # What the scan cannot tell
//!
//! Strings, template text, comments and regular-expression literals are
//! skipped, so the scan must tell a regular expression from a division as
//! the parser does: after an identifier, a literal, `)`, `]` or the `}` of
//! an expression a `/` divides; elsewhere it starts a regular expression.
//! Whether a `}` closes an expression or a block is decided from what came
//! before its `{`; the one shape this misjudges (a `/` right after the body
//! of a function or class *expression*, where an operator is expected
//! anyway) can only make the scan skip text up to the next `/` of that
//! line. Everything else the scan over-counts rather than under-counts:
//! every operator is assumed to nest, every `{` to cost what a bracket
//! does.

/// Stack budgeted per open bracket (measured at most 28.1 KiB).
pub(crate) const PER_BRACKET: usize = 32 << 10;
/// Stack budgeted per prefix-like or right-associative operator and per
/// keyword (measured at most 3.6 KiB).
pub(crate) const PER_OPERATOR: usize = 4 << 10;
/// Stack budgeted per left-associative binary operator, member access and
/// closed bracket pair (measured at most 880 bytes).
pub(crate) const PER_BINARY: usize = 1 << 10;

/// What an open bracket is, which says what a `,` in it separates and what
/// its closing means to the token after it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Open {
    /// `(` of a grouping: a `,` in it is the comma operator.
    Group,
    /// `(` of a call's arguments or a function's parameters: a list.
    Args,
    /// `(` after `if`, `while`, `for`, `with`, `switch`, `catch`: what
    /// follows its `)` is a statement.
    Head,
    /// `[` of an array literal: a list.
    Array,
    /// `[` of a member access: a `,` in it is the comma operator.
    Index,
    /// `{` of an object literal or a class body: a list, and an expression.
    Object,
    /// `{` of a block or a function body: a statement list.
    Block,
    /// `${` of a template: its `}` resumes the template's text.
    Template,
}

/// What the last token was, as far as the next one cares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Prev {
    /// The end of an operand (identifier, literal, `)`, `]`, the `}` of an
    /// object): a `/` after it divides, a `(` calls, a `[` indexes.
    Operand,
    /// A statement may start here (the start, `;`, a block's `{` or `}`,
    /// the `)` of a statement head, `else`, `do`): a `{` opens a block.
    Statement,
    /// An operator or a keyword that wants an operand: a `{` opens an
    /// object literal, a `/` a regular expression.
    Operator,
    /// A label's or a `case`'s `:`: a statement follows.
    Colon,
    /// `=>`: a `{` opens the function's body, which ends an expression.
    Arrow,
}

/// The state of one bracket level.
#[derive(Clone, Copy, Debug)]
struct Level {
    open: Open,
    /// Cost of the operators since the last separator at this level.
    run: usize,
    /// The part of `run` spent on what encloses the whole statement
    /// (`return`, `if (…)`, a label): all a comma operator leaves open.
    prefix: usize,
    /// Comma operators since the last separator (a left-deep chain).
    commas: usize,
    /// Cost of the `else`s of the `if` chain at this level: a separator
    /// does not end the chain, a token after it other than `else` does.
    elses: usize,
    /// A separator came: the next token ends the `if` chain unless it is
    /// `else`.
    chain_may_end: bool,
    /// `?`s waiting for their `:` at this level.
    questions: usize,
    /// A `var`, `let` or `const` began the current statement: its `,`s
    /// separate declarators.
    declaration: bool,
    /// A `case` or `default` began the current clause: its `:` ends it.
    case: bool,
    /// A `function` or `class` declaration began the current statement: the
    /// `}` of its body ends the statement.
    declares: bool,
    /// For a block: its `}` ends a statement of the level outside (a block
    /// statement, a declaration's body) rather than an expression (the body
    /// of a function expression or an arrow, a method).
    statement: bool,
}

impl Level {
    fn new(open: Open) -> Self {
        Level {
            open,
            run: 0,
            prefix: 0,
            commas: 0,
            elses: 0,
            chain_may_end: false,
            questions: 0,
            declaration: false,
            case: false,
            declares: false,
            statement: false,
        }
    }

    /// What this level adds to the stack at its deepest point now.
    fn cost(&self) -> usize {
        self.run.saturating_add(self.elses)
    }

    fn separate(&mut self) {
        self.run = 0;
        self.prefix = 0;
        self.commas = 0;
        self.questions = 0;
        self.declaration = false;
        self.case = false;
        self.declares = false;
        self.chain_may_end = true;
    }

    /// Called at every token at this level.
    fn token(&mut self, is_else: bool) {
        if self.chain_may_end && !is_else {
            self.elses = 0;
        }
        self.chain_may_end = false;
    }
}

/// Keywords that end an operand, as an identifier does.
fn is_operand_keyword(word: &[u8]) -> bool {
    matches!(word, b"this" | b"null" | b"true" | b"false" | b"super")
}

/// Words that are operators or that begin a statement or an expression;
/// anything else is an identifier (an operand).
fn is_keyword(word: &[u8]) -> bool {
    matches!(
        word,
        b"typeof"
            | b"void"
            | b"delete"
            | b"new"
            | b"await"
            | b"yield"
            | b"in"
            | b"instanceof"
            | b"return"
            | b"throw"
            | b"case"
            | b"default"
            | b"if"
            | b"else"
            | b"while"
            | b"for"
            | b"do"
            | b"with"
            | b"switch"
            | b"catch"
            | b"try"
            | b"finally"
            | b"function"
            | b"class"
            | b"extends"
            | b"var"
            | b"let"
            | b"const"
            | b"break"
            | b"continue"
            | b"debugger"
            | b"export"
            | b"import"
    )
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b == b'\\' || b >= 0x80
}

/// Where the string literal opened at `at` ends (after its closing quote,
/// or at the line break or the end that leaves it unterminated).
fn skip_string(bytes: &[u8], at: usize) -> usize {
    let quote = bytes[at];
    let mut i = at + 1;
    while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    (i + 1).min(bytes.len())
}

/// Where the regular-expression literal opened at `at` ends (after its
/// flags); a literal ends at its line at the latest.
fn skip_regex(bytes: &[u8], at: usize) -> usize {
    let mut i = at + 1;
    let mut class = false;
    while i < bytes.len() && bytes[i] != b'\n' {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => class = true,
            b']' => class = false,
            b'/' if !class => break,
            _ => {}
        }
        i += 1;
    }
    i += 1;
    while i < bytes.len() && is_word_byte(bytes[i]) {
        i += 1;
    }
    i.min(bytes.len())
}

/// Skips template text from `at` (the opening backquote, or the `}` that
/// closes a `${`): returns where it stopped — after the closing backquote,
/// or after the `{` of the next `${` — and whether it stopped at a `${`.
fn template_text(bytes: &[u8], at: usize) -> (usize, bool) {
    let mut i = at + 1;
    while i < bytes.len() && bytes[i] != b'`' {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == b'$' && bytes.get(i + 1) == Some(&b'{') {
            return (i + 2, true);
        }
        i += 1;
    }
    ((i + 1).min(bytes.len()), false)
}

/// The scan: a stack of levels and what it has seen.
struct Scan<'s> {
    bytes: &'s [u8],
    levels: Vec<Level>,
    /// Stack of the open levels: a bracket each, and their runs.
    base: usize,
    deepest: usize,
    prev: Prev,
    /// Where the last word is, when the last token was one (`if` before
    /// `(`).
    word: Option<(usize, usize)>,
    /// A line break came since the last token.
    line_break: bool,
}

impl<'s> Scan<'s> {
    fn level(&mut self) -> &mut Level {
        self.levels
            .last_mut()
            .expect("the outermost level is never closed")
    }

    fn note(&mut self) {
        let here = self
            .base
            .saturating_add(self.levels.last().map_or(0, Level::cost));
        self.deepest = self.deepest.max(here);
    }

    fn add(&mut self, cost: usize) {
        let level = self.level();
        level.run = level.run.saturating_add(cost);
        self.note();
    }

    /// Adds what may enclose the whole statement: if nothing but such
    /// tokens came since the last separator, it is its prefix.
    fn add_prefix(&mut self, cost: usize) {
        let level = self.level();
        if level.run == level.prefix {
            level.prefix = level.prefix.saturating_add(cost);
        }
        self.add(cost);
    }

    fn open(&mut self, open: Open) {
        self.open_block(open, false);
    }

    fn open_block(&mut self, open: Open, statement: bool) {
        let outer = self.levels.last().map_or(0, Level::cost);
        self.base = self.base.saturating_add(PER_BRACKET).saturating_add(outer);
        let mut level = Level::new(open);
        level.statement = statement;
        self.levels.push(level);
        self.prev = match open {
            Open::Block => Prev::Statement,
            _ => Prev::Operator,
        };
        self.note();
    }

    /// Closes the innermost level (the outermost one is never closed: a
    /// stray closing bracket is a syntax error boa reports).
    fn close(&mut self) -> Option<Open> {
        if self.levels.len() == 1 {
            return None;
        }
        let level = self.levels.pop()?;
        let outer = self.levels.last().map_or(0, Level::cost);
        self.base = self.base.saturating_sub(PER_BRACKET).saturating_sub(outer);
        if level.open == Open::Block && level.statement {
            // The end of a block statement or of a declaration.
            self.level().separate();
            self.prev = Prev::Statement;
        } else {
            // A closed pair nests what follows it as a call or a member
            // would.
            if level.open == Open::Head {
                self.add_prefix(PER_BINARY);
                self.prev = Prev::Statement;
            } else {
                self.add(PER_BINARY);
                self.prev = Prev::Operand;
            }
        }
        Some(level.open)
    }

    fn last_word(&self) -> Option<&'s [u8]> {
        self.word.map(|(start, end)| &self.bytes[start..end])
    }

    /// A word (identifier or keyword) at `bytes[start..end]`.
    fn word(&mut self, start: usize, end: usize) {
        let word = &self.bytes[start..end];
        if self.line_break && self.prev == Prev::Operand && !matches!(word, b"in" | b"instanceof") {
            // A statement ends at a line break between an operand and a
            // word that cannot continue it (automatic semicolon insertion).
            self.level().separate();
        }
        let statement_start = matches!(self.prev, Prev::Statement | Prev::Colon)
            || (self.level().run == 0 && self.last_word() == Some(b"async"));
        if matches!(word, b"var" | b"let" | b"const") && self.level().run == 0 {
            self.level().declaration = true;
        }
        if matches!(word, b"function" | b"class") && statement_start {
            self.level().declares = true;
        }
        if matches!(word, b"case" | b"default") {
            self.level().case = true;
        }
        if word == b"else" {
            let level = self.level();
            // (Even if a line break just ended the statement before it.)
            level.chain_may_end = false;
            level.elses = level.elses.saturating_add(PER_OPERATOR);
            self.note();
            self.prev = Prev::Statement;
        } else if is_operand_keyword(word) || !is_keyword(word) {
            self.prev = Prev::Operand;
        } else {
            match word {
                b"in" | b"instanceof" => self.add(PER_BINARY),
                b"return" | b"throw" | b"if" | b"while" | b"for" | b"with" | b"switch" | b"do" => {
                    self.add_prefix(PER_OPERATOR)
                }
                _ => self.add(PER_OPERATOR),
            }
            self.prev = if matches!(word, b"do" | b"try" | b"finally") {
                Prev::Statement
            } else {
                Prev::Operator
            };
        }
        self.word = Some((start, end));
    }

    /// A punctuator of `len` bytes at `bytes[i..]`; returns its length.
    fn punctuator(&mut self, bytes: &[u8], i: usize) -> usize {
        const LONGEST_FIRST: [&[u8]; 47] = [
            b">>>=", b"...", b"===", b"!==", b"**=", b"<<=", b">>=", b">>>", b"&&=", b"||=",
            b"??=", b"=>", b"==", b"!=", b"<=", b">=", b"&&", b"||", b"??", b"?.", b"++", b"--",
            b"+=", b"-=", b"*=", b"/=", b"%=", b"&=", b"|=", b"^=", b"**", b"<<", b">>", b"+",
            b"-", b"*", b"/", b"%", b"<", b">", b"=", b"&", b"|", b"^", b"!", b"~", b"?",
        ];
        let rest = &bytes[i..];
        // `?.` followed by a digit is `?` and a number (`a?.5:0`).
        let op = LONGEST_FIRST
            .iter()
            .copied()
            .find(|op| {
                rest.starts_with(op)
                    && !(*op == b"?." && rest.get(2).is_some_and(u8::is_ascii_digit))
            })
            .unwrap_or(&rest[..1]);
        let operand_before = self.prev == Prev::Operand;
        match op {
            // Left-associative binary operators (a prefix `+`/`-` is not).
            b"+" | b"-" if operand_before => self.add(PER_BINARY),
            b"*" | b"/" | b"%" | b"<" | b">" | b"<=" | b">=" | b"==" | b"!=" | b"===" | b"!=="
            | b"&" | b"|" | b"^" | b"&&" | b"||" | b"??" | b"<<" | b">>" | b">>>" | b"?." => {
                self.add(PER_BINARY)
            }
            b"++" | b"--" if operand_before => {
                // Postfix: still an operand.
                self.add(PER_BINARY);
                return op.len();
            }
            b"?" => {
                self.add(PER_OPERATOR);
                let level = self.level();
                level.questions = level.questions.saturating_add(1);
            }
            // Prefix and right-associative operators, `=>` and spread.
            _ => self.add(PER_OPERATOR),
        }
        self.prev = if op == b"=>" {
            Prev::Arrow
        } else {
            Prev::Operator
        };
        op.len()
    }

    fn colon(&mut self) {
        let level = self.level();
        if level.case {
            level.separate();
            self.prev = Prev::Colon;
            return;
        }
        let expression = level.open == Open::Object || level.questions > 0;
        level.questions = level.questions.saturating_sub(1);
        if expression {
            self.add(PER_OPERATOR);
            self.prev = Prev::Operator;
        } else {
            // A label's: it encloses the statement it labels.
            self.add_prefix(PER_OPERATOR);
            self.prev = Prev::Colon;
        }
    }

    fn comma(&mut self) {
        let level = self.level();
        let list =
            matches!(level.open, Open::Args | Open::Array | Open::Object) || level.declaration;
        if list {
            let declaration = level.declaration;
            level.separate();
            level.declaration = declaration;
        } else {
            // The comma operator binds loosest: the operand before it is
            // finished, all that stays open is the statement's prefix and
            // the chain of commas.
            level.commas = level.commas.saturating_add(1);
            level.run = level
                .prefix
                .saturating_add(level.commas.saturating_mul(PER_BINARY));
            level.questions = 0;
            self.note();
        }
        self.prev = Prev::Operator;
    }
}

/// An upper bound of the native stack, in bytes, boa needs to parse and
/// compile `source` (see the module's documentation).
pub(crate) fn estimate(source: &str) -> usize {
    let bytes = source.as_bytes();
    let mut scan = Scan {
        bytes,
        levels: vec![Level::new(Open::Block)],
        base: 0,
        deepest: 0,
        prev: Prev::Statement,
        word: None,
        line_break: false,
    };
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        if c == b'\n' || c == b'\r' {
            scan.line_break = true;
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'/' && next == b'/' {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'/' && next == b'*' {
            let end = bytes[i + 2..]
                .windows(2)
                .position(|w| w == b"*/")
                .map_or(bytes.len(), |at| i + 2 + at + 2);
            if bytes[i..end].contains(&b'\n') {
                scan.line_break = true;
            }
            i = end;
            continue;
        }
        let is_else =
            bytes[i..].starts_with(b"else") && !bytes.get(i + 4).copied().is_some_and(is_word_byte);
        scan.level().token(is_else);
        let word = scan.last_word();
        if !is_word_byte(c) || c.is_ascii_digit() {
            scan.word = None;
        }
        match c {
            b'"' | b'\'' => {
                i = skip_string(bytes, i);
                scan.prev = Prev::Operand;
            }
            b'`' => {
                let (at, opened) = template_text(bytes, i);
                i = at;
                if opened {
                    scan.open(Open::Template);
                } else {
                    scan.prev = Prev::Operand;
                }
            }
            b'/' if scan.prev != Prev::Operand => {
                i = skip_regex(bytes, i);
                scan.prev = Prev::Operand;
            }
            b'0'..=b'9' => {
                while i < bytes.len() && (is_word_byte(bytes[i]) || bytes[i] == b'.') {
                    // An exponent's sign belongs to the number.
                    if matches!(bytes[i], b'e' | b'E')
                        && matches!(bytes.get(i + 1), Some(b'+' | b'-'))
                        && !bytes[..i].ends_with(b"0x")
                    {
                        i += 1;
                    }
                    i += 1;
                }
                scan.prev = Prev::Operand;
            }
            b'.' if next.is_ascii_digit() => {
                i += 1;
                while i < bytes.len() && is_word_byte(bytes[i]) {
                    i += 1;
                }
                scan.prev = Prev::Operand;
            }
            b'.' if !bytes[i..].starts_with(b"...") => {
                scan.add(PER_BINARY);
                scan.prev = Prev::Operator;
                i += 1;
            }
            b'(' => {
                let head = matches!(
                    word,
                    Some(b"if" | b"while" | b"for" | b"with" | b"switch" | b"catch")
                );
                let open = if head {
                    Open::Head
                } else if scan.prev == Prev::Operand {
                    Open::Args
                } else {
                    // A function's parameters follow its name (an operand)
                    // or `function` itself: both lists; a grouping else.
                    match word {
                        Some(b"function") => Open::Args,
                        _ => Open::Group,
                    }
                };
                scan.open(open);
                i += 1;
            }
            b'[' => {
                let open = if scan.prev == Prev::Operand {
                    Open::Index
                } else {
                    Open::Array
                };
                scan.open(open);
                i += 1;
            }
            b'{' => {
                match scan.prev {
                    Prev::Operator => scan.open(Open::Object),
                    Prev::Statement | Prev::Colon => scan.open_block(Open::Block, true),
                    Prev::Arrow => scan.open_block(Open::Block, false),
                    // A function's or a class's body (or a method's).
                    Prev::Operand => {
                        let declares = scan.level().declares;
                        scan.open_block(Open::Block, declares);
                    }
                }
                i += 1;
            }
            b')' | b']' | b'}' => {
                if scan.close() == Some(Open::Template) {
                    let (at, opened) = template_text(bytes, i);
                    i = at;
                    if opened {
                        scan.open(Open::Template);
                    }
                    scan.line_break = false;
                    continue;
                }
                i += 1;
            }
            b';' => {
                scan.level().separate();
                scan.prev = Prev::Statement;
                i += 1;
            }
            b',' => {
                scan.comma();
                i += 1;
            }
            b':' => {
                scan.colon();
                i += 1;
            }
            c if is_word_byte(c) => {
                let start = i;
                while i < bytes.len() && is_word_byte(bytes[i]) {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let end = i.min(bytes.len());
                scan.word(start, end);
            }
            _ => {
                i += scan.punctuator(bytes, i);
            }
        }
        scan.line_break = false;
    }
    scan.deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shape of the table above, with what boa was measured to spend
    /// per level: the estimate of 1 000 levels is at least that.
    #[test]
    fn deep_shapes_are_estimated_above_what_boa_spends() {
        let shapes: &[(&str, &str, &str, usize)] = &[
            ("(", "0", ")", 28_102),
            ("[", "", "]", 25_850),
            ("({a:", "0", "})", 56_488),
            ("`${", "0", "}`", 26_132),
            ("a?.(", "", ")", 23_730),
            ("{", "", "}", 3_810),
            ("x=>{", "", "}", 8_648),
            ("function*g(){", "", "}", 5_461),
            ("async function f(){", "", "}", 5_443),
            ("try {", "", "} finally {}", 4_354),
            ("async x => ", "0", "", 3_608),
            ("x => ", "0", "", 3_480),
            ("a => a => ", "0", "", 6_949),
            ("a ? ", "0", " : 0", 3_207),
            ("if (1) ", ";", "", 3_110),
            ("if (0) {} else ", ";", "", 3_110),
            ("if (0) ; else ", ";", "", 3_110),
            ("if (0) a\nelse ", ";", "", 3_110),
            ("typeof ", "0", "", 2_292),
            ("void ", "0", "", 2_292),
            ("!", "0", "", 2_292),
            ("- ", "0", "", 2_292),
            ("do ", ";", " while(0)", 2_132),
            ("a = ", "0", "", 1_908),
            ("while (0) ", ";", "", 1_860),
            ("", "1", "**1", 1_651),
            ("--", "a", "", 1_651),
            ("a: ", "", "", 1_633),
            ("new ", "Object", "", 1_571),
            ("", "a", ".a", 880),
            ("", "a", "[0]", 880),
            ("", "a", "()", 848),
            ("", "a", ",a", 848),
            ("", "if (1) a", ",a", 848),
            ("", "return a", ",a", 848),
            ("", "0", " in a", 848),
            ("", "1", "+1", 464),
            // The same across line breaks, where no statement can end.
            ("a ?\n", "0", "\n: 0", 3_207),
            ("x =>\n", "0", "", 3_480),
            ("a =\n", "0", "", 1_908),
            ("", "a", "\n.a", 880),
        ];
        let n = 1000;
        for &(open, middle, close, measured) in shapes {
            let source = format!("{}{middle}{}", open.repeat(n), close.repeat(n));
            let estimate = estimate(&source);
            assert!(
                estimate >= n * measured,
                "{open:?}{middle:?}{close:?}: {estimate} < {}",
                n * measured
            );
        }
    }

    /// Lists are walked in loops: however long, they cost what one element
    /// does.
    #[test]
    fn lists_and_statements_do_not_add_up() {
        let flat = |element: &str| {
            let one = estimate(element);
            let many = estimate(&element.repeat(10_000));
            assert!(many <= one + PER_BRACKET, "{element:?}: {one} then {many}");
        };
        flat("a = b + 1;\n");
        flat("a = b + 1\n");
        flat("const x = f(a, b)\n");
        flat("let y = [1, 2, 3]\n");
        flat("function f(a, b) { return a + b }\n");
        flat("async function f() { await g() }\n");
        flat("class A extends B { m() { return 1 } n() {} }\n");
        flat("if (a) { b() } else { c() }\n");
        flat("if (a) b(); else c();\n");
        flat("for (let i = 0; i < n; i++) { s += i }\n");
        flat("label: { break label }\n");
        flat("switch (x) { case 1: case 2: f(); break; default: g() }\n");
        flat("f(function () { return 1 })\n");
        flat("// a comment ((((\n");
        flat("/* a comment (((( */\n");
        flat("s = 'a string ((((' + \"and [[[[\"\n");
        flat("t = `text ((( ${ a } [[[`\n");
        flat("r = /[(/]((/g.test(s)\n");
        let lists = [
            format!("var {};", "a = 1, ".repeat(10_000)),
            format!("x = [{}];", "1, ".repeat(10_000)),
            format!("x = {{{}}};", "a: 1, ".repeat(10_000)),
            format!("f({});", "a, ".repeat(10_000)),
            format!("function f({}) {{}}", "a, ".repeat(10_000)),
        ];
        for source in &lists {
            assert!(estimate(source) < 2 * PER_BRACKET, "{}", &source[..20]);
        }
    }

    /// A regular expression is told from a division, so that a quote in it
    /// does not hide what follows.
    #[test]
    fn a_quote_in_a_regular_expression_hides_nothing() {
        let deep = format!("{}0{}", "(".repeat(100), ")".repeat(100));
        for prefix in [
            "x = /'/; ",
            "f(/\"/); ",
            "if (a) /`/.test(s); ",
            "x = a / b; ",
        ] {
            let source = format!("{prefix}{deep}");
            assert!(estimate(&source) >= 100 * PER_BRACKET, "{prefix}");
        }
        // And a division followed by a string is not a regular expression.
        assert!(estimate("x = a / 2; y = '/(((('") < PER_BRACKET);
    }
}
