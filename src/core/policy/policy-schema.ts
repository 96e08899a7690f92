// The `policies:` section of the config file: who may run which runbooks in which accounts and regions.
import { z } from 'zod';

/** Characters of an SSM document name or a shared document's ARN, plus the two wildcards. */
const RUNBOOK_GLOB = /^[A-Za-z0-9_.:/*?-]{1,256}$/;
const KEBAB_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ACCOUNT_ID = /^\d{12}$/;
/** Organizations allows any printable ASCII in account names, up to 50 characters. */
const ACCOUNT_NAME = /^[\x21-\x7E]([\x20-\x7E]{0,48}[\x21-\x7E])?$/;
const OU_OR_ROOT_ID = /^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export const slackUserIdSchema = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,20}$/, 'is not a Slack user id (U… or W…)');
export const slackUserGroupIdSchema = z
  .string()
  .regex(/^S[A-Z0-9]{2,20}$/, 'is not a Slack user group id (S…)');
export const slackChannelIdSchema = z
  .string()
  .regex(/^[CGD][A-Z0-9]{2,20}$/, 'is not a Slack channel id (C…, G… or D…)');

/** A list that, when present, must say something: an empty list would silently mean "nobody" or "nowhere". */
export const nonEmpty = <T extends z.ZodType>(item: T) =>
  z.array(item, { error: 'must be a list' }).min(1, 'must not be empty; omit the key to mean any').optional();

const required = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});

/**
 * YAML reads an unquoted 555555555501 as a number; take it back as text. An id with a leading zero has
 * already lost it by then, which the check below reports instead of matching nothing.
 */
export const accountRefSchema = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z
    .string()
    // Each check fails on its own kind of mistake, so one value gets one reason. None aborts: an aborting
    // issue would also skip the duplicate-name check of the whole list.
    .refine(
      (value) => !/^\d+$/.test(value) || ACCOUNT_ID.test(value),
      'is not a 12-digit account id (quote ids in YAML, or leading zeros are lost)',
    )
    .refine(
      (value) => !/[*?]/.test(value),
      'has a wildcard; accounts are ids or exact names (omit the key to cover every account)',
    )
    .refine(
      (value) => /[*?]/.test(value) || ACCOUNT_NAME.test(value),
      'is not an account id or an account name (1-50 printable characters)',
    ),
);

/** Runbook names or globs (`*` and `?`), case-sensitive: the `runbooks` of rules and templates. */
export const runbookGlobSchema = z
  .string()
  .regex(
    RUNBOOK_GLOB,
    'is not a valid glob: use letters, digits, _ . - : / and the wildcards * and ? (at most 256)',
  );

export const organizationalUnitIdSchema = z
  .string()
  .regex(OU_OR_ROOT_ID, 'is not an OU id (ou-…) or a root id (r-…)');

export const regionSchema = z.string().regex(REGION, 'is not a region name such as us-east-1');

/** A name others refer to (rules, templates): kebab-case, at most 64 characters. */
export const kebabNameSchema = (example: string) =>
  z
    .string(required('a string'))
    .regex(KEBAB_NAME, `must be lowercase letters, digits and single dashes, e.g. ${example}`)
    .max(64, 'must be at most 64 characters');

const whenSchema = z
  .object(
    {
      users: nonEmpty(slackUserIdSchema).describe('Slack user ids; any of them'),
      userGroups: nonEmpty(slackUserGroupIdSchema).describe('Slack user group ids; a member of any of them'),
      channels: nonEmpty(slackChannelIdSchema).describe(
        'channel ids where the command is typed; any of them',
      ),
    },
    { error: 'must be a mapping of users, userGroups and channels' },
  )
  .strict()
  .refine(
    (when) => when.users || when.userGroups || when.channels,
    'must name users, userGroups or channels; omit `when` to mean everyone',
  );

export const policyRuleSchema = z
  .object(
    {
      name: kebabNameSchema('platform-dev').describe('unique; denials and runs name the rule'),
      description: z.string().max(300).optional().describe('for people reading the file'),
      effect: z
        .enum(['allow', 'deny'], { error: 'must be allow or deny' })
        .default('allow')
        .describe('allow (default) or deny'),
      when: whenSchema
        .optional()
        .describe('who: omitted = everyone; any of the values within a key, every key given must hold'),
      runbooks: z
        .array(runbookGlobSchema, required('a list of runbook names or globs'))
        .min(1, 'must list at least one runbook name or glob')
        .describe('runbook names or globs (* and ?), case-sensitive'),
      accounts: nonEmpty(accountRefSchema).describe('account ids or names; with organizationalUnits: either'),
      organizationalUnits: nonEmpty(organizationalUnitIdSchema).describe(
        'OU ids, covering nested OUs and their accounts',
      ),
      regions: nonEmpty(regionSchema).describe('omitted = any region the bot targets'),
      approvalTemplate: z
        .string({ error: 'must be the name of an approval template' })
        .min(1, 'must be the name of an approval template')
        .optional()
        .describe('runs this rule allows become change requests governed by this template'),
    },
    { error: 'must be a rule: a mapping with name, runbooks and so on' },
  )
  .strict()
  // Runs even when other keys of the rule are wrong, so one start-up reports every mistake at once.
  .superRefine(
    (rule, ctx) => {
      if (rule.effect === 'deny' && rule.approvalTemplate !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['approvalTemplate'],
          input: rule.approvalTemplate,
          message: 'is meaningless on a deny rule: a denied run never reaches approval',
        });
      }
    },
    { when: (payload) => isRecord(payload.value) },
  );

/**
 * A check for a list of named entries: each name is used once, so whatever names one finds one. It runs
 * even when entries have other mistakes, and reports every repeat against the first use.
 */
export const uniqueNames =
  (section: string) =>
  (entries: readonly unknown[], ctx: z.RefinementCtx): void => {
    const firstIndex = new Map<string, number>();
    entries.forEach((entry, index) => {
      const name = isRecord(entry) ? entry.name : undefined;
      if (typeof name !== 'string') return;
      const earlier = firstIndex.get(name);
      if (earlier === undefined) {
        firstIndex.set(name, index);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        input: name,
        message: `is already the name of ${section}[${earlier}]`,
      });
    });
  };

/** The whole list, with the one check that needs every rule: names are unique, so a denial names one rule. */
export const policiesSchema = z
  .array(policyRuleSchema, { error: 'must be a list of rules' })
  .superRefine(uniqueNames('policies'), { when: (payload) => Array.isArray(payload.value) });

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

export type PolicyRule = z.infer<typeof policyRuleSchema>;
export type PolicyWhen = NonNullable<PolicyRule['when']>;
