// Everything the emulator knows, built from one workspace fixture and one clock.
import type { WorkspaceFixture } from '../workspace-fixture.js';
import { CallCounter } from './call-counter.js';
import { ChangeFeed } from './change-feed.js';
import { FileStore } from './file-store.js';
import { MessageStore } from './message-store.js';
import { SlackIds } from './slack-ids.js';
import { TriggerIds } from './trigger-ids.js';
import { ViewStore } from './view-store.js';
import { WorkspaceDirectory } from './workspace-directory.js';

export class EmulatorState {
  readonly feed: ChangeFeed;
  readonly ids: SlackIds;
  readonly directory: WorkspaceDirectory;
  readonly messages: MessageStore;
  readonly files: FileStore;
  readonly views: ViewStore;
  readonly triggers: TriggerIds;
  readonly calls: CallCounter;
  private scopes: readonly string[] = [];
  /** The app's Home tab and event subscriptions, as its manifest configures them (none until configured). */
  appHome: { homeTabEnabled: boolean; botEvents: readonly string[] } = {
    homeTabEnabled: false,
    botEvents: [],
  };

  constructor(
    fixture: WorkspaceFixture,
    readonly now: () => number,
  ) {
    this.feed = new ChangeFeed(now);
    this.ids = new SlackIds(now);
    this.directory = new WorkspaceDirectory(fixture, now());
    this.messages = new MessageStore(this.feed, this.ids);
    this.files = new FileStore(this.ids, now);
    this.views = new ViewStore(this.feed, this.ids, this.directory);
    this.triggers = new TriggerIds(this.ids, now, teamNumber(fixture.team.id));
    this.calls = new CallCounter(this.feed);
  }

  /** The bot token's scopes, in the order granted: without the one a method needs, it answers missing_scope. */
  get grantedScopes(): readonly string[] {
    return this.scopes;
  }

  /** Replaces the bot token's scopes, as reinstalling the app with other scopes would. */
  grantScopes(scopes: readonly string[]): void {
    this.scopes = [...new Set(scopes)];
  }

  /** A short generated block_id or action_id, as Slack makes for blocks that have none. */
  generatedId(): string {
    return this.ids.id('').replace(/^0+/, '').padStart(4, 'x');
  }
}

/** Trigger ids carry a numeric team part; derive a stable one from the team id. */
function teamNumber(teamId: string): number {
  let hash = 0;
  for (const char of teamId) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000_000;
  return hash;
}
