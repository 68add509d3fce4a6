export function broken(a: number {
  return a +;
}
const = 5;
