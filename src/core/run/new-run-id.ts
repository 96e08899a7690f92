// Run ids people can read and type: `run-` and 8 characters of lowercase base 32 (no 0/1/l/o to misread).

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** `randomBytes` is injected so tests get predictable ids; 8 characters = 40 bits, plenty for runs. */
export function newRunId(randomBytes: (size: number) => Uint8Array): string {
  const bytes = randomBytes(8);
  let id = 'run-';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}
