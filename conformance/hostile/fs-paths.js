// Path arguments that are not paths: NUL bytes, non-strings, names too
// long, the cwd itself and its parent.
const long = 'n'.repeat(256);
const deep = 'a/'.repeat(3000) + 'f';
fs.mkdir('dir', () => steps([
  ["stat('a\\0b')", (cb) => fs.stat('a\0b', cb)],
  ["open('a\\0b')", (cb) => fs.open('a\0b', 'w', cb)],
  ["mkdir('\\0')", (cb) => fs.mkdir('\0', cb)],
  ...each('stat($)', [5, null, undefined, {}, [], true, 5n], (v, cb) => fs.stat(v, cb)),
  ['stat(256 n)', (cb) => fs.stat(long, cb)],
  ['open(256 n)', (cb) => fs.open(long, 'w', cb)],
  ['stat(6001 bytes)', (cb) => fs.stat(deep, cb)],
  ["rmdir('.')", (cb) => fs.rmdir('.', cb)],
  ["rmdir('..')", (cb) => fs.rmdir('..', cb)],
  ["unlink('.')", (cb) => fs.unlink('.', cb)],
  ["unlink('dir')", (cb) => fs.unlink('dir', cb)],
  ["rmdir('dir/')", (cb) => fs.rmdir('dir/', cb)],
  ["readdir('dir/..')", (cb) => fs.readdir('dir/..', sorted(cb))],
  ["rename('.', 'x')", (cb) => fs.rename('.', 'x', cb)],
  ["rename('dir', 'dir/sub')", (cb) => fs.rename('dir', 'dir/sub', cb)],
  ["mkdir('dir')", (cb) => fs.mkdir('dir', cb)],
  ["readdir('missing')", (cb) => fs.readdir('missing', cb)],
  ["readdir(5)", (cb) => fs.readdir(5, cb)],
]));
