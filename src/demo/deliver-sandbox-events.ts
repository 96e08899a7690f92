// Wires the sandbox's EventBridge to the demo bot as `ssm-chatops events setup` would in AWS, so failures of
// executions nobody started from Slack reach the notifications channel.
import { randomBytes } from 'node:crypto';
import { placeLabel } from '../aws/events/event-delivery.js';
import { manageEventDelivery } from '../aws/events/manage-event-delivery.js';
import type { Config } from '../config/load-config.js';

/** A secret of this demo's own: the connection sends it, the bot's POST /aws/events checks it. */
export function demoEventsSecret(): string {
  return randomBytes(24).toString('base64url');
}

export interface SandboxEventDelivery {
  config: Config;
  sandboxUrl: string;
  /** The bot's identity in the sandbox's operations account. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  secret: string;
  /** Where the bot serves POST /aws/events: known only once it listens. */
  endpointUrl: string;
}

/** Creates the buses, rules, connection and API destination; throws naming the first place that failed. */
export async function deliverSandboxEvents(delivery: SandboxEventDelivery): Promise<void> {
  const { aws, events } = delivery.config.file;
  const homeRegion = aws.homeRegion ?? 'ap-northeast-1';
  const outcome = await manageEventDelivery({
    action: 'setup',
    dryRun: false,
    aws: { homeRegion, endpoint: delivery.sandboxUrl, credentials: delivery.credentials },
    settings: {
      homeRegion,
      busName: events.busName,
      headerName: events.headerName,
      secret: delivery.secret,
      endpointUrl: delivery.endpointUrl,
      regions: events.regions.length > 0 ? events.regions : aws.regions,
      forwardRoleName: events.forwardRoleName,
      invokeRoleName: events.invokeRoleName,
    },
    setupRoleName: events.setupRoleName,
    externalId: aws.externalId,
  });
  const [unreachable] = outcome.plan.unreachable;
  if (unreachable) throw new Error(`could not read ${placeLabel(unreachable.place)}: ${unreachable.reason}`);
  const [failed] = outcome.report?.failed ?? [];
  if (failed)
    throw new Error(
      `${placeLabel(failed.action.place)}: could not ${failed.action.sentence}: ${failed.reason}`,
    );
}
