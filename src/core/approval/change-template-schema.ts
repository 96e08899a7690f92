// The `approvalTemplates:` section of the config file: what needs approval, by whom, and under which calendars.
import { z } from 'zod';
import { SSM_DOCUMENT_REFERENCE } from '../organization/arn.js';
import {
  accountRefSchema,
  isRecord,
  kebabNameSchema,
  nonEmpty,
  organizationalUnitIdSchema,
  regionSchema,
  runbookGlobSchema,
  slackChannelIdSchema,
  slackUserGroupIdSchema,
  slackUserIdSchema,
  uniqueNames,
} from '../policy/policy-schema.js';

const DURATION = /^(\d+[smhd])+$/;
const DURATION_PART = /(\d+)([smhd])/g;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** A pending change older than this is a forgotten one; the cap also keeps dates far from overflow. */
const MAX_EXPIRY_MS = 90 * UNIT_MS.d;
const DEFAULT_EXPIRY = '24h';

/** An SSM Change Calendar: a document name, or the ARN of one shared from another account. */
const CALENDAR = SSM_DOCUMENT_REFERENCE;

/** `30m`, `24h`, `2d`, `1d12h` → milliseconds (of text that matches DURATION). */
const durationMs = (text: string): number =>
  [...text.matchAll(DURATION_PART)].reduce(
    (total, [, count, unit]) => total + Number(count) * UNIT_MS[unit as keyof typeof UNIT_MS],
    0,
  );

const durationSchema = z
  .string({ error: 'must be a duration such as 30m, 24h or 2d' })
  .regex(DURATION, 'must be a duration such as 30m, 24h or 2d (units s, m, h, d)')
  // Checked on the text, so the loader shows what was written.
  .refine((text) => !DURATION.test(text) || durationMs(text) > 0, 'must be longer than zero')
  .refine((text) => !DURATION.test(text) || durationMs(text) <= MAX_EXPIRY_MS, 'must be at most 90d')
  .transform(durationMs);

const governsSchema = z
  .object(
    {
      runbooks: nonEmpty(runbookGlobSchema).describe('runbook names or globs (* and ?); omitted = any'),
      accounts: nonEmpty(accountRefSchema).describe('account ids or names; with organizationalUnits: either'),
      organizationalUnits: nonEmpty(organizationalUnitIdSchema).describe(
        'OU ids, covering nested OUs and their accounts',
      ),
      regions: nonEmpty(regionSchema).describe('omitted = any region'),
    },
    { error: 'must be a mapping of runbooks, accounts, organizationalUnits and regions' },
  )
  .strict()
  .refine(
    (governs) => governs.runbooks || governs.accounts || governs.organizationalUnits || governs.regions,
    'must name runbooks, accounts, organizationalUnits or regions; omit `governs` to apply the template only where a policy rule names it',
  );

const approversSchema = z
  .object(
    {
      users: nonEmpty(slackUserIdSchema).describe('Slack user ids'),
      userGroups: nonEmpty(slackUserGroupIdSchema).describe('Slack user group ids; any member approves'),
    },
    { error: 'must be a mapping of users and userGroups' },
  )
  .strict()
  .refine((approvers) => approvers.users || approvers.userGroups, 'must name users or userGroups');

const levelSchema = z
  .object(
    {
      name: z
        .string({ error: 'must be a string' })
        .min(1, 'must not be empty')
        .max(80, 'must be at most 80 characters')
        .optional()
        .describe('shown to approvers, e.g. "SRE leads"; default: the level number'),
      approvers: approversSchema.describe('who may approve at this level'),
      minApprovals: z
        .int({ error: 'must be a whole number of at least 1' })
        .min(1, 'must be a whole number of at least 1')
        .default(1)
        .describe('approvals this level needs before the next level is asked'),
    },
    { error: 'must be a level: a mapping with approvers and minApprovals' },
  )
  .strict()
  .superRefine(
    (level, ctx) => {
      const users = level.approvers?.users;
      if (!users || level.approvers.userGroups || level.minApprovals <= users.length) return;
      const listed = users.length === 1 ? '1 user' : `${users.length} users`;
      ctx.addIssue({
        code: 'custom',
        path: ['minApprovals'],
        message: `is ${level.minApprovals}, but the level lists only ${listed} and no userGroups: it could never be met`,
      });
    },
    {
      when: (payload) =>
        isRecord(payload.value) &&
        typeof payload.value.minApprovals === 'number' &&
        isRecord(payload.value.approvers) &&
        Array.isArray(payload.value.approvers.users),
    },
  );

