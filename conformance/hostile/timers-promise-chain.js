const next = () => Promise.resolve().then(next);
next();
