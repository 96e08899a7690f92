// The arguments of one Web API call, read the forgiving way Slack reads them (strings from forms, JSON in fields).
import { SlackApiError } from './slack-api-error.js';

export class ApiArgs {
  constructor(readonly raw: Record<string, unknown>) {}

  /** A non-empty string (numbers are accepted as forms send them); undefined when absent or empty. */
  string(name: string): string | undefined {
    const value = this.raw[name];
    if (typeof value === 'number') return String(value);
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  required(name: string, error: string): string {
    const value = this.string(name);
    if (value === undefined) throw new SlackApiError(error);
    return value;
  }

  /** `true`, `"true"` and `"1"` are true, as in Slack's form handling. */
  bool(name: string): boolean {
    const value = this.raw[name];
    return value === true || value === 'true' || value === '1' || value === 1;
  }

  int(name: string, fallback: number): number {
    const value = Number(this.raw[name] ?? Number.NaN);
    return Number.isInteger(value) ? value : fallback;
  }

  /** A JSON-valued argument: already decoded in JSON bodies, a JSON string in forms. */
  json(name: string, error: string): unknown {
    const value = this.raw[name];
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      throw new SlackApiError(error, [`[ERROR] ${name} is not valid JSON [json-pointer:/${name}]`]);
    }
  }
}
