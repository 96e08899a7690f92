// ComplianceFiles over the outbox: a post-only file share, keyed so a retried click shares once.
import type { ComplianceFiles, SlackOutbox } from '../ports.js';

export class SlackComplianceFiles implements ComplianceFiles {
  constructor(private readonly outbox: SlackOutbox) {}

  async share({ key, channel, comment, file }: Parameters<ComplianceFiles['share']>[0]): Promise<void> {
    await this.outbox.upsert({
      key,
      channel,
      content: { text: comment, files: [file] },
      postOnly: true,
      final: true,
    });
  }
}
