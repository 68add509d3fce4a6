// The helpers every JS case of the hostile corpus starts with
// (conformance/tests/conformance/hostile.rs). Cases print what happened,
// one line per call as it completes, calls one at a time, so the output
// is the same under node (`node-run.js`) and gojs.

// The modes files get do not depend on the host's umask.
process.umask(0o22);

// The scratch directory's host path (in the sandbox, a path that does not
// exist there).
const SCRATCH = process.argv[process.argv.length - 1];

// Hostile numbers (and some non-numbers) for every numeric argument.
const BAD = [NaN, Infinity, -Infinity, -1, 1.5, 2 ** 31, 2 ** 53, 2 ** 64, '7', null, {}];

const show = (v) =>
  typeof v === 'bigint' ? v + 'n'
  : Object.is(v, -0) ? '-0'
  : typeof v === 'string' ? JSON.stringify(v)
  : Array.isArray(v) ? '[' + v.map(show).join(',') + ']'
  : typeof v === 'object' && v !== null ? '{}'
  : String(v);

// An error as one line: node's code (when the message does not start with
// it), name and message.
const describe = (e) =>
  e !== null && typeof e === 'object'
    ? (e.code && !String(e.message).startsWith(e.code) ? e.code + ' ' : '') + e.name + ': ' + e.message
    : 'thrown ' + show(e);

// Prints `label: ` and what `f()` returned or threw (only the error's
// name if `nameOnly`).
function probe(label, f, nameOnly) {
  let line;
  try {
    const r = f();
    line = r === undefined ? 'ok' : 'ok ' + show(r);
  } catch (e) {
    line = 'throws ' + (nameOnly && e !== null && typeof e === 'object' ? e.name : describe(e));
  }
  console.log(label + ': ' + line);
}

// Runs `list` ([label, (cb) => ...]) one step at a time, each once the
// previous one called back (or threw), printing a line for each; then
// runs `then`.
function steps(list, then) {
  let i = 0;
  const next = () => {
    if (i === list.length) {
      if (then) then();
      return;
    }
    const [label, f] = list[i++];
    let done = false;
    const cb = (e, v) => {
      if (done) return;
      done = true;
      console.log(label + ': ' + (e ? describe(e) : v === undefined ? 'ok' : 'ok ' + show(v)));
      next();
    };
    try {
      f(cb);
    } catch (e) {
      if (!done) {
        done = true;
        console.log(label + ': throws ' + describe(e));
        next();
      }
    }
  };
  next();
}

// `steps` for `call(v)` with each of `values`.
const each = (label, values, call) =>
  values.map((v) => [label.split('$').join(show(v)), (cb) => call(v, cb)]);

// Callback adapters: only what is the same everywhere.
const kind = (cb) => (e, v) => cb(e, e ? undefined : typeof v);
const sorted = (cb) => (e, v) => cb(e, v && [...v].sort());
