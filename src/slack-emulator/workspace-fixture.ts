// The workspace fixture: one YAML file with the team, app, bot, users, user groups and channels, parsed once
// with errors that name the key.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const userId = z.string().regex(/^[UW][0-9A-Z]{2,}$/, 'must be a Slack user id such as U0ABC12345');
const channelId = z.string().regex(/^[CG][0-9A-Z]{2,}$/, 'must be a Slack channel id such as C0ABC12345');

const userSchema = z.object({
  id: userId,
  name: z.string().regex(/^[a-z0-9._-]+$/, 'must be a lower-case handle'),
  realName: z.string().min(1),
  title: z.string().default(''),
  email: z.string().optional(),
  tz: z.string().default('UTC'),
  isAdmin: z.boolean().default(false),
  deleted: z.boolean().default(false),
});

const userGroupSchema = z.object({
  id: z.string().regex(/^S[0-9A-Z]{2,}$/, 'must be a user group id such as S0ABC12345'),
  handle: z.string().regex(/^[a-z0-9._-]+$/, 'must be a lower-case handle without @'),
  name: z.string().min(1),
  users: z.array(userId).default([]),
});

const channelSchema = z.object({
  id: channelId,
  name: z.string().regex(/^[a-z0-9_-]{1,80}$/, 'must be a channel name without #'),
  private: z.boolean().default(false),
  topic: z.string().default(''),
  purpose: z.string().default(''),
  members: z.array(userId).default([]),
});

export const workspaceFixtureSchema = z
  .object({
    team: z.object({
      id: z.string().regex(/^T[0-9A-Z]{2,}$/, 'must be a team id such as T0ABC12345'),
      name: z.string().min(1),
      domain: z.string().regex(/^[a-z0-9-]+$/, 'must be a workspace subdomain'),
    }),
    app: z
      .object({
        id: z.string().regex(/^A[0-9A-Z]{2,}$/, 'must be an app id such as A0ABC12345'),
        verificationToken: z.string().min(1).describe('the deprecated `token` field sent in payloads'),
        signingSecret: z.string().min(1),
        appToken: z
          .string()
          .startsWith('xapp-', 'must be an app-level token starting with xapp-')
          .optional()
          .describe('the app-level token that opens Socket Mode connections (apps.connections.open)'),
      })
      // Workspaces written before Socket Mode have no app token: give them one, so every workspace can connect.
      .transform((app) => ({ ...app, appToken: app.appToken ?? `xapp-1-${app.id}-emulator-app-token` })),
    bot: z.object({
      userId,
      botId: z.string().regex(/^B[0-9A-Z]{2,}$/, 'must be a bot id such as B0ABC12345'),
      name: z.string().min(1),
      token: z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-'),
    }),
    users: z.array(userSchema).min(1),
    userGroups: z.array(userGroupSchema).default([]),
    channels: z.array(channelSchema).min(1),
  })
  .superRefine((fixture, ctx) => {
    const userIds = new Set([fixture.bot.userId, ...fixture.users.map((user) => user.id)]);
    const unique = (ids: string[], path: (string | number)[]) => {
      const seen = new Set<string>();
      ids.forEach((id, index) => {
        if (seen.has(id))
          ctx.addIssue({ code: 'custom', message: `duplicate id ${id}`, path: [...path, index] });
        seen.add(id);
      });
    };
    unique(
      fixture.users.map((user) => user.id),
      ['users'],
    );
    unique(
      fixture.channels.map((channel) => channel.id),
      ['channels'],
    );
    const known = (ids: string[], path: (string | number)[]) => {
      ids.forEach((id, index) => {
        if (!userIds.has(id))
          ctx.addIssue({ code: 'custom', message: `unknown user ${id}`, path: [...path, index] });
      });
    };
    for (const [index, group] of fixture.userGroups.entries())
      known(group.users, ['userGroups', index, 'users']);
    for (const [index, channel] of fixture.channels.entries())
      known(channel.members, ['channels', index, 'members']);
  });

export type WorkspaceFixture = z.infer<typeof workspaceFixtureSchema>;
export type UserSpec = WorkspaceFixture['users'][number];
export type UserGroupSpec = WorkspaceFixture['userGroups'][number];
export type ChannelSpec = WorkspaceFixture['channels'][number];

export class WorkspaceFixtureError extends Error {
  override readonly name = 'WorkspaceFixtureError';
}

const here = dirname(fileURLToPath(import.meta.url));
/** The workspace that ships with the project (same depth from src/ and dist/). */
export const DEFAULT_WORKSPACE_PATH = resolve(here, '../../fixtures/slack/workspace.yml');

export function loadWorkspaceFixture(path = DEFAULT_WORKSPACE_PATH): WorkspaceFixture {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new WorkspaceFixtureError(
      `cannot read Slack workspace fixture ${path}: ${(error as Error).message}`,
    );
  }
  return parseWorkspaceFixture(raw, path);
}

export function parseWorkspaceFixture(raw: unknown, source = 'workspace fixture'): WorkspaceFixture {
  const result = workspaceFixtureSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new WorkspaceFixtureError(`invalid Slack workspace fixture ${source}:\n${problems.join('\n')}`);
  }
  return result.data;
}
