// Where an export goes: stdout as it is read, or a file that appears only once it is complete.
import { open, rename, rm } from 'node:fs/promises';
import type { CliIo } from './subcommand.js';

/**
 * Runs `produce` with a writer to stdout (`output` undefined) or to `output`. A file is written beside its
 * target and renamed over it at the end, so a collector watching the directory never picks up half an export,
 * and a failed export leaves no file and an earlier one untouched.
 */
export async function writeExport<T>(
  io: CliIo,
  output: string | undefined,
  produce: (write: (text: string) => Promise<void>) => Promise<T>,
): Promise<T> {
  if (output === undefined) return produce(async (text) => io.stdout(text));
  const partial = `${output}.partial-${process.pid}`;
  const file = await open(partial, 'w').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot write ${output}: ${error.code ?? error.message}`, { cause: error });
  });
  try {
    const result = await produce(async (text) => {
      await file.write(text);
    });
    await file.close();
    await rename(partial, output);
    return result;
  } catch (error) {
    await file.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
}
