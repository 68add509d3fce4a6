// chdir probing the host, and what it may not take.
probe("chdir('')", () => process.chdir(''));
probe('chdir(NaN)', () => process.chdir(NaN));
probe('chdir({})', () => process.chdir({}));
probe("chdir('missing')", () => process.chdir('missing'));
probe("chdir('/etc')", () => process.chdir('/etc'));
probe("chdir('/proc/self')", () => process.chdir('/proc/self'));
probe('chdir(SCRATCH)', () => process.chdir(SCRATCH));
probe('cwd()', () => process.cwd());
probe("chdir('/')", () => process.chdir('/'));
probe("chdir('..')", () => process.chdir('..'));
probe('cwd()', () => process.cwd());
