// JSON a store wrote and reads back: a value that does not parse is a corrupt record, reported where it is.
import { ErrorCode, StoreError } from '../errors.js';

/** `where` names the record for the message, e.g. "run store: the value at ssm-chatops:{run:run-7k3m9q2x}". */
export function parseStoredJson(json: string, where: string): unknown {
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new StoreError(ErrorCode.StoreCorruptRecord, `${where} is not valid JSON (corrupt record)`, {
      cause: error,
    });
  }
}
