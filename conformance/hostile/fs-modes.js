// chmod, fchmod and mkdir with hostile modes; the mode after each. Modes
// from 2^31 to 2^32 - 1 come last: node aborts on them (`Assertion
// failed: args[1]->IsInt32()`), gojs takes their permission bits.
fs.writeFileSync('m', '');
const MODES = [...BAD.filter((v) => v !== 2 ** 31), 0o7777, 0o10000, '0o777', '777', '0777', 'rwx', 0o644];
const HUGE = [2 ** 31, 2 ** 32 - 1];
const mode = (path, cb) => (e) => {
  if (e) return cb(e);
  fs.stat(path, (e2, st) => cb(e2, e2 ? undefined : (st.mode & 0o7777).toString(8)));
};
fs.open('m', 'r', (e, fd) => {
  let n = 0;
  steps([
    ...each("chmod('m', $)", MODES, (v, cb) => fs.chmod('m', v, mode('m', cb))),
    ...each('fchmod(fd, $)', MODES, (v, cb) => fs.fchmod(fd, v, mode('m', cb))),
    ...each('mkdir(d, $)', MODES, (v, cb) => { const d = 'd' + n++; fs.mkdir(d, v, mode(d, cb)); }),
    ["mkdir('e', { recursive: 'yes' })", (cb) => fs.mkdir('e', { recursive: 'yes' }, cb)],
    ["mkdir('e/f/g', { recursive: true, mode: NaN })", (cb) => fs.mkdir('e/f/g', { recursive: true, mode: NaN }, cb)],
    ["mkdir('m/x', { recursive: true })", (cb) => fs.mkdir('m/x', { recursive: true }, cb)],
    ["chmod('missing', 0o644)", (cb) => fs.chmod('missing', 0o644, cb)],
    ...each("chmod('m', $)", HUGE, (v, cb) => fs.chmod('m', v, mode('m', cb))),
    ...each('fchmod(fd, $)', HUGE, (v, cb) => fs.fchmod(fd, v, mode('m', cb))),
    ...each('mkdir(d, $)', HUGE, (v, cb) => { const d = 'd' + n++; fs.mkdir(d, v, mode(d, cb)); }),
  ]);
});
