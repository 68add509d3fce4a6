import { missing } from "./does-not-exist";
import { greet } from "./greet";

console.log(greet(missing));
