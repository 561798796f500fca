import { quote, statementReport, withoutTrailingPunctuation } from '../src/messages.js';
import { THRESHOLD_OPTION, verdict } from '../src/model/model.js';
import type { Rule } from '../src/types.js';

/**
 * A goal with no metric, target, baseline or date. Judged by the statement model (src/model/, label
 * `unmeasurable-goal`) for goals in which the structural reading finds no measure (src/analysis.ts,
 * rules/data/measures.json): the model sets aside what is not an intention at all, or is measured in words
 * the reading does not know.
 */
export const requireMeasurableGoal: Rule = {
  meta: {
    id: 'require-measurable-goal',
    description: 'Require every goal to state a metric, target, baseline or date',
    presets: { recommended: 'warning', strict: 'warning' },
    category: 'measurability',
    options: THRESHOLD_OPTION,
  },
  check({ document, options, report }) {
    for (const statement of document.statements) {
      if (statement.kind !== 'goal') continue;
      const v = verdict(statement, 'unmeasurable-goal', options.threshold);
      if (!v.flagged) continue;
      report({
        ...statementReport(
          statement,
          `Goal ${quote(statement.text)} has no metric, target, baseline or date. Say how success will be measured and by when.`,
          `${withoutTrailingPunctuation(statement.text)}, from <baseline> to <target> by <date>`,
        ),
        probability: v.p,
      });
    }
  },
};
