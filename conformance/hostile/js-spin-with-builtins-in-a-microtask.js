// A loop that calls built-ins inside try, in a microtask.
Promise.resolve().then(() => { for (;;) { try { Math.max(1, 2); } catch (e) {} } });
