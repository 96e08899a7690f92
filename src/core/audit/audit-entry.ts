// One line of the audit trail: who did what to which change or run, when, as fields a SIEM can use and one
// plain-text sentence. The format is versioned: docs/audit-entry.schema.json describes AUDIT_SCHEMA_VERSION.

/** Bumped when a field changes meaning or is removed; adding an optional field keeps the version. */
export const AUDIT_SCHEMA_VERSION = 1;

/** Everything the trail records, in the order a change usually lives through them. */
export const AUDIT_ACTIONS = [
  'change.requested',
  'change.vote',
  'change.level-approved',
  'change.approved',
  'change.rejected',
  'change.withdrawn',
  'change.expired',
  'change.emergency',
  'change.held',
  'change.released',
  /** Approved before its window (`details.startAt`, `details.endBy`): waits, holding its locks. */
  'change.scheduled',
  /** A scheduled change's window opened: it goes on to its locks, calendar and start. */
  'change.window-opened',
  /** A run that needed no approval. */
  'run.requested',
  'run.started',
  'run.cancelled',
  'run.finished',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * A person or a part of the bot itself (`worker`, `expiry`, …). A person is their Slack user id and workspace
 * (team) id, with the display name they had at the time, as Slack sent it with their request.
 */
export type AuditActor =
  | { kind: 'user'; userId: string; teamId?: string; displayName?: string }
  | { kind: 'system'; name: string };

/**
 * What the entry is about. An entry that names both (a change's run starting, finishing) is in the timeline of
 * each, so a change's timeline shows its run too. At least one is required.
 */
export interface AuditSubject {
  changeId?: string;
  runId?: string;
}

export type AuditDetailValue = string | number | boolean | string[];

/** The facts an entry may carry, each a field of its own so a SIEM can filter on it. */
export interface AuditFacts {
  runbook?: string;
  /** Every target of the run, as `<account id>/<region>` (on requests and starts, not on every vote). */
  targets?: string[];
  /** The change template. */
  template?: string;
  /** The approval level a vote was cast at, counting from 0, with its name. */
  level?: { index: number; name?: string };
  /** Votes at that level after this one, and how many it needs. */
  votes?: { count: number; required: number };
  /** The requester's reason for a change, or an approver's for a rejection. */
  reason?: string;
  /** Where the action left things: a run's status when it finished, a change's status after a transition. */
  outcome?: string;
  /**
   * Other facts (flags, counts per status). Never secrets: the trail is exported to a SIEM and logged, so
   * masking parameter values flagged secret is the caller's job before it appends.
   */
  details?: Record<string, AuditDetailValue>;
}

/** What a use case appends. */
export interface NewAuditEntry extends AuditFacts {
  action: AuditAction;
  actor: AuditActor;
  subject: AuditSubject;
  /** When it happened, by the caller's clock (ISO 8601). */
  at: string;
  /**
   * One plain-text sentence with names, never Slack markup: "alice approved chg-7k3m9q2x at SRE leads (1 of 2)".
   * It is also the log message. Written by `summarizeAuditEntry`.
   */
  summary: string;
}

/** An appended entry. `id` is the log's own, `<ms>-<seq>` (a Redis stream id), increasing in append order. */
export type AuditEntry = NewAuditEntry & { id: string };

/**
 * The fields a log keeps, in a fixed order (also the order of an exported line, after the id). Anything else on
 * the object, such as the id of an entry appended again, is not the caller's to set.
 */
export function auditRecord(entry: NewAuditEntry): NewAuditEntry {
  const { action, actor, subject, at, summary } = entry;
  const record: NewAuditEntry = { action, actor: actorRecord(actor), subject, at, summary };
  for (const key of FACT_KEYS) {
    if (entry[key] !== undefined) Object.assign(record, { [key]: entry[key] });
  }
  return record;
}

const FACT_KEYS = [
  'runbook',
  'targets',
  'template',
  'level',
  'votes',
  'reason',
  'outcome',
  'details',
] as const;

function actorRecord(actor: AuditActor): AuditActor {
  if (actor.kind === 'system') return { kind: 'system', name: actor.name };
  const { userId, teamId, displayName } = actor;
  return { kind: 'user', userId, ...(teamId && { teamId }), ...(displayName && { displayName }) };
}

/**
 * An entry as `ssm-chatops audit export` writes it, one per line: the format's version, the id, then the fields
 * in the log's order. docs/audit-entry.schema.json describes it.
 */
export function exportedAuditLine(entry: AuditEntry): string {
  return JSON.stringify({ schemaVersion: AUDIT_SCHEMA_VERSION, id: entry.id, ...auditRecord(entry) });
}

/** The ids whose timeline shows the entry: its change id and its run id, whichever it names. */
export function auditSubjectIds(entry: NewAuditEntry): string[] {
  const { changeId, runId } = entry.subject;
  return [changeId, runId].filter((id): id is string => id !== undefined);
}

/**
 * Why an entry cannot be appended (or read back), or undefined when it is fine. Entries come from our own use
 * cases, so a problem is a bug: the logs throw it rather than keep an entry no timeline would find.
 */
export function auditEntryProblem(entry: NewAuditEntry): string | undefined {
  if (!(AUDIT_ACTIONS as readonly string[]).includes(entry.action)) return `unknown action "${entry.action}"`;
  const { actor, subject } = entry;
  const knownActor =
    (actor?.kind === 'user' && typeof actor.userId === 'string' && actor.userId !== '') ||
    (actor?.kind === 'system' && typeof actor.name === 'string' && actor.name !== '');
  if (!knownActor) return 'its actor is neither a user with an id nor a named part of the bot';
  if (typeof subject !== 'object' || subject === null) return 'it has no subject';
  const ids = [subject.changeId, subject.runId].filter((id) => id !== undefined);
  if (ids.length === 0) return 'its subject names neither a change nor a run';
  if (ids.some((id) => typeof id !== 'string' || id.trim() === '')) return 'its subject has an empty id';
  if (typeof entry.summary !== 'string' || entry.summary.trim() === '') return 'its summary is empty';
  if (typeof entry.at !== 'string' || Number.isNaN(Date.parse(entry.at))) return `"at" is not a time`;
  return undefined;
}

const ID_PATTERN = /^(\d+)-(\d+)$/;

/** The parts of an entry id, or undefined when it is not `<ms>-<seq>`. */
export function parseAuditId(id: string): { ms: bigint; seq: bigint } | undefined {
  const match = ID_PATTERN.exec(id);
  return match ? { ms: BigInt(match[1]!), seq: BigInt(match[2]!) } : undefined;
}

/** Orders ids as the log does: by time, then by sequence within the millisecond. */
export function compareAuditIds(a: string, b: string): number {
  const left = parseAuditId(a);
  const right = parseAuditId(b);
  if (!left || !right) throw new Error(`audit log: cannot compare ids "${a}" and "${b}"`);
  if (left.ms !== right.ms) return left.ms < right.ms ? -1 : 1;
  return left.seq === right.seq ? 0 : left.seq < right.seq ? -1 : 1;
}

/** The actor for a person, from the identity Slack sent with their request. */
export function personActor(person: { userId: string; teamId?: string; userName?: string }): AuditActor {
  return {
    kind: 'user',
    userId: person.userId,
    ...(person.teamId && { teamId: person.teamId }),
    ...(person.userName && { displayName: person.userName }),
  };
}

/** Targets as the trail records them: `<account id>/<region>`. */
export const auditTargets = (targets: ReadonlyArray<{ accountId: string; region: string }>): string[] =>
  targets.map((target) => `${target.accountId}/${target.region}`);
