// clearTimeout and clearInterval of things that are not timers cancel
// nothing. (The timeout is 100 ms after the 1 ms interval so that the order
// holds on a loaded machine: at 5 ms a stall between the two calls once
// made them due in the other order.)
setTimeout(() => console.log('fired'), 100);
const tick = setInterval(() => { console.log('ticked'); clearInterval(tick); }, 1);
for (const v of [NaN, -1, {}, 2 ** 64, undefined, null, 'x', Infinity, 1.5, [], () => {}]) {
  clearTimeout(v);
  clearInterval(v);
}
