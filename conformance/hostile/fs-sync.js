// The synchronous calls preloads may use, with hostile arguments.
probe("writeSync(1, 'str\\n')", () => fs.writeSync(1, 'str\n'));
probe('writeSync(1, {})', () => fs.writeSync(1, {}));
probe('writeSync(1, buf, 5)', () => fs.writeSync(1, new Uint8Array(4), 5));
probe('writeSync(1, buf, 0, -1)', () => fs.writeSync(1, new Uint8Array(4), 0, -1));
probe('writeSync(NaN, buf)', () => fs.writeSync(NaN, new Uint8Array(1)));
probe('writeSync(99, buf)', () => fs.writeSync(99, new Uint8Array(1)));
probe("readFileSync('.')", () => fs.readFileSync('.'));
probe("readFileSync('missing')", () => fs.readFileSync('missing'));
probe('readFileSync(5)', () => fs.readFileSync(5));
probe("writeFileSync('.', 'x')", () => fs.writeFileSync('.', 'x'));
probe("writeFileSync('w', {})", () => fs.writeFileSync('w', {}));
probe("writeFileSync('w', 'ok') then read", () => { fs.writeFileSync('w', 'ok'); return fs.readFileSync('w', 'utf8'); });
probe("existsSync('a\\0b')", () => fs.existsSync('a\0b'));
probe('existsSync({})', () => fs.existsSync({}));
probe('existsSync()', () => fs.existsSync());
