// process.exit('7'): an integer string is that code.
setTimeout(() => process.exit('7'));
