// Drives a program that reads stdin while it prints: waits until its stdout
// contains WAIT_FOR, then writes INPUT to its stdin and closes it; prints the
// program's stdout on stdout, its stderr on stderr, and exits with its code.
// Used with the same arguments for node (the reference) and for gojs.
//
//   node conformance/node/stdin-harness.mjs WAIT_FOR INPUT COMMAND [ARGS...]
//
// INPUT is written as given, with "\n" turned into a newline. If WAIT_FOR
// never comes, the program is killed after 30 s and the harness exits 124
// (what a host whose stdin read blocks every goroutine does).
import { spawn } from "node:child_process";

const [waitFor, input, command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node stdin-harness.mjs WAIT_FOR INPUT COMMAND [ARGS...]");
  process.exit(64);
}
const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
let out = "";
let sent = false;
const timer = setTimeout(() => {
  console.error(`stdin-harness: ${JSON.stringify(waitFor)} not seen within 30 s`);
  child.kill("SIGKILL");
  process.exitCode = 124;
}, 30_000);
child.stdout.on("data", (d) => {
  out += d;
  process.stdout.write(d);
  if (!sent && out.includes(waitFor)) {
    sent = true;
    child.stdin.end(input.replaceAll("\\n", "\n"));
  }
});
child.stderr.on("data", (d) => process.stderr.write(d));
child.on("error", (e) => {
  console.error(`stdin-harness: ${e.message}`);
  process.exitCode = 127;
});
child.on("exit", (code, signal) => {
  clearTimeout(timer);
  if (process.exitCode === undefined) process.exitCode = code ?? 128;
  if (signal && process.exitCode !== 124) console.error(`stdin-harness: killed by ${signal}`);
});
