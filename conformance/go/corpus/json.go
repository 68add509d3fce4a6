package main

import (
	"fmt"
	"syscall/js"
)

func init() {
	// JSON.stringify as ECMA-262 §25.5.2 has it (gojs replaces boa's own: see
	// boa-host/src/globals/json.rs): every kind of value, wrapper objects, toJSON,
	// replacer functions and arrays, space, proxies (their traps logged in order),
	// getters with side effects, sparse arrays, lone surrogates, key order. Errors
	// print their name only: messages differ between engines.
	register("json-stringify", func() {
		eval(`
			const out = (...a) => console.log(a.map(String).join(" | "));
			const s = (...a) => { try { return String(JSON.stringify(...a)); } catch (e) { return "throws " + e.name; } };
			const d = Object.getOwnPropertyDescriptor(JSON, "stringify");
			out("descriptor", typeof d.value, d.writable, d.enumerable, d.configurable,
				JSON.stringify.name, JSON.stringify.length, "prototype" in JSON.stringify,
				(() => { try { new JSON.stringify({}); return "constructs"; } catch (e) { return e.name; } })());

			out("primitives", s(null), s(true), s(false), s("x"), s(undefined), s(Symbol("q")), s(() => 1), s());
			out("numbers", s(0), s(-0), s(1.5), s(-(2 ** 31)), s(2 ** 31), s(123456789012), s(2 ** 53), s(2 ** 53 + 2),
				s(2 ** 60), s(1e21), s(1e-7), s(0.1 + 0.2), s(5e-324), s(1.7976931348623157e308), s(-1e-300),
				s(NaN), s(Infinity), s(-Infinity), s([NaN, -0, -Infinity]));
			out("strings", s("\b\t\n\f\r\"\\/"), s("\u0000\u0001\u001f\u007f\u0080"), s("é ÿ ā €"), s("😀"),
				s("\ud800"), s("\udc00"), s("a\udfffb"), s("\ud800\ud800\udc00\udc00"), s("\ud83d"), s("\u2028\u2029"),
				s("x".repeat(3) + "\ud83d\ude00".repeat(2)), s({"\ud800k\n": "\udbff"}));
			out("wrappers", s(new Number(3)), s(new String("s\n")), s(new Boolean(false)), s(Object(Symbol())),
				s([new Number(-0), new String(""), new Boolean(true)]), s(Object(1n)),
				s(Object.assign(new Number(1), {valueOf() { return 42; }})),
				s(Object.assign(new String("a"), {toString() { return "b"; }})),
				s(Object.assign(new Boolean(false), {valueOf() { return true; }})),
				s(Object.assign(new Number(1), {valueOf() { return "str"; }})));

			out("objects", s({}), s([]), s({a: 1, b: [1, "2", {c: null}], d: {e: {}}}), s([[], [[]], {}]),
				s({u: undefined, f() {}, y: Symbol(), n: null, [Symbol("k")]: 1}),
				s([undefined, function () {}, Symbol(), null]), s([1, , 3]), s(new Array(3)),
				s(Object.create({inherited: 1}, {own: {value: 2, enumerable: true}, hidden: {value: 3}})),
				s(Object.assign(Object.create(null), {z: 1})), s(Object.freeze({f: [1]})));
			out("key order", s({b: 1, 2: 1, a: 1, 1: 1, "-1": 1, "01": 1, 4294967295: 1, 4294967294: 1, 1.5: 1, [Symbol()]: 1}));
			out("builtins", s(new Map([[1, 2]])), s(new Set([1])), s(/re/g), s(new Error("m")), s(new Uint8Array([1, 2])),
				s(new Float64Array([0.5, NaN])), s(new ArrayBuffer(2)), s(new Date(0)), s(new Date(NaN)),
				s((function () { return arguments; })(1, "a")), s(Promise.resolve()), s(Math), s(JSON), s(globalThis.Symbol));
			class Point { constructor() { this.x = 1; this.y = 2; } get sum() { return 3; } }
			out("class", s(new Point()), s([new Point()]));

			out("toJSON", s({toJSON() { return 1; }}), s({a: {toJSON(k) { return "key=" + k; }}}),
				s([{toJSON(k) { return typeof k + k; }}]), s({toJSON: 1, x: 2}), s({toJSON() { return undefined; }}),
				s({a: {toJSON() { return undefined; }}, b: 1}), s({toJSON() { return {toJSON() { return 2; }}; }}),
				s(Object.create({toJSON() { return "proto"; }})), s({toJSON() { return this.v; }, v: [1]}),
				s({toJSON() { throw new Error("boom"); }}), s({a: 1n}), s(1n), s([2n]));
			BigInt.prototype.toJSON = function (k) { return typeof this + ":" + this.toString() + ":" + k; };
			out("bigint toJSON", s(5n), s({k: 6n}), s([7n]), s(Object(8n)));
			delete BigInt.prototype.toJSON;
			Object.defineProperty(BigInt.prototype, "toJSON", {get() { "use strict"; return () => typeof this; }, configurable: true});
			out("bigint toJSON getter", s(9n));
			delete BigInt.prototype.toJSON;
			out("bigint again", s(1n));

			const log = [];
			const replacer = function (k, v) {
				log.push(JSON.stringify(k) + (this === undefined ? "" : ":" + typeof this) + ":" + typeof v);
				if (k === "drop") return undefined;
				if (typeof v === "number") return v * 10;
				if (typeof v === "bigint") return String(v);
				return v;
			};
			out("replacer fn", s({a: 1, drop: 2, b: [3, {c: 4}], big: 5n, t: {toJSON() { return 6; }}}, replacer));
			out("replacer log", log.join(" "));
			let root;
			out("replacer root", s(7, function (k, v) { root = [JSON.stringify(k), Object.keys(this).length, this[""], Object.getPrototypeOf(this) === Object.prototype]; return v; }), root);
			out("replacer undefined root", s({a: 1}, () => undefined), s({a: 1}, (k, v) => k === "" ? v : undefined));
			out("replacer to wrapper", s({a: 1}, (k, v) => k === "a" ? new String("w") : v), s([1], (k, v) => k === "0" ? new Number(2) : v));
			out("replacer not callable", s({a: 1}, {}), s({a: 1}, "a"), s({a: 1}, 1), s({a: 1}, null));

			const obj = {a: 1, b: 2, c: 3, 1: 4, 2: 5, d: {a: 6, e: 7, c: [8, {b: 9}]}, "1.5": 10, "0": 11};
			out("replacer array", s(obj, ["b", "a", 1, "1", new String("c"), new Number(2), {}, true, null, "b", 1.5, -0, undefined, Symbol(), "d"]));
			out("replacer array empty", s(obj, []), s([1, {a: 2}], ["a"]), s(obj, [, "a", , "b"]));
			const proxied = new Proxy(["c", "a"], {});
			out("replacer array proxy", s(obj, proxied));
			const arrayLike = {0: "a", length: 1};
			out("replacer array-like ignored", s(obj, arrayLike));
			const replacerLog = [];
			const loggingReplacer = new Proxy(["a", "b"], {get(t, k, r) { replacerLog.push(String(k)); return Reflect.get(t, k, r); }});
			s({a: 1, b: 2}, loggingReplacer);
			out("replacer array reads", replacerLog.join());

			const nested = {a: [1, {b: 2, c: []}, {}], d: "x", e: {f: {g: null}}};
			out("space 2", s(nested, null, 2));
			out("space tab", s(nested, null, "\t"));
			out("space 20", s([1, [2]], null, 20));
			out("space long string", s({a: [1]}, null, "12345678901234"));
			out("space objects", s({a: [1]}, null, new Number(3)), s({a: [1]}, null, new String("ab")),
				s({a: [1]}, null, Object.assign(new Number(1), {valueOf() { return 2; }})),
				s({a: [1]}, null, Object.assign(new String("x"), {toString() { return "--"; }})));
			out("space others", s({a: [1]}, null, 0), s({a: [1]}, null, -1), s({a: [1]}, null, 1.9), s({a: [1]}, null, NaN),
				s({a: [1]}, null, Infinity), s({a: [1]}, null, -Infinity), s({a: [1]}, null, true), s({a: [1]}, null, ""),
				s({a: [1]}, null, {}), s({a: [1]}, null, [2]), s(s({a: [1]}, null, "\ud800x")));
			out("space empty", s({a: [], b: {}, c: [[]]}, null, 2), s([], null, 2), s({}, null, 2));
			out("space with omitted", s({u: undefined, a: 1, f() {}}, null, 1), s({u: undefined}, null, 1), s([undefined], null, 1));

			const traps = [];
			const handler = {
				ownKeys(t) { traps.push("ownKeys"); return Reflect.ownKeys(t); },
				getOwnPropertyDescriptor(t, k) { traps.push("gopd:" + String(k)); return Reflect.getOwnPropertyDescriptor(t, k); },
				get(t, k, r) { traps.push("get:" + String(k)); return Reflect.get(t, k, r); },
				has(t, k) { traps.push("has:" + String(k)); return Reflect.has(t, k); },
				getPrototypeOf(t) { traps.push("getPrototypeOf"); return Reflect.getPrototypeOf(t); },
			};
			const target = {b: 1, a: {c: 2}, [Symbol("s")]: 3};
			Object.defineProperty(target, "hidden", {value: 4, enumerable: false});
			out("proxy object", s(new Proxy(target, handler)), traps.join(" "));
			traps.length = 0;
			out("proxy array", s(new Proxy([1, [2], undefined], handler)), traps.join(" "));
			traps.length = 0;
			out("proxy with replacer list", s(new Proxy(target, handler), ["a", "zz"]), traps.join(" "));
			traps.length = 0;
			out("proxy with space", s({p: new Proxy({x: 1}, handler)}, null, 1), traps.join(" "));
			const revocable = Proxy.revocable({}, {});
			revocable.revoke();
			out("revoked proxy", s(revocable.proxy), s([revocable.proxy]), s({}, revocable.proxy));
			const lying = new Proxy({}, {
				ownKeys() { return ["x", "y", "x2"]; },
				getOwnPropertyDescriptor(t, k) { return k === "y" ? undefined : {value: 1, enumerable: k === "x", configurable: true}; },
				get(t, k) { return k === "toJSON" ? undefined : "got " + String(k); },
			});
			out("proxy lying keys", s(lying));
			out("proxy function", s(new Proxy(function () {}, {})), s([new Proxy(() => 1, {})]));

			const effects = [];
			const gets = {
				get a() { effects.push("a"); delete this.b; this.z = 1; return 1; },
				b: 2,
				get c() { effects.push("c"); return undefined; },
				get d() { effects.push("d"); return [this.a]; },
			};
			out("getters", s(gets), effects.join(), Object.keys(gets).join());
			const growing = [1, 2];
			Object.defineProperty(growing, 0, {get() { growing.push(9); return "g"; }});
			out("growing array", s(growing), growing.length);
			const arrayGet = [0, 1];
			Object.defineProperty(arrayGet, "length", {writable: false});
			out("frozen length", s(arrayGet));
			const withProtoIndex = [0, , 2];
			Array.prototype[1] = "from proto";
			out("proto index", s(withProtoIndex));
			delete Array.prototype[1];

			const a = {x: 1};
			a.self = a;
			const arr = [1];
			arr.push([arr]);
			const shared = {v: 1};
			out("cycles", s(a), s(arr), s({a: {b: {c: {}}}, d: shared, e: [shared, shared]}),
				s({toJSON() { return this; }}), s([{}].map(function () { const o = {}; o.o = {o}; return o; })));
			const indirect = {};
			indirect.t = {toJSON() { return indirect; }};
			out("cycle through toJSON", s(indirect));
			out("cycle through replacer", s({a: 1}, function (k, v) { return k === "a" ? this : v; }));

			out("throws", (() => { try { JSON.stringify({get x() { throw new RangeError("mine"); }}); } catch (e) { return e.name + ":" + e.message; } })(),
				(() => { try { JSON.stringify({a: 1}, () => { throw new TypeError("mine2"); }); } catch (e) { return e.name + ":" + e.message; } })(),
				(() => { try { JSON.stringify(Object.assign(new Number(1), {valueOf() { throw new SyntaxError("mine3"); }})); } catch (e) { return e.name + ":" + e.message; } })());
			out("replaced global", (() => { const keys = Object.keys; Object.keys = () => ["x"]; const r = s({a: 1}); Object.keys = keys; return r; })(),
				(() => { const isArray = Array.isArray; Array.isArray = () => false; const r = s(new Proxy([1], {})); Array.isArray = isArray; return r; })());
			out("reentrant", s({a: {toJSON() { return JSON.stringify({b: [1]}, null, 1); }}}, null, 1));
			const big = [];
			for (let i = 0; i < 1000; i++) big.push({i, s: "v" + i, f: i / 7, n: null, b: i % 2 === 0, a: [i]});
			const text = JSON.stringify(big);
			out("large", text.length, text.slice(0, 80), text.slice(-60), JSON.stringify(big, null, 2).length);
		`)
		// From Go: the same function through syscall/js.
		json := js.Global().Get("JSON")
		v := eval(`({a: [1, "two", null, true], b: {c: "\u00e9\ud83d\ude00"}})`)
		fmt.Println("from Go:", json.Call("stringify", v).String())
		fmt.Println("from Go, space:", json.Call("stringify", v, nil, 1).String())
		fmt.Println("from Go, undefined:", json.Call("stringify", js.Undefined()).Type())
	})

	// Deep nesting: 1000 levels serialize (and match node byte for byte); a million
	// nested objects or arrays is node's RangeError (its stack runs out), caught by JS
	// and by Go, never a crash. Names only: messages differ between engines.
	register("json-deep", func() {
		eval(`
			// Built by Function code: boa runs closures created in eval code far slower.
			const nest = new Function("n", "f", "leaf", "let v = leaf; for (let i = 0; i < n; i++) v = f(v); return v;");
			const nestObjects = new Function("n", "let v = {}; for (let i = 0; i < n; i++) v = {o: v}; return v;");
			const nestArrays = new Function("n", "let v = []; for (let i = 0; i < n; i++) v = [v]; return v;");
			const name = (f) => { try { f(); return "ok"; } catch (e) { return e.name; } };
			const o = nest(1000, (v) => ({o: v}), {});
			const a = nest(1000, (v) => [v], []);
			const t = JSON.stringify(o);
			console.log("1000 objects", t.length, t === '{"o":'.repeat(1000) + "{}" + "}".repeat(1000));
			const u = JSON.stringify(a);
			console.log("1000 arrays", u.length, u === "[".repeat(1001) + "]".repeat(1001));
			const w = JSON.stringify(nest(1000, (v) => ({k: [v]}), null), null, 1);
			console.log("1000 with space", w.length, w.slice(0, 20).split("\n").join("/"), w.slice(-20).split("\n").join("/"));
			const seen = [];
			JSON.stringify(nest(1000, (v) => ({o: v}), 1), (k, v) => { seen.push(k); return v; });
			console.log("1000 with replacer", seen.length, seen.slice(0, 3).join(), seen.slice(-2).join());
			const deepObjects = nestObjects(1e6);
			const deepArrays = nestArrays(1e6);
			console.log("1e6 objects", name(() => JSON.stringify(deepObjects)));
			console.log("1e6 arrays", name(() => JSON.stringify(deepArrays)));
			console.log("1e6 objects, space", name(() => JSON.stringify(deepObjects, null, 2)));
			console.log("1e6 objects, replacer", name(() => JSON.stringify(deepObjects, (k, v) => v)));
			console.log("1e4 toJSON", name(() => JSON.stringify(nest(1e4, (v) => ({toJSON() { return [v]; }}), 0))));
			console.log("after", JSON.stringify({still: ["works"]}));
			globalThis.deepObjects = deepObjects;
		`)
		json := js.Global().Get("JSON")
		func() {
			defer func() {
				r := recover()
				if e, ok := r.(js.Error); ok {
					fmt.Println("from Go:", e.Value.Get("name").String())
					return
				}
				fmt.Println("from Go: unexpected", r)
			}()
			json.Call("stringify", js.Global().Get("deepObjects"))
			fmt.Println("from Go: no error")
		}()
		fmt.Println("from Go, after:", json.Call("stringify", []any{1, "x"}).String())
	})
}
