// The `/ssm doctor` message: posted at once (so a channel the bot cannot post in is said right away), edited as
// accounts are checked (the outbox paces and coalesces the chat.update calls), and ended with the verdict.
import type { DoctorReport } from '../core/doctor/diagnose-organization.js';
import type { FirstDelivery, FlowLog, SlackOutbox } from '../ports.js';
import {
  type DoctorProgressView,
  renderDoctorFailure,
  renderDoctorProgress,
  renderDoctorResult,
} from './render/render-doctor-report.js';

/** At most one progress edit per this many ms: people cannot read faster, and Slack allows about one a second. */
const PROGRESS_EDIT_EVERY_MS = 2_000;

export class SlackDoctorMessage {
  private revision = 0;
  /** Upserts in order, so the verdict is never overtaken by a late progress edit. */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly outbox: SlackOutbox,
    private readonly logger: FlowLog,
    private readonly key: string,
    private readonly channel: string,
  ) {}

  start(): Promise<FirstDelivery> {
    return this.outbox.deliverNow(
      this.message(renderDoctorProgress({ checkedAccounts: 0, totalAccounts: 0 })),
    );
  }

  progress(progress: DoctorProgressView): void {
    const message = this.message(renderDoctorProgress(progress));
    this.pending = this.pending
      .then(() => this.outbox.upsert({ ...message, editEveryMs: PROGRESS_EDIT_EVERY_MS }))
      .catch((error) => this.logger.warn({ err: error, key: this.key }, 'a doctor progress edit failed'));
  }

  async finish(report: DoctorReport): Promise<void> {
    await this.pending;
    await this.outbox.upsert({ ...this.message(renderDoctorResult(report)), final: true });
  }

  /** The check threw: the message says it did not finish, instead of showing progress forever. */
  async fail(): Promise<void> {
    await this.pending;
    await this.outbox.upsert({ ...this.message(renderDoctorFailure()), final: true });
  }

  private message(content: { text: string; blocks: unknown[] }) {
    return { key: this.key, channel: this.channel, content, revision: ++this.revision };
  }
}
