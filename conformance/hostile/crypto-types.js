// getRandomValues of what is not an integer typed array: node's
// TypeMismatchError; of views: only the view's bytes.
const values = {
  Float64Array: new Float64Array(2), Float32Array: new Float32Array(2),
  DataView: new DataView(new ArrayBuffer(4)), ArrayBuffer: new ArrayBuffer(4),
  array: [1, 2], null: null, undefined: undefined, number: 5, string: 'abc', object: {},
  Uint8ClampedArray: new Uint8ClampedArray(3), BigInt64Array: new BigInt64Array(2), Int16Array: new Int16Array(0),
};
for (const [name, v] of Object.entries(values)) {
  probe(name, () => {
    try {
      const r = crypto.getRandomValues(v);
      return (r === v) + ' ' + r.length;
    } catch (e) {
      return e.name + ' ' + e.code + ' ' + e.message;
    }
  });
}
const whole = new Uint8Array(16);
crypto.getRandomValues(whole.subarray(4, 8));
probe('subarray(4, 8) only', () => whole.every((b, i) => (i >= 4 && i < 8) || b === 0));
