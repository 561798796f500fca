import { spanReport } from '../src/messages.js';
import { analyze, type ToolMention } from '../src/analysis.js';
import { isReported } from '../src/classify.js';
import type { Rule, Statement } from '../src/types.js';

export const noUnlinkedTool: Rule = {
  meta: {
    id: 'no-unlinked-tool',
    description: 'Require every tool a plan names to be linked to a stakeholder and the value it brings them',
    defaultSeverity: 'warning',
  },
  check({ document, report }) {
    const first = new Map<string, { statement: Statement; tool: ToolMention }>();
    const linked = new Set<string>();
    for (const statement of document.statements) {
      const a = analyze(statement);
      // A tool counted only as reach is reported once, by no-vanity-metric.
      if (a.vanity.some((v) => v.tool === undefined)) continue;
      // What someone else said is not the plan naming a tool.
      if (isReported(statement.text)) continue;
      for (const tool of a.tools) {
        if (tool.generic) continue;
        if (!first.has(tool.key)) first.set(tool.key, { statement, tool });
        if (a.linked) linked.add(tool.key);
      }
    }
    for (const [key, { statement, tool }] of first) {
      if (linked.has(key)) continue;
      report(
        spanReport(
          statement,
          tool.start,
          tool.end,
          `The plan names "${tool.name}" but never says whom it serves or what value it brings them. Link it to a stakeholder and an outcome, or drop it.`,
          `Use ${tool.name} to <benefit> for <stakeholder>, measured by <metric> by <date>`,
        ),
      );
    }
  },
};
