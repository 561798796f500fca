import { analyze } from '../src/analysis.js';
import { spanReport } from '../src/messages.js';
import { rewriteSlots } from '../src/rewrite.js';
import { valueMap } from '../src/valuemap.js';
import type { Rule } from '../src/types.js';

export const noUnlinkedTool: Rule = {
  meta: {
    id: 'no-unlinked-tool',
    description: 'Require every tool a plan names to be linked to a stakeholder and the value it brings them',
    presets: { recommended: 'warning', strict: 'error' },
    category: 'stakeholder-value',
  },
  check({ document, report }) {
    for (const tool of valueMap(document).tools) {
      if (tool.linked) continue;
      const { statement, tool: mention } = tool.first;
      const name = statement.text.slice(mention.start, mention.end);
      const { who, when } = rewriteSlots(statement, analyze(statement));
      const others = tool.mentions.length > 1 ? ` (named ${tool.mentions.length} times)` : '';
      report(
        spanReport(
          statement,
          mention.start,
          mention.end,
          `The plan names "${name}"${others} but never says whom it serves or what value it brings them. Link it to a stakeholder and an outcome, or drop it.`,
          `Use ${name} to <benefit> for ${who}, measured by <metric> ${when}`,
        ),
      );
    }
  },
};
