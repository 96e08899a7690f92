// RunbookCatalog over SSM documents: Automation runbooks listed once, schemas read on demand, both cached.
import {
  DescribeDocumentCommand,
  GetDocumentCommand,
  InvalidDocument,
  paginateListDocuments,
} from '@aws-sdk/client-ssm';
import { freshFor, SingleFlightCache } from '../cache/single-flight-cache.js';
import { parseRunbookContent } from '../core/runbook/parse-runbook-content.js';
import type { Runbook } from '../core/runbook/runbook.js';
import type { RunbookCatalog, RunbookSummary } from '../ports.js';
import type { AwsClients } from './aws-clients.js';

export interface RunbookCatalogOptions {
  /** Runbooks change rarely; a new one shows up in `/ssm list` after this long. */
  ttlMs?: number;
  now?: () => number;
}

export class SsmRunbookCatalog implements RunbookCatalog {
  private readonly listing: SingleFlightCache<'list', RunbookSummary[]>;
  private readonly runbooks: SingleFlightCache<string, Runbook | undefined>;

  constructor(
    private readonly clients: AwsClients,
    options: RunbookCatalogOptions = {},
  ) {
    const cacheOptions = { isFresh: freshFor(options.ttlMs ?? 10 * 60_000), now: options.now };
    this.listing = new SingleFlightCache<'list', RunbookSummary[]>(() => this.readListing(), cacheOptions);
    this.runbooks = new SingleFlightCache<string, Runbook | undefined>(
      (name) => this.readRunbook(name),
      cacheOptions,
    );
  }

  list(): Promise<RunbookSummary[]> {
    return this.listing.get('list');
  }

  describe(name: string): Promise<Runbook | undefined> {
    return this.runbooks.get(name);
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
        const known = this.runbooks.peek(document.Name);
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
