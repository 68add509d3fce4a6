// The environment, argv and cwd a program is shown (the harness gives it
// GOJS_HOSTILE_HOST, which the sandbox must drop).
console.log('env', JSON.stringify(Object.keys(process.env)), 'HOME', process.env.HOME, 'PATH', process.env.PATH);
console.log('argv', JSON.stringify(process.argv.map((a) => (a === SCRATCH ? '$SCRATCH' : a))));
console.log('cwd', process.cwd());
console.log('platform', process.platform);
