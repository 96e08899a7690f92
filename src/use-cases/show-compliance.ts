// `/ssm compliance`: the snapshot (read now when there is none), narrowed to the places asked for and those the
// person may see, rolled up; a snapshot past its refresh interval is shown and read again in the background.
import type { ComplianceScope } from '../core/command/ssm-command.js';
import type { ComplianceSnapshot } from '../core/compliance/patch-compliance.js';
import { type ComplianceRollUp, rollUpCompliance } from '../core/compliance/roll-up-compliance.js';
import { type Account, type Target, targetKey } from '../core/organization/organization.js';
import { accountMayBeTargeted, allowedAccountScope } from '../core/policy/allowed-account-scope.js';
import { isOperator } from '../core/policy/is-operator.js';
import type { Subject } from '../core/policy/subject.js';
import { resolveTargets, type TargetProblem } from '../core/targets/resolve-targets.js';
import type { ComplianceServices } from './compliance-services.js';
import { organizationPlaces, refreshCompliance } from './refresh-compliance.js';
import type { RunContext } from './run-context.js';

export type { ComplianceScope };

export type ComplianceAnswer =
  | { kind: 'problems'; problems: TargetProblem[] }
  | {
      kind: 'summary';
      scope: ComplianceScope;
      rollUp: ComplianceRollUp;
      readAt: Date;
      /** Older than the refresh interval: a new read was asked for. */
      stale: boolean;
      /** Accounts asked for that the person may not see, left out. */
      hiddenAccounts: number;
    };

/**
 * Reads of an organization with nothing cached yet, under way in this process, by the services they read with:
 * people asking at once share one read (on 1,000 accounts it takes minutes) instead of each starting their own.
 */
const firstReads = new WeakMap<ComplianceServices, Promise<ComplianceSnapshot>>();

export async function showCompliance(
  run: RunContext,
  compliance: ComplianceServices,
  request: {
    scope: ComplianceScope;
    subject: Subject;
    /** Told, before the wait, that nothing is cached and the whole organization is being read (how many places). */
    onFirstRead?: (places: number) => Promise<void>;
  },
): Promise<ComplianceAnswer> {
  const { scope, subject } = request;
  const organization = await run.accounts.organization();
  const everyAccount = scope.accounts.length === 0 && scope.organizationalUnits.length === 0;
  const resolved = resolveTargets(
    {
      accounts: everyAccount ? 'all' : scope.accounts,
      organizationalUnits: scope.organizationalUnits,
      excludeAccounts: [],
      regions: scope.regions,
    },
    organization,
    // Compliance looks everywhere runs may go, not only where runs go by default.
    { enabledRegions: run.settings.enabledRegions, defaultRegions: run.settings.enabledRegions },
  );
  if (!resolved.ok) return { kind: 'problems', problems: resolved.problems };

  const visible = visibleAccounts(run, compliance, subject, resolved.accounts);
  const wanted = resolved.targets.filter((target) => visible.has(target.accountId));
  const snapshot = (await compliance.cache.get()) ?? (await firstRead(run, compliance, request.onFirstRead));
  const stale = run.now().getTime() - snapshot.readAt.getTime() > compliance.settings.refreshEveryMs;
  if (stale) await compliance.refresh.requestRefresh();

  return {
    kind: 'summary',
    scope,
    rollUp: rollUpCompliance(
      await placesOf(snapshot, wanted, compliance),
      new Map(organization.accounts.map((account) => [account.id, account.name])),
    ),
    readAt: snapshot.readAt,
    stale,
    hiddenAccounts: resolved.accounts.length - visible.size,
  };
}

async function firstRead(
  run: RunContext,
  compliance: ComplianceServices,
  onFirstRead: ((places: number) => Promise<void>) | undefined,
): Promise<ComplianceSnapshot> {
  if (onFirstRead) {
    const organization = await run.accounts.organization();
    await onFirstRead(organizationPlaces(organization, run.settings.enabledRegions).length);
  }
  let reading = firstReads.get(compliance);
  if (!reading) {
    reading = refreshCompliance(run, compliance).finally(() => firstReads.delete(compliance));
    firstReads.set(compliance, reading);
  }
  return reading;
}

/**
 * The accounts a person may see compliance of: an operator, every one; anyone else, those where policy lets them
 * run the patch runbook (what they could act on from the summary).
 */
function visibleAccounts(
  run: RunContext,
  compliance: ComplianceServices,
  subject: Subject,
  accounts: readonly Account[],
): Set<string> {
  if (isOperator(run.operators, subject)) return new Set(accounts.map((account) => account.id));
  const scope = allowedAccountScope(run.policies, subject, compliance.settings.patchRunbook);
  return new Set(
    accounts.filter((account) => accountMayBeTargeted(scope, account)).map((account) => account.id),
  );
}

/** The snapshot's places among those wanted; places it lacks (an account newer than the snapshot) are read now. */
async function placesOf(
  snapshot: ComplianceSnapshot,
  wanted: readonly Target[],
  compliance: ComplianceServices,
) {
  const keys = new Set(wanted.map(targetKey));
  const known = snapshot.places.filter((place) => keys.has(targetKey(place.target)));
  const knownKeys = new Set(known.map((place) => targetKey(place.target)));
  const missing = wanted.filter((target) => !knownKeys.has(targetKey(target)));
  return missing.length === 0 ? known : [...known, ...(await compliance.reader.read(missing))];
}
