// /proc: the host process's environment, descriptors, cwd (probed, not
// read: the default mode is the host's), and the standard streams (never
// directories; what else they are is the host's business).
const probeStat = (p) => [p, (cb) => fs.stat(p, (e) => cb(e))];
steps([
  probeStat('/proc/self/environ'),
  probeStat('/proc/self/fd'),
  probeStat('/proc/self/cwd'),
  probeStat('/proc/self/root'),
  probeStat('/proc/1/status'),
  ['fstat(0/1/2)', (cb) => {
    const type = (s) => s.isDirectory();
    fs.fstat(0, (e, a) => fs.fstat(1, (e2, b) => fs.fstat(2, (e3, c) => cb(e || e2 || e3, [a, b, c].map(type)))));
  }],
]);
