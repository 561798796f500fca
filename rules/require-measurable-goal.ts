import { analyze } from '../src/analysis.js';
import { quote, statementReport, withoutTrailingPunctuation } from '../src/messages.js';
import type { Rule } from '../src/types.js';


export const requireMeasurableGoal: Rule = {
  meta: {
    id: 'require-measurable-goal',
    description: 'Require every goal to state a metric, target, baseline or date',
    presets: { recommended: 'warning', strict: 'warning' },
    category: 'measurability',
  },
  check({ document, report }) {
    for (const statement of document.statements) {
      if (statement.kind !== 'goal') continue;
      if (analyze(statement).measurable) continue;
      report(
        statementReport(
          statement,
          `Goal ${quote(statement.text)} has no metric, target, baseline or date. Say how success will be measured and by when.`,
          `${withoutTrailingPunctuation(statement.text)}, from <baseline> to <target> by <date>`,
        ),
      );
    }
  },
};
