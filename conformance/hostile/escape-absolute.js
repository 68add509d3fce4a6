// The host's absolute paths: the scratch directory by name.
steps([
  ['writeFile(SCRATCH/abs.txt)', (cb) => { fs.writeFileSync(SCRATCH + '/abs.txt', 'abs'); cb(); }],
  ['readFile(SCRATCH/outside/secret.txt)', (cb) => cb(null, fs.readFileSync(SCRATCH + '/outside/secret.txt', 'utf8'))],
  ['stat(SCRATCH)', (cb) => fs.stat(SCRATCH, (e, st) => cb(e, st && st.isDirectory()))],
  ["existsSync('/etc/passwd')", (cb) => cb(null, fs.existsSync('/etc/passwd'))],
  ["readdir('/') has etc, proc, tmp", (cb) => fs.readdir('/', (e, v) => cb(e, v && v.filter((n) => ['etc', 'proc', 'tmp'].includes(n)).sort()))],
  ["writeFile('/tmp/.../x') and read", (cb) => { const p = '/tmp/' + SCRATCH.split('/').pop() + '.txt'; fs.writeFileSync(p, 'tmp'); const r = fs.readFileSync(p, 'utf8'); fs.unlink(p, (e) => cb(e, r)); }],
]);
