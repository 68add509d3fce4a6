// JSON nested a million deep.
const n = 1e6;
probe('parse of 1e6 [', () => JSON.parse('['.repeat(n)), true);
let deep = [];
for (let i = 0; i < n; i++) deep = [deep];
probe('stringify of 1e6 nested arrays', () => JSON.stringify(deep).length, true);
let o = {};
for (let i = 0; i < n; i++) o = { o };
probe('stringify of 1e6 nested objects', () => JSON.stringify(o).length, true);
