//! This tests that a program can be given a virtual filesystem
//! (`Filesystem::Mounts`) and sees the same `fs` there as on the host: the
//! `fsprobe` Go program prints the same in memory, in a confined host
//! directory and on the host (whose output is node's: checked by hand with
//! `node wasm_exec_node.js fsprobe.wasm ops` in an empty directory); and
//! that the namespace holds: read-only mounts refuse changes with `EROFS`,
//! a capacity gives `ENOSPC`, mounts are separate devices (`EXDEV`), a host
//! directory cannot be left through `..` or links, `chdir` stays inside,
//! the empty path is `ENOENT`. Bad numbers from JS get node's errors, never
//! a host panic. Go's own `os` tests pass in a namespace too (with the
//! `go_suites`), but for the two that need `/dev/null`.
//!
//! Everything that touches the host does so in a fresh scratch directory
//! under the system temp dir, removed afterwards.

use crate::support::{self, Outcome, Run};
use gojs_boa::{
    Filesystem, Mount, Program,
    vfs::{FileSystem, MemFs},
};
use libtest_mimic::Trial;
use std::{
    path::{Path, PathBuf},
    time::Duration,
};

/// A fresh directory under the system temp dir, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Result<Scratch, String> {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "gojs-vfs-{name}-{}-{n}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::create_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(Scratch(dir))
    }

    fn path(&self) -> &Path {
        &self.0
    }

    /// The names left in the directory.
    fn entries(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .map(|d| {
                d.filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the `fsprobe` program with `args` on `filesystem` (none: the host)
/// in `cwd`.
fn probe(
    filesystem: Option<Filesystem>,
    cwd: Option<&str>,
    args: &[&str],
) -> Result<Outcome, String> {
    let module = support::module(&support::go_corpus()?.join("fsprobe.wasm"))?;
    let mut argv = vec!["fsprobe.wasm".to_owned()];
    argv.extend(args.iter().map(|a| a.to_string()));
    let run = Run {
        args: argv,
        cwd: cwd.map(PathBuf::from),
        filesystem,
        ..Run::default()
    };
    support::run(module, run, Duration::from_secs(120))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The probe ended well and printed `want`.
fn expect(out: &Outcome, want: &str) -> Result<(), String> {
    if out.code != 0 || !out.stderr.is_empty() {
        return Err(format!(
            "exit {}\nstderr:\n{}\nstdout:\n{}",
            out.code,
            text(&out.stderr),
            text(&out.stdout)
        ));
    }
    support::expect_same("stdout", &out.stdout, want.as_bytes())
}

/// The `fs` calls of a JS `script` (returning a string) in a parked Rust
/// reactor on `filesystem`, in `cwd`: the script's result once the event
/// loop has run the callbacks, then `globalThis.out.join("\n")`.
fn js(
    filesystem: Filesystem,
    cwd: Option<&Path>,
    script: &'static str,
) -> Result<(String, String), String> {
    let module = support::module(&support::rust_guests()?.join("reactor.wasm"))?;
    let cwd = cwd.map(|p| p.to_string_lossy().into_owned());
    support::on_big_stack(Duration::from_secs(60), move || {
        let mut program = Program::new(&module).filesystem(filesystem);
        if let Some(cwd) = cwd {
            program = program.cwd(cwd);
        }
        let mut s = program.start().map_err(|e| e.to_string())?;
        let first: String = s.eval(script).map_err(|e| e.to_string())?;
        s.run_event_loop(None).map_err(|e| e.to_string())?;
        let later: String = s
            .eval("(globalThis.out || []).join('\\n')")
            .map_err(|e| e.to_string())?;
        Ok((first, later))
    })
}

/// Calls each callback-taking `fs` operation with hostile values; returns
/// what each call did at once (`ok`, or the code and message it threw).
const BAD_ARGUMENTS: &str = r#"(() => {
  const out = [];
  const cb = () => {};
  const buf = new Uint8Array(4);
  const values = [NaN, Infinity, -Infinity, -0, 2 ** 64, 2 ** 53, -1, -2, 1.5, 1e300, '3', null, undefined, {}, 5n];
  const show = (v) => typeof v === 'bigint' ? v + 'n'
    : Object.is(v, -0) ? '-0'
    : typeof v === 'object' && v !== null ? '{}'
    : typeof v === 'string' ? "'" + v + "'" : String(v);
  const calls = {
    'close(v)': (v) => fs.close(v, cb),
    'fstat(v)': (v) => fs.fstat(v, cb),
    'fsync(v)': (v) => fs.fsync(v, cb),
    'ftruncate(99,v)': (v) => fs.ftruncate(99, v, cb),
    'fchmod(99,v)': (v) => fs.fchmod(99, v, cb),
    'fchown(99,v,0)': (v) => fs.fchown(99, v, 0, cb),
    'chmod(x,v)': (v) => fs.chmod('x', v, cb),
    'mkdir(x/y,v)': (v) => fs.mkdir('x/y', v, cb),
    'open(x,v)': (v) => fs.open('x', v, 0o666, cb),
    'open(x,0,v)': (v) => fs.open('x', 0, v, cb),
    'chown(x,v,0)': (v) => fs.chown('x', v, 0, cb),
    'truncate(x,v)': (v) => fs.truncate('x', v, cb),
    'utimes(x,v,0)': (v) => fs.utimes('x', v, 0, cb),
    'read(99,buf,v,1,null)': (v) => fs.read(99, buf, v, 1, null, cb),
    'read(99,buf,0,v,null)': (v) => fs.read(99, buf, 0, v, null, cb),
    'read(99,buf,0,1,v)': (v) => fs.read(99, buf, 0, 1, v, cb),
    'write(99,buf,v,1,null)': (v) => fs.write(99, buf, v, 1, null, cb),
    'write(99,buf,0,v,null)': (v) => fs.write(99, buf, 0, v, null, cb),
    'write(99,buf,0,1,v)': (v) => fs.write(99, buf, 0, 1, v, cb),
    'stat(v)': (v) => fs.stat(v, cb),
  };
  for (const [name, f] of Object.entries(calls)) {
    for (const v of values) {
      let r;
      try { f(v); r = 'ok'; } catch (e) { r = e.code + ': ' + e.message; }
      out.push(name + ' ' + show(v) + ' ' + r);
    }
  }
  return out.join('\n');
})()"#;

/// FNV-1a (64 bits) of node 20's answer to [`BAD_ARGUMENTS`] (in an empty
/// directory: `globalThis.fs = require('fs')`, then the script), with the
/// six calls where node *aborts* (`-0` as a mode, as open flags, or as
/// `write`'s length: `Assertion failed: args[1]->IsInt32()`) answered `ok`,
/// as gojs answers them (`-0` is 0).
const NODE_BAD_ARGUMENTS_FNV: u64 = 0x9861_b955_d1ad_5347;

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Empty paths everywhere: `ENOENT`, never the working directory.
const EMPTY_PATHS: &str = r#"(() => {
  globalThis.out = [];
  const cb = (name) => (e) => out.push(name + ' ' + (e ? e.code : 'ok'));
  fs.rmdir('', cb('rmdir'));
  fs.unlink('', cb('unlink'));
  fs.stat('', cb('stat'));
  fs.lstat('', cb('lstat'));
  fs.open('', 0, 0o666, cb('open'));
  fs.mkdir('', 0o777, cb('mkdir'));
  fs.readdir('', cb('readdir'));
  fs.rename('', 'x', cb('rename'));
  fs.chmod('', 0o777, cb('chmod'));
  fs.utimes('', 1, 1, cb('utimes'));
  fs.truncate('', 0, cb('truncate'));
  const sync = [];
  try { process.chdir(''); sync.push('chdir ok'); } catch (e) { sync.push('chdir ' + e.code); }
  sync.push('existsSync ' + fs.existsSync(''));
  try { fs.readFileSync(''); } catch (e) { sync.push('readFileSync ' + e.code); }
  try { fs.writeFileSync('', 'x'); } catch (e) { sync.push('writeFileSync ' + e.code); }
  return sync.join('\n');
})()"#;

