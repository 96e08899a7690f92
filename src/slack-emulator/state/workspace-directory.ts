// Who and where: the team, the app and its bot, users, user groups and channels (with lazily opened DMs).
import type { UserGroupSpec, UserSpec, WorkspaceFixture } from '../workspace-fixture.js';

export interface Channel {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  topic: string;
  purpose: string;
  members: Set<string>;
  /** Epoch seconds. */
  created: number;
  /** Archived channels keep their history and members; Slack refuses every new message in them (is_archived). */
  isArchived: boolean;
  /** Only admins may post (an announcement channel): Slack refuses the bot's posts (restricted_action_read_only_channel). */
  isReadOnly: boolean;
}

export class WorkspaceDirectory {
  readonly team: WorkspaceFixture['team'];
  readonly app: WorkspaceFixture['app'];
  readonly bot: WorkspaceFixture['bot'];
  private readonly usersById: Map<string, UserSpec>;
  private readonly groupsById: Map<string, UserGroupSpec>;
  private readonly channelsById = new Map<string, Channel>();

  constructor(fixture: WorkspaceFixture, createdAt: number) {
    this.team = fixture.team;
    this.app = fixture.app;
    this.bot = fixture.bot;
    this.usersById = new Map(fixture.users.map((user) => [user.id, user]));
    this.groupsById = new Map(fixture.userGroups.map((group) => [group.id, group]));
    for (const spec of fixture.channels) {
      this.channelsById.set(spec.id, {
        id: spec.id,
        name: spec.name,
        isPrivate: spec.private,
        isIm: false,
        topic: spec.topic,
        purpose: spec.purpose,
        members: new Set(spec.members),
        created: Math.floor(createdAt / 1000),
        isArchived: false,
        isReadOnly: false,
      });
    }
  }

  users(): UserSpec[] {
    return [...this.usersById.values()];
  }

  user(id: string): UserSpec | undefined {
    return this.usersById.get(id);
  }

  isBotUser(id: string): boolean {
    return id === this.bot.userId;
  }

  userGroups(): UserGroupSpec[] {
    return [...this.groupsById.values()];
  }

  userGroup(id: string): UserGroupSpec | undefined {
    return this.groupsById.get(id);
  }

  channels(): Channel[] {
    return [...this.channelsById.values()];
  }

  channel(id: string): Channel | undefined {
    return this.channelsById.get(id);
  }

  /** A channel id, or a user id meaning the DM between that user and the bot, as chat.postMessage accepts. */
  resolveChannel(idOrUser: string): Channel | undefined {
    if (this.usersById.has(idOrUser)) return this.imWith(idOrUser);
    return this.channelsById.get(idOrUser);
  }

  /** Archives a channel, as a member or an admin would; false when there is no such channel (DMs cannot be). */
  archive(id: string): boolean {
    const channel = this.channelsById.get(id);
    if (!channel || channel.isIm) return false;
    channel.isArchived = true;
    return true;
  }

  /** Lets only admins post in a channel, as a workspace's posting permissions can; false when there is none. */
  makeReadOnly(id: string): boolean {
    const channel = this.channelsById.get(id);
    if (!channel || channel.isIm) return false;
    channel.isReadOnly = true;
    return true;
  }

  /** What the bot can see: public channels, and private channels and DMs it is a member of. */
  botCanSee(channel: Channel): boolean {
    return !channel.isPrivate || channel.members.has(this.bot.userId);
  }

  /** The DM between a user and the bot (`D` + the user id's tail), opened on first use. */
  imWith(userId: string): Channel {
    const id = `D${userId.slice(1)}`;
    let channel = this.channelsById.get(id);
    if (!channel) {
      channel = {
        id,
        name: userId,
        isPrivate: true,
        isIm: true,
        topic: '',
        purpose: '',
        members: new Set([userId, this.bot.userId]),
        created: this.channels()[0]?.created ?? 0,
        isArchived: false,
        isReadOnly: false,
      };
      this.channelsById.set(id, channel);
    }
    return channel;
  }
}
