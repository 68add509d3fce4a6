// getRandomValues of more than 65536 bytes: node's QuotaExceededError.
for (const a of [new Uint8Array(65536), new Uint8Array(65537), new Uint32Array(16385), new BigInt64Array(8193), new Uint8Array(1 << 24)]) {
  probe('getRandomValues(' + a.constructor.name + '(' + a.length + '))', () => {
    try {
      return crypto.getRandomValues(a).length;
    } catch (e) {
      return e.name + ' ' + e.code + ' ' + e.message + ' ' + (e instanceof Error);
    }
  });
}
