// TargetReadiness over STS and SSM: assume the role a start would use, then make one cheap SSM read in each
// region as that account, and tell AWS's refusals (a disabled region, a role that cannot be assumed) apart.
import { DescribeAutomationExecutionsCommand } from '@aws-sdk/client-ssm';
import { LRUCache } from 'lru-cache';
import { readThroughOptions } from '../cache/read-through-options.js';
import type { RunMode } from '../core/command/ssm-command.js';
import { mapConcurrently } from '../core/map-concurrently.js';
import { type Target, targetKey } from '../core/organization/organization.js';
import type { Readiness } from '../core/run/target-readiness.js';
import type { TargetReadiness } from '../ports.js';
import type { AssumedRoleCredentials, RoleToAssume } from './assumed-role-credentials.js';
import type { AssumedIdentity, AwsClients } from './aws-clients.js';
import { isExpiredToken, isRegionRefused, isThrottling, isTransient } from './aws-failure.js';

export interface TargetReadinessSettings {
  /** The role fan-out starts assume in each account: its AssumeRole is the fan-out check itself. */
  fanOutRoleName: string;
  /** The worker's read role: how a multi-account run's regions are checked (SSM, not the bot, starts there). */
  readRoleName: string;
  externalId?: string;
  /** Accounts checked at once (default 8): a preview of 500 accounts must not burst 500 AssumeRoles. */
  accountsAtOnce?: number;
  /** How long a ready answer is reused (default 5 minutes). */
  readyTtlMs?: number;
  /** How long a refusal is reused (default 1 minute): someone fixing the role should see it soon. */
  refusedTtlMs?: number;
  /** Epoch milliseconds; tests move it by hand. */
  now?: () => number;
}

export class SsmTargetReadiness implements TargetReadiness {
  /** By mode, account and region; unchecked answers are never kept. */
  private readonly answers: LRUCache<string, Readiness>;

  constructor(
    private readonly clients: AwsClients,
    private readonly roles: AssumedRoleCredentials,
    private readonly homeAccountId: () => Promise<string>,
    private readonly settings: TargetReadinessSettings,
  ) {
    this.answers = new LRUCache<string, Readiness>({
      max: 10_000,
      ttl: settings.readyTtlMs ?? 5 * 60_000,
      ...readThroughOptions(settings.now),
    });
  }

