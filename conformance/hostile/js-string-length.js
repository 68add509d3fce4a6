// Strings past V8's longest (2^29 - 24 code units): a RangeError, before
// the memory is spent.
probe("'x'.repeat(2 ** 29)", () => 'x'.repeat(2 ** 29).length);
probe("'x'.padStart(2 ** 29)", () => 'x'.padStart(2 ** 29).length);
probe("'x'.padEnd(2 ** 30, 'ab')", () => 'x'.padEnd(2 ** 30, 'ab').length);
