// Waiting on the emulated workspace without sleeping: re-check a predicate on every change, fail with a state dump.
import type { ChangeFeed } from './state/change-feed.js';
import type { EmulatorState } from './state/emulator-state.js';

export interface WaitForOptions {
  /** Real milliseconds before giving up; 5000 by default. */
  timeoutMs?: number;
  /** Says what was awaited, in the timeout message. */
  description?: string;
}

/**
 * Resolves with the predicate's first truthy result, checked now and after every change event.
 * A predicate that throws counts as "not yet" (e.g. `messages(c)[0]!.text` before any message).
 */
export function waitFor<T>(
  feed: ChangeFeed,
  predicate: () => T | undefined | null | false | '' | 0,
  options: WaitForOptions,
  dump: () => string,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise<T>((resolve, reject) => {
    let lastError: unknown;
    const check = (): boolean => {
      try {
        const result = predicate();
        if (result) {
          finish();
          resolve(result);
          return true;
        }
      } catch (error) {
        lastError = error;
      }
      return false;
    };
    const unsubscribe = feed.on('change', () => check());
    const timer = setTimeout(() => {
      finish();
      const why = lastError instanceof Error ? `\nlast predicate error: ${lastError.message}` : '';
      const what = options.description ? ` for ${options.description}` : '';
      reject(new Error(`waitFor timed out after ${timeoutMs} ms${what}${why}\n${dump()}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
    };
    check();
  });
}

const clip = (text: string, length = 80) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** A readable summary of the workspace and the last events, for timeout messages. */
export function describeState(state: EmulatorState): string {
  const lines: string[] = ['channels:'];
  for (const channel of state.directory.channels()) {
    const messages = state.messages.all(channel.id);
    if (messages.length === 0) continue;
    lines.push(`  #${channel.name} (${channel.id}):`);
    for (const message of messages.slice(-15)) {
      const reply =
        message.thread_ts && message.thread_ts !== message.ts ? `  ↳ in ${message.thread_ts} ` : '';
      const blocks = message.blocks ? ` [${message.blocks.length} blocks]` : '';
      const files = message.files ? ` [files: ${message.files.map((file) => file.name).join(', ')}]` : '';
      lines.push(`    ${reply}${message.ts} ${message.user ?? '?'}: ${clip(message.text)}${blocks}${files}`);
    }
  }
  const ephemerals = state.messages.allEphemerals().slice(-10);
  if (ephemerals.length > 0) lines.push('ephemerals (last 10):');
  for (const message of ephemerals) {
    lines.push(
      `  ${message.ts} to ${message.user} in ${message.channel} (${message.source}): ${clip(message.text)}`,
    );
  }
  const open = state.views.all().filter((view) => view.is_open);
  if (open.length > 0) lines.push('open views:');
  for (const view of open) {
    const errors = Object.keys(view.errors).length > 0 ? ` errors=${JSON.stringify(view.errors)}` : '';
    lines.push(`  ${view.id} ${view.type} ${view.callback_id} for ${view.user_id}${errors}`);
  }
  lines.push('recent events:');
  for (const event of state.feed.recentEvents().slice(-15)) {
    const { seq, type, at: _at, ...rest } = event;
    lines.push(`  #${seq} ${type} ${clip(JSON.stringify(rest), 140)}`);
  }
  return lines.join('\n');
}
