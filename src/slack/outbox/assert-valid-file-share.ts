// The shape every outbox (Redis or memory) insists on for a message that shares files.
import type { OutboxMessage } from '../../ports.js';

/** A file share is posted once (Slack cannot edit one), with a text comment and nothing else beside its files. */
export function assertValidFileShare(message: OutboxMessage): void {
  const { files, blocks, attachments } = message.content;
  if (!files) return;
  if (files.length === 0) throw new Error(`slack outbox: message ${message.key} shares no file`);
  if (!message.postOnly) throw new Error(`slack outbox: file share ${message.key} must be postOnly`);
  if (blocks || attachments)
    throw new Error(`slack outbox: file share ${message.key} has only a text comment`);
}
