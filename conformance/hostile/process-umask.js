// umask with hostile masks; what files get after it.
for (const v of [-1, NaN, Infinity, 1.5, 2 ** 32 + 0o22, 'abc', '0o22', {}, '0777', 0o1000, 0o22]) {
  probe('umask(' + show(v) + ')', () => process.umask(v).toString(8));
}
probe('umask()', () => process.umask().toString(8));
