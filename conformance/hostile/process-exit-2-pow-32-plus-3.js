// process.exit(2 ** 32 + 3): the code wraps to 3, as node's exit status.
setTimeout(() => process.exit(2 ** 32 + 3));
