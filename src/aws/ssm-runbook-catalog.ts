// RunbookCatalog over SSM documents: Automation runbooks listed once, schemas read on demand, both cached.
import {
  DescribeDocumentCommand,
  GetDocumentCommand,
  InvalidDocument,
  paginateListDocuments,
} from '@aws-sdk/client-ssm';
import { parseRunbookContent } from '../core/runbook/parse-runbook-content.js';
import type { Runbook } from '../core/runbook/runbook.js';
import type { RunbookCatalog, RunbookSummary } from '../ports.js';
import type { AwsClients } from './aws-clients.js';

export interface RunbookCatalogOptions {
  /** Runbooks change rarely; a new one shows up in `/ssm list` after this long. */
  ttlMs?: number;
  now?: () => number;
}

interface Cached<T> {
  value: T;
  readAt: number;
}

export class SsmRunbookCatalog implements RunbookCatalog {
  private listing?: Cached<RunbookSummary[]>;
  private readonly runbooks = new Map<string, Cached<Runbook | undefined>>();
  private readonly pending = new Map<string, Promise<unknown>>();
  private readonly now: () => number;
  private readonly ttlMs: number;

  constructor(
    private readonly clients: AwsClients,
    options: RunbookCatalogOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
  }

  async list(): Promise<RunbookSummary[]> {
    if (this.fresh(this.listing)) return this.listing.value;
    const value = await this.once('list', () => this.readListing());
    this.listing = { value, readAt: this.now() };
    return value;
  }

  async describe(name: string): Promise<Runbook | undefined> {
    const cached = this.runbooks.get(name);
    if (this.fresh(cached)) return cached.value;
    const value = await this.once(`describe|${name}`, () => this.readRunbook(name));
    this.runbooks.set(name, { value, readAt: this.now() });
    return value;
  }

  private fresh<T>(cached: Cached<T> | undefined): cached is Cached<T> {
    return cached !== undefined && this.now() - cached.readAt < this.ttlMs;
  }

  /** Concurrent callers share one read. */
  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let promise = this.pending.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = read().finally(() => this.pending.delete(key));
      this.pending.set(key, promise);
    }
    return promise;
  }

  private async readListing(): Promise<RunbookSummary[]> {
    const client = this.clients.ssm(this.clients.homeRegion);
    const summaries: RunbookSummary[] = [];
    const pages = paginateListDocuments(
      { client, pageSize: 50 },
      { Filters: [{ Key: 'DocumentType', Values: ['Automation'] }] },
    );
    for await (const page of pages) {
      for (const document of page.DocumentIdentifiers ?? []) {
        if (!document.Name) continue;
        // ListDocuments carries no description; the cached schema has it once someone looked.
        const known = this.runbooks.get(document.Name)?.value;
        summaries.push({ name: document.Name, owner: document.Owner, description: known?.description });
      }
    }
    return summaries.sort((a, b) => a.name.localeCompare(b.name));
  }

  private async readRunbook(name: string): Promise<Runbook | undefined> {
    const client = this.clients.ssm(this.clients.homeRegion);
    try {
      const [{ Document: described }, content] = await Promise.all([
        client.send(new DescribeDocumentCommand({ Name: name })),
        client.send(new GetDocumentCommand({ Name: name })),
      ]);
      if (described?.DocumentType && described.DocumentType !== 'Automation') return undefined;
      const parsed = parseRunbookContent(
        name,
        content.Content ?? '{}',
        (content.DocumentFormat ?? 'JSON') as 'JSON' | 'YAML' | 'TEXT',
        {
          description: described?.Description,
          owner: described?.Owner,
          documentVersion: described?.DocumentVersion,
        },
      );
      if (!parsed.ok) throw new Error(`runbook ${name} cannot be read: ${parsed.message}`);
      return parsed.runbook;
    } catch (error) {
      if (error instanceof InvalidDocument) return undefined;
      throw error;
    }
  }
}
