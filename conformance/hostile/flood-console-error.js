// stderr flooded 64 KiB at a time.
const chunk = 'x'.repeat(65535);
for (;;) console.error(chunk);
