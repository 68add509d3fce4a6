// Each timer schedules the next: never more than one at once.
const next = () => setTimeout(next, 0);
next();
