// Every action_id, callback_id and block_id the bot puts into Slack, in one place, so listeners and
// renderers cannot drift apart.

export const ActionId = {
  /** Parent run message: stop every child execution (value: run id). */
  cancelRun: 'run.cancel',
  /** Run thread (parent message, failure notices): run the targets that did not succeed again, as the clicker (value: run id). */
  retryFailed: 'run.retry-failed',
  /** Finished parent run message: the whole run again, as the clicker (value: run id). */
  runAgain: 'run.run-again',
  /** Parent run message: show the run's status as an ephemeral message (value: run id). */
  showRunStatus: 'run.status',
  /** Runbook picker modal: the runbook select (dispatches, so the form follows the choice). */
  pickRunbook: 'run-modal.runbook',
  /** Run form: the account multi-select that loads options through block_suggestion. */
  selectAccounts: 'run-modal.accounts',
  selectOrganizationalUnits: 'run-modal.ous',
  selectRegions: 'run-modal.regions',
  selectMode: 'run-modal.mode',
  concurrency: 'run-modal.concurrency',
  maxErrors: 'run-modal.max-errors',
  reason: 'run-modal.reason',
  /** Run form: the "raise as an emergency change" checkbox. */
  emergency: 'run-modal.emergency',
  /** Run form: the window of a scheduled change (datetimepickers, unix seconds). */
  startAt: 'run-modal.start-at',
  endBy: 'run-modal.end-by',
  /** Confirmation view: back to the run form, filled as it was submitted. */
  backToRunForm: 'run-modal.back',
  /** Run form: one input per runbook parameter; the block_id carries the parameter name. */
  parameter: 'run-modal.parameter',
  /** Change request message (value: change id). */
  approveChange: 'change.approve',
  /** Opens the rejection modal for the reason (value: change id). */
  rejectChange: 'change.reject',
  /** The requester takes the request back (value: change id). */
  withdrawChange: 'change.withdraw',
  /** Rejection modal: the reason input. */
  rejectionReason: 'change.reject.reason',
  /** App Home: opens the run modal. */
  homeRunRunbook: 'home.run',
  /** App Home: opens a modal of recent runs. */
  homeHistory: 'home.history',
  /** `/ssm compliance` answer: upload a CSV of every non-compliant instance (value: the scope, compliance-button-value.ts). */
  complianceDownload: 'compliance.download',
  /** `/ssm compliance` answer: request a run of the patch runbook on the non-compliant places (value: the scope). */
  compliancePatch: 'compliance.patch',
} as const;

export const CallbackId = {
  runbookPicker: 'run-modal.pick',
  runForm: 'run-modal.form',
  runConfirmation: 'run-modal.confirm',
  /** private_metadata: the change id and the channel (change-modal/rejection-metadata.ts). */
  changeRejection: 'change.reject-modal',
} as const;

/** block_ids of the run form, which `response_action: errors` must name. */
export const BlockId = {
  runbook: 'runbook',
  accounts: 'accounts',
  organizationalUnits: 'ous',
  regions: 'regions',
  mode: 'mode',
  concurrency: 'concurrency',
  maxErrors: 'max-errors',
  reason: 'reason',
  emergency: 'emergency',
  startAt: 'start-at',
  endBy: 'end-by',
  rejectionReason: 'rejection-reason',
  /**
   * The buttons of a run's parent message and of a change request. Fixed, not left to Slack: Slack gives a block
   * without one a new random id on every edit, so a click made on the message as it was before an edit (a
   * confirm dialog left open while progress updates) would name a block that no longer exists.
   */
  runActions: 'run-actions',
  /** The Retry failed button of a failure notice or a grouped run's failure summary (fixed: the summary is edited). */
  failureActions: 'failure-actions',
  /** The confirmation view's Back button. */
  confirmationActions: 'confirmation-actions',
  changeActions: 'change-actions',
  /** The Download and Patch buttons of a `/ssm compliance` answer and of the App Home compliance card. */
  complianceActions: 'compliance-actions',
  /** App Home: its Run and History buttons. */
  homeActions: 'home-actions',
  /** App Home: one change's Approve and Reject (one block per change, so each id is unique in the view). */
  homeChangeActions: (changeId: string) => `home-change:${changeId}`,
  /** `param:InstanceId` */
  parameter: (name: string) => `param:${name}`,
  parameterName: (blockId: string) => (blockId.startsWith('param:') ? blockId.slice(6) : undefined),
} as const;