const EMPTY_SYNC: &str =
    "chdir ENOENT\nexistsSync false\nreadFileSync ENOENT\nwriteFileSync ENOENT";
const EMPTY_ASYNC: &str = "rmdir ENOENT\nunlink ENOENT\nstat ENOENT\nlstat ENOENT\nopen ENOENT\n\
     mkdir ENOENT\nreaddir ENOENT\nrename ENOENT\nchmod ENOENT\nutimes ENOENT\ntruncate ENOENT";

type Case = (&'static str, fn() -> Result<(), String>);

const CASES: &[Case] = &[
    (
        "ops_print_the_same_in_memory_in_a_host_dir_and_on_the_host",
        || {
            let host_dir = Scratch::new("ops-host")?;
            let host = probe(None, host_dir.path().to_str(), &["ops"])?;
            if host.code != 0 || !host.stderr.is_empty() {
                return Err(format!("on the host: {}", text(&host.stderr)));
            }
            let want = text(&host.stdout);
            if !host_dir.entries().is_empty() {
                return Err(format!("ops left {:?} behind", host_dir.entries()));
            }
            // The whole namespace in memory, cwd `/`.
            expect(&probe(Some(Filesystem::memory()), None, &["ops"])?, &want)?;
            // A confined host directory mounted below a memory root.
            let confined = Scratch::new("ops-confined")?;
            let fs = Filesystem::mounts([
                Mount::memory("/"),
                Mount::host_dir("/work", confined.path()),
            ]);
            expect(&probe(Some(fs), Some("/work"), &["ops"])?, &want)?;
            // A memory mount with a capacity, and a deeper cwd.
            let fs = Filesystem::mounts([Mount::memory("/").dir("home/me").capacity(1 << 20)]);
            expect(&probe(Some(fs), Some("/home/me"), &["ops"])?, &want)
        },
    ),
    (
        "go_sees_node_errors_for_missing_files_in_memory_too",
        || {
            let module = support::module(&support::go_corpus()?.join("corpus.wasm"))?;
            let golden = support::golden(
                &support::root().join("conformance/goldens/go"),
                "env-fs-errors",
            )?;
            let run = Run {
                args: vec!["corpus.wasm".into(), "env-fs-errors".into()],
                filesystem: Some(Filesystem::memory()),
                ..Run::default()
            };
            let out = support::run(module, run, Duration::from_secs(120))?;
            support::expect_same("env-fs-errors in memory", &out.stdout, &golden.stdout)
        },
    ),
    ("a_read_only_mount_refuses_every_change_with_erofs", || {
        // A custom mount: a tree the embedder filled.
        let fs = Filesystem::mounts([
            Mount::memory("/"),
            Mount::custom("/ro", || {
                let tree = MemFs::new();
                let _ = tree.write_file("/f", b"data");
                Box::new(tree) as Box<dyn FileSystem>
            })
            .read_only(),
        ]);
        let e = "Read-only file system true";
        expect(
            &probe(Some(fs), None, &["erofs", "/ro"])?,
            &format!(
                "read f: \"data\"\ncreate: open /ro/new: {e}\nopen rdwr: open /ro/f: {e}\n\
                 remove: remove /ro/f: {e}\nmkdir: mkdir /ro/sub: {e}\n\
                 rename: rename /ro/f /ro/g: {e}\nchmod: chmod /ro/f: {e}\n\
                 truncate: truncate /ro/f: {e}\nsymlink: symlink f /ro/l: {e}\n\
                 chtimes: chtimes /ro/f: {e}\nread f after: \"data\"\n"
            ),
        )
    }),
    ("a_capacity_gives_enospc_and_freed_space_is_usable", || {
        let fs = Filesystem::mounts([Mount::memory("/").capacity(256 << 10)]);
        expect(
            &probe(Some(fs), None, &["enospc"])?,
            "write 1 MiB: write big: No space left on device true\nremove big: ok\n\
             write small: ok\nread small: \"fits\"\n",
        )
    }),
    ("mounts_are_separate_devices", || {
        let fs = Filesystem::mounts([Mount::memory("/a"), Mount::memory("/b")]);
        let x = "Cross-device link true";
        expect(
            &probe(Some(fs), None, &["exdev", "/a/x", "/b/x"])?,
            &format!(
                "write /a/x: ok\nrename across: rename /a/x /b/x: {x}\nlink across: link /a/x /b/x: {x}\n"
            ),
        )
    }),
    ("a_host_dir_cannot_be_left_by_dotdot_or_links", || {
        let scratch = Scratch::new("escape")?;
        let (root, outside) = (scratch.path().join("root"), scratch.path().join("outside"));
        std::fs::create_dir(&root).map_err(|e| e.to_string())?;
        std::fs::create_dir(&outside).map_err(|e| e.to_string())?;
        let secret = outside.join("secret.txt");
        std::fs::write(&secret, "TOP SECRET").map_err(|e| e.to_string())?;
        std::os::unix::fs::symlink(&outside, root.join("hostlink")).map_err(|e| e.to_string())?;
        let secret = secret.to_string_lossy().into_owned();
        for (fs, cwd) in [
            (Filesystem::mounts([Mount::host_dir("/", &root)]), "/"),
            (
                Filesystem::mounts([Mount::memory("/"), Mount::host_dir("/work", &root)]),
                "/work",
            ),
        ] {
            let out = probe(Some(fs), Some(cwd), &["escape", &secret])?;
            let stdout = text(&out.stdout);
            if stdout.contains("TOP SECRET") || out.code != 0 {
                return Err(format!("the secret leaked or the probe failed:\n{stdout}"));
            }
            let missing = ": error: open ";
            for line in [
                "read ../",
                "read /../../",
                "read host path",
                "read l-abs",
                "read l-up",
                "read hostlink/secret.txt",
            ] {
                let ok = stdout.lines().any(|l| {
                    l.starts_with(&format!("{line}:"))
                        && l.contains(missing)
                        && l.ends_with("No such file or directory")
                });
                if !ok {
                    return Err(format!("{line}: not ENOENT in\n{stdout}"));
                }
            }
            // `..` stops at the root: `../escaped.txt` lands inside the
            // namespace (in the host dir when it is the root).
            let inside = root.join("escaped.txt");
            if scratch.path().join("escaped.txt").exists() || (cwd == "/") != inside.exists() {
                return Err(format!("escaped.txt not where it belongs:\n{stdout}"));
            }
            let _ = std::fs::remove_file(&inside);
            if cwd == "/" && !stdout.contains("readdir /..: [hostlink l-abs l-up] <nil>") {
                return Err(format!("/.. is not the root:\n{stdout}"));
            }
            for link in ["l-abs", "l-up"] {
                let _ = std::fs::remove_file(root.join(link));
            }
        }
        if std::fs::read_to_string(outside.join("secret.txt"))
            .ok()
            .as_deref()
            != Some("TOP SECRET")
        {
            return Err("the secret changed".into());
        }
        Ok(())
    }),
    ("chdir_stays_inside_the_namespace", || {
        let fs = Filesystem::mounts([Mount::memory("/work")]);
        expect(
            &probe(Some(fs), None, &["chdir", "/work"])?,
            "start: /\nchdir /etc: chdir /etc: No such file or directory\nchdir /work: ok\n\
             now: /work\nchdir missing: chdir missing: No such file or directory\nchdir ..: ok\n\
             now: /\nreaddir: [work] <nil>\n\
             create above the mounts: open top.txt: Read-only file system true\n",
        )
    }),
    ("the_empty_path_is_enoent_in_memory_and_on_the_host", || {
        let (sync, later) = js(Filesystem::memory(), None, EMPTY_PATHS)?;
        if (sync.as_str(), later.as_str()) != (EMPTY_SYNC, EMPTY_ASYNC) {
            return Err(format!("in memory:\n{sync}\n--\n{later}"));
        }
        // On the host, in an empty scratch directory that `rmdir('')` must
        // not remove.
        let scratch = Scratch::new("empty")?;
        let (sync, later) = js(Filesystem::Host, Some(scratch.path()), EMPTY_PATHS)?;
        if (sync.as_str(), later.as_str()) != (EMPTY_SYNC, EMPTY_ASYNC) || !scratch.path().is_dir()
        {
            return Err(format!("on the host:\n{sync}\n--\n{later}"));
        }
        Ok(())
    }),
    ("bad_numbers_get_node_errors_and_never_a_panic", || {
        let scratch = Scratch::new("bad-args")?;
        let (host, _) = js(Filesystem::Host, Some(scratch.path()), BAD_ARGUMENTS)?;
        let (memory, _) = js(Filesystem::memory(), None, BAD_ARGUMENTS)?;
        if host != memory {
            return Err(format!("host and memory differ:\n{host}\n--\n{memory}"));
        }
        if fnv1a(host.as_bytes()) != NODE_BAD_ARGUMENTS_FNV {
            return Err(format!("not node's answers:\n{host}"));
        }
        if !scratch.entries().is_empty() {
            return Err(format!("left behind: {:?}", scratch.entries()));
        }
        Ok(())
    }),
    ("a_mount_that_cannot_be_made_is_a_setup_error", || {
        let fs = Filesystem::mounts([Mount::host_dir("/", "/gojs-vfs-no-such-dir")]);
        match probe(Some(fs), None, &["ops"]) {
            Err(e) if e.contains("cannot set up") && e.contains("/gojs-vfs-no-such-dir") => Ok(()),
            other => Err(format!("{other:?}")),
        }
    }),
    // Named for `go_suites`, with which it runs (`-- go_suites`): Go's own
    // `os` tests, in a memory root with the package's sources mounted
    // read-only where they are on the host.
    ("go_suites_os_pass_in_a_namespace_but_for_dev_null", || {
        let (wasm, dir) = support::go_test_binary("os")?;
        let module = support::module(&wasm)?;
        let dir_s = dir.to_string_lossy().into_owned();
        let fs = Filesystem::mounts([
            Mount::memory("/")
                .dir("tmp")
                .dir("usr/bin")
                .file("etc/group", "root:x:0:\n")
                .file("etc/hosts", "127.0.0.1 localhost\n")
                .file("etc/passwd", "root:x:0:0::/:/bin/sh\n"),
            Mount::host_dir(dir_s.clone(), &dir).read_only(),
        ]);
        let run = Run {
            args: vec![
                wasm.to_string_lossy().into_owned(),
                "-test.v".into(),
                "-test.short".into(),
                "-test.paniconexit0".into(),
                "-test.timeout=10m0s".into(),
            ],
            env: vec![
                ("TMPDIR".into(), "/tmp".into()),
                ("HOME".into(), "/".into()),
            ],
            cwd: Some(dir),
            filesystem: Some(fs),
            ..Run::default()
        };
        let got = support::run(module, run, Duration::from_secs(600))?;
        let stdout = text(&got.stdout);
        // Memory has no devices: the two tests that open /dev/null fail.
        let expected = ["--- FAIL: TestDevNullFile", "--- FAIL: TestOpenFileDevNull"];
        let mut failed: Vec<&str> = stdout
            .lines()
            .filter(|l| l.contains("--- FAIL"))
            .map(|l| l.split(" (").next().unwrap_or(l))
            .collect();
        failed.sort();
        if failed != expected || stdout.lines().last() != Some("FAIL") {
            let tail: Vec<&str> = stdout.lines().rev().take(60).collect();
            return Err(format!(
                "exit {}, failed {failed:?}\n...\n{}\nstderr:\n{}",
                got.code,
                tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
                text(&got.stderr)
            ));
        }
        Ok(())
    }),
    (
        "a_cwd_outside_the_namespace_is_a_setup_error",
        || match probe(Some(Filesystem::memory()), Some("/nowhere"), &["ops"]) {
            Err(e) if e.contains("/nowhere") => Ok(()),
            other => Err(format!("{other:?}")),
        },
    ),
];

pub fn trials() -> Vec<Trial> {
    CASES
        .iter()
        .map(|&(name, f)| Trial::test(format!("vfs::{name}"), move || f().map_err(Into::into)))
        .collect()
}
