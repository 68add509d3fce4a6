// Timer functions given callbacks that are not functions.
for (const v of ['code', 5, null, undefined, {}, Symbol('s')]) {
  probe('setTimeout(' + String(v) + ')', () => setTimeout(v, 1));
  probe('setInterval(' + String(v) + ')', () => setInterval(v, 1));
  probe('setImmediate(' + String(v) + ')', () => setImmediate(v));
  probe('queueMicrotask(' + String(v) + ')', () => queueMicrotask(v));
}
