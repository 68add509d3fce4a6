//! The `wasi_snapshot_preview1` functions a command gets (see the crate
//! docs), and [`State`], what they work with.
//!
//! Owns the import table (one `wasi!` line per function), the process
//! functions (args, environment, clocks, `poll_oneoff`, `random_get`,
//! `proc_exit`) and the fallback for what is not provided. The file and
//! directory functions are in `fs.rs` and `path.rs`.
//!
//! Layouts are the preview 1 witx's (`wasi_snapshot_preview1.witx`):
//! `iovec`/`ciovec` 8 bytes, `subscription` 48, `event` 32,
//! little-endian throughout (the file records are in `records.rs`).

use crate::{
    Command, MODULE, RunError,
    descriptors::{Descriptor, Descriptors, Dir},
    errno::{EBADF, EFAULT, EINVAL, ENOSYS, Errno, SUCCESS},
    fs, memory, path,
};
use gojs_engine::{HostError, Interrupt, Limits};
use gojs_vfs::{FileSystem, OpenOptions};
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use std::{
    io::{Read, Write},
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};
use wasmi::{Caller, Linker, Memory, Module, Val};

/// How a run ended, when an import ended it.
#[derive(Debug)]
pub enum End {
    /// `proc_exit(code)`.
    Exit(i32),
    /// A limit or the interrupt.
    Host(HostError),
}

/// What the imports work with.
pub struct State {
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub stdin: Box<dyn Read>,
    pub stdout: Box<dyn Write>,
    pub stderr: Box<dyn Write>,
    /// The filesystem the preopens are directories of.
    pub fs: Option<Box<dyn FileSystem>>,
    /// What each descriptor number stands for.
    pub fds: Descriptors,
    rng: ChaCha20Rng,
    /// Fuel not yet handed out; `None`: no budget.
    pub unspent: Option<u64>,
    pub interrupt: Interrupt,
    pub limiter: wasmi::StoreLimits,
    pub memory: Option<Memory>,
    /// Set by the import that ends the run.
    pub ended: Option<End>,
    started: Instant,
    /// With a virtual clock: its start (ns since the Unix epoch) and the
    /// nanoseconds it has advanced; `poll_oneoff` advances it instead of
    /// sleeping.
    virtual_clock: Option<(u64, u64)>,
}

impl State {
    /// The state of a run of `command`, its preopens opened (fd 3, 4, …).
    ///
    /// # Errors
    ///
    /// [`RunError::Preopen`] for a preopen that is no directory of the
    /// filesystem (or given without a filesystem).
    pub fn new(
        command: Command,
        metered: bool,
        limits: Limits,
        interrupt: Interrupt,
    ) -> Result<Self, RunError> {
        let mut fds = Descriptors::new();
        for preopen in &command.preopens {
            let dir = open_preopen(command.fs.as_deref(), &preopen.name, preopen.read_only)
                .map_err(|errno| RunError::Preopen {
                    dir: preopen.name.clone(),
                    errno,
                })?;
            fds.push(Descriptor::Dir(dir))
                .map_err(|_| RunError::Preopen {
                    dir: preopen.name.clone(),
                    errno: gojs_vfs::Errno::EMFILE,
                })?;
        }
        let rng = match command.seed {
            Some(seed) => ChaCha20Rng::seed_from_u64(seed),
            None => ChaCha20Rng::from_os_rng(),
        };
        let mut limiter = wasmi::StoreLimitsBuilder::new();
        if let Some(max) = limits.max_memory {
            limiter = limiter.memory_size(usize::try_from(max).unwrap_or(usize::MAX));
        }
        Ok(Self {
            args: command.args,
            env: command.env,
            stdin: command.stdin,
            stdout: command.stdout,
            stderr: command.stderr,
            fs: command.fs,
            fds,
            rng,
            unspent: if metered { limits.fuel } else { None },
            interrupt,
            limiter: limiter.build(),
            memory: None,
            ended: None,
            started: Instant::now(),
            virtual_clock: command.virtual_start_ns.map(|start| (start, 0)),
        })
    }
}

