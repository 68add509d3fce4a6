// process.exit while the preload runs, before Go starts.
process.exit(6);
