// Times `__n` calls of goReactor.counter() and of goReactor.concat(1 KiB) in a
// JS loop, after as many warm-up calls, and prints `<call> <n> <ns per call>`.
// Run as-is by node (session-calls.mjs) and by `gojs run --eval`.
(() => {
  const n = globalThis.__n;
  const s = "gojs-1KiB-".repeat(103).slice(0, 1024);
  const time = (name, f) => {
    for (let i = 0; i < n; i++) f();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    const ns = ((performance.now() - t0) * 1e6) / n;
    console.log(`${name} ${n} ${ns.toFixed(0)}`);
  };
  const r = goReactor;
  time("call0", () => r.counter());
  time("string1KiB", () => r.concat(s));
})();
