// A Web API error as Slack answers it: `{ ok: false, error }`, with `response_metadata.messages` when it explains.

export class SlackApiError extends Error {
  override readonly name = 'SlackApiError';

  constructor(
    readonly code: string,
    /** `[ERROR] … [json-pointer:/…]` lines, as Slack sends for invalid_blocks and invalid_arguments. */
    readonly messages: string[] = [],
    /** Further top-level fields Slack adds to this error (missing_scope: `needed`, `provided`). */
    readonly fields: Record<string, string> = {},
  ) {
    super(messages.length > 0 ? `${code}: ${messages.join('; ')}` : code);
  }

  toBody(): Record<string, unknown> {
    if (this.messages.length === 0) return { ok: false, error: this.code, ...this.fields };
    return {
      ok: false,
      error: this.code,
      errors: this.messages.map((message) => message.replace(/^\[ERROR\] /, '')),
      response_metadata: { messages: this.messages },
    };
  }
}
