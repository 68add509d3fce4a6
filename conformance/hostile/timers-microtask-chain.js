// Microtasks that queue microtasks: the task queue is never reached.
const next = () => queueMicrotask(next);
next();
