// A comment that minification removes.
/*! a legal comment that stays */
export const config = {
  retries: 3,
  timeoutMilliseconds: 1500,
  describe() {
    return `retries=${this.retries}, timeout=${this.timeoutMilliseconds}ms`;
  },
};
export async function* countdown(from) {
  for (let i = from; i >= 0; i--) {
    if (i % 2 === 0) continue;
    yield await Promise.resolve(i ** 2);
  }
}
const unusedLocal = () => "dropped";
export default class Counter {
  #count = 0;
  increment() { return ++this.#count; }
}
