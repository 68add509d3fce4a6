// performance.now with junk arguments: a number, never decreasing.
const a = performance.now();
const b = performance.now(NaN, {}, -1);
console.log(typeof a, a >= 0, b >= a);
probe('new performance.now()', () => new performance.now(), true);
