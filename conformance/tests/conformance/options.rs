//! This tests gojs's options beyond `wasm_exec.js`, each against the default
//! (node's) behaviour: strict released-function calls, the virtual clock,
//! the disabled filesystem, and deep nesting with its limit; and the
//! table counts the host reports at exit, for leak hunting.

use crate::support::{self, Outcome, Run};
use gojs_boa::{Filesystem, Limits};
use libtest_mimic::Trial;
use std::time::Duration;

fn corpus_run(case: &str, tweak: impl FnOnce(&mut Run)) -> Result<Outcome, String> {
    let module = support::module(&support::go_corpus()?.join("corpus.wasm"))?;
    let mut run = Run {
        args: vec!["conformance/build/go/corpus.wasm".into(), case.into()],
        env: vec![
            ("TMPDIR".into(), "/tmp".into()),
            ("GOJS_CORPUS_VAR".into(), "hello".into()),
            ("GOJS_CORPUS_EMPTY".into(), String::new()),
        ],
        cwd: Some(support::root()),
        ..Run::default()
    };
    tweak(&mut run);
    support::run(module, run, Duration::from_secs(120))
}

fn deep(levels: u32, limits: Option<Limits>) -> Result<Outcome, String> {
    let module = support::module(&support::go_corpus()?.join("deep.wasm"))?;
    let run = Run {
        args: vec!["deep.wasm".into(), levels.to_string()],
        limits,
        ..Run::default()
    };
    support::run(module, run, Duration::from_secs(120))
}

