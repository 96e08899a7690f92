// Turns a document's allowedPattern into a RegExp without letting a broken pattern crash the bot.

export type CompiledPattern = { ok: true; regex: RegExp } | { ok: false; message: string };

/**
 * Compiles the pattern as written, without flags: the `u` flag would refuse escapes such as `\-` that
 * documents use. A value matches when the pattern is found in it, so documents anchor with ^ and $.
 */
export function compileAllowedPattern(pattern: string): CompiledPattern {
  try {
    return { ok: true, regex: new RegExp(pattern) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
