// process.exit(NaN): node refuses it (a RangeError), the program goes on.
setTimeout(() => {
  probe('exit(NaN)', () => process.exit(NaN));
  probe('exit(1.5)', () => process.exit(1.5));
  probe("exit('abc')", () => process.exit('abc'));
  probe('exit({})', () => process.exit({}));
    process.exit(4);
});
