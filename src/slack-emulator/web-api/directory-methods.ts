// auth.test, users.* and usergroups.*: who the bot is, and the people and groups of the workspace.
import type { EmulatorState } from '../state/emulator-state.js';
import type { UserGroupSpec, UserSpec } from '../workspace-fixture.js';
import { paginate } from './paginate.js';
import { SlackApiError } from './slack-api-error.js';
import type { WebApiMethod } from './web-api-method.js';

/** A user object as users.info returns it; the bot user is one too. */
export function userObject(state: EmulatorState, user: UserSpec) {
  return {
    id: user.id,
    team_id: state.directory.team.id,
    name: user.name,
    real_name: user.realName,
    deleted: user.deleted,
    is_bot: false,
    is_app_user: false,
    is_admin: user.isAdmin,
    tz: user.tz,
    profile: {
      real_name: user.realName,
      display_name: user.name,
      title: user.title,
      ...(user.email ? { email: user.email } : {}),
      team: state.directory.team.id,
    },
  };
}

function botUserObject(state: EmulatorState) {
  const { bot, team, app } = state.directory;
  return {
    id: bot.userId,
    team_id: team.id,
    name: bot.name,
    real_name: bot.name,
    deleted: false,
    is_bot: true,
    is_app_user: false,
    is_admin: false,
    tz: 'UTC',
    profile: {
      real_name: bot.name,
      display_name: bot.name,
      bot_id: bot.botId,
      api_app_id: app.id,
      team: team.id,
    },
  };
}

function userGroupObject(state: EmulatorState, group: UserGroupSpec, includeUsers: boolean) {
  return {
    id: group.id,
    team_id: state.directory.team.id,
    is_usergroup: true,
    name: group.name,
    handle: group.handle,
    description: '',
    user_count: group.users.length,
    ...(includeUsers ? { users: group.users } : {}),
  };
}

export const DIRECTORY_METHODS: Record<string, WebApiMethod> = {
  'auth.test': ({ state }) => {
    const { team, bot } = state.directory;
    return {
      url: `https://${team.domain}.slack.com/`,
      team: team.name,
      user: bot.name,
      team_id: team.id,
      user_id: bot.userId,
      bot_id: bot.botId,
      is_enterprise_install: false,
    };
  },
  'users.info': ({ state, args }) => {
    const id = args.required('user', 'user_not_found');
    if (state.directory.isBotUser(id)) return { user: botUserObject(state) };
    const user = state.directory.user(id);
    if (!user) throw new SlackApiError('user_not_found');
    return { user: userObject(state, user) };
  },
  'users.list': ({ state, args }) => {
    const all = [...state.directory.users().map((user) => userObject(state, user)), botUserObject(state)];
    const { page, responseMetadata } = paginate(all, args, all.length);
    return { members: page, cache_ts: Math.floor(state.now() / 1000), response_metadata: responseMetadata };
  },
  'usergroups.list': ({ state, args }) => ({
    usergroups: state.directory
      .userGroups()
      .map((group) => userGroupObject(state, group, args.bool('include_users'))),
  }),
  'usergroups.users.list': ({ state, args }) => {
    const id = args.required('usergroup', 'no_such_subteam');
    const group = state.directory.userGroup(id);
    if (!group) throw new SlackApiError('no_such_subteam');
    return { users: group.users };
  },
};
