// setTimeout and setInterval with hostile delays: each fires (at once when
// the delay is not a number from 1 to 2^31 - 1), in order of due time.
const order = [];
for (const d of [NaN, Infinity, -Infinity, -1, -0, 2 ** 31, 2 ** 53, 2 ** 64, '10', 'abc', {}, 1e-300, [5], null, undefined]) {
  setTimeout(() => order.push(show(d)), d);
}
const never = setTimeout(() => order.push('cleared'), 2 ** 31 - 1);
clearTimeout(never);
setTimeout(() => {
  console.log(order.join(' '));
  // Intervals tick (every millisecond for such delays) until cleared.
  const ticked = [];
  const delays = [NaN, -1, 2 ** 64];
  for (const d of delays) {
    let ticks = 0;
    const tick = setInterval(() => {
      if (++ticks === 3) {
        clearInterval(tick);
        ticked.push('interval ' + show(d));
        if (ticked.length === delays.length) console.log(ticked.join(' '));
      }
    }, d);
  }
}, 100);
