// Modal drafts in memory, for use-case tests; the same contract as the Redis store.
import { randomUUID } from 'node:crypto';
import type { RunDraft, RunDraftStore } from '../ports.js';

export class MemoryRunDraftStore implements RunDraftStore {
  private readonly drafts = new Map<string, string>();

  async save(draft: RunDraft): Promise<string> {
    const id = randomUUID();
    this.drafts.set(id, JSON.stringify(draft));
    return id;
  }

  async take(id: string): Promise<RunDraft | undefined> {
    const json = this.drafts.get(id);
    this.drafts.delete(id);
    return json === undefined ? undefined : (JSON.parse(json) as RunDraft);
  }
}
