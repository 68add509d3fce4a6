// A loop that calls nothing, in a timer callback.
setTimeout(() => { for (;;) {} }, 1);
