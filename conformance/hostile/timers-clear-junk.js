// clearTimeout and clearInterval of things that are not timers cancel
// nothing.
setTimeout(() => console.log('fired'), 5);
const tick = setInterval(() => { console.log('ticked'); clearInterval(tick); }, 1);
for (const v of [NaN, -1, {}, 2 ** 64, undefined, null, 'x', Infinity, 1.5, [], () => {}]) {
  clearTimeout(v);
  clearInterval(v);
}
