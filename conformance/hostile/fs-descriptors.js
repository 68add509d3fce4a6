// The descriptor calls with descriptors that are not ones.
const FDS = [...BAD, 99, 2 ** 31 - 1, -0];
steps([
  ...each('close($)', FDS, (v, cb) => fs.close(v, cb)),
  ...each('fstat($)', FDS, (v, cb) => fs.fstat(v, kind(cb))),
  ...each('fsync($)', FDS, (v, cb) => fs.fsync(v, cb)),
  ...each('fdatasync($)', FDS, (v, cb) => fs.fdatasync(v, cb)),
  ...each('ftruncate($, 0)', FDS, (v, cb) => fs.ftruncate(v, 0, cb)),
  ...each('fchmod($, 0o644)', FDS, (v, cb) => fs.fchmod(v, 0o644, cb)),
  ...each('fchown($, -1, -1)', FDS, (v, cb) => fs.fchown(v, -1, -1, cb)),
  ...each('futimes($, 1, 1)', FDS, (v, cb) => fs.futimes(v, 1, 1, cb)),
  ['close(3) twice', (cb) => fs.open('x', 'w', (e, fd) => fs.close(fd, () => fs.close(fd, cb)))],
]);
