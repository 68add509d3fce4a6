// What the program learns about who runs it, and calls it may not make
// (the ids last: the host's in the default mode).
probe('new process.getuid()', () => new process.getuid(), true);
probe('getuid(1, 2)', () => typeof process.getuid(1, 2));
probe('getuid.call(null)', () => typeof process.getuid.call(null));
const ids = ['getuid', 'geteuid', 'getgid', 'getegid'].map((f) => f + ' ' + process[f]());
console.log(ids.join(', ') + ', pid ' + process.pid + ', ppid ' + process.ppid + ', groups ' + JSON.stringify(process.getgroups()));
