/** Output of `planlint map`: the value map as text or JSON. */
import type { ChalkInstance } from 'chalk';
import type { ValueMap } from '../valuemap.js';

function lines(ns: number[]): string {
  return ns.length === 1 ? `line ${ns[0]}` : `lines ${ns.join(', ')}`;
}

/** The map as data: no parse objects, only text and line numbers. */
export function mapData(filePath: string, map: ValueMap): object {
  return {
    filePath,
    tools: map.tools.map((t) => ({
      tool: t.name,
      linked: t.linked,
      mentions: t.mentions.map((m) => ({ line: m.line, column: m.column })),
      stakeholders: t.stakeholders,
      values: t.values,
    })),
    stakeholderGroups: { mentioned: map.groupsMentioned, missing: map.groupsMissing },
  };
}

export function mapText(filePath: string, map: ValueMap, color: ChalkInstance): string {
  const out = [color.underline(filePath), ''];
  if (map.tools.length === 0) out.push('  The plan names no tool, channel or technology.');
  for (const t of map.tools) {
    const where = lines([...new Set(t.mentions.map((m) => m.line))]);
    if (!t.linked) {
      out.push(`  ${color.bold(t.name)} ${color.dim(`(${where})`)}  ${color.red('✖ linked to no stakeholder and no value')}`);
      continue;
    }
    out.push(`  ${color.bold(t.name)} ${color.dim(`(${where})`)}`);
    for (const s of t.stakeholders) out.push(`    → for ${s.text} ${color.dim(`(${lines(s.lines)})`)}`);
    for (const v of t.values) out.push(`    → value: ${v.text} ${color.dim(`(${lines(v.lines)})`)}`);
  }
  out.push('');
  out.push(`  Stakeholder groups named: ${map.groupsMentioned.length > 0 ? map.groupsMentioned.join(', ') : 'none'}`);
  out.push(`  Never mentioned: ${map.groupsMissing.length > 0 ? color.yellow(map.groupsMissing.join(', ')) : 'none'}`);
  return out.join('\n') + '\n';
}
