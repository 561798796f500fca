import { analyze } from '../src/analysis.js';
import { quote, spanReport } from '../src/messages.js';
import { rewriteSlots } from '../src/rewrite.js';
import type { Rule } from '../src/types.js';

export const noVanityMetric: Rule = {
  meta: {
    id: 'no-vanity-metric',
    description: 'Disallow targets counted in fans, followers, downloads or other reach instead of outcomes',
    presets: { recommended: 'warning', strict: 'error' },
    category: 'measurability',
  },
  check({ document, report }) {
    for (const statement of document.statements) {
      const a = analyze(statement);
      const first = a.vanity[0];
      if (!first) continue;
      // Flag from a count just before the unit ("50,000 fans") to the unit.
      let from = first.from;
      for (let k = first.from - 1; k >= Math.max(0, first.from - 3); k--) if (a.words[k]?.isNumber) from = k;
      const start = a.words[from]?.start ?? first.start;
      const unit = first.unit;
      const { who, when } = rewriteSlots(statement, a);
      report(
        spanReport(
          statement,
          start,
          first.end,
          `${quote(statement.text)} counts ${unit.toLowerCase()}: reach and activity are not outcomes. Measure what changes for people instead.`,
          `<behaviour or outcome that ${unit.toLowerCase()} should lead to> for ${who}, from <baseline> to <target> ${when}`,
        ),
      );
    }
  },
};
