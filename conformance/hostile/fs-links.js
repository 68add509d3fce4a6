// Links that lead nowhere, in circles, or through files.
fs.writeFileSync('file', 'x');
steps([
  ["symlink('', 'l0')", (cb) => fs.symlink('', 'l0', cb)],
  ["symlink('b', 'a')", (cb) => fs.symlink('b', 'a', cb)],
  ["symlink('a', 'b')", (cb) => fs.symlink('a', 'b', cb)],
  ["stat('a')", (cb) => fs.stat('a', cb)],
  ["lstat('a')", (cb) => fs.lstat('a', (e, st) => cb(e, st && st.isSymbolicLink()))],
  ["open('a', 'w')", (cb) => fs.open('a', 'w', cb)],
  ["readlink('a')", (cb) => fs.readlink('a', cb)],
  ["readlink('file')", (cb) => fs.readlink('file', cb)],
  ["readlink('missing')", (cb) => fs.readlink('missing', cb)],
  ["symlink('file', 'file')", (cb) => fs.symlink('file', 'file', cb)],
  ["symlink(4096 x, 'long')", (cb) => fs.symlink('x'.repeat(4096), 'long', cb)],
  ["symlink(5, 'n')", (cb) => fs.symlink(5, 'n', cb)],
  ["stat('file/x')", (cb) => fs.stat('file/x', cb)],
  ["mkdir('file/x')", (cb) => fs.mkdir('file/x', cb)],
  ["link('missing', 'h')", (cb) => fs.link('missing', 'h', cb)],
  ["link('file', 'file')", (cb) => fs.link('file', 'file', cb)],
  ["link('.', 'h')", (cb) => fs.link('.', 'h', cb)],
  ["link('file', 'h')", (cb) => fs.link('file', 'h', cb)],
  ["stat('h').nlink", (cb) => fs.stat('h', (e, st) => cb(e, st && st.nlink))],
  ['readdir(.)', (cb) => fs.readdir('.', sorted(cb))],
]);
