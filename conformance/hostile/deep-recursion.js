// Unbounded JS recursion, caught; the program goes on.
const down = (n) => down(n + 1) + 1;
probe('recursion', () => down(0), true);
const again = { get x() { return this.x; } };
probe('getter recursion', () => again.x, true);
probe('toString recursion', () => String({ toString() { return String(this); } }), true);
probe('after them', () => down.length);
