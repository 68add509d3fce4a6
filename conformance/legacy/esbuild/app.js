// Minified by esbuild 0.20.2 (Go 1.20) under gojs and under node.
function fibonacci(count) {
  const out = [];
  for (let a = 0, b = 1; out.length < count; [a, b] = [b, a + b]) out.push(a);
  return out;
}
export const table = fibonacci(12).map((n, i) => `${i}: ${n}`);
console.log(table.join("\n"));
