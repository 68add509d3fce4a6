#!/usr/bin/env python3
"""The wasip1 reference: runs a WASI preview 1 command as `wasmtime run` does,
through the PyPI `wasmtime` package (pinned by scripts/setup.sh under
.tools/wasmtime-py), for scripts/record-wasip1-goldens.sh.

    wasmtime-run.py [--env KEY=VALUE | --dir HOST[::GUEST][:ro] | --dir-copy SRC::GUEST[:ro]
                     | --invoke "EXPORT [ARG...]"]... prog.wasm [args...]

stdin, stdout and stderr are this process's; argv[0] is prog.wasm as given; the
environment is only the --env entries (wasmtime passes none by default); each
--dir preopens HOST as GUEST (default: HOST as given), in order, as `wasmtime run
--dir HOST::GUEST` does, read-only with :ro (WasiConfig.preopen_dir's
fs_mutable=False: wasmtime's read-only directory and file permissions);
--dir-copy preopens a fresh copy of the directory SRC (made in a temporary
directory, removed when the program ends), so every run starts from the same
files. Exits with the program's proc_exit code (0 when
_start returns); a trap prints one line on stderr and exits 134, as the
wasmtime CLI does.

With --invoke the module is a reactor (Go's -buildmode=c-shared): its
_initialize runs, then each EXPORT in order on the same instance, with the
ARGs read as the export's parameter types; each call prints one line on
stdout, `EXPORT(ARG, ...) = [RESULT, ...]` (floats with 6 decimals), or
`EXPORT(ARG, ...) exited with CODE` (then the run ends with that code).
Imports from the module "gojs_test" are the conformance modules' host
functions: double(i32) -> i32 returns twice its argument.
"""
import os
import shutil
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, ".tools", "wasmtime-py"))
import wasmtime  # noqa: E402

args = sys.argv[1:]
env = []
dirs = []
scratch = None
invokes = []
while len(args) >= 2 and args[0] in ("--env", "--dir", "--dir-copy", "--invoke"):
    if args[0] == "--invoke":
        invokes.append(args[1].split())
    elif args[0] == "--env":
        key, _, value = args[1].partition("=")
        env.append((key, value))
    else:
        spec, read_only = args[1], args[1].endswith(":ro")
        if read_only:
            spec = spec[: -len(":ro")]
        host, _, guest = spec.partition("::")
        guest = guest or host
        if args[0] == "--dir-copy":
            scratch = scratch or tempfile.mkdtemp(prefix="wasmtime-run-")
            copy = os.path.join(scratch, str(len(dirs)))
            shutil.copytree(host, copy, symlinks=True)
            host = copy
        dirs.append((host, guest, read_only))
    args = args[2:]
if not args:
    sys.exit(
        "usage: wasmtime-run.py [--env KEY=VALUE | --dir HOST[::GUEST][:ro] | --dir-copy SRC::GUEST[:ro]]... prog.wasm [args...]"
    )


def finish(code):
    """Flushes stdout, removes the copies, exits with `code`."""
    sys.stdout.flush()
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    os._exit(code)


config = wasmtime.Config()
if os.environ.get("WASMTIME_STRATEGY") == "winch":
    # wasmtime's baseline compiler, for scripts/jit-compilers.sh: the C API's
    # WASMTIME_STRATEGY_WINCH (wasmtime-py's setter knows only auto/cranelift).
    from wasmtime import _ffi

    _ffi.wasmtime_config_strategy_set(config.ptr(), 2)
engine = wasmtime.Engine(config)
store = wasmtime.Store(engine)
wasi = wasmtime.WasiConfig()
wasi.argv = args
wasi.env = env
wasi.inherit_stdin()
wasi.inherit_stdout()
wasi.inherit_stderr()
for host, guest, read_only in dirs:
    wasi.preopen_dir(host, guest, fs_mutable=not read_only)
store.set_wasi(wasi)
linker = wasmtime.Linker(engine)
linker.define_wasi()
i32 = wasmtime.ValType.i32()
linker.define_func(
    "gojs_test", "double", wasmtime.FuncType([i32], [i32]), lambda x: (2 * x + 2**31) % 2**32 - 2**31
)
module = wasmtime.Module.from_file(engine, args[0])
instance = linker.instantiate(store, module)


def show(value):
    """A result as the conformance test prints it."""
    return f"{value:.6f}" if isinstance(value, float) else str(value)


def invoke(name, texts):
    """Calls the export `name` with `texts` read as its parameter types."""
    func = instance.exports(store)[name]
    params = func.type(store).params
    values = [
        float(t) if str(p) in ("f32", "f64") else int(t) for p, t in zip(params, texts)
    ]
    call = f"{name}({', '.join(texts)})"
    try:
        result = func(store, *values)
    except wasmtime.ExitTrap as e:
        print(f"{call} exited with {e.code}")
        finish(e.code)
    results = [] if result is None else result if isinstance(result, list) else [result]
    print(f"{call} = [{', '.join(show(r) for r in results)}]")
    sys.stdout.flush()


try:
    if invokes:
        exports = instance.exports(store)
        if "_initialize" in exports:
            exports["_initialize"](store)
        for name, *texts in invokes:
            invoke(name, texts)
    else:
        instance.exports(store)["_start"](store)
except wasmtime.ExitTrap as e:
    finish(e.code)
except wasmtime.Trap as e:
    print(f"Error: {str(e).splitlines()[0]}", file=sys.stderr)
    finish(134)
finish(0)
