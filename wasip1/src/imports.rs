//! The `wasi_snapshot_preview1` functions a command gets (see the crate
//! docs), and [`State`], what they work with.
//!
//! Layouts are the preview 1 witx's (`wasi_snapshot_preview1.witx`):
//! `iovec`/`ciovec` 8 bytes, `fdstat` 24, `subscription` 48, `event` 32,
//! little-endian throughout.

use crate::{
    Command, MODULE,
    memory::{self, EFAULT},
};
use gojs_engine::{HostError, Interrupt, Limits};
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use std::{
    io::{Read, Write},
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};
use wasmi::{Caller, Linker, Memory, Module, Val};

/// A preview 1 error number.
pub type Errno = i32;
const SUCCESS: Errno = 0;
const EBADF: Errno = 8;
const EINVAL: Errno = 28;
const EIO: Errno = 29;
const ENOSYS: Errno = 52;

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
    pub fn new(command: Command, metered: bool, limits: Limits, interrupt: Interrupt) -> Self {
        let rng = match command.seed {
            Some(seed) => ChaCha20Rng::seed_from_u64(seed),
            None => ChaCha20Rng::from_os_rng(),
        };
        let mut limiter = wasmi::StoreLimitsBuilder::new();
        if let Some(max) = limits.max_memory {
            limiter = limiter.memory_size(usize::try_from(max).unwrap_or(usize::MAX));
        }
        Self {
            args: command.args,
            env: command.env,
            stdin: command.stdin,
            stdout: command.stdout,
            stderr: command.stderr,
            rng,
            unspent: if metered { limits.fuel } else { None },
            interrupt,
            limiter: limiter.build(),
            memory: None,
            ended: None,
            started: Instant::now(),
            virtual_clock: command.virtual_start_ns.map(|start| (start, 0)),
        }
    }
}

type C<'a> = Caller<'a, State>;

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
fn now(state: &State, id: i32) -> Result<u64, Errno> {
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

fn fd_write(caller: &mut C<'_>, fd: i32, iovs: u32, count: u32, written: u32) -> Result<(), Errno> {
    let mut data = Vec::new();
    for (buf, len) in memory::iovecs(caller, iovs, count)? {
        data.extend(memory::read(caller, buf, len)?);
    }
    let state = caller.data_mut();
    let out = match fd {
        1 => &mut state.stdout,
        2 => &mut state.stderr,
        _ => return Err(EBADF),
    };
    out.write_all(&data).map_err(|_| EIO)?;
    memory::write_u32(caller, written, data.len() as u32)
}

fn fd_read(caller: &mut C<'_>, fd: i32, iovs: u32, count: u32, read: u32) -> Result<(), Errno> {
    if fd != 0 {
        return Err(EBADF);
    }
    let mut total = 0u32;
    for (buf, len) in memory::iovecs(caller, iovs, count)? {
        memory::check(caller, buf, len)?;
        let mut chunk = vec![0u8; len as usize];
        let n = caller.data_mut().stdin.read(&mut chunk).map_err(|_| EIO)?;
        memory::write(caller, buf, &chunk[..n])?;
        total = total.saturating_add(n as u32);
        if n < len as usize {
            break;
        }
    }
    memory::write_u32(caller, read, total)
}

/// `fd_fdstat_get` for stdio: a character device, no flags, all rights.
fn fd_fdstat_get(caller: &mut C<'_>, fd: i32, out: u32) -> Result<(), Errno> {
    if !(0..=2).contains(&fd) {
        return Err(EBADF);
    }
    let mut stat = [0u8; 24];
    stat[0] = 2; // filetype: character_device
    stat[8..16].copy_from_slice(&u64::MAX.to_le_bytes());
    stat[16..24].copy_from_slice(&u64::MAX.to_le_bytes());
    memory::write(caller, out, &stat)
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
/// above, and `ENOSYS` (with the import's own signature) for the rest.
pub fn define(linker: &mut Linker<State>, module: &Module) -> Result<(), wasmi::Error> {
    let mut implemented = Vec::new();
    macro_rules! wasi {
        ($name:literal, |$caller:ident $(, $arg:ident: $ty:ty)*| $body:expr) => {
            implemented.push($name);
            linker.func_wrap(MODULE, $name, |mut $caller: C<'_>, $($arg: $ty),*| -> Result<i32, wasmi::Error> {
                check(&mut $caller)?;
                Ok($body)
            })?;
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
    wasi!("fd_write", |c,
                       fd: i32,
                       iovs: u32,
                       count: u32,
                       written: u32| {
        errno(fd_write(&mut c, fd, iovs, count, written))
    });
    wasi!("fd_read", |c, fd: i32, iovs: u32, count: u32, read: u32| {
        errno(fd_read(&mut c, fd, iovs, count, read))
    });
    wasi!("fd_close", |c, fd: i32| {
        let _ = &mut c;
        if (0..=2).contains(&fd) {
            SUCCESS
        } else {
            EBADF
        }
    });
    wasi!("fd_fdstat_get", |c, fd: i32, out: u32| errno(
        fd_fdstat_get(&mut c, fd, out)
    ));
    wasi!("fd_fdstat_set_flags", |c, fd: i32, _flags: u32| {
        let _ = &mut c;
        if (0..=2).contains(&fd) {
            SUCCESS
        } else {
            EBADF
        }
    });
    // No preopened directories: the scan Go's runtime does at start ends
    // at fd 3, and every path function lacks the descriptor it needs.
    wasi!("fd_prestat_get", |c, _fd: i32, _out: u32| {
        let _ = &mut c;
        EBADF
    });
    wasi!(
        "fd_prestat_dir_name",
        |c, _fd: i32, _path: u32, _len: u32| {
            let _ = &mut c;
            EBADF
        }
    );
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
            Ok(errno(poll_oneoff(&mut c, subs, events, count, nevents)?))
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
        // Functions on a descriptor (`fd_*`, `sock_*`, and `path_*` on a
        // directory's): none but stdio is open, so `EBADF`, as wasmtime
        // answers without preopens; the others are not provided.
        let name = import.name();
        let answer = if ["fd_", "path_", "sock_"]
            .iter()
            .any(|p| name.starts_with(p))
        {
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
                    f(args, out).map_err(wasmi::Error::new)
                },
            )
            .map_err(|e| crate::RunError::Trap(e.to_string()))?;
    }
    Ok(())
}
