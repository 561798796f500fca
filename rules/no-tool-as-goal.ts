import { analyze } from '../src/analysis.js';
import { quote, statementReport } from '../src/messages.js';
import { rewriteSlots } from '../src/rewrite.js';
import type { Rule } from '../src/types.js';

/** A goal whose aim is a tool, channel or technology, with no stated purpose for anyone. */
export const noToolAsGoal: Rule = {
  meta: {
    id: 'no-tool-as-goal',
    description: 'Disallow goals whose aim is a tool, channel or technology rather than value for someone',
    presets: { recommended: 'error', strict: 'error' },
    category: 'focus',
  },
  check({ document, report }) {
    for (const statement of document.statements) {
      const a = analyze(statement);
      // Reach counted as success ("50,000 fans on Facebook") is reported once, as a vanity metric.
      if (a.aims.length === 0 || a.vanity.some((v) => v.tool === undefined)) continue;
      // Goals and initiatives are judged on their aim; any statement on claims of being a tool-led organisation.
      const aims =
        statement.kind === 'goal' || statement.kind === 'initiative'
          ? a.aims
          : a.aims.filter((x) => ['position', 'identity', 'centrality', 'presence', 'usage-count'].includes(x.how));
      const first = aims[0];
      if (!first) continue;
      const tool = statement.text.slice(first.tool.start, first.tool.end);
      const { who, when, outcome } = rewriteSlots(statement, a);
      report(
        statementReport(
          statement,
          `${quote(statement.text)} makes a tool (${tool}) the goal. Say what it achieves for whom, and move ${tool} to the means.`,
          `${outcome} for ${who}, measured by <metric> ${when} — using ${tool} as a means`,
        ),
      );
    }
  },
};
