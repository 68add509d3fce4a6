// ftruncate and truncate with hostile lengths; the size after each.
fs.writeFileSync('t', '0123456789');
fs.open('t', 'r+', (e, fd) => {
  const size = (cb) => (e) => (e ? cb(e) : fs.fstat(fd, (e2, st) => cb(e2, st.size)));
  const LENGTHS = [...BAD, -0, 0, 3, 2 ** 53 - 1, 5n];
  steps([
    ...each('ftruncate(fd, $)', LENGTHS, (v, cb) => fs.ftruncate(fd, v, size(cb))),
    ...each("truncate('t', $)", LENGTHS, (v, cb) => fs.truncate('t', v, size(cb))),
    ["truncate('missing', 1)", (cb) => fs.truncate('missing', 1, cb)],
    ["truncate('.', 1)", (cb) => fs.truncate('.', 1, cb)],
    ['ftruncate(fd, 2 ** 40) then 0', (cb) => fs.ftruncate(fd, 2 ** 40, (e) => fs.ftruncate(fd, 0, size(cb)))],
  ]);
});
