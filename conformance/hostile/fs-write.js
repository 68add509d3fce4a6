// write: hostile offsets, lengths and positions; the file after each.
fs.open('out', 'w+', (e, fd) => {
  const buf = new TextEncoder().encode('abcd');
  // The count written, the file's size and its first eight bytes.
  const then = (cb) => (e, n) => {
    if (e) return cb(e);
    const head = new Uint8Array(8);
    fs.fstat(fd, (e2, st) => fs.read(fd, head, 0, 8, 0, (e3, got) =>
      cb(e2 || e3, n + ' ' + st.size + ' ' + JSON.stringify(new TextDecoder().decode(head.subarray(0, got))))));
  };
  steps([
    ...each('write(fd, buf, $, 1, 0)', BAD, (v, cb) => fs.write(fd, buf, v, 1, 0, then(cb))),
    ...each('write(fd, buf, 0, $, 0)', BAD, (v, cb) => fs.write(fd, buf, 0, v, 0, then(cb))),
    ...each('write(fd, buf, 0, 1, $)', [...BAD, -2, 12, 5n, -1n], (v, cb) => fs.write(fd, buf, 0, 1, v, then(cb))),
    ['write(fd, buf, 3, 2, 0)', (cb) => fs.write(fd, buf, 3, 2, 0, then(cb))],
    ["write(fd, 'str', 1)", (cb) => fs.write(fd, 'str', 1, then(cb))],
    ['write(fd, {}, 0, 1, 0)', (cb) => fs.write(fd, {}, 0, 1, 0, cb)],
    ['write(fd, 5)', (cb) => fs.write(fd, 5, cb)],
    ...each('write($, buf, 0, 1, 0)', BAD, (v, cb) => fs.write(v, buf, 0, 1, 0, cb)),
    ['write(99, buf, 0, 1, 0)', (cb) => fs.write(99, buf, 0, 1, 0, cb)],
  ]);
});