/// The preopen `name`: the directory [`crate::preopen_path`] gives, opened.
fn open_preopen(
    fs: Option<&dyn FileSystem>,
    name: &str,
    read_only: bool,
) -> Result<Dir, gojs_vfs::Errno> {
    let fs = fs.ok_or(gojs_vfs::Errno::ENOENT)?;
    let path = crate::preopen_path(name);
    let options = OpenOptions {
        directory: true,
        ..OpenOptions::read_only()
    };
    let handle = fs.open(&path, &options, 0)?;
    Ok(Dir {
        path,
        preopen: Some(name.to_owned()),
        read_only,
        handle,
    })
}

/// What every import gets.
pub type C<'a> = Caller<'a, State>;

/// Ends the run from an import: wasmi unwinds the guest with this error,
/// and [`Command::run`] reads why from [`State::ended`].
fn end(caller: &mut C<'_>, end: End) -> wasmi::Error {
    caller.data_mut().ended = Some(end);
    wasmi::Error::new("the command ended")
}

/// The interrupt, checked at every import call.
fn check(caller: &mut C<'_>) -> Result<(), wasmi::Error> {
    match caller.data().interrupt.error() {
        Some(e) => Err(end(caller, End::Host(e))),
        None => Ok(()),
    }
}

/// Runs an import's work with a panic caught: the last line of defence,
/// as for the js/wasm imports. wasmi's host-call path cannot unwind (a
/// panic there aborts the process), so every computation on guest data is
/// checked; should one still panic, the run ends with an internal error.
fn guarded<'a, T>(
    caller: &mut C<'a>,
    what: &str,
    f: impl FnOnce(&mut C<'a>) -> T,
) -> Result<T, wasmi::Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut *caller)))
        .map_err(|panic| panicked(caller, what, &*panic))
}

/// Ends the run with the internal error for a panic caught in `what`.
fn panicked(caller: &mut C<'_>, what: &str, panic: &(dyn std::any::Any + Send)) -> wasmi::Error {
    let e = HostError::from_panic(panic, &format!("the import {what}"));
    end(caller, End::Host(e))
}

fn errno(r: Result<(), Errno>) -> i32 {
    r.err().unwrap_or(SUCCESS)
}

/// `args_get`/`environ_get`: NUL-terminated strings packed at `buf`, their
/// addresses at `ptrs`.
fn put_strings(caller: &mut C<'_>, strings: &[String], ptrs: u32, buf: u32) -> Result<(), Errno> {
    let mut at = buf;
    for (i, s) in strings.iter().enumerate() {
        let slot = ptrs
            .checked_add((i as u32).checked_mul(4).ok_or(EFAULT)?)
            .ok_or(EFAULT)?;
        memory::write_u32(caller, slot, at)?;
        let mut bytes = s.as_bytes().to_vec();
        bytes.push(0);
        memory::write(caller, at, &bytes)?;
        at = at.checked_add(bytes.len() as u32).ok_or(EFAULT)?;
    }
    Ok(())
}

fn sizes(caller: &mut C<'_>, strings: &[String], count: u32, size: u32) -> Result<(), Errno> {
    let total: usize = strings.iter().map(|s| s.len() + 1).sum();
    memory::write_u32(caller, count, strings.len() as u32)?;
    memory::write_u32(caller, size, u32::try_from(total).map_err(|_| EINVAL)?)
}

fn env_strings(state: &State) -> Vec<String> {
    state.env.iter().map(|(k, v)| format!("{k}={v}")).collect()
}

/// Where the virtual monotonic clock starts, in nanoseconds.
const VIRTUAL_MONOTONIC_START: u64 = 1_000_000;

/// Nanoseconds on clock `id`: 0 realtime, 1 monotonic (since the run
/// started), 2 and 3 the CPU-time clocks (as monotonic); with a virtual
/// clock, its start plus how far it advanced, and that advance.
pub fn now(state: &State, id: i32) -> Result<u64, Errno> {
    if let Some((start, advanced)) = state.virtual_clock {
        return match id {
            0 => Ok(start.saturating_add(advanced)),
            // Go's runtime refuses a monotonic clock that reads 0
            // ("nanotime returning zero"): it starts at 1 ms.
            1..=3 => Ok(VIRTUAL_MONOTONIC_START.saturating_add(advanced)),
            _ => Err(EINVAL),
        };
    }
    match id {
        0 => Ok(SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)),
        1..=3 => Ok(state.started.elapsed().as_nanos() as u64),
        _ => Err(EINVAL),
    }
}

