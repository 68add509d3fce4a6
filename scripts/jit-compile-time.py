"""Compile time of one module with wasmtime's two compilers (PyPI wasmtime, its C API).

    python3 scripts/jit-compile-time.py MODULE.wasm [RUNS]   (from the repository root)
"""
import sys, time, statistics
sys.path.insert(0, ".tools/wasmtime-py")
import wasmtime
from wasmtime import _ffi as ffi

def compile_ms(path, strategy):
    cfg = wasmtime.Config()
    ffi.wasmtime_config_strategy_set(cfg.ptr(), strategy)  # 1 cranelift, 2 winch
    engine = wasmtime.Engine(cfg)
    wasm = open(path, "rb").read()
    t = time.perf_counter()
    module = wasmtime.Module(engine, wasm)
    ms = (time.perf_counter() - t) * 1e3
    return ms, len(module.serialize())

path, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
for name, s in (("cranelift", 1), ("winch", 2)):
    results = [compile_ms(path, s) for _ in range(runs)]
    print(f"{path.split('/')[-1]} {name}: {statistics.median(r[0] for r in results):.0f} ms, "
          f"{results[0][1] / 1e6:.1f} MB serialized")
