export enum Shape {
  Square,
  Circle,
  Triangle = 7,
}

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

export function mean<T extends number>(xs: readonly T[]): number {
  let total = 0;
  for (const x of xs) total += x;
  return xs.length === 0 ? 0 : total / xs.length;
}

export abstract class Base {
  protected constructor(public readonly id: string) {}
  abstract area(): number;
}
