export type Greeting = `Hello, ${string}${"!" | "."}`;

export function greet(name: string, punctuation: "!" | "." = "!"): Greeting {
  return `Hello, ${name}${punctuation}` as Greeting;
}

// Never imported: tree-shaking drops it from the bundle.
export function farewell(name: string): string {
  return `Bye, ${name}`;
}
