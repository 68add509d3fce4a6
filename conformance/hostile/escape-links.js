// Links to the host's files: the scratch's secret, by symlink and by hard
// link.
steps([
  ['symlink(SCRATCH/outside/secret.txt, s)', (cb) => fs.symlink(SCRATCH + '/outside/secret.txt', 's', cb)],
  ['readFile(s)', (cb) => cb(null, fs.readFileSync('s', 'utf8'))],
  ["symlink('../outside', 'up')", (cb) => fs.symlink('../outside', 'up', cb)],
  ['readFile(up/secret.txt)', (cb) => cb(null, fs.readFileSync('up/secret.txt', 'utf8'))],
  ["symlink('/etc/passwd', 'p')", (cb) => fs.symlink('/etc/passwd', 'p', cb)],
  ['readlink(p)', (cb) => fs.readlink('p', cb)],
  ['existsSync(p)', (cb) => cb(null, fs.existsSync('p'))],
  ['link(SCRATCH/outside/secret.txt, h)', (cb) => fs.link(SCRATCH + '/outside/secret.txt', 'h', cb)],
  ['unlink(s)', (cb) => fs.unlink('s', cb)],
]);
