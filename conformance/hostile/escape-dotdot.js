// Up and out of the cwd: in the sandbox `..` stops at `/`.
steps([
  ["writeFile('../up.txt')", (cb) => { fs.writeFileSync('../up.txt', 'up'); cb(); }],
  ["readdir('..')", (cb) => fs.readdir('..', sorted(cb))],
  ["readdir('../../../../../../..')", (cb) => fs.readdir('../../../../../../..', (e, v) => cb(e, v && v.includes('up.txt')))],
  ["readFile('../outside/secret.txt')", (cb) => { cb(null, fs.readFileSync('../outside/secret.txt', 'utf8')); }],
]);
