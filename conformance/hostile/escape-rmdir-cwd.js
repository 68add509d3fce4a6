// Removing the cwd from under the program.
steps([
  ["rmdir('')", (cb) => fs.rmdir('', cb)],
  ["rmdir('.')", (cb) => fs.rmdir('.', cb)],
  ["rmdir('/')", (cb) => fs.rmdir('/', cb)],
  ["unlink('/')", (cb) => fs.unlink('/', cb)],
  ['cwd() is a directory', (cb) => fs.stat(process.cwd(), (e, st) => cb(e, st && st.isDirectory()))],
]);