/// `poll_oneoff`: fd subscriptions are ready at once; otherwise it sleeps
/// until the earliest clock subscription, checking the interrupt every
/// 10 ms, and reports the clocks that are due.
fn poll_oneoff(
    caller: &mut C<'_>,
    subscriptions: u32,
    events: u32,
    count: u32,
    nevents: u32,
) -> Result<Result<(), Errno>, wasmi::Error> {
    if count == 0 {
        return Ok(Err(EINVAL));
    }
    let Ok(bytes) = memory::read(caller, subscriptions, count.saturating_mul(48)) else {
        return Ok(Err(EFAULT));
    };
    let mut ready = Vec::new();
    let mut clocks = Vec::new();
    for sub in bytes.chunks_exact(48) {
        let userdata = u64::from_le_bytes(sub[0..8].try_into().unwrap_or_default());
        match sub[8] {
            0 => {
                let id = i32::from_le_bytes(sub[16..20].try_into().unwrap_or_default());
                let timeout = u64::from_le_bytes(sub[24..32].try_into().unwrap_or_default());
                let absolute =
                    u16::from_le_bytes(sub[40..42].try_into().unwrap_or_default()) & 1 == 1;
                let Ok(now) = now(caller.data(), id) else {
                    return Ok(Err(EINVAL));
                };
                let wait = if absolute {
                    timeout.saturating_sub(now)
                } else {
                    timeout
                };
                clocks.push((userdata, wait));
            }
            tag @ (1 | 2) => ready.push((userdata, tag)),
            _ => return Ok(Err(EINVAL)),
        }
    }
    let mut out = Vec::new();
    if ready.is_empty() {
        let wait = clocks.iter().map(|&(_, w)| w).min().unwrap_or(0);
        let deadline = Instant::now() + Duration::from_nanos(wait);
        if let Some((_, advanced)) = &mut caller.data_mut().virtual_clock {
            // Virtual time: the wait is over at once.
            *advanced = advanced.saturating_add(wait);
        }
        if caller.data().virtual_clock.is_none() {
            loop {
                check(caller)?;
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                std::thread::sleep(left.min(Duration::from_millis(10)));
            }
        }
        for &(userdata, w) in &clocks {
            if w == wait {
                let mut e = [0u8; 32];
                e[0..8].copy_from_slice(&userdata.to_le_bytes());
                out.push(e);
            }
        }
    } else {
        for (userdata, tag) in ready {
            let mut e = [0u8; 32];
            e[0..8].copy_from_slice(&userdata.to_le_bytes());
            e[10] = tag;
            out.push(e);
        }
    }
    let flat: Vec<u8> = out.iter().flatten().copied().collect();
    if let Err(e) = memory::write(caller, events, &flat) {
        return Ok(Err(e));
    }
    Ok(memory::write_u32(caller, nevents, out.len() as u32))
}

