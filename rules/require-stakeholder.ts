import { analyze } from '../src/analysis.js';
import { loadLexicon } from '../src/lexicon.js';
import { quote, statementReport, withoutTrailingPunctuation } from '../src/messages.js';
import { findMatches, toWords } from '../src/words.js';
import type { Rule } from '../src/types.js';


export const requireStakeholder: Rule = {
  meta: {
    id: 'require-stakeholder',
    description: 'Require every goal to name the people it serves: customers, staff, partners, citizens…',
    presets: { recommended: 'off', strict: 'warning' },
    category: 'stakeholder-value',
  },
  check({ document, report }) {
    const lexicon = loadLexicon('stakeholders');
    const headingNames = new Map<number, boolean>();
    for (const statement of document.statements) {
      if (statement.kind !== 'goal' || analyze(statement).stakeholders.length > 0) continue;
      // "Goals for tenants": the section's heading names them for every goal in it.
      let named = headingNames.get(statement.section);
      if (named === undefined) {
        named = statement.headingPath.some((h) => findMatches(toWords(h), lexicon).length > 0);
        headingNames.set(statement.section, named);
      }
      if (named) continue;
      report(
        statementReport(
          statement,
          `Goal ${quote(statement.text)} names no one it serves. Say which stakeholders benefit — customers, staff, partners, suppliers, citizens — and how.`,
          `${withoutTrailingPunctuation(statement.text)}, so that <stakeholder> <benefit>`,
        ),
      );
    }
  },
};