  async check(
    targets: readonly Target[],
    mode: RunMode,
    { budgetMs }: { budgetMs: number },
  ): Promise<Record<string, Readiness>> {
    const found: Record<string, Readiness> = {};
    const toCheck = new Map<string, string[]>();
    for (const target of targets) {
      const cached = this.answers.get(cacheKey(mode, target));
      if (cached) found[targetKey(target)] = cached;
      else toCheck.set(target.accountId, [...(toCheck.get(target.accountId) ?? []), target.region]);
    }
    if (toCheck.size > 0) {
      let expired = false;
      const work = mapConcurrently(
        [...toCheck],
        this.settings.accountsAtOnce ?? 8,
        async ([account, regions]) => {
          // Past the budget nobody waits for the answer: start no more accounts (those under way still fill the cache).
          if (expired) return;
          const answers = await this.checkAccount(account, regions, mode);
          for (const [region, answer] of answers) {
            const target = { accountId: account, region };
            found[targetKey(target)] = answer;
            this.remember(mode, target, answer);
          }
        },
      );
      // Checks never throw for AWS's answers; anything else past the budget must not go unhandled.
      work.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, budgetMs);
      });
      await Promise.race([work, deadline]);
      clearTimeout(timer);
      expired = true;
    }
    // A copy: answers arriving after the budget go to the cache, not into what the caller already holds.
    return Object.fromEntries(
      targets.map((target) => [
        targetKey(target),
        found[targetKey(target)] ?? { kind: 'unchecked', reason: 'time-budget' },
      ]),
    );
  }

  private remember(mode: RunMode, target: Target, answer: Readiness): void {
    if (answer.kind === 'unchecked') return;
    const ttl = answer.kind === 'refused' ? (this.settings.refusedTtlMs ?? 60_000) : undefined;
    this.answers.set(cacheKey(mode, target), answer, ttl === undefined ? {} : { ttl });
  }

  /** Every region of one account: the role first (once), then one read per region. Never throws. */
  private async checkAccount(
    accountId: string,
    regions: string[],
    mode: RunMode,
  ): Promise<Array<[string, Readiness]>> {
    const all = (answer: Readiness) => regions.map((region): [string, Readiness] => [region, answer]);
    let role: RoleToAssume | undefined;
    try {
      role = await this.roleFor(accountId, mode);
      if (role) await this.roles.identity(role).credentials();
    } catch (error) {
      return all(roleAnswer(error, role, accountId, mode));
    }
    return Promise.all(
      regions.map(
        async (region): Promise<[string, Readiness]> => [
          region,
          await this.checkRegion(accountId, region, role),
        ],
      ),
    );
  }

  /** Fan-out: the role its starts assume. Multi-account: the read role, or the bot itself at home. */
  private async roleFor(accountId: string, mode: RunMode): Promise<RoleToAssume | undefined> {
    if (mode === 'multi-account' && accountId === (await this.homeAccountId())) return undefined;
    const name = mode === 'fan-out' ? this.settings.fanOutRoleName : this.settings.readRoleName;
    return { roleArn: `arn:aws:iam::${accountId}:role/${name}`, externalId: this.settings.externalId };
  }

  private async checkRegion(accountId: string, region: string, role?: RoleToAssume): Promise<Readiness> {
    const read = (identity?: AssumedIdentity) =>
      this.clients.ssm(region, identity).send(new DescribeAutomationExecutionsCommand({ MaxResults: 1 }));
    try {
      try {
        await read(role && this.roles.identity(role));
      } catch (error) {
        if (!role || !isExpiredToken(error)) throw error;
        // Cached credentials the clocks disagree about: assume again once, as the gateway does.
        this.roles.invalidate(role);
        this.clients.discard(this.roles.identity(role).key);
        await read(this.roles.identity(role));
      }
      return { kind: 'ready' };
    } catch (error) {
      // A disabled opt-in region refuses the credentials just issued (aws-failure.ts says where AWS says so).
      if (isRegionRefused(error)) {
        return {
          kind: 'refused',
          code: 'region-not-enabled',
          message: `${region} is not enabled for account ${accountId} (AWS refuses its credentials there)`,
        };
      }
      if (isThrottling(error)) return { kind: 'unchecked', reason: 'throttled' };
      if (isTransient(error)) return { kind: 'unchecked', reason: 'unanswered' };
      // Any other answer (AccessDenied for this read, say) came after AWS took the credentials in this region.
      return { kind: 'ready' };
    }
  }
}

const cacheKey = (mode: RunMode, target: Target) => `${mode}|${targetKey(target)}`;

/** What a failed AssumeRole means for the targets of its account. */
function roleAnswer(
  error: unknown,
  role: RoleToAssume | undefined,
  accountId: string,
  mode: RunMode,
): Readiness {
  if (isThrottling(error)) return { kind: 'unchecked', reason: 'throttled' };
  if (isTransient(error)) return { kind: 'unchecked', reason: 'unanswered' };
  const name = role?.roleArn.split('/').pop() ?? 'its role';
  // Multi-account starts do not use the read role: without it the bot cannot look, which refuses nothing.
  if (mode === 'multi-account') return { kind: 'unchecked', reason: 'no-access' };
  if ((error as Error).name === 'AccessDenied') {
    return {
      kind: 'refused',
      code: 'role-missing',
      message:
        `the bot cannot assume ${name} in ${accountId}: the role is missing, or its trust policy does not ` +
        'name the bot and its external id',
    };
  }
  return {
    kind: 'refused',
    code: 'account-unreachable',
    message: `AssumeRole ${name} in ${accountId}: ${(error as Error).name}: ${(error as Error).message}`,
  };
}
