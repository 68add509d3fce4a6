#!/usr/bin/env python3
"""The wasip1 reference: runs a WASI preview 1 command as `wasmtime run` does,
through the PyPI `wasmtime` package (pinned by scripts/setup.sh under
.tools/wasmtime-py), for scripts/record-wasip1-goldens.sh.

    wasmtime-run.py [--env KEY=VALUE]... prog.wasm [args...]

stdin, stdout and stderr are this process's; argv[0] is prog.wasm as given; the
environment is only the --env entries (wasmtime passes none by default); no
directories are preopened. Exits with the program's proc_exit code (0 when
_start returns); a trap prints one line on stderr and exits 134, as the
wasmtime CLI does.
"""
import os
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, ".tools", "wasmtime-py"))
import wasmtime  # noqa: E402

args = sys.argv[1:]
env = []
while len(args) >= 2 and args[0] == "--env":
    key, _, value = args[1].partition("=")
    env.append((key, value))
    args = args[2:]
if not args:
    sys.exit("usage: wasmtime-run.py [--env KEY=VALUE]... prog.wasm [args...]")

engine = wasmtime.Engine()
store = wasmtime.Store(engine)
wasi = wasmtime.WasiConfig()
wasi.argv = args
wasi.env = env
wasi.inherit_stdin()
wasi.inherit_stdout()
wasi.inherit_stderr()
store.set_wasi(wasi)
linker = wasmtime.Linker(engine)
linker.define_wasi()
module = wasmtime.Module.from_file(engine, args[0])
instance = linker.instantiate(store, module)
try:
    instance.exports(store)["_start"](store)
except wasmtime.ExitTrap as e:
    sys.stdout.flush()
    os._exit(e.code)
except wasmtime.Trap as e:
    sys.stdout.flush()
    print(f"Error: {str(e).splitlines()[0]}", file=sys.stderr)
    os._exit(134)
sys.stdout.flush()
os._exit(0)
