// Who and where the playground's tour plays: found in the workspace, the sandbox organization and the bot's
// policies, never named. The tour's steps (build-demo-tour.ts) only tell the story with what this finds.

/** The runbook the tour runs everywhere: harmless in the sandbox, and every demo policy lets it through. */
export const TOUR_RUNBOOK = 'AWS-RestartEC2Instance';

export interface TourSources {
  workspace: {
    users: Array<{ id: string; name: string }>;
    userGroups: Array<{ id: string; users: string[] }>;
    channels: Array<{ id: string; name: string; members: string[]; private?: boolean }>;
    botUserId: string;
  };
  organization: {
    organizationalUnits: Array<{ id: string; name: string }>;
    accounts: Array<{ id: string; name: string; parent: string; status?: string }>;
  };
  /** The bot's settings: where change requests go, who may run what, who approves. */
  bot: {
    approvalsChannelId: string | undefined;
    policies: Array<{
      effect?: 'allow' | 'deny';
      when?: { users?: string[]; userGroups?: string[] };
      runbooks: string[];
      organizationalUnits?: string[];
      approvalTemplate?: string;
    }>;
    approvalTemplates: Array<{
      name: string;
      levels: Array<{ approvers: { users?: string[]; userGroups?: string[] } }>;
    }>;
    /** The approve button's action_id (src/slack/ids.ts). */
    approveActionId: string;
  };
}

type Named = { id: string; name: string };
type Policy = TourSources['bot']['policies'][number];

export interface TourCast {
  requester: Named;
  approver: Named;
  /** Where the requester runs things; where change requests are decided. */
  home: Named;
  approvals: Named;
  /** Two accounts the requester may run in without approval, under the unit named `unit`. */
  development: { unit: string; accounts: [Named, Named] };
  /** An account where the same run is a change the approver decides. */
  production: { unit: string; account: Named };
}

/** The cast, or what is missing for one (the emulator's workspace alone, another fixture or configuration). */
export function findTourCast(sources: TourSources): TourCast | { missing: string } {
  const { workspace, organization, bot } = sources;
  const members = (who: Policy['when']) => [
    ...(who?.users ?? []),
    ...workspace.userGroups
      .filter((group) => who?.userGroups?.includes(group.id))
      .flatMap((group) => group.users),
  ];
  const allows = (policy: Policy) =>
    policy.effect !== 'deny' && policy.runbooks.some((pattern) => globMatches(pattern, TOUR_RUNBOOK));
  const activeIn = (policy: Policy) =>
    organization.accounts.filter(
      (account) =>
        (account.status ?? 'ACTIVE') === 'ACTIVE' && policy.organizationalUnits?.includes(account.parent),
    );
  const unitOf = (policy: Policy) =>
    organization.organizationalUnits.find((unit) => policy.organizationalUnits?.includes(unit.id))?.name ??
    '';
  const userNamed = (id: string | undefined) => workspace.users.find((user) => user.id === id);

  // One person who may run without approval somewhere and ask for a change elsewhere, and someone to approve it.
  const free = bot.policies.filter(
    (policy) => allows(policy) && !policy.approvalTemplate && activeIn(policy).length >= 2,
  );
  const gated = bot.policies.filter(
    (policy) => allows(policy) && policy.approvalTemplate && activeIn(policy).length > 0,
  );
  const pairs = free.flatMap((devPolicy) => gated.map((prodPolicy) => ({ devPolicy, prodPolicy })));
  if (pairs.length === 0) return { missing: 'a policy that runs without approval and one that asks for it' };
  const cast = pairs.flatMap(({ devPolicy, prodPolicy }) => {
    const template = bot.approvalTemplates.find(
      (candidate) => candidate.name === prodPolicy.approvalTemplate,
    );
    const requester = userNamed(members(devPolicy.when).find((id) => members(prodPolicy.when).includes(id)));
    const approver = userNamed(members(template?.levels[0]?.approvers).find((id) => id !== requester?.id));
    return requester && approver ? [{ devPolicy, prodPolicy, requester, approver }] : [];
  })[0];
  if (!cast) return { missing: 'a requester and an approver in the workspace' };

  const withBot = (channel: TourSources['workspace']['channels'][number], userId: string) =>
    channel.members.includes(userId) && channel.members.includes(workspace.botUserId);
  const approvals = workspace.channels.find(
    (channel) => channel.id === bot.approvalsChannelId && withBot(channel, cast.approver.id),
  );
  const home = workspace.channels.find(
    (channel) => !channel.private && channel.id !== approvals?.id && withBot(channel, cast.requester.id),
  );
  if (!approvals || !home) return { missing: 'a channel for runs and one for change requests' };

  // At least two: `free` keeps only policies with two accounts or more.
  const [first, second] = activeIn(cast.devPolicy);
  return {
    requester: cast.requester,
    approver: cast.approver,
    home,
    approvals,
    development: { unit: unitOf(cast.devPolicy), accounts: [first!, second!] },
    production: { unit: unitOf(cast.prodPolicy), account: activeIn(cast.prodPolicy)[0]! },
  };
}

/** `*` matches any run of characters, as the policies' runbook patterns do. */
function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}
