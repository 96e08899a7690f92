// Modal drafts in Redis: a run request kept for an hour between the preview and the confirmation.
import { randomUUID } from 'node:crypto';
import type { RunDraft, RunDraftStore } from '../ports.js';
import type { RedisClient } from './redis-connection.js';
import { DEFAULT_KEY_PREFIX } from './redis-run-store.js';

const TTL_SECONDS = 3600;

export class RedisRunDraftStore implements RunDraftStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix = DEFAULT_KEY_PREFIX,
    private readonly newId: () => string = randomUUID,
  ) {}

  async save(draft: RunDraft): Promise<string> {
    const id = this.newId();
    await this.client.set(this.key(id), JSON.stringify(draft), 'EX', TTL_SECONDS);
    return id;
  }

  async take(id: string): Promise<RunDraft | undefined> {
    const json = await this.client.getdel(this.key(id));
    return json === null ? undefined : (JSON.parse(json) as RunDraft);
  }

  /** `{prefix}draft:<id>`, read and written alone: no hash tag, so drafts spread over a cluster's slots. */
  private key(id: string): string {
    return `${this.prefix}draft:${id}`;
  }
}
