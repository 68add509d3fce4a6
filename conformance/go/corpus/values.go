package main

import (
	"fmt"
	"math"
	"syscall/js"
	"unsafe"
)

// show formats a JS value on the JS side, deterministically (object keys sorted).
var showSrc = `(function show(v) {
	if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
	if (typeof v === "string") return JSON.stringify(v);
	if (typeof v === "symbol" || typeof v === "bigint") return typeof v + ":" + String(v);
	if (typeof v === "function") return "function";
	if (v === null || v === undefined) return String(v);
	if (Array.isArray(v)) return "[" + v.map(show).join(",") + "]";
	if (typeof v === "object") return "{" + Object.keys(v).sort().map(k => JSON.stringify(k) + ":" + show(v[k])).join(",") + "}";
	return typeof v + ":" + String(v);
})`

func jsShow(v any) string {
	return eval(showSrc).Invoke(v).String()
}

func init() {
	// A missing property reads as undefined: Type, IsUndefined, String, Truthy;
	// an out-of-range array index too.
	register("values-get-missing", func() {
		v := js.Global().Get("gojsNoSuchProperty")
		fmt.Println("type:", v.Type().String())
		fmt.Println("IsUndefined:", v.IsUndefined(), "IsNull:", v.IsNull())
		fmt.Println("String:", v.String())
		fmt.Println("Truthy:", v.Truthy())
		fmt.Println("Equal(Undefined()):", v.Equal(js.Undefined()))
		arr := eval("[1, 2]")
		fmt.Println("Index(5):", arr.Index(5).Type(), arr.Index(5).IsUndefined())
	})

	// ValueOf maps every Go kind to the documented JS value (checked on the JS side,
	// including -0 collapsing to +0 and NaN, and the []any / map[string]any conversions).
	register("values-valueof", func() {
		inputs := []struct {
			name string
			v    any
		}{
			{"nil", nil},
			{"true", true},
			{"false", false},
			{"int 42", 42},
			{"int -7", -7},
			{"int8 -128", int8(-128)},
			{"int16 -32768", int16(-32768)},
			{"int32 min", int32(math.MinInt32)},
			{"int64 -1", int64(-1)},
			{"uint 7", uint(7)},
			{"uint8 255", uint8(255)},
			{"uint16 65535", uint16(65535)},
			{"uint32 max", uint32(math.MaxUint32)},
			{"uint64 max", uint64(math.MaxUint64)},
			{"uintptr 9", uintptr(9)},
			{"float32 0.1", float32(0.1)},
			{"float64 0.1", 0.1},
			{"float64 1e21", 1e21},
			{"float64 1e-7", 1e-7},
			{"float64 -0", math.Copysign(0, -1)},
			{"float64 NaN", math.NaN()},
			{"float64 +Inf", math.Inf(1)},
			{"float64 -Inf", math.Inf(-1)},
			{"float64 maxfloat", math.MaxFloat64},
			{"float64 smallest denormal", math.SmallestNonzeroFloat64},
			{"string", "hello"},
			{"empty string", ""},
			{"[]any", []any{1, "two", nil, true, []any{3.5}}},
			{"empty []any", []any{}},
			{"map[string]any", map[string]any{"b": 2, "a": "x", "c": map[string]any{"z": nil, "y": []any{1}}}},
			{"js.Value", js.Global().Get("Math").Get("PI")},
		}
		for _, in := range inputs {
			v := js.ValueOf(in.v)
			fmt.Printf("%-26s -> %-8s %s\n", in.name, v.Type(), jsShow(v))
		}
	})

	// Type() of every JS kind, including symbol and function, and what BigInt does
	// (its ref has type flag 0, which Go's Type() rejects with "bad type flag").
	register("values-types", func() {
		exprs := []string{
			"undefined", "null", "true", "false", "0", "-0", "1.5", "NaN", "Infinity",
			`""`, `"s"`, `Symbol("x")`, "({})", "[]", "(function f() {})", "(() => 1)",
			"(class K {})", "new Date(0)", "/re/", "Math", "globalThis", "new Uint8Array(2)",
			"new Number(1)", "new String('s')",
		}
		for _, e := range exprs {
			fmt.Printf("%-22s %s\n", e, eval(e).Type())
		}
		sym := js.Global().Get("Symbol").Invoke("x")
		fmt.Println("Symbol(x) via Invoke:", sym.Type(), sym.String(), sym.Truthy())
	})

	// A BigInt crosses into Go with type flag 0: Type() and String() panic with
	// "bad type flag", but it can be passed back to JS intact.
	register("values-bigint", func() {
		b := js.Global().Get("BigInt").Invoke(10)
		try("Type()", func() { fmt.Println(b.Type()) })
		try("String()", func() { fmt.Println(b.String()) })
		try("Truthy()", func() { fmt.Println(b.Truthy()) })
		fmt.Println("IsUndefined:", b.IsUndefined(), "IsNull:", b.IsNull(), "IsNaN:", b.IsNaN())
		fmt.Println("JS typeof:", eval("(v) => typeof v").Invoke(b).String())
		fmt.Println("JS String:", js.Global().Call("String", b).String())
		fmt.Println("JS show:", jsShow(b))
		big := eval("2n ** 64n + 1n")
		fmt.Println("JS 2n**64n+1n:", js.Global().Call("String", big).String())
		fmt.Println("Equal self:", b.Equal(b))
	})

	// Equal is JS strict equality on refs: NaN is never equal, numbers by value,
	// strings by content, objects by identity.
	register("values-equal", func() {
		obj := eval("({})")
		pairs := []struct {
			name string
			a, b js.Value
		}{
			{"undefined,undefined", js.Undefined(), js.Undefined()},
			{"undefined,null", js.Undefined(), js.Null()},
			{"null,null", js.Null(), js.Null()},
			{"NaN,NaN", js.ValueOf(math.NaN()), js.ValueOf(math.NaN())},
			{"0,-0", js.ValueOf(0), eval("-0")},
			{"1,1.0", js.ValueOf(1), js.ValueOf(1.0)},
			{"1,'1'", js.ValueOf(1), js.ValueOf("1")},
			{"true,true", js.ValueOf(true), eval("true")},
			{"true,1", js.ValueOf(true), js.ValueOf(1)},
			{"'a','a'", js.ValueOf("a"), js.ValueOf("a")},
			{"'a',JS 'a'", js.ValueOf("a"), eval("'a'")},
			{"'a','b'", js.ValueOf("a"), js.ValueOf("b")},
			{"obj,obj", obj, obj},
			{"{},{}", eval("({})"), eval("({})")},
			{"Math,Math", js.Global().Get("Math"), js.Global().Get("Math")},
			{"global,globalThis", js.Global(), eval("globalThis")},
		}
		for _, p := range pairs {
			fmt.Printf("%-20s %v\n", p.name, p.a.Equal(p.b))
		}
	})

	// IsNaN, IsNull, IsUndefined and Truthy over many values.
	register("values-predicates", func() {
		exprs := []string{
			"undefined", "null", "true", "false", "0", "-0", "1", "-1", "NaN", "Infinity",
			`""`, `"0"`, `"false"`, `" "`, "({})", "[]", "(function () {})", `Symbol("s")`,
		}
		for _, e := range exprs {
			v := eval(e)
			fmt.Printf("%-16s IsNaN=%-5v IsNull=%-5v IsUndefined=%-5v Truthy=%v\n",
				e, v.IsNaN(), v.IsNull(), v.IsUndefined(), v.Truthy())
		}
	})

	// String() never panics on non-strings: "<T>" or "<T: V>" with JS's own number formatting.
	register("values-string-of-nonstrings", func() {
		exprs := []string{
			"undefined", "null", "true", "false", "5", "-0", "0.1", "1e21", "1.5e-7",
			"123456789012345680000", "NaN", "-Infinity", "({})", "[1,2]", "(function () {})",
			`Symbol("s")`, `"already a string"`,
		}
		for _, e := range exprs {
			fmt.Printf("%-24s %q\n", e, eval(e).String())
		}
	})

	// Int truncates toward zero, Float is exact, Bool and String read their kinds.
	register("values-conversions", func() {
		for _, e := range []string{"0", "-0", "3.9", "-3.9", "2147483648", "-2147483649", "1e15", "0.5"} {
			v := eval(e)
			fmt.Printf("%-12s Int=%d Float=%v\n", e, v.Int(), v.Float())
		}
		fmt.Println("Bool(true):", eval("true").Bool(), "Bool(false):", eval("false").Bool())
		fmt.Printf("String: %q %q\n", eval(`"abc"`).String(), eval(`""`).String())
		fmt.Println("Float(NaN) is NaN:", math.IsNaN(eval("NaN").Float()))
		fmt.Println("Float(Infinity):", eval("Infinity").Float(), eval("-Infinity").Float())
	})

	// int64 beyond 2^53 goes through float64: precision is lost, exactly as a float64 does.
	register("values-int64-precision", func() {
		for _, n := range []int64{1<<53 - 1, 1 << 53, 1<<53 + 1, 1<<53 + 2, 1<<62 + 1, math.MaxInt64, math.MinInt64} {
			v := js.ValueOf(n)
			fmt.Printf("%d -> Int=%d Float=%.0f JS=%s\n", n, v.Int(), v.Float(), js.Global().Call("String", v).String())
		}
		fmt.Println("Number.MAX_SAFE_INTEGER:", js.Global().Get("Number").Get("MAX_SAFE_INTEGER").Int())
	})

	// Refs are NaN-boxed: predefined values have fixed refs; a string or object that
	// Go holds twice shares one table id (strings by content, objects by identity).
	register("values-refs", func() {
		raw := func(v js.Value) uint64 { return *(*uint64)(unsafe.Pointer(&v)) }
		fmt.Printf("undefined %#016x\n", raw(js.Undefined()))
		fmt.Printf("NaN       %#016x\n", raw(js.ValueOf(math.NaN())))
		fmt.Printf("JS NaN    %#016x\n", raw(eval("NaN")))
		fmt.Printf("zero      %#016x\n", raw(js.ValueOf(0)))
		fmt.Printf("JS zero   %#016x\n", raw(eval("0")))
		fmt.Printf("JS -0     %#016x\n", raw(eval("-0")))
		fmt.Printf("null      %#016x\n", raw(js.Null()))
		fmt.Printf("JS null   %#016x\n", raw(eval("null")))
		fmt.Printf("true      %#016x\n", raw(eval("true")))
		fmt.Printf("false     %#016x\n", raw(eval("false")))
		fmt.Printf("global    %#016x\n", raw(js.Global()))
		fmt.Printf("JS global %#016x\n", raw(eval("globalThis")))
		fmt.Printf("1.5       %#016x\n", raw(js.ValueOf(1.5)))
		fmt.Printf("JS 1.5    %#016x\n", raw(eval("1.5")))
		fmt.Printf("JS -1     %#016x\n", raw(eval("-1")))
		fmt.Printf("Infinity  %#016x\n", raw(eval("Infinity")))

		// Dynamic ids are labelled by first appearance, so absolute ids are not pinned.
		labels := map[uint32]string{}
		label := func(name string, v js.Value) {
			r := raw(v)
			id := uint32(r)
			l, ok := labels[id]
			if !ok {
				l = fmt.Sprintf("id#%d", len(labels))
				labels[id] = l
			}
			fmt.Printf("%-18s head=%#08x %s\n", name, r>>32, l)
		}
		obj := eval("globalThis.gojsObj = {}; gojsObj")
		label(`"a"`, js.ValueOf("a"))
		keepA := js.ValueOf("a")
		label(`"a" again`, keepA)
		label(`JS "a"`, eval(`"a"`))
		label(`"b"`, js.ValueOf("b"))
		label("obj", obj)
		label("obj via Get", js.Global().Get("gojsObj"))
		label("{} (other)", eval("({})"))
		label(`Symbol("x")`, eval(`Symbol("x")`))
		label("function", eval("(function () {})"))
		label("BigInt 1n", eval("1n"))
		label(`"a" once more`, js.ValueOf("a"))
	})

	// Set/Get/Delete on objects; Index/SetIndex/Length on arrays (including sparse
	// growth and Length of array-likes); InstanceOf with constructors.
	register("values-object-ops", func() {
		o := js.Global().Get("Object").New()
		o.Set("n", 1)
		o.Set("s", "str")
		o.Set("nested", map[string]any{"k": true})
		o.Set("n", 2)
		fmt.Println("after Set:", jsShow(o))
		fmt.Println("Get n:", o.Get("n").Int(), "Get nested.k:", o.Get("nested").Get("k").Bool())
		o.Delete("s")
		o.Delete("missing")
		fmt.Println("after Delete:", jsShow(o), "Get s undefined:", o.Get("s").IsUndefined())
		o.Set("u", js.Undefined())
		fmt.Println("Set undefined, has u:", eval("(o) => 'u' in o").Invoke(o).Bool())

		a := js.Global().Get("Array").New(0)
		a.SetIndex(0, "x")
		a.SetIndex(1, 2.5)
		a.SetIndex(4, nil)
		fmt.Println("array:", jsShow(a), "Length:", a.Length())
		fmt.Println("Index 1:", a.Index(1).Float(), "Index 2 undefined:", a.Index(2).IsUndefined())
		a.Set("length", 2)
		fmt.Println("after length=2:", jsShow(a), "Length:", a.Length())
		fmt.Println("array-like Length:", eval("({length: 3.7})").Length())
		fmt.Println("function Length:", eval("(function (a, b) {})").Length())
		fmt.Println("Uint8Array Length:", js.Global().Get("Uint8Array").New(9).Length())

		arrayC, objectC := js.Global().Get("Array"), js.Global().Get("Object")
		fmt.Println("a instanceof Array:", a.InstanceOf(arrayC), "Object:", a.InstanceOf(objectC))
		fmt.Println("o instanceof Array:", o.InstanceOf(arrayC), "Object:", o.InstanceOf(objectC))
		fmt.Println("1 instanceof Object:", js.ValueOf(1).InstanceOf(objectC))
		fmt.Println("undefined instanceof Object:", js.Undefined().InstanceOf(objectC))
		k := eval("(class Base {})")
		d := eval("(Base) => class Derived extends Base {}").Invoke(k)
		inst := d.New()
		fmt.Println("Derived instance of Base:", inst.InstanceOf(k), "of Derived:", inst.InstanceOf(d))
	})

	// Index/SetIndex keys at the edges of the array-index range: below it,
	// inside it, at 2^32-2 (the last index), 2^32-1 and beyond (plain keys).
	register("values-index-keys", func() {
		idx := []int{-1, 0, 7, 1<<32 - 2, 1<<32 - 1, 1 << 32, 1 << 53}
		o := js.Global().Get("Object").New()
		for i, k := range idx {
			o.SetIndex(k, i)
		}
		fmt.Println("object:", jsShow(o))
		for _, k := range idx {
			fmt.Print(" ", o.Index(k).Int())
		}
		fmt.Println()
		fmt.Println("keys order:", eval("(o) => Object.keys(o).join(' ')").Invoke(o).String())
		a := js.Global().Get("Array").New(0)
		a.SetIndex(1<<32-1, "not an index")
		fmt.Println("array length after 2^32-1:", a.Length())
		a.SetIndex(1<<32-2, "last index")
		fmt.Println("array length after 2^32-2:", a.Length(), a.Index(1<<32-2).String())
		fmt.Println("Index -1:", a.Index(-1).IsUndefined())
	})

	// Go-side ValueError panics for methods called on the wrong kind (no JS involved).
	register("values-wrong-kind", func() {
		try("number.Get", func() { js.ValueOf(1).Get("x") })
		try("string.Set", func() { js.ValueOf("s").Set("x", 1) })
		try("null.Delete", func() { js.Null().Delete("x") })
		try("undefined.Index", func() { js.Undefined().Index(0) })
		try("bool.SetIndex", func() { js.ValueOf(true).SetIndex(0, 1) })
		try("number.Length", func() { js.ValueOf(3).Length() })
		try("string.Length", func() { js.ValueOf("abc").Length() })
		try("string.Get", func() { js.ValueOf("abc").Get("length") })
		try("string.Call", func() { js.ValueOf("s").Call("toString") })
		try("object.Invoke", func() { eval("({})").Invoke() })
		try("number.New", func() { js.ValueOf(2).New() })
		try("string.Int", func() { js.ValueOf("5").Int() })
		try("object.Float", func() { eval("({})").Float() })
		try("number.Bool", func() { js.ValueOf(1).Bool() })
		try("undefined.Bool", func() { js.Undefined().Bool() })
		try("ValueOf(struct{})", func() { js.ValueOf(struct{}{}) })
		try("ValueOf([]int)", func() { js.ValueOf([]int{1}) })
		try("ValueOf(map[string]int)", func() { js.ValueOf(map[string]int{"a": 1}) })
	})
}
