import { analyze, type ToolMention } from '../src/analysis.js';
import { quote, statementReport } from '../src/messages.js';
import { THRESHOLD_OPTION, verdict } from '../src/model/model.js';
import { rewriteSlots } from '../src/rewrite.js';
import type { Rule } from '../src/types.js';

/**
 * A goal whose aim is a tool, channel or technology, with no stated purpose for anyone. The judgement is the
 * statement model's (src/model/, label `tool-as-goal`, judged only for statements that name a tool); the
 * structural reading (src/analysis.ts) picks the tool the message names: the one made the aim, if found.
 */
export const noToolAsGoal: Rule = {
  meta: {
    id: 'no-tool-as-goal',
    description: 'Disallow goals whose aim is a tool, channel or technology rather than value for someone',
    presets: { recommended: 'error', strict: 'error' },
    category: 'focus',
    options: THRESHOLD_OPTION,
  },
  check({ document, options, report }) {
    for (const statement of document.statements) {
      // Goals and initiatives are judged; other statements only when they claim a tool-led identity.
      const a = analyze(statement);
      const goalLike = statement.kind === 'goal' || statement.kind === 'initiative';
      if (!goalLike && !a.aims.some((x) => ['position', 'identity', 'centrality', 'presence'].includes(x.how))) continue;
      // Reach counted as success ("50,000 fans on Facebook") is reported once, as a vanity metric.
      if (a.tools.length === 0 || a.vanity.some((x) => x.tool === undefined)) continue;
      // A tool as the means to a measured value for named people ("…in the app, cutting missed appointments
      // from 8.5% to 5%") is what the rule asks for, whatever the model makes of its words.
      if (a.linked && a.numericTarget) continue;
      const v = verdict(statement, 'tool-as-goal', options.threshold);
      if (!v.flagged) continue;
      const first: ToolMention = a.aims[0]?.tool ?? a.tools.find((t) => !t.generic) ?? (a.tools[0] as ToolMention);
      const tool = statement.text.slice(first.start, first.end);
      const { who, when, outcome } = rewriteSlots(statement, a);
      report({
        ...statementReport(
          statement,
          `${quote(statement.text)} makes a tool (${tool}) the goal. Say what it achieves for whom, and move ${tool} to the means.`,
          `${outcome} for ${who}, measured by <metric> ${when} — using ${tool} as a means`,
        ),
        probability: v.p,
      });
    }
  },
};
