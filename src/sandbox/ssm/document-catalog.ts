// The SSM documents each account can see: the fixture's runbooks and each account's change calendars.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { FixtureError, type RunbookSpec, type SandboxFixture } from '../fixture.js';
import type { Organization } from '../organization.js';
import { documentNameFor } from './document-reference.js';
import { parseRunbook, RunbookContentError } from './parse-runbook.js';
import { renderICalendar } from './render-icalendar.js';
import type { Runbook } from './runbook.js';

export { validateAutomationParameters } from './validate-automation-parameters.js';

/**
 * When the fixture's documents were "created": fixed, so hashes, listings and tests are stable
 * whatever the simulated start time.
 */
const FIXTURE_DOCUMENTS_CREATED = new Date('2024-04-01T00:00:00Z');

/** The fixture documents have one version each; these are the selectors that reach it. */
const VERSION_SELECTORS = new Set(['1', '$DEFAULT', '$LATEST']);

/** A document lookup: found, or which AWS error the miss stands for. */
export type DocumentLookup =
  | { found: true; document: Runbook }
  | { found: false; reason: 'no-such-document' | 'no-such-version' };

interface CatalogEntry {
  document: Runbook;
  /** Accounts that see the document; 'all' for Amazon documents and unrestricted Self ones. */
  visibleIn: 'all' | ReadonlySet<string>;
}

export class DocumentCatalog {
  private constructor(private readonly entries: CatalogEntry[]) {}

  static fromFixture(fixture: SandboxFixture, baseDir: string, _org: Organization): DocumentCatalog {
    const knownAccounts = new Set(fixture.organization.accounts.map((account) => account.id));
    const entries = [
      ...fixture.runbooks.map((spec, index) => runbookEntry(spec, index, baseDir, knownAccounts)),
      ...calendarEntries(fixture),
    ];
    rejectDuplicateNames(entries);
    return new DocumentCatalog(entries);
  }

  /** The document `name` (or ARN) as `accountId` sees it; undefined when it does not exist there. */
  get(accountId: string, name: string, version?: string): Runbook | undefined {
    const lookup = this.lookup(accountId, name, version);
    return lookup.found ? lookup.document : undefined;
  }

  /** Like `get`, but says whether the document or only the requested version is missing. */
  lookup(accountId: string, nameOrArn: string, version?: string): DocumentLookup {
    const name = documentNameFor(accountId, nameOrArn);
    const entry = this.entries.find(
      (candidate) => candidate.document.name === name && visibleTo(candidate, accountId),
    );
    if (!entry) return { found: false, reason: 'no-such-document' };
    if (version !== undefined && version !== '' && !VERSION_SELECTORS.has(version)) {
      return { found: false, reason: 'no-such-version' };
    }
    return { found: true, document: entry.document };
  }

  /** Every document `accountId` can see, by name. */
  list(accountId: string): Runbook[] {
    return this.entries
      .filter((entry) => visibleTo(entry, accountId))
      .map((entry) => entry.document)
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}

function visibleTo(entry: CatalogEntry, accountId: string): boolean {
  return entry.visibleIn === 'all' || entry.visibleIn.has(accountId);
}

function runbookEntry(
  spec: RunbookSpec,
  index: number,
  baseDir: string,
  knownAccounts: ReadonlySet<string>,
): CatalogEntry {
  const where = `runbook ${spec.name} (runbooks.${index}, file ${spec.file})`;
  const path = resolve(baseDir, spec.file);
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FixtureError(`${where}: cannot read ${path}: ${(error as Error).message}`);
  }
  let parsed: ReturnType<typeof parseRunbook>;
  try {
    parsed = parseRunbook(content);
  } catch (error) {
    if (!(error instanceof RunbookContentError)) throw error;
    throw new FixtureError(`${where} is not a valid Automation document:\n  ${error.problems.join('\n  ')}`);
  }
  const stepNames = new Set(parsed.steps.map((step) => step.name));
  for (const stepName of Object.keys(spec.simulation.steps)) {
    if (!stepNames.has(stepName)) {
      throw new FixtureError(
        `${where}: runbooks.${index}.simulation.steps.${stepName}: the document has no such step`,
      );
    }
  }
  if (spec.owner === 'Amazon' && spec.accounts !== 'all') {
    throw new FixtureError(
      `${where}: runbooks.${index}.accounts: Amazon documents are visible in every account`,
    );
  }
  const unknown = spec.accounts === 'all' ? [] : spec.accounts.filter((id) => !knownAccounts.has(id));
  if (unknown.length > 0) {
    throw new FixtureError(
      `${where}: runbooks.${index}.accounts: not in the organization: ${unknown.join(', ')}`,
    );
  }
  return {
    document: {
      ...parsed,
      name: spec.name,
      owner: spec.owner,
      documentType: 'Automation',
      documentVersion: '1',
      content,
      format: extname(spec.file).toLowerCase() === '.json' ? 'JSON' : 'YAML',
      simulation: spec.simulation.steps,
      createdDate: FIXTURE_DOCUMENTS_CREATED,
      hash: sha256(content),
    },
    visibleIn: spec.accounts === 'all' ? 'all' : new Set(spec.accounts),
  };
}

/** Each fixture calendar is a ChangeCalendar document in its account, holding iCalendar text. */
function calendarEntries(fixture: SandboxFixture): CatalogEntry[] {
  return fixture.calendars.map((calendar, index) => {
    calendar.events.forEach((event, eventIndex) => {
      if (event.end.getTime() <= event.start.getTime()) {
        throw new FixtureError(`calendars.${index}.events.${eventIndex}.end: must be after start`);
      }
    });
    const content = renderICalendar(calendar, FIXTURE_DOCUMENTS_CREATED);
    return {
      document: {
        name: calendar.name,
        owner: 'Self',
        documentType: 'ChangeCalendar',
        documentVersion: '1',
        schemaVersion: '2.0',
        description: '',
        content,
        format: 'TEXT',
        parameters: [],
        steps: [],
        outputs: [],
        simulation: {},
        createdDate: FIXTURE_DOCUMENTS_CREATED,
        hash: sha256(content),
      },
      visibleIn: new Set([calendar.account]),
    };
  });
}

/** Two documents of one name visible in one account would make lookups ambiguous. */
function rejectDuplicateNames(entries: CatalogEntry[]): void {
  entries.forEach((entry, index) => {
    const clash = entries
      .slice(index + 1)
      .find(
        (other) => other.document.name === entry.document.name && overlaps(entry.visibleIn, other.visibleIn),
      );
    if (clash)
      throw new FixtureError(`two documents named ${entry.document.name} are visible in the same account`);
  });
}

function overlaps(a: CatalogEntry['visibleIn'], b: CatalogEntry['visibleIn']): boolean {
  if (a === 'all' || b === 'all') return true;
  return [...a].some((id) => b.has(id));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
