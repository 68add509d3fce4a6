// read: hostile offsets, lengths and positions, into a file of ten bytes.
fs.writeFileSync('data', '0123456789');
fs.open('data', 'r', (e, fd) => {
  const buf = new Uint8Array(4);
  const got = (cb) => (e, n) => cb(e, e ? undefined : n + ' ' + new TextDecoder().decode(buf.subarray(0, n)));
  steps([
    ...each('read(fd, buf, $, 1, 0)', BAD, (v, cb) => fs.read(fd, buf, v, 1, 0, got(cb))),
    ...each('read(fd, buf, 0, $, 0)', BAD, (v, cb) => fs.read(fd, buf, 0, v, 0, got(cb))),
    ...each('read(fd, buf, 0, 2, $)', [...BAD, -2, 2 ** 53 - 1, 9, 10, 11, 5n, -1n, 2n ** 63n], (v, cb) => fs.read(fd, buf, 0, 2, v, got(cb))),
    ['read(fd, buf, 3, 2, 0)', (cb) => fs.read(fd, buf, 3, 2, 0, got(cb))],
    ['read(fd, buf, 4, 0, 0)', (cb) => fs.read(fd, buf, 4, 0, 0, got(cb))],
    ['read(fd, buf.subarray(1, 3), 0, 2, 0)', (cb) => fs.read(fd, buf.subarray(1, 3), 0, 2, 0, (e, n) => cb(e, n))],
    ['read(fd, {}, 0, 1, 0)', (cb) => fs.read(fd, {}, 0, 1, 0, cb)],
    ['read(fd, new ArrayBuffer(4), 0, 1, 0)', (cb) => fs.read(fd, new ArrayBuffer(4), 0, 1, 0, cb)],
    ['read(fd, new DataView(new ArrayBuffer(4)), 0, 1, 0)', (cb) => fs.read(fd, new DataView(new ArrayBuffer(4)), 0, 1, 0, cb)],
    ['read(fd, new Float64Array(1), 0, 8, 0)', (cb) => fs.read(fd, new Float64Array(1), 0, 8, 0, (e, n) => cb(e, n))],
    ...each('read($, buf, 0, 1, 0)', BAD, (v, cb) => fs.read(v, buf, 0, 1, 0, got(cb))),
    ['read(99, buf, 0, 1, 0)', (cb) => fs.read(99, buf, 0, 1, 0, got(cb))],
  ]);
});