fn rust_case(wasm: &str, args: &[&str]) -> Result<Outcome, String> {
    let dir = support::rust_guests()?;
    let module = support::module(&dir.join(wasm))?;
    let mut argv = vec![wasm.to_owned()];
    argv.extend(args.iter().map(|a| a.to_string()));
    support::run(
        module,
        Run {
            args: argv,
            cwd: Some(dir),
            ..Run::default()
        },
        Duration::from_secs(120),
    )
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn check(cond: bool, what: &str, out: &Outcome) -> Result<(), String> {
    if cond {
        Ok(())
    } else {
        Err(format!(
            "{what}\nexit {}\nstdout:\n{}\nstderr:\n{}",
            out.code,
            text(&out.stdout),
            text(&out.stderr)
        ))
    }
}

type Case = (&'static str, fn() -> Result<(), String>);

const CASES: &[Case] = &[
    ("strict_released_funcs_throw_to_a_rust_guest_too", || {
        let dir = support::rust_guests()?;
        let module = support::module(&dir.join("conformance_cases.wasm"))?;
        let args = vec!["conformance_cases.wasm".into(), "released_func".into()];
        let run = Run {
            args,
            cwd: Some(dir),
            strict: true,
            ..Run::default()
        };
        let out = support::run(module, run, Duration::from_secs(60))?;
        let err = text(&out.stderr);
        check(
            out.code == 2
                && err.starts_with(
                    "call to released function\npanic: JavaScript error: call to released function",
                ),
            "strict mode, Rust guest",
            &out,
        )
    }),
    ("strict_released_funcs_throw_to_the_js_caller", || {
        // Default (node): `undefined` comes back, the program carries on.
        let node_like = corpus_run("callbacks-released", |_| {})?;
        check(
            node_like.code == 0 && text(&node_like.stdout).contains("JS got: undefined"),
            "default mode",
            &node_like,
        )?;
        // Strict: the JS caller gets an Error, which reaches Go as a js.Error panic.
        let strict = corpus_run("callbacks-released", |r| r.strict = true)?;
        let err = text(&strict.stderr);
        check(
            strict.code == 2
                && err.starts_with("call to released function\n")
                && err.contains("panic: JavaScript error: call to released function"),
            "strict mode",
            &strict,
        )
    }),
    (
        "virtual_clock_keeps_timer_order_and_is_reproducible",
        || {
            for case in [
                "timers-sleep",
                "timers-go-order",
                "timers-js-settimeout",
                "timers-microtasks",
            ] {
                let golden =
                    support::golden(&support::root().join("conformance/goldens/go"), case)?;
                let first = corpus_run(case, |r| r.virtual_clock = true)?;
                let second = corpus_run(case, |r| r.virtual_clock = true)?;
                support::expect_same(
                    &format!("{case} (virtual clock) stdout"),
                    &first.stdout,
                    &golden.stdout,
                )?;
                check(
                    first == second,
                    &format!("{case}: two virtual-clock runs differ"),
                    &second,
                )?;
            }
            Ok(())
        },
    ),
    ("virtual_clock_does_not_wait", || {
        // The ticker case waits on real timers; with the virtual clock the
        // same run spends no time waiting.
        let t = std::time::Instant::now();
        corpus_run("timers-ticker", |r| r.virtual_clock = true)?;
        let virtual_time = t.elapsed();
        let t = std::time::Instant::now();
        corpus_run("timers-ticker", |_| {})?;
        let real_time = t.elapsed();
        if virtual_time < real_time {
            Ok(())
        } else {
            Err(format!(
                "virtual {virtual_time:?} not faster than real {real_time:?}"
            ))
        }
    }),
    ("disabled_filesystem_answers_enosys", || {
        let host = corpus_run("env-fs-errors", |_| {})?;
        check(
            text(&host.stdout).contains("No such file or directory"),
            "host filesystem",
            &host,
        )?;
        let none = corpus_run("env-fs-errors", |r| {
            r.filesystem = Some(Filesystem::Disabled)
        })?;
        check(
            none.code == 0 && text(&none.stdout).matches("not implemented on js").count() == 3,
            "disabled filesystem",
            &none,
        )
    }),
    (
        "the_nesting_limit_reaches_a_rust_guest_as_a_js_error",
        || {
            let dir = support::rust_guests()?;
            let module = support::module(&dir.join("conformance_cases.wasm"))?;
            let args = vec![
                "conformance_cases.wasm".into(),
                "nested_callbacks".into(),
                "200".into(),
            ];
            let limits = Some(Limits {
                max_nesting: 100,
                ..Limits::default()
            });
            let out = support::run(
                module,
                Run {
                    args,
                    cwd: Some(dir),
                    limits,
                    ..Run::default()
                },
                Duration::from_secs(60),
            )?;
            check(
                out.code == 2 && text(&out.stderr).contains("Maximum call stack size exceeded"),
                "nesting limit, Rust guest",
                &out,
            )
        },
    ),
    ("callbacks_nest_thousands_deep", || {
        for levels in [1000, 5000] {
            let out = deep(levels, None)?;
            check(
                out.code == 0 && text(&out.stdout) == format!("depth {levels} -> {levels}\n"),
                "deep nesting",
                &out,
            )?;
        }
        Ok(())
    }),
    ("the_nesting_limit_throws_a_range_error", || {
        let out = deep(
            200,
            Some(Limits {
                max_nesting: 100,
                ..Limits::default()
            }),
        )?;
        check(
            out.code == 2
                && text(&out.stderr)
                    .starts_with("panic: JavaScript error: Maximum call stack size exceeded"),
            "nesting limit",
            &out,
        )?;
        // `run` and the first `Invoke` are entries too: 97 levels fit in 100.
        let out = deep(
            97,
            Some(Limits {
                max_nesting: 100,
                ..Limits::default()
            }),
        )?;
        check(out.code == 0, "just under the limit", &out)
    }),
    ("a_rust_guest_ends_with_no_leaked_slots", || {
        // The SDK keeps exactly two refs for the program's life: `fs` and
        // `fs.writeSync` (cached by the first print). Anything beyond that at
        // exit is a leak — after 100 000 rounds of temporaries, 1 000 kept
        // values dropped, and callbacks created and released.
        let baseline = rust_case("hello.wasm", &[])?;
        let cached = gojs_boa::LiveByKind {
            objects: 1,
            functions: 1,
            ..Default::default()
        };
        check(
            baseline.table.live_dynamic == 2 && baseline.table.by_kind == cached,
            "hello baseline",
            &baseline,
        )?;
        let churn = rust_case("conformance_cases.wasm", &["table_slots"])?;
        check(
            churn.code == 0 && churn.table.live_dynamic == 2 && churn.table.by_kind == cached,
            "after churn",
            &churn,
        )?;
        if churn.table.pooled < 1000 {
            return Err(format!("freed slots were not pooled: {:?}", churn.table));
        }
        Ok(())
    }),
    (
        "the_leak_report_of_a_rust_guest_names_its_live_funcs",
        || {
            // callbacks.rs makes four functions: `double` and `describe` drop
            // when main returns (freed: the SDK finalizes on drop); `once`
            // releases itself but `stale`, a clone of its value, still holds the
            // wrapper; `finish` is forgotten. Both are handed to setTimeout.
            let exit = rust_case("callbacks.wasm", &[])?;
            let funcs = &exit.leaks.funcs;
            let live: Vec<_> = funcs
                .live
                .iter()
                .map(|f| (f.id, f.last_use.clone()))
                .collect();
            let timer = Some(gojs_boa::FuncUse::Method("setTimeout".into()));
            check(
                exit.code == 0
                    && funcs.made == 4
                    && live == [(3, timer.clone()), (4, timer)]
                    && exit.leaks.table.by_kind.functions >= 2,
                "live funcs of callbacks.wasm",
                &exit,
            )?;
            // The churn case makes and drops 100 001 functions: none is left,
            // and every slot it filled but the two cached ones was freed.
            let churn = rust_case("conformance_cases.wasm", &["table_slots"])?;
            let (t, f) = (&churn.leaks.table, &churn.leaks.funcs);
            check(
                f.live.is_empty()
                    && f.made > 100_000
                    && t.created - t.freed == 2
                    && t.peak_live_dynamic > 1000,
                "funcs and slots after churn",
                &churn,
            )
        },
    ),
    // D4: timer ids are numbers (node returns Timeout objects); what
    // matters is that clearTimeout/clearInterval of one cancels that timer
    // and nothing else.
    ("timer_ids_are_numbers_that_cancel_their_timer", || {
        let module = support::module(&support::rust_guests()?.join("reactor.wasm"))?;
        support::on_big_stack(Duration::from_secs(60), move || {
            let mut s = gojs_boa::Program::new(&module)
                .clock(gojs_boa::ClockMode::virtual_default())
                .start()
                .map_err(|e| e.to_string())?;
            let fired: String = s
                .eval(
                    "globalThis.fired = [];
                     const a = setTimeout(() => fired.push('a'), 10);
                     const b = setTimeout(() => fired.push('b'), 20);
                     const i = setInterval(() => { fired.push('i'); clearInterval(i); }, 5);
                     clearTimeout(a);
                     clearTimeout(12345);
                     [typeof a, typeof i, a !== b].join()",
                )
                .map_err(|e| e.to_string())?;
            s.run_event_loop(None).map_err(|e| e.to_string())?;
            let order: String = s.eval("fired.join()").map_err(|e| e.to_string())?;
            if (fired.as_str(), order.as_str()) != ("number,number,true", "i,b") {
                return Err(format!("ids {fired}, fired {order}"));
            }
            Ok(())
        })
    }),
];

pub fn trials() -> Vec<Trial> {
    CASES
        .iter()
        .map(|&(name, f)| Trial::test(format!("options::{name}"), move || f().map_err(Into::into)))
        .collect()
}
