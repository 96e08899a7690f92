// Which Redis Cluster hash slot a key lives in, computed as the server does, so one slot per script is checked here.

/** Redis Cluster has 16,384 slots; a key's slot is CRC16 (XMODEM) of its hash tag, or of the whole key, mod that. */
const SLOTS = 16_384;

const CRC16_TABLE = Array.from({ length: 256 }, (_, byte) => {
  let crc = byte << 8;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  return crc;
});

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ (CRC16_TABLE[((crc >> 8) ^ byte) & 0xff] as number);
  return crc;
}

/**
 * The slot of `key`. Only the first `{…}` counts, and only when it is not empty (`{}` hashes the whole key),
 * as in Redis's keyHashSlot: `ssm-chatops:{run:run-abc}` and `x{run:run-abc}y` share a slot.
 */
export function keySlot(key: string): number {
  const bytes = Buffer.from(key, 'utf8');
  const open = bytes.indexOf(0x7b);
  if (open !== -1) {
    const close = bytes.indexOf(0x7d, open + 1);
    if (close > open + 1) return crc16(bytes.subarray(open + 1, close)) % SLOTS;
  }
  return crc16(bytes) % SLOTS;
}

/**
 * Throws unless every key is in one slot: Redis Cluster refuses a script or transaction over several (CROSSSLOT),
 * and checking here makes a single Redis refuse it too, so the tests catch it without a cluster.
 */
export function assertOneSlot(keys: readonly string[], what: string): void {
  const [first, ...rest] = keys;
  if (first === undefined) return;
  const slot = keySlot(first);
  const other = rest.find((key) => keySlot(key) !== slot);
  if (other !== undefined) {
    throw new Error(
      `${what} touches keys of two hash slots (${first} is in slot ${slot}, ${other} in ${keySlot(other)}): ` +
        'Redis Cluster refuses that (CROSSSLOT); give them one hash tag or split the write',
    );
  }
}

/**
 * The store prefix comes before every hash tag, and Redis hashes only a key's first `{…}`: braces in the prefix
 * would put every key in one slot (or split the tags), so they are refused.
 */
export function checkedKeyPrefix(prefix: string): string {
  if (/[{}]/.test(prefix)) {
    throw new Error(
      `key prefix ${JSON.stringify(prefix)} may not contain { or }: the stores put hash tags after it`,
    );
  }
  return prefix;
}
