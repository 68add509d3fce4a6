// A million timers an hour away (no loop: Array.from).
Array.from({ length: 1e6 }, () => setTimeout(() => {}, 3600e3));
