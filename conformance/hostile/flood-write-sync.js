// One write of 65 MiB to stdout: more than any output limit lets through.
fs.writeSync(1, new Uint8Array(65 << 20));
