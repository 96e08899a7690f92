// The readiness check's settings from the validated configuration: role names, modes in use, calendars, channels.

import type { OrganizationInspectorSettings } from '../aws/aws-organization-inspector.js';
import type { Config } from '../config/load-config.js';
import type { DoctorSettings } from '../core/doctor/readiness-problem.js';
import { runSettingsFromConfig } from './run-settings-from-config.js';

export interface DoctorConfiguration {
  settings: DoctorSettings & OrganizationInspectorSettings;
  /** aws.regions, else the home region: where runs may go. */
  regions: string[];
  /** Every Change Calendar an approval template names, once. */
  calendars: string[];
  /** The configured channels the bot posts to. */
  channels: Array<{ channelId: string; purpose: string }>;
}

export function doctorSettingsFromConfig(config: Config): DoctorConfiguration {
  const run = runSettingsFromConfig(config);
  const { aws, runs, slack, approvalTemplates } = config.file;
  const modesInUse = [...new Set([runs.defaultMode, ...Object.values(runs.modeByRunbook)])];
  const channels = [
    ...(slack.channels.approvals ? [{ channelId: slack.channels.approvals, purpose: 'approvals' }] : []),
    ...(slack.channels.notifications
      ? [{ channelId: slack.channels.notifications, purpose: 'notifications' }]
      : []),
    ...approvalTemplates.flatMap((template) =>
      template.approvalsChannel
        ? [{ channelId: template.approvalsChannel, purpose: `${template.name} approvals` }]
        : [],
    ),
  ];
  return {
    settings: {
      homeRegion: run.homeRegion,
      administrationRoleName: aws.administrationRoleName,
      executionRoleName: aws.executionRoleName,
      fanOutRoleName: aws.fanOutRoleName,
      readRoleName: aws.readRoleName,
      ...(aws.externalId !== undefined && { externalId: aws.externalId }),
      modesInUse,
    },
    regions: run.enabledRegions,
    calendars: [...new Set(approvalTemplates.flatMap((template) => template.calendars ?? []))],
    channels: channels.filter(
      (channel, index) => channels.findIndex((other) => other.channelId === channel.channelId) === index,
    ),
  };
}
