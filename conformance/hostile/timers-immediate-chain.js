const next = () => setImmediate(next);
next();
