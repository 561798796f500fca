/** Every rule planlint ships, in the order `planlint rules` lists them. */
import { noToolAsGoal } from '../rules/no-tool-as-goal.js';
import { noPlatitude } from '../rules/no-platitude.js';
import { noUnlinkedTool } from '../rules/no-unlinked-tool.js';
import { noVanityMetric } from '../rules/no-vanity-metric.js';
import { requireMeasurableGoal } from '../rules/require-measurable-goal.js';
import { noBuzzword } from '../rules/no-buzzword.js';
import { noTrendJustification } from '../rules/no-trend-justification.js';
import { maxPriorities } from '../rules/max-priorities.js';
import { requireOwner } from '../rules/require-owner.js';
import { requireDiagnosis } from '../rules/require-diagnosis.js';
import { requireStakeholder } from '../rules/require-stakeholder.js';
import type { Rule } from './types.js';

export const rules: readonly Rule[] = [
  noToolAsGoal,
  noPlatitude,
  noUnlinkedTool,
  noVanityMetric,
  requireMeasurableGoal,
  noBuzzword,
  noTrendJustification,
  maxPriorities,
  requireOwner,
  requireDiagnosis,
  requireStakeholder,
];

export function getRule(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
