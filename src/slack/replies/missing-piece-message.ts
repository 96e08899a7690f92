// One sentence per missing piece of a run request.
import type { MissingPiece } from '../../use-cases/plan-run.js';

export function missingPieceMessage(piece: MissingPiece): string {
  if (piece === 'runbook') return 'Name the runbook: `/ssm run <runbook> …` (`/ssm list` shows yours).';
  if (piece === 'targets')
    return 'Say where: `--accounts 333333333301,payments-prod`, `--ou ou-…` or `--accounts all`.';
  return `\`${piece.parameter}\` is required: add \`${piece.parameter}=…\`.`;
}
