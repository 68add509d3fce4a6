import { greet, type Greeting } from "./greet";
import { clamp, mean, Shape } from "./math";
import config from "./config.json";

const greetings: Greeting[] = config.names.map((name) => greet(name, config.punctuation));

export function summary(values: readonly number[]): string {
  const m = clamp(mean(values), config.limits.min, config.limits.max);
  return `${greetings.join(" ")} — mean ${m.toFixed(2)} (${Shape[Shape.Circle]})`;
}

console.log(summary([1, 2, 3, 40]));
