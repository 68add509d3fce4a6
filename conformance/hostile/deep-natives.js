// Chains the engine's natives walk: bound functions, nested arrays.
let f = () => 1;
for (let i = 0; i < 3000; i++) f = f.bind(null);
probe('3000 bound functions', () => f());
let a = [];
for (let i = 0; i < 1e6; i++) a = [a];
probe('join of a million nested arrays', () => a.join().length, true);
probe('String of a million nested arrays', () => String(a).length, true);
