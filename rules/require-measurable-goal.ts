import { analyze } from '../src/analysis.js';
import { quote, statementReport } from '../src/messages.js';
import type { Rule } from '../src/types.js';

/** Full stops, semicolons, colons and white space ending a statement; the lookbehind tries the run only from its start, keeping the match linear. */
const TRAILING_PUNCTUATION = /(?<![.;:\s])[.;:\s]+$/;

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
          `${statement.text.replace(TRAILING_PUNCTUATION, '')}, from <baseline> to <target> by <date>`,
        ),
      );
    }
  },
};