/// Defines on `linker` every preview 1 function `module` imports: the ones
/// above and those of `fs.rs` and `path.rs`, `EBADF` for the socket
/// functions and `ENOSYS` for the rest (each with the import's own
/// signature).
///
/// `wasi!("name", |c, arg: ty, …| body)` defines `name` as `body`, an
/// errno; `wasi!("name" => module::f(arg: ty, …))` as `f(&mut c, arg, …)`.
/// Both check the interrupt first.
pub fn define(linker: &mut Linker<State>, module: &Module) -> Result<(), wasmi::Error> {
    let mut implemented = Vec::new();
    macro_rules! wasi {
        ($name:literal, |$caller:ident $(, $arg:ident: $ty:ty)*| $body:expr) => {
            implemented.push($name);
            linker.func_wrap(MODULE, $name, |mut $caller: C<'_>, $($arg: $ty),*| -> Result<i32, wasmi::Error> {
                check(&mut $caller)?;
                // (The body may `return` early: it runs in a closure of its own.)
                let body = std::panic::AssertUnwindSafe(|| -> Result<i32, wasmi::Error> { Ok($body) });
                std::panic::catch_unwind(body)
                    .unwrap_or_else(|panic| Err(panicked(&mut $caller, $name, &*panic)))
            })?;
        };
        ($name:literal => $module:ident::$f:ident($($arg:ident: $ty:ty),* $(,)?)) => {
            wasi!($name, |c $(, $arg: $ty)*| errno($module::$f(&mut c $(, $arg)*)));
        };
    }
    wasi!("args_sizes_get", |c, count: u32, size: u32| {
        let args = c.data().args.clone();
        errno(sizes(&mut c, &args, count, size))
    });
    wasi!("args_get", |c, ptrs: u32, buf: u32| {
        let args = c.data().args.clone();
        errno(put_strings(&mut c, &args, ptrs, buf))
    });
    wasi!("environ_sizes_get", |c, count: u32, size: u32| {
        let env = env_strings(c.data());
        errno(sizes(&mut c, &env, count, size))
    });
    wasi!("environ_get", |c, ptrs: u32, buf: u32| {
        let env = env_strings(c.data());
        errno(put_strings(&mut c, &env, ptrs, buf))
    });
    wasi!("clock_res_get", |c, id: i32, out: u32| {
        errno(match id {
            0..=3 => memory::write_u64(&mut c, out, 1_000),
            _ => Err(EINVAL),
        })
    });
    wasi!("clock_time_get", |c, id: i32, _precision: u64, out: u32| {
        errno(now(c.data(), id).and_then(|t| memory::write_u64(&mut c, out, t)))
    });
    // The file and directory functions: `fs.rs` (descriptors), `path.rs`
    // (paths beneath a directory descriptor).
    wasi!("fd_write" => fs::fd_write(fd: u32, iovs: u32, count: u32, written: u32));
    wasi!("fd_pwrite" => fs::fd_pwrite(fd: u32, iovs: u32, count: u32, offset: u64, written: u32));
    wasi!("fd_read" => fs::fd_read(fd: u32, iovs: u32, count: u32, read: u32));
    wasi!("fd_pread" => fs::fd_pread(fd: u32, iovs: u32, count: u32, offset: u64, read: u32));
    wasi!("fd_seek" => fs::fd_seek(fd: u32, offset: i64, whence: u32, out: u32));
    wasi!("fd_tell" => fs::fd_tell(fd: u32, out: u32));
    wasi!("fd_close" => fs::fd_close(fd: u32));
    wasi!("fd_renumber" => fs::fd_renumber(from: u32, to: u32));
    wasi!("fd_sync" => fs::fd_sync(fd: u32));
    wasi!("fd_datasync" => fs::fd_sync(fd: u32));
    wasi!("fd_advise", |c,
                        fd: u32,
                        _offset: u64,
                        _len: u64,
                        _advice: u32| {
        errno(fs::fd_advise(&mut c, fd))
    });
    wasi!("fd_allocate", |c, fd: u32, _offset: u64, _len: u64| {
        errno(fs::fd_allocate(&mut c, fd))
    });
    wasi!("fd_fdstat_get" => fs::fd_fdstat_get(fd: u32, out: u32));
    wasi!("fd_fdstat_set_flags" => fs::fd_fdstat_set_flags(fd: u32, flags: u32));
    wasi!(
        "fd_fdstat_set_rights",
        |c, fd: u32, _base: u64, _inh: u64| {
            let rights_cannot_drop = fs::fd_fdstat_set_rights(&mut c, fd);
            errno(rights_cannot_drop)
        }
    );
    wasi!("fd_filestat_get" => fs::fd_filestat_get(fd: u32, out: u32));
    wasi!("fd_filestat_set_size" => fs::fd_filestat_set_size(fd: u32, size: u64));
    wasi!("fd_filestat_set_times" => fs::fd_filestat_set_times(fd: u32, atim: u64, mtim: u64, flags: u32));
    wasi!("fd_prestat_get" => fs::fd_prestat_get(fd: u32, out: u32));
    wasi!("fd_prestat_dir_name" => fs::fd_prestat_dir_name(fd: u32, path: u32, len: u32));
    wasi!("fd_readdir" => fs::fd_readdir(fd: u32, buf: u32, len: u32, cookie: u64, used: u32));
    wasi!("path_open", |c,
                        fd: u32,
                        dirflags: u32,
                        path: u32,
                        len: u32,
                        oflags: u32,
                        rights: u64,
                        _inheriting: u64,
                        fdflags: u32,
                        opened: u32| {
        errno(path::path_open(
            &mut c, fd, dirflags, path, len, oflags, rights, fdflags, opened,
        ))
    });
    wasi!("path_filestat_get" => path::path_filestat_get(fd: u32, flags: u32, path: u32, len: u32, out: u32));
    wasi!("path_filestat_set_times" => path::path_filestat_set_times(
        fd: u32, flags: u32, path: u32, len: u32, atim: u64, mtim: u64, fst_flags: u32
    ));
    wasi!("path_create_directory" => path::path_create_directory(fd: u32, path: u32, len: u32));
    wasi!("path_unlink_file" => path::path_unlink_file(fd: u32, path: u32, len: u32));
    wasi!("path_remove_directory" => path::path_remove_directory(fd: u32, path: u32, len: u32));
    wasi!("path_symlink" => path::path_symlink(target: u32, target_len: u32, fd: u32, path: u32, len: u32));
    wasi!("path_readlink" => path::path_readlink(
        fd: u32, path: u32, len: u32, buf: u32, buf_len: u32, used: u32
    ));
    wasi!("path_rename" => path::path_rename(
        fd: u32, from: u32, from_len: u32, to_fd: u32, to: u32, to_len: u32
    ));
    wasi!("path_link" => path::path_link(
        fd: u32, flags: u32, from: u32, from_len: u32, to_fd: u32, to: u32, to_len: u32
    ));
    wasi!("random_get", |c, buf: u32, len: u32| {
        if let Err(e) = memory::check(&c, buf, len) {
            return Ok(e);
        }
        let mut bytes = vec![0u8; len as usize];
        c.data_mut().rng.fill_bytes(&mut bytes);
        errno(memory::write(&mut c, buf, &bytes))
    });
    wasi!("sched_yield", |c| {
        let _ = &mut c;
        SUCCESS
    });
    implemented.push("poll_oneoff");
    linker.func_wrap(
        MODULE,
        "poll_oneoff",
        |mut c: C<'_>,
         subs: u32,
         events: u32,
         count: u32,
         nevents: u32|
         -> Result<i32, wasmi::Error> {
            check(&mut c)?;
            let polled = guarded(&mut c, "poll_oneoff", |c| {
                poll_oneoff(c, subs, events, count, nevents)
            })?;
            Ok(errno(polled?))
        },
    )?;
    implemented.push("proc_exit");
    linker.func_wrap(
        MODULE,
        "proc_exit",
        |mut c: C<'_>, code: i32| -> Result<(), wasmi::Error> { Err(end(&mut c, End::Exit(code))) },
    )?;
    for import in module.imports() {
        if import.module() != MODULE || implemented.contains(&import.name()) {
            continue;
        }
        let Some(ty) = import.ty().func().cloned() else {
            continue;
        };
        let results: Vec<_> = ty.results().to_vec();
        // The socket functions (`sock_*`) have no socket to act on, so
        // `EBADF`, as wasmtime answers for a descriptor that is not one;
        // any other missing function is not provided (`ENOSYS`).
        let name = import.name();
        let answer = if name.starts_with("sock_") {
            EBADF
        } else {
            ENOSYS
        };
        linker.func_new(MODULE, name, ty, move |_, _, out| {
            for (slot, t) in out.iter_mut().zip(&results) {
                *slot = match t {
                    wasmi::ValType::I32 => Val::I32(answer),
                    wasmi::ValType::I64 => Val::I64(i64::from(answer)),
                    other => Val::default_for_ty(*other),
                };
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// Defines the host functions given for the module's other imports; an
/// import nobody gave is a load error naming it.
pub fn define_host(
    linker: &mut Linker<State>,
    module: &Module,
    host_fns: Vec<(String, String, crate::HostFn)>,
) -> Result<(), crate::RunError> {
    let mut host_fns: Vec<Option<(String, String, crate::HostFn)>> =
        host_fns.into_iter().map(Some).collect();
    for import in module.imports() {
        if import.module() == MODULE {
            continue;
        }
        let unknown = || gojs_engine::LoadError::UnknownImport {
            module: import.module().into(),
            name: import.name().into(),
        };
        let slot = host_fns.iter_mut().find(|f| {
            f.as_ref()
                .is_some_and(|(m, n, _)| m == import.module() && n == import.name())
        });
        let Some((_, _, f)) = slot.and_then(Option::take) else {
            return Err(unknown().into());
        };
        let Some(ty) = import.ty().func().cloned() else {
            return Err(unknown().into());
        };
        linker
            .func_new(
                import.module(),
                import.name(),
                ty,
                move |mut caller, args, out| {
                    check(&mut caller)?;
                    guarded(&mut caller, "a host function", |_| f(args, out))?
                        .map_err(wasmi::Error::new)
                },
            )
            .map_err(|e| crate::RunError::Trap(e.to_string()))?;
    }
    Ok(())
}
