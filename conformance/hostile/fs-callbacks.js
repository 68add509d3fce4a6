// Callbacks that are not functions, or that throw: a throw from a
// callback is uncaught (exit 1), and nothing after it runs.
probe("stat('.')", () => fs.stat('.'));
probe("stat('.', 5)", () => fs.stat('.', 5));
probe("open('x', 'r', 0o666, {})", () => fs.open('x', 'r', 0o666, {}));
probe('close(0, null)', () => fs.close(0, null));
fs.stat('.', () => { throw new RangeError('thrown by a callback'); });
setTimeout(() => console.log('never printed'), 100);