const emergencySchema = z
  .object(
    {
      users: nonEmpty(slackUserIdSchema).describe('Slack user ids who may raise an emergency change'),
      userGroups: nonEmpty(slackUserGroupIdSchema).describe('Slack user groups whose members may'),
      bypassApprovals: z
        .boolean({ error: 'must be true or false' })
        .default(false)
        .describe('an emergency change starts without votes (default: it still needs its approvals)'),
    },
    { error: 'must be a mapping of users, userGroups and bypassApprovals' },
  )
  .strict()
  .refine(
    (emergency) => emergency.users || emergency.userGroups,
    'must name users or userGroups who may raise an emergency change',
  );

const reasonRequiredSchema = z
  .object(
    {
      onRequest: z
        .boolean({ error: 'must be true or false' })
        .default(true)
        .describe('the requester says why'),
      onReject: z.boolean({ error: 'must be true or false' }).default(true).describe('the rejecter says why'),
    },
    { error: 'must be a mapping of onRequest and onReject' },
  )
  .strict();

export const changeTemplateSchema = z
  .object(
    {
      name: kebabNameSchema('prod-change').describe('unique; policy rules and change requests name it'),
      description: z.string().max(300).optional().describe('for people reading the file'),
      governs: governsSchema
        .optional()
        .describe(
          'runs it applies to (every key given must hold for some target); omitted = only where a policy rule names the template',
        ),
      levels: z
        .array(levelSchema, { error: 'must be a list of approval levels' })
        .default([])
        .describe('approval levels, asked one after the other: level 2 only once level 1 is satisfied'),
      autoApprove: z
        .boolean({ error: 'must be true or false' })
        .default(false)
        .describe('a standard change: approved without votes, still subject to the calendars'),
      allowSelfApproval: z
        .boolean({ error: 'must be true or false' })
        .default(false)
        .describe('whether the requester may approve their own change'),
      expiresAfter: durationSchema
        .prefault(DEFAULT_EXPIRY)
        .describe('how long a request may wait for its approvals, e.g. 30m, 24h, 2d; parsed to milliseconds'),
      reasonRequired: reasonRequiredSchema
        .prefault({})
        .describe('whether a reason is required on request and on rejection (both by default)'),
      calendars: nonEmpty(z.string().regex(CALENDAR, 'is not a Change Calendar name or ARN')).describe(
        'SSM Change Calendars (in the operations account) that must all be OPEN for the change to start',
      ),
      emergency: emergencySchema
        .optional()
        .describe('who may raise an emergency change, which goes ahead while a calendar is CLOSED'),
      approvalsChannel: slackChannelIdSchema
        .optional()
        .describe('channel id where requests are posted; default: slack.channels.approvals'),
      onConflict: z
        .enum(['refuse', 'wait'], { error: 'must be refuse or wait' })
        .default('refuse')
        .describe('a request whose runbook and targets another change holds: refused, or waits for it'),
    },
    { error: 'must be a template: a mapping with name, levels and so on' },
  )
  .strict()
  // Runs even when other keys are wrong, so one start-up reports every mistake at once.
  .superRefine(
    (template, ctx) => {
      // A `levels` or `autoApprove` of the wrong type has its own issue; nothing to compare then.
      const { levels: list, autoApprove } = template as { levels: unknown; autoApprove: unknown };
      if (!Array.isArray(list) || typeof autoApprove !== 'boolean') return;
      const levels = list.length;
      if (!autoApprove && levels === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels'],
          message: 'must list at least one approval level, unless autoApprove is true',
        });
      }
      if (autoApprove && levels > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels'],
          message: 'must be omitted when autoApprove is true: a standard change is approved without votes',
        });
      }
    },
    { when: (payload) => isRecord(payload.value) },
  );

/** The whole list; template names are unique, so a policy rule or a change request names one template. */
export const approvalTemplatesSchema = z
  .array(changeTemplateSchema, { error: 'must be a list of templates' })
  .superRefine(uniqueNames('approvalTemplates'), { when: (payload) => Array.isArray(payload.value) });

/** A template as the bot uses it: defaults applied, `expiresAfter` in milliseconds. */
export type ChangeTemplate = z.infer<typeof changeTemplateSchema>;
export type ChangeLevel = ChangeTemplate['levels'][number];
