import { analyze } from '../src/analysis.js';
import { quote, statementReport } from '../src/messages.js';
import type { Rule } from '../src/types.js';

/** Weight of platitude phrases at and above which a statement with no numeric target is a platitude. */
const THRESHOLD = 2;

export const noPlatitude: Rule = {
  meta: {
    id: 'no-platitude',
    description: 'Disallow statements nobody would argue the opposite of and that commit to nothing',
    defaultSeverity: 'warning',
  },
  check({ document, report }) {
    for (const statement of document.statements) {
      if (statement.kind === 'metric') continue;
      const a = analyze(statement);
      if (a.platitudeWeight < THRESHOLD || a.numericTarget) continue;
      const phrases = [...new Set(a.platitudes.map((m) => statement.text.slice(m.start, m.end)))];
      const who = a.stakeholders[0]?.entry.term ?? '<stakeholder>';
      report(
        statementReport(
          statement,
          `${quote(statement.text)} is a platitude (${phrases.map((p) => `"${p}"`).join(', ')}): no one would argue the opposite. Name who benefits, how, and by how much.`,
          `<change> for ${who}, through <mechanism>, from <baseline> to <target> by <date>`,
        ),
      );
    }
  },
};
