interface Point<T = number> {
  x: T;
  y: T;
}
enum Direction { Up = 1, Down, Left, Right }
declare const external: unknown;
namespace Geometry {
  export const origin: Point = { x: 0, y: 0 };
}
export class Vec implements Point {
  constructor(public x: number, public y: number) {}
  len(this: Vec): number { return Math.hypot(this.x, this.y); }
  static readonly zero = new Vec(0, 0);
}
export const d: Direction = Direction.Left;
export const o = Geometry.origin satisfies Point;
let maybe = (external as { v?: number })?.v ?? 42;
export { maybe };
