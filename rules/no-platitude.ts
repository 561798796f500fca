import { analyze, isPlatitude } from '../src/analysis.js';
import { quote, statementReport } from '../src/messages.js';
import { rewriteSlots } from '../src/rewrite.js';
import type { Rule } from '../src/types.js';

export const noPlatitude: Rule = {
  meta: {
    id: 'no-platitude',
    description: 'Disallow statements nobody would argue the opposite of and that commit to nothing',
    presets: { recommended: 'warning', strict: 'warning' },
    category: 'substance',
  },
  check({ document, report }) {
    for (const statement of document.statements) {
      if (statement.kind === 'metric') continue;
      const a = analyze(statement);
      if (!isPlatitude(a)) continue;
      const phrases = [...new Set(a.platitudes.map((m) => statement.text.slice(m.start, m.end)))];
      const { who, when } = rewriteSlots(statement, a);
      report(
        statementReport(
          statement,
          `${quote(statement.text)} is a platitude (${phrases.map((p) => `"${p}"`).join(', ')}): no one would argue the opposite. Name who benefits, how, and by how much.`,
          `<change> for ${who}, through <mechanism>, from <baseline> to <target> ${when}`,
        ),
      );
    }
  },
};
