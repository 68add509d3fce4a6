// chown, lchown and fchown with hostile ids (-1 keeps the id; so does
// 2^32 - 1, which is -1 to the kernel). Ids that would change the owner
// are left out: who may do that is the host's business.
fs.writeFileSync('o', '');
const IDS = [...BAD.filter((v) => v !== 2 ** 31), -2, 2 ** 32 - 1, 2 ** 32];
fs.open('o', 'r', (e, fd) => {
  steps([
    ...each("chown('o', $, -1)", IDS, (v, cb) => fs.chown('o', v, -1, cb)),
    ...each("lchown('o', -1, $)", IDS, (v, cb) => fs.lchown('o', -1, v, cb)),
    ...each('fchown(fd, $, -1)', IDS, (v, cb) => fs.fchown(fd, v, -1, cb)),
    ["chown('o', -1, -1)", (cb) => fs.chown('o', -1, -1, cb)],
    ["chown('missing', -1, -1)", (cb) => fs.chown('missing', -1, -1, cb)],
  ]);
});
