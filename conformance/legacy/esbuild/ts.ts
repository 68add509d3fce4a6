interface Point { x: number; y: number }
const norm = (p: Point): number => Math.hypot(p.x, p.y);
export enum Color { Red, Green = "green" }
console.log(norm({ x: 3, y: 4 }) as number, Color.Green);
