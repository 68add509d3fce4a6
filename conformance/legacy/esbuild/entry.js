import { greet } from "./dep.js";
import data from "./data.json";
console.log(greet(data.name));
