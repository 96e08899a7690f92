// Change ids people can read and type, and the id of the run a change starts (derived, so a retried start
// after a crash finds the run it already created instead of creating a second one).
import { newRunId } from '../run/new-run-id.js';

/** `chg-` and 8 characters of lowercase base 32, like run ids. */
export function newChangeId(randomBytes: (size: number) => Uint8Array): string {
  return `chg-${newRunId(randomBytes).slice('run-'.length)}`;
}

/** `chg-7k3m9q2x` starts `run-7k3m9q2x`. */
export function runIdForChange(changeId: string): string {
  return `run-${changeId.slice('chg-'.length)}`;
}

export const isChangeId = (id: string): boolean => /^chg-[a-z2-9]{8}$/.test(id);
