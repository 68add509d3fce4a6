// Sources nested too deep to parse, balanced or not: a RangeError, as V8's.
const n = 1e5;
for (const [label, source] of [
  ['1e5 (', '('.repeat(n)],
  ['1e5 ( 1 )', '('.repeat(n) + '1' + ')'.repeat(n)],
  ['1e5 [ ]', '['.repeat(n) + ']'.repeat(n)],
  ['1e5 {', '{'.repeat(n)],
  ['1e5 !', '!'.repeat(n) + '0'],
  ['1e5 ~', '~'.repeat(n) + '0'],
  ['1e5 - (spaced)', '- '.repeat(n) + '0'],
  ['1e5 ?:', 'a ? '.repeat(n) + '0' + ' : 0'.repeat(n)],
  ['1e5 a =', 'var a; ' + 'a = '.repeat(n) + '0'],
  ['1e4 ${', '`${'.repeat(1e4) + '0' + '}`'.repeat(1e4)],
]) {
  probe('eval of ' + label, () => eval(source), true);
}
probe('Function of 1e5 {', () => Function('{'.repeat(n)), true);
probe('eval of a shallow source', () => eval('('.repeat(50) + '1' + ')'.repeat(50)));
