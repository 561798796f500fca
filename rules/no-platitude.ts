import { analyze } from '../src/analysis.js';
import { quote, statementReport } from '../src/messages.js';
import { drivingWords, THRESHOLD_OPTION, verdict } from '../src/model/model.js';
import { rewriteSlots } from '../src/rewrite.js';
import type { Rule } from '../src/types.js';

/**
 * A statement nobody would argue the opposite of. The judgement is the statement model's (src/model/, label
 * `platitude`); the message names the platitude phrases of rules/data/platitudes.json the statement holds,
 * else the words that weighed most in the model's judgement.
 */
export const noPlatitude: Rule = {
  meta: {
    id: 'no-platitude',
    description: 'Disallow statements nobody would argue the opposite of and that commit to nothing',
    presets: { recommended: 'warning', strict: 'warning' },
    category: 'substance',
    options: THRESHOLD_OPTION,
  },
  check({ document, options, report }) {
    for (const statement of document.statements) {
      if (statement.kind === 'metric') continue;
      const v = verdict(statement, 'platitude', options.threshold);
      if (!v.flagged) continue;
      const a = analyze(statement);
      let phrases = [...new Set(a.platitudes.map((m) => statement.text.slice(m.start, m.end)))];
      if (phrases.length === 0) phrases = drivingWords(v.judgement, 'platitude', 2).map((w) => w.raw);
      const { who, when } = rewriteSlots(statement, a);
      report({
        ...statementReport(
          statement,
          `${quote(statement.text)} is a platitude${phrases.length ? ` (${phrases.map((p) => `"${p}"`).join(', ')})` : ''}: no one would argue the opposite. Name who benefits, how, and by how much.`,
          `<change> for ${who}, through <mechanism>, from <baseline> to <target> ${when}`,
        ),
        probability: v.p,
      });
    }
  },
};
