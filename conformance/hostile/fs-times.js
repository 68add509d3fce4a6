// utimes and futimes with hostile times (Infinity once aborted the host);
// the mtime after each ('now' when it is the current time).
fs.writeFileSync('u', '');
// (Times past 2^34 s are left out: how far a host filesystem stores them
// is its own business.)
const TIMES = [...BAD.filter((v) => !(v >= 2 ** 53)), -0, 0, 1e9, 1.5e9 + 0.25, '1e9', new Date(5000), -1e9];
fs.open('u', 'r+', (e, fd) => {
  const when = (cb) => (e) => {
    if (e) return cb(e);
    fs.stat('u', (e2, st) => {
      const m = st.mtimeMs;
      cb(e2, Math.abs(m - Date.now()) < 60000 ? 'now' : m);
    });
  };
  steps([
    ...each("utimes('u', $, $)", TIMES, (v, cb) => fs.utimes('u', v, v, when(cb))),
    ...each('futimes(fd, $, $)', TIMES, (v, cb) => fs.futimes(fd, v, v, when(cb))),
    ["utimes('missing', 1, 1)", (cb) => fs.utimes('missing', 1, 1, cb)],
  ]);
});
