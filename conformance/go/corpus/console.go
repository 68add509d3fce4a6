package main

func init() {
	// console.log's util.inspect: objects nested up to depth 2 are shown, deeper ones as
	// [Object] / [Array] / [Uint8Array]; %s shows an object at depth 0; typed arrays,
	// empty ones included; property keys quoted only when they are not identifiers;
	// -0, big and non-finite numbers, bigints. Short values only: node wraps long lines.
	register("console-inspect", func() {
		eval(`
			console.log({a:{b:{c:{d:1}}}});
			console.log([[[[1]]]]);
			console.log(new Uint8Array(0));
			console.log({ x: new Uint8Array(2) });
			console.log({a:{b:{c:new Uint8Array(2)}}});
			console.log("%s", {a:{b:1}});
			console.log("%O", {a:{b:{c:{d:1}}}});
			console.log([{a:[{b:{c:1}}]}]);
			console.log("n=%d s=%s j=%j", 42, "str", {k: [1, 2]});
			console.log([], {}, [1, "two", null, undefined]);
			console.log({ "key with space": 1, valid_id: 2, 3: "three" });
			console.log(-0, [ -0 ], 1e21, NaN, 12345678901234567890n);
		`)
	})
}
