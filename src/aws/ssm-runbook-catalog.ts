// RunbookCatalog over SSM documents: Automation runbooks listed once, schemas read on demand, both cached.
import {
  DescribeDocumentCommand,
  GetDocumentCommand,
  InvalidDocument,
  paginateListDocuments,
} from '@aws-sdk/client-ssm';
import { LRUCache } from 'lru-cache';
import { readThroughOptions } from '../cache/read-through-options.js';
import { parseRunbookContent } from '../core/runbook/parse-runbook-content.js';
import type { Runbook } from '../core/runbook/runbook.js';
import type { RunbookCatalog, RunbookSummary } from '../ports.js';
import type { AwsClients } from './aws-clients.js';

export interface RunbookCatalogOptions {
  /** Runbooks change rarely; a new one shows up in `/ssm list` after this long. */
  ttlMs?: number;
  /** How many runbook schemas are kept (default 1,000); beyond it the least recently used is read again. */
  maxRunbooks?: number;
  now?: () => number;
}

/** A schema read, or `runbook: undefined` for a name that is no Automation runbook (also worth remembering). */
interface Described {
  runbook: Runbook | undefined;
}

export class SsmRunbookCatalog implements RunbookCatalog {
  private readonly listing: LRUCache<'list', RunbookSummary[]>;
  private readonly runbooks: LRUCache<string, Described>;

  constructor(
    private readonly clients: AwsClients,
    options: RunbookCatalogOptions = {},
  ) {
    const ttl = options.ttlMs ?? 10 * 60_000;
    this.listing = new LRUCache<'list', RunbookSummary[]>({
      max: 1,
      ttl,
      fetchMethod: () => this.readListing(),
      ...readThroughOptions(options.now),
    });
    this.runbooks = new LRUCache<string, Described>({
      max: options.maxRunbooks ?? 1000,
      ttl,
      fetchMethod: async (name) => ({ runbook: await this.readRunbook(name) }),
      ...readThroughOptions(options.now),
    });
  }

  list(): Promise<RunbookSummary[]> {
    return this.listing.forceFetch('list');
  }

  async describe(name: string): Promise<Runbook | undefined> {
    return (await this.runbooks.forceFetch(name)).runbook;
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
        const known = this.runbooks.peek(document.Name, { allowStale: true })?.runbook;
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
