import { analyze } from '../src/analysis.js';
import { spanReport } from '../src/messages.js';
import { THRESHOLD_OPTION, verdict } from '../src/model/model.js';
import { rewriteSlots } from '../src/rewrite.js';
import { valueMap } from '../src/valuemap.js';
import type { Rule } from '../src/types.js';

/**
 * A tool the plan never links to a stakeholder and the value it brings them, once per tool. Each statement
 * is judged by the statement model (src/model/, label `unlinked-tool`); a tool the structural reading finds
 * in it (rules/data/tools.json, product names) is reported only when no statement of the plan links it to
 * anyone (the value map, src/valuemap.ts). A flagged statement that names no such tool is not reported: the
 * finding must name the tool (tried: the word that weighed most in the judgement was often no tool at all).
 */
export const noUnlinkedTool: Rule = {
  meta: {
    id: 'no-unlinked-tool',
    description: 'Require every tool a plan names to be linked to a stakeholder and the value it brings them',
    presets: { recommended: 'warning', strict: 'error' },
    category: 'stakeholder-value',
    options: THRESHOLD_OPTION,
  },
  check({ document, options, report }) {
    const byKey = new Map(valueMap(document).tools.map((t) => [t.key, t]));
    const reported = new Set<string>();
    for (const statement of document.statements) {
      const v = verdict(statement, 'unlinked-tool', options.threshold);
      if (!v.flagged) continue;
      const a = analyze(statement);
      // A tool some statement of the plan links to people and value is not reported.
      const tool = a.tools.find((t) => !t.generic && byKey.get(t.key)?.linked === false && !reported.has(t.key));
      if (!tool) continue;
      const { start, end, key } = tool;
      const mentions = byKey.get(key)?.mentions.length ?? 1;
      reported.add(key);
      const name = statement.text.slice(start, end);
      const { who, when } = rewriteSlots(statement, a);
      const others = mentions > 1 ? ` (named ${mentions} times)` : '';
      report({
        ...spanReport(
          statement,
          start,
          end,
          `The plan names "${name}"${others} but never says whom it serves or what value it brings them. Link it to a stakeholder and an outcome, or drop it.`,
          `Use ${name} to <benefit> for ${who}, measured by <metric> ${when}`,
        ),
        probability: v.p,
      });
    }
  },
};
