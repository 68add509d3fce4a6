// open: hostile flags and modes; what got created. Modes from 2^31 to
// 2^32 - 1 come last: node aborts on them (`Assertion failed:
// args[2]->IsInt32()`), gojs takes their permission bits.
const MODES = BAD.filter((v) => v !== 2 ** 31);
steps([
  ...each('open(f, $)', BAD, (v, cb) => fs.open('f', v, 0o666, kind(cb))),
  ...each("open(g, 'w', $)", MODES, (v, cb) => fs.open('g', 'w', v, kind(cb))),
  ...each('open($)', BAD, (v, cb) => fs.open(v, 'r', kind(cb))),
  ["open(h, 'wx+', 0o7777)", (cb) => fs.open('h', 'wx+', 0o7777, kind(cb))],
  ["open(h, 'wx')", (cb) => fs.open('h', 'wx', kind(cb))],
  ["open(., 'w')", (cb) => fs.open('.', 'w', kind(cb))],
  ["open(h/, 'r')", (cb) => fs.open('h/', 'r', kind(cb))],
  ["open(h, O_DIRECTORY)", (cb) => fs.open('h', fs.constants.O_DIRECTORY, kind(cb))],
  ['readdir(.)', (cb) => fs.readdir('.', sorted(cb))],
  ...each("open(i, 'w', $)", [2 ** 31, 2 ** 32 - 1], (v, cb) => fs.open('i', 'w', v, kind(cb))),
]);
