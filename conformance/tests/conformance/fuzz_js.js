// The harness of `fuzz_js.rs`: after the generated line that defines
// `SEED` (a 32-bit number), `P` (the steps) and `PRE` (how many steps run
// in the preload, before Go starts), this runs the steps against every
// function of every global the host implements, found at run time: each
// host global (what `globalThis` has beyond ECMAScript's own), its methods,
// getters and setters, its prototype's for a class, `JSON`, and the `go`
// object (handed over by the module as `globalThis.__go`).
//
// A step is one of
//   [0, f, t, [k...], flags]  call F[f % F.length] with this = its own
//                             object (t == 0) or POOL[t - 1], arguments
//                             POOL[k] (flags & 4: picked by the function's
//                             shape, SHAPES), a callback appended
//                             (flags & 1), as a constructor (flags & 2);
//   [1, id, a, b]             go._makeFuncWrapper(id)(POOL[a], POOL[b]): the
//                             module copies POOL[a]'s bytes into its memory
//                             and its memory into POOL[b] (a window chosen
//                             by `id`);
//   [2, k]                    go._pendingEvent = POOL[k]; go._resume().
// Every call is in try/catch; callbacks record what they get and run the
// next step, so asynchronous paths chain. Nothing is reported: what counts
// is that the host survives it.
(function () {
  "use strict";
  const G = globalThis;
  const apply = Reflect.apply;
  const construct = Reflect.construct;
  const ownKeys = Reflect.ownKeys;
  const describe = Object.getOwnPropertyDescriptor;
  const origSetTimeout = G.setTimeout;
  const origSetInterval = G.setInterval;
  const origClearInterval = G.clearInterval;
  const origClone = G.structuredClone;
  const origExit = G.process && G.process.exit;

  let state = (SEED >>> 0) || 1;
  function rnd() {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  }

  // What calls and callbacks gave back, fed to later calls.
  const R = [];
  function keep(v) {
    if (R.length < 64) R.push(v);
    else R[(rnd() * 64) | 0] = v;
  }
  // Descriptors fs.open answered with.
  const FDS = [];

  // Every interval made, so that they all stop: each interval callback is
  // one of ours, and ours stop them once BUDGET callbacks have run.
  const INTERVALS = [];
  const BUDGET = 3000;
  let TICKS = 0;
  function stopIntervals() {
    for (const id of INTERVALS) {
      try {
        origClearInterval(id);
      } catch (e) {}
    }
  }
  function tick() {
    TICKS++;
    if (TICKS === BUDGET) stopIntervals();
    return TICKS < BUDGET;
  }

  // Looks at a value the host gave: its methods called, its fields read.
  function touch(v) {
    try {
      if (v === null || (typeof v !== "object" && typeof v !== "function")) return;
      const keys = Object.keys(v).slice(0, 16);
      for (const k of keys) {
        const x = v[k];
        if (typeof x === "function" && rnd() < 0.5) {
          try {
            apply(x, v, []);
          } catch (e) {}
        }
      }
      if (rnd() < 0.2) String(v);
    } catch (e) {}
  }

  // Per function: [calls, throws, callbacks with an error, without].
  const STATS = {};
  function count(path, i) {
    if (!G.__fuzz_stats || !path) return;
    (STATS[path] = STATS[path] || [0, 0, 0, 0])[i]++;
  }
  const OURS = new WeakSet();
  function cb(path) {
    const f = function callback(...args) {
      count(path, args[0] ? 2 : 3);
      if (!tick()) return;
      for (const a of args.slice(0, 3)) {
        keep(a);
        touch(a);
      }
      if (rnd() < 0.8) step();
      if (rnd() < 0.003) throw new Error("fuzz: a callback throws");
    };
    OURS.add(f);
    return f;
  }
  function openCallback() {
    const next = cb("fs.open");
    const f = function (err, fd) {
      if (typeof fd === "number") FDS.push(fd);
      return apply(next, this, arguments);
    };
    OURS.add(f);
    return f;
  }

  // The hostile values.
  const LONG = "/x".repeat(1 << 15);
  const NAME_MAX = "n".repeat(256);
  let SB = null; // the shared buffer of the current call
  function sb() {
    if (!SB) SB = fill(new Uint8Array(new ArrayBuffer(64, { maxByteLength: 256 })));
    return SB;
  }
  function fill(u) {
    const n = Math.min(u.length, 4096);
    for (let i = 0; i < n; i++) u[i] = (rnd() * 256) | 0;
    return u;
  }
  function detach(b) {
    try {
      origClone(b, { transfer: [b] });
    } catch (e) {}
    return b;
  }
  function thrower(what) {
    return function () {
      throw new Error("fuzz: " + what);
    };
  }
  const KEYS = ["mode", "recursive", "encoding", "offset", "length", "position", "fatal",
    "ignoreBOM", "stream", "transfer", "then", "toJSON", "constructor", "name", "message",
    "code", "byteLength", "buffer", "byteOffset", "href", "size", "flag", "flags", "id",
    "args", "this", "result"];
  function getters() {
    const o = {};
    for (const k of KEYS) Object.defineProperty(o, k, { get: thrower("get " + k), enumerable: true });
    return o;
  }
  const TRAPS = ["get", "set", "has", "deleteProperty", "ownKeys", "getOwnPropertyDescriptor",
    "defineProperty", "getPrototypeOf", "setPrototypeOf", "isExtensible", "preventExtensions",
    "apply", "construct"];
  function trapsThrow(target) {
    const handler = {};
    for (const t of TRAPS) handler[t] = thrower(t + " trap");
    return new Proxy(target, handler);
  }
  function lying() {
    return new Proxy({}, {
      ownKeys: () => ["length", "0", "mode", "length"],
      getOwnPropertyDescriptor: () => ({ value: 7, enumerable: true, configurable: true }),
      get: (t, k) => (typeof k === "symbol" ? undefined : 7),
    });
  }
  function nested(depth) {
    let a = [];
    for (let i = 0; i < depth; i++) a = [a];
    return a;
  }

  // [tags, make]: each call of `make` gives a fresh value. Tags name the
  // argument kinds a value is plausible for (see SHAPES); every value is
  // also passed anywhere, now and then.
  const POOL = [
    ["any", () => undefined], ["any off len pos", () => undefined], ["any off pos", () => null],
    ["any", () => true], ["any", () => false],
    ["fd int off len pos", () => 0], ["fd int", () => -0], ["fd int off len", () => 1], ["fd int", () => 2],
    ["fd int", () => 3], ["fd int off len", () => 4], ["fd int", () => 5], ["int", () => 7],
    ["fd", () => (FDS.length ? FDS[(rnd() * FDS.length) | 0] : 3)],
    ["fd", () => (FDS.length ? FDS[FDS.length - 1] : 4)],
    ["fd", () => (FDS.length ? FDS[FDS.length - 1] : 3)],
    ["int bad", () => 100], ["int bad pos", () => -1], ["int bad", () => NaN], ["int bad", () => Infinity],
    ["int bad", () => -Infinity], ["int bad", () => 2 ** 53], ["int bad pos", () => 2 ** 53 - 1],
    ["int bad", () => 2 ** 64], ["int bad", () => -(2 ** 63)], ["int bad", () => 2 ** 31],
    ["int bad", () => 2 ** 31 - 1], ["int bad", () => 2 ** 32], ["int bad", () => 2 ** 32 - 1],
    ["int bad", () => 0.5], ["int bad", () => -0.5], ["int bad", () => 1e308], ["int bad", () => 5e-324],
    ["int bad", () => 1e21], ["int bad", () => -(2 ** 31)], ["int len off", () => 8], ["int len", () => 16],
    ["int len pos", () => 64], ["int pos", () => 4096], ["int", () => 65536], ["int", () => 65537],
    ["int", () => 1 << 24], ["pos", () => 3], ["pos", () => 0n], ["pos", () => 5n], ["off len", () => 15],
    ["mode int", () => 0o777], ["mode int", () => 0o644], ["mode", () => 0o7777], ["mode", () => undefined],
    ["mode", () => "777"], ["mode", () => "0o7"], ["mode", () => "8"], ["mode", () => "77777777777"],
    ["path", () => "/f"], ["path", () => "/f"], ["path", () => "/f"], ["path", () => "/f"],
    ["path", () => "/d/g"], ["path", () => "/d/g"], ["path", () => "/e/new"], ["path", () => "/tmp/x"],
    ["path", () => "/d"], ["path", () => "/d/g"],
    ["path", () => "/e"], ["path", () => "/e/new"], ["path", () => "/e/a"], ["path", () => "/e/a/b"],
    ["path", () => "/ro/r"], ["path", () => "/ro/new"], ["path", () => "/ro"], ["path", () => "/l"],
    ["path", () => "/l/x"], ["path", () => "f"], ["path", () => "g"], ["path", () => "new"],
    ["path", () => "/tmp/x"], ["path", () => "."], ["path", () => ".."], ["path", () => "/"],
    ["path", () => new TextEncoder().encode("/f")], ["path", () => new TextEncoder().encode("/e/b")],
    ["path bad", () => ""], ["path bad", () => "\0"], ["path bad", () => "a\0b"],
    ["path bad", () => "../../etc/passwd"], ["path bad", () => "/proc/self/fd/0"], ["path bad", () => "/dev/null"],
    ["path bad", () => "/d/../f"], ["path bad", () => "//f//"], ["path bad", () => "/f/"],
    ["path bad", () => "/f/x"], ["path bad", () => NAME_MAX], ["path bad", () => "/e/" + NAME_MAX],
    ["path bad", () => LONG], ["path bad", () => "\uD800"], ["path bad", () => "/e/😀"],
    ["path bad", () => "/d/" + "a/".repeat(2000)], ["path bad", () => new TextEncoder().encode("/e/\0")],
    ["flags str", () => "r"], ["flags str", () => "r+"], ["flags", () => "w"], ["flags", () => "wx"],
    ["flags", () => "r+"], ["flags", () => "w+"], ["flags", () => "a+"], ["flags", () => "r"],
    ["flags", () => "a+"], ["flags", () => "rs+"], ["flags", () => "w+"], ["flags", () => "a"],
    ["flags bad", () => "bogus"], ["flags", () => 0], ["flags", () => 2], ["flags", () => 0o1102],
    ["flags bad", () => 0o300], ["flags bad", () => 0o200000], ["flags bad", () => -1],
    ["enc str", () => "utf8"], ["enc", () => "utf-8"], ["enc", () => "utf-16le"], ["enc", () => undefined],
    ["enc", () => "latin1"], ["enc", () => "hex"], ["enc bad", () => "bogus"], ["enc", () => ({ encoding: "utf8" })],
    ["str", () => "1e400"], ["str time", () => "-1"], ["str", () => "NaN"], ["str", () => " 12 "],
    ["url str", () => "http://u:p@h:8/p?q=1#f"], ["url", () => "http://[::1"], ["url", () => "file:///etc/passwd"],
    ["url", () => "data:,x"], ["url", () => "a"], ["url", () => "http://a/%zz/../.."], ["url", () => "?x"],
    ["url", () => "#h"], ["url", () => "https://xn--nxasmq6b.com:65536/"], ["url", () => "blob:null/x"],
    ["str fmt", () => "%"], ["fmt", () => "%s %d %i %f %j %o %O %c %% %"], ["fmt", () => "%s%s%s%s"],
    ["fmt", () => "%j"], ["fmt", () => "%o %O"], ["str", () => "QQ=="], ["str", () => "=\u00ff"],
    ["str", () => "\u0100"], ["str", () => "toString"], ["str json", () => "[1,{\"a\":2}]"],
    ["json", () => "{\"__proto__\":1}"], ["json", () => "[".repeat(5000)], ["json", () => "1e400"],
    ["str", () => "__proto__"], ["str", () => "x".repeat(1 << 16)], ["str", () => "\uDC00\uD800"],
    ["any", () => Symbol("s")], ["any", () => Symbol.iterator], ["any", () => Symbol.toPrimitive],
    ["big int bad", () => 0n], ["big bad", () => -1n], ["big bad", () => 1n], ["big bad pos", () => 2n ** 64n],
    ["big bad pos", () => -(2n ** 63n)], ["big bad pos", () => 2n ** 63n], ["big bad", () => 2n ** 53n],
    ["obj", () => ({})], ["obj", () => []], ["obj", () => [1, 2, 3]], ["obj", () => Object.create(null)],
    ["obj time", () => new Date(NaN)], ["time", () => new Date(0)], ["time", () => new Date(8.64e15)],
    ["time", () => 1e300], ["time", () => "1e400"], ["time", () => 1.5], ["time", () => 0],
    ["time", () => 1e9], ["time", () => "1e9"], ["time", () => -1],
    ["opts", () => ({ mode: 0o777, recursive: true })], ["opts", () => ({ recursive: true })],
    ["opts", () => ({ recursive: "yes" })], ["opts", () => ({ encoding: "utf8" })],
    ["opts", () => ({ offset: 1, length: 2, position: 0 })],
    ["opts", () => ({ offset: NaN, length: 2 ** 53, position: -1n })],
    ["opts", () => ({ fatal: true, ignoreBOM: true, stream: true })], ["opts", () => ({ stream: true })],
    ["opts", () => ({ transfer: [sb().buffer] })], ["opts", () => ({ transfer: [new ArrayBuffer(4), 5] })],
    ["opts", () => ({ transfer: [sb().buffer, sb().buffer] })], ["opts obj", getters],
    ["obj", () => ({ valueOf: thrower("valueOf"), toString: thrower("toString") })],
    ["obj int time bad", () => ({ [Symbol.toPrimitive]: thrower("toPrimitive") })],
    ["obj int bad", () => ({ valueOf: () => 2 ** 53 })], ["int obj len", () => ({ valueOf: () => 3 })],
    ["int mode len mut", () => ({ valueOf() { try { sb().buffer.resize(0); } catch (e) {} return 1; } })],
    ["int fd len mut", () => ({ valueOf() { detach(sb().buffer); return 2; } })],
    ["int str mut", () => ({ valueOf() { step(); return 0; }, toString() { step(); return "/f"; } })],
    ["obj", () => trapsThrow({})], ["obj buf", () => trapsThrow(new Uint8Array(8))],
    ["obj fn", () => trapsThrow(function () {})], ["obj opts", lying],
    ["obj", () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; }],
    ["obj clone", () => { const o = { a: 1 }; o.self = o; o.list = [o, o]; return o; }],
    ["obj clone", () => nested(3000)], ["obj clone", () => nested(10)],
    ["clone only", () => nested(100000)],
    ["clone only", () => { let o = {}; for (let i = 0; i < 100000; i++) o = { o }; return o; }],
    ["clone only", () => { let m = 1; for (let i = 0; i < 50000; i++) m = new Map([[i, m]]); return { get m() { return m; } }; }],
    ["sclone only", () => { const a = []; a.length = 2 ** 32 - 1; a[3] = a; return a; }],
    ["obj", () => nested(100000)], ["obj", () => { const a = []; a.length = 2 ** 32 - 1; a[3] = a; return a; }],
    ["obj clone", () => { const o = {}; for (let i = 0; i < 5000; i++) o["k" + i] = i; return o; }],
    ["obj clone", () => new Array(1e6)], ["obj clone", () => new Error("fuzz")],
    ["obj", () => { const e = new Error("m"); Object.defineProperty(e, "name", { get: thrower("name") }); return e; }],
    ["obj", () => { const e = new TypeError("t"); e.message = Symbol("m"); return e; }],
    ["obj clone", () => new Map([[1, { a: new Set([1]) }]])], ["obj clone", () => /re/g],
    ["obj", () => Promise.resolve(1)], ["obj", () => new WeakMap()], ["obj", () => new URL("http://a/b")],
    ["clone", () => ({ d: new Date(), b: sb(), x: [1n, "s", null, undefined, -0] })],
    ["buf", () => new Uint8Array(0)], ["buf", () => fill(new Uint8Array(1))], ["buf", () => fill(new Uint8Array(16))],
    ["buf", () => fill(new Uint8Array(16))], ["buf", () => fill(new Uint8Array(4096))],
    ["buf", () => new Uint8Array(1 << 20)], ["buf", () => new Int8Array(8)], ["buf", () => new Uint16Array(8)],
    ["buf", () => new Float32Array(3)], ["buf", () => new Float64Array(2)], ["buf", () => new BigInt64Array(2)],
    ["buf", () => new Uint8ClampedArray(5)], ["buf", () => fill(new Uint8Array(new ArrayBuffer(64), 8, 16))],
    ["buf", () => { const b = new ArrayBuffer(16); const u = new Uint8Array(b); detach(b); return u; }],
    ["buf", () => { const b = new ArrayBuffer(16, { maxByteLength: 32 }); const u = new Uint8Array(b, 8, 8); b.resize(4); return u; }],
    ["buf", () => new Uint8Array(new ArrayBuffer(16, { maxByteLength: 32 }), 4)],
    ["buf", () => new Uint8Array(new SharedArrayBuffer(16))], ["buf", () => new DataView(new ArrayBuffer(8))],
    ["buf", () => new ArrayBuffer(16)], ["buf", () => detach(new ArrayBuffer(16))],
    ["buf", sb], ["buf", sb], ["buf", () => sb().subarray(4, 12)], ["buf", () => new Uint8Array(sb().buffer)],
    ["buf", () => new Uint16Array(sb().buffer, 2)], ["buf", () => new Uint8Array(sb().buffer, 60)],
    ["buf", () => fill(new Uint8Array(new ArrayBuffer(64), 3, 9))], ["buf", () => sb().subarray(1, 8)],
    ["buf", () => new DataView(sb().buffer, 1)], ["buf", () => new Uint8Array(sb().buffer, 63)],
    ["fn", cb], ["fn", cb], ["fn", cb], ["fn", cb], ["fn", () => thrower("callback")],
    ["fn", () => Math.max], ["fn", () => async function () {}], ["fn", () => function* () {}],
    ["fn", () => class {}], ["fn", () => cb().bind(null, 1)], ["fn", () => () => V((rnd() * 1e9) | 0)],
    ["fn", () => (k, v) => (typeof v === "bigint" ? String(v) : v)], ["fn", () => () => { throw Symbol("s"); }],
    ["fn", () => function () { return this; }],
    ["any", () => (R.length ? R[(rnd() * R.length) | 0] : undefined)],
    ["any clone", () => (R.length ? R[R.length - 1] : undefined)],
    ["obj", () => G], ["obj", () => G.fs], ["obj", () => G.process], ["obj", () => G.__go],
    ["obj", () => G.console], ["obj", () => JSON],
  ];
  // Values tagged "only" are too costly to make for any argument: only the
  // arguments of their kind get them.
  const ANY = [];
  const CATEGORIES = {};
  POOL.forEach(([tags], i) => {
    if (!tags.includes("only")) ANY.push(i);
    for (const tag of tags.split(" ")) (CATEGORIES[tag] = CATEGORIES[tag] || []).push(i);
  });
  function V(k) {
    return POOL[ANY[k % ANY.length]][1]();
  }
  // What structuredClone gets: what the others clone, and a huge sparse array.
  CATEGORIES.sclone = CATEGORIES.sclone.concat(CATEGORIES.clone);
  // An argument of kind `cat` (a hostile one now and then, anything else
  // sometimes).
  function pick(cat, k) {
    const list = CATEGORIES[cat];
    if (!list || k % 10 === 0) return V(k >>> 4);
    if (k % 10 === 1) return V(CATEGORIES.bad[(k >>> 4) % CATEGORIES.bad.length]);
    return V(list[(k >>> 4) % list.length]);
  }

  // The arguments each function expects, by its path: steps with flags & 4
  // give plausible arguments so the paths past the argument checks run.
  const SHAPES = {
    "fs.open": "path flags mode", "fs.close": "fd", "fs.read": "fd buf off len pos",
    "fs.write": "fd buf off len pos", "fs.writeSync": "fd buf off len pos", "fs.fstat": "fd",
    "fs.stat": "path", "fs.lstat": "path", "fs.readdir": "path", "fs.mkdir": "path opts",
    "fs.unlink": "path", "fs.rmdir": "path", "fs.rename": "path path", "fs.link": "path path",
    "fs.symlink": "path path", "fs.chmod": "path mode", "fs.truncate": "path len",
    "fs.chown": "path int int", "fs.lchown": "path int int", "fs.utimes": "path time time",
    "fs.futimes": "fd time time", "fs.readlink": "path", "fs.fsync": "fd", "fs.fdatasync": "fd",
    "fs.ftruncate": "fd len", "fs.fchmod": "fd mode", "fs.fchown": "fd int int",
    "fs.readFileSync": "path enc", "fs.writeFileSync": "path buf", "fs.existsSync": "path",
    "process.chdir": "path", "process.umask": "mode", "process.exit": "int",
    "path.resolve": "path path path", "crypto.getRandomValues": "buf",
    "TextDecoder.prototype.decode": "buf opts", "TextEncoder.prototype.encode": "str",
    "TextEncoder.prototype.encodeInto": "str buf", "TextDecoder": "enc opts",
    "structuredClone": "sclone opts", "atob": "str", "btoa": "str", "URL": "url url",
    "URL.parse": "url url", "URL.canParse": "url url", "setTimeout": "fn time any",
    "setInterval": "fn time", "clearTimeout": "fd", "clearInterval": "fd",
    "setImmediate": "fn any", "queueMicrotask": "fn", "console.log": "fmt any any",
    "console.error": "fmt any any", "JSON.stringify": "clone fn len", "JSON.parse": "json fn",
    "go._makeFuncWrapper": "int",
  };
  for (const p of ["hash", "host", "hostname", "href", "password", "pathname", "port", "protocol",
    "search", "username"]) SHAPES["URL.prototype." + p + "(set)"] = "url";

  // ECMAScript's own globals (and the harness's): everything else on
  // globalThis is the host's.
  const STANDARD = new Set(["globalThis", "Infinity", "NaN", "undefined", "Function", "Object",
    "Math", "JSON", "Array", "Proxy", "ArrayBuffer", "SharedArrayBuffer", "BigInt", "Boolean",
    "Date", "DataView", "Map", "isFinite", "isNaN", "parseInt", "parseFloat", "Number", "eval",
    "Set", "String", "RegExp", "TypedArray", "Int8Array", "Uint8Array", "Uint8ClampedArray",
    "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "BigInt64Array", "BigUint64Array",
    "Float16Array", "Float32Array", "Float64Array", "Symbol", "Error", "RangeError",
    "ReferenceError", "TypeError", "SyntaxError", "EvalError", "URIError", "AggregateError",
    "Reflect", "Promise", "encodeURI", "encodeURIComponent", "decodeURI", "decodeURIComponent",
    "WeakRef", "WeakMap", "WeakSet", "Iterator", "Atomics", "FinalizationRegistry", "escape",
    "unescape", "Intl", "Temporal", "__fuzz", "__go", "__fuzz_list", "__fuzz_stats", "__fuzz_trace", "SEED", "P", "PRE"]);
  // How to make an instance of a host class (for its prototype's methods).
  const MAKE = {
    URL: () => new URL("http://u:p@h:8/p?q=1#f"),
    TextDecoder: () => new TextDecoder(["utf-8", "utf-16le", "utf-16be", "utf8"][(rnd() * 4) | 0], { ignoreBOM: rnd() < 0.5 }),
    TextEncoder: () => new TextEncoder(),
  };

  // The functions: { path, f, self (the natural `this`), make (a fresh one) }.
  const F = [];
  const FOUND = new Set();
  function add(path, f, self, make) {
    if (FOUND.has(path)) return;
    FOUND.add(path);
    const isClass = typeof f.prototype === "object" && /^[A-Z]/.test(String(f.name));
    F.push({ path, f, self, make, isClass });
  }
  function walk(path, o, make, depth) {
    for (const key of ownKeys(o)) {
      const d = describe(o, key);
      const name = path + "." + String(key);
      if (key === "constructor" || key === "prototype" || key === "_pendingEvent") continue;
      if (typeof d.value === "function") add(name, d.value, o, make);
      else if (d.value && typeof d.value === "object" && depth < 2) walk(name, d.value, undefined, depth + 1);
      if (d.get) add(name + "(get)", d.get, o, make);
      if (d.set) add(name + "(set)", d.set, o, make);
    }
  }
  function host(name, value) {
    if (typeof value === "function") {
      add(name, value, G);
      walk(name, value, undefined, 1);
      const proto = value.prototype;
      if (proto && typeof proto === "object") {
        const make = MAKE[name] || (() => construct(value, []));
        walk(name + ".prototype", proto, make, 1);
      }
    } else if (value && typeof value === "object") {
      walk(name, value, undefined, 0);
    }
  }
  function enumerate() {
    for (const key of ownKeys(G)) {
      if (typeof key !== "string" || STANDARD.has(key)) continue;
      host(key, G[key]);
    }
    host("JSON", JSON);
    if (G.__go) host("go", G.__go);
  }

  // With `__fuzz_trace` set, each call is shown on stderr (for minimising).
  function show(v) {
    try {
      if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
      if (typeof v === "bigint") return v + "n";
      if (typeof v === "symbol") return String(v);
      if (typeof v === "function") return "function " + v.name;
      if (v && typeof v === "object") {
        if (v instanceof Error) return v.name + ": " + String(v.message).slice(0, 80);
        return Object.prototype.toString.call(v);
      }
      return String(v);
    } catch (e) {
      return "?";
    }
  }
  function trace(path, args, outcome) {
    console.error(`${path}(${args.map(show).join(", ")}) ${outcome}`);
  }

  // One step.
  function call(f, t, ks, flags) {
    const fn = F[f % F.length];
    if (fn.f === origExit && rnd() > 0.02) return;
    SB = null;
    const shape = flags & 4 ? SHAPES[fn.path] : undefined;
    const cats = shape ? shape.split(" ") : [];
    // A shaped call has the shape's arguments (more, now and then).
    let n = ks.length;
    if (shape && ks.length) n = ks[0] % 8 === 0 ? Math.max(ks.length, cats.length) : cats.length;
    const args = [];
    for (let j = 0; j < n; j++) {
      const k = j < ks.length ? ks[j] : (ks[j % ks.length] ^ Math.imul(j, 0x9e3779b1)) >>> 0;
      args.push(j < cats.length ? pick(cats[j], k) : V(k));
    }
    // Shaped calls of `fs`'s asynchronous functions end with a callback,
    // other calls when flags & 1 says so.
    const async = fn.path.startsWith("fs.") && !fn.path.endsWith("Sync");
    if (shape ? async || (flags & 1 && ks[0] % 5 === 0) : flags & 1) {
      args.push(fn.path === "fs.open" ? openCallback() : cb(fn.path));
    }
    count(fn.path, 0);
    if (fn.f === origSetInterval && !OURS.has(args[0])) args[0] = cb();
    // Functions of the pool that throw would end the program, uncaught,
    // when the host calls them back: mostly they are wrapped.
    for (let j = 0; j < args.length; j++) {
      const g = args[j];
      if (typeof g === "function" && !OURS.has(g) && rnd() < 0.9) {
        args[j] = function () {
          try {
            return apply(g, this, arguments);
          } catch (e) {}
        };
      }
    }
    let self = fn.self;
    if (t !== 0) self = V(t - 1);
    else if (fn.make) {
      try {
        self = fn.make();
      } catch (e) {}
    }
    let r;
    try {
      // Classes mostly with `new`, anything else now and then.
      const asNew = fn.isClass ? !(flags & 2) : flags & 2;
      r = asNew ? construct(fn.f, args) : apply(fn.f, self, args);
    } catch (e) {
      count(fn.path, 1);
      if (G.__fuzz_trace) trace(fn.path, args, "throws " + show(e));
      throw e;
    }
    if (G.__fuzz_trace) trace(fn.path, args, "returns " + show(r));
    if (fn.f === origSetInterval) INTERVALS.push(r);
    keep(r);
    touch(r);
  }
  function run(p) {
    try {
      switch (p[0]) {
        case 0:
          call(p[1], p[2], p[3], p[4]);
          break;
        case 1: {
          SB = null;
          const wrapper = G.__go._makeFuncWrapper(p[1]);
          keep(wrapper(V(p[2]), V(p[3])));
          break;
        }
        case 2:
          SB = null;
          G.__go._pendingEvent = V(p[1]);
          G.__go._resume();
          break;
      }
    } catch (e) {
      keep(e);
      touch(e);
    }
  }
  let I = 0;
  function step() {
    if (I < P.length) run(P[I++]);
  }
  function drain() {
    for (let n = 0; n < 4 && I < P.length; n++) step();
    if (I < P.length && TICKS < BUDGET) origSetTimeout(drain, 1);
    else {
      stopIntervals();
      if (G.__fuzz_stats) console.log("STATS " + JSON.stringify(STATS));
    }
  }

  enumerate();
  for (let n = 0; n < PRE; n++) step();
  // Called by the module's `run`, once `__go` is set.
  G.__fuzz = function () {
    enumerate();
    // Descriptors to use (3, 4, 5 when the files are there).
    for (const [path, flags] of [["/f", "r+"], ["/d/g", "r"], ["/tmp/w", "w+"]]) {
      try {
        G.fs.open(path, flags, openCallback());
      } catch (e) {}
    }
    if (G.__fuzz_list) console.log(F.map((e) => e.path).join("\n"));
    for (let n = 0; n < 8; n++) step();
    origSetTimeout(drain, 1);
  };
})();
