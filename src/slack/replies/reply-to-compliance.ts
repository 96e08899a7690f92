// The ephemeral answers of `/ssm compliance` and its buttons: the summary, what was wrong, what was shared or asked.
import { SUBCOMMAND_USAGE } from '../../core/command/ssm-command.js';
import type { TargetProblem } from '../../core/targets/resolve-targets.js';
import type { DownloadResult, PatchResult } from '../../use-cases/act-on-compliance.js';
import type { ComplianceAnswer } from '../../use-cases/show-compliance.js';
import { plural } from '../render/plural.js';
import { renderCompliance } from '../render/render-compliance.js';
import { renderProblems } from '../render/render-problems.js';
import { type SlackMessage, sectionMessage } from '../render/slack-message.js';
import { replyToRunRequest } from './reply-to-run-request.js';

const problems = (targetProblems: TargetProblem[]) =>
  renderProblems({
    title: "Can't show compliance there",
    problems: targetProblems,
    usage: SUBCOMMAND_USAGE.compliance,
    help: '/ssm help compliance',
  });

const NOTHING = sectionMessage('Every instance there is compliant now: nothing to download or patch.');

/** Nothing is cached yet: the whole organization is read now, and the answer follows (minutes on a large one). */
export function replyToComplianceFirstRead(places: number): SlackMessage {
  return sectionMessage(
    `:hourglass_flowing_sand: Nothing has been read yet: reading patch compliance in ${plural(places, 'account × region place')} now. The answer follows here; later ones come from this read, with its age.`,
  );
}

export function replyToCompliance(answer: ComplianceAnswer, patchRunbook: string, now: Date): SlackMessage {
  return answer.kind === 'problems' ? problems(answer.problems) : renderCompliance(answer, patchRunbook, now);
}

export function replyToComplianceDownload(result: DownloadResult): SlackMessage {
  switch (result.kind) {
    case 'problems':
      return problems(result.problems);
    case 'nothing-non-compliant':
      return NOTHING;
    case 'shared':
      return sectionMessage(
        `The CSV of ${plural(result.instances, 'non-compliant instance')} is being shared in this conversation.`,
      );
  }
}

export function replyToCompliancePatch(result: PatchResult): SlackMessage {
  switch (result.kind) {
    case 'problems':
      return problems(result.problems);
    case 'nothing-non-compliant':
      return NOTHING;
    case 'requested':
      return replyToRunRequest(result.result);
  }
}
