/** Every rule planlint ships, in the order `planlint rules` lists them. */
import { noToolAsGoal } from '../rules/no-tool-as-goal.js';
import { noPlatitude } from '../rules/no-platitude.js';
import { noUnlinkedTool } from '../rules/no-unlinked-tool.js';
import { noVanityMetric } from '../rules/no-vanity-metric.js';
import { requireMeasurableGoal } from '../rules/require-measurable-goal.js';
import type { Rule } from './types.js';

export const rules: readonly Rule[] = [noToolAsGoal, noPlatitude, noUnlinkedTool, noVanityMetric, requireMeasurableGoal];

export function getRule(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
