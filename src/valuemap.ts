/**
 * The value map: for every tool a plan names, the stakeholders and outcomes its statements link it to,
 * and which tools are linked to nobody; then the stakeholder groups the plan never mentions.
 * no-unlinked-tool reports from this map, so the map and the rule always agree.
 */
import { analyze, type ToolMention } from './analysis.js';
import { isReported } from './classify.js';
import { loadLexicon } from './lexicon.js';
import type { PlanDocument, Statement } from './types.js';

export interface MapMention {
  line: number;
  column: number;
  /** The statement that names the tool. */
  statement: string;
}

export interface MapLink {
  /** A stakeholder ("tenants") or an outcome ("so that tenants can report repairs in two minutes"). */
  text: string;
  lines: number[];
}

export interface MapTool {
  /** The tool as the plan first names it. */
  name: string;
  /** Stem key shared by all the ways the plan names it ("app", "apps"). */
  key: string;
  mentions: MapMention[];
  stakeholders: MapLink[];
  values: MapLink[];
  /** Whether any statement links the tool to a stakeholder and the value it brings them. */
  linked: boolean;
  /** Where the plan first names the tool, for reporting. */
  first: { statement: Statement; tool: ToolMention };
}

export interface ValueMap {
  tools: MapTool[];
  /** Stakeholder groups (customers, employees, partners, suppliers, citizens, investors) the plan names. */
  groupsMentioned: string[];
  /** Groups it never names. */
  groupsMissing: string[];
}

function addLink(links: MapLink[], text: string, line: number): void {
  const norm = text.replace(/\s+/g, ' ').trim();
  const found = links.find((l) => l.text.toLowerCase() === norm.toLowerCase());
  if (!found) links.push({ text: norm, lines: [line] });
  else if (!found.lines.includes(line)) found.lines.push(line);
}

const cache = new WeakMap<PlanDocument, ValueMap>();

export function valueMap(document: PlanDocument): ValueMap {
  let map = cache.get(document);
  if (!map) {
    map = buildValueMap(document);
    cache.set(document, map);
  }
  return map;
}

function buildValueMap(document: PlanDocument): ValueMap {
  const tools = new Map<string, MapTool>();
  const groups = new Set<string>();
  for (const statement of document.statements) {
    const a = analyze(statement);
    for (const s of a.stakeholders) if (!s.entry.generic) groups.add(s.entry.tag);
    // A tool counted only as reach is reported by no-vanity-metric; what someone else said is not the plan naming a tool.
    if (a.vanity.some((v) => v.tool === undefined) || isReported(statement.text)) continue;
    const line = statement.range.start.line;
    for (const tool of a.tools) {
      if (tool.generic) continue;
      let entry = tools.get(tool.key);
      if (!entry) {
        entry = { name: tool.name, key: tool.key, mentions: [], stakeholders: [], values: [], linked: false, first: { statement, tool } };
        tools.set(tool.key, entry);
      }
      const at = document.position(statement.sourceOffset(tool.start));
      entry.mentions.push({ line: at.line, column: at.column, statement: statement.text.replace(/\s+/g, ' ').trim() });
      if (!a.linked) continue;
      entry.linked = true;
      for (const s of a.stakeholders) addLink(entry.stakeholders, statement.text.slice(s.start, s.end), line);
      if (a.purpose) addLink(entry.values, statement.text.slice(a.purpose.start, a.purpose.end), line);
      else for (const v of a.values) addLink(entry.values, statement.text.slice(v.start, v.end), line);
    }
  }
  const all = (loadLexicon('stakeholders').tags ?? []).filter((t) => t !== '');
  return { tools: [...tools.values()], groupsMentioned: all.filter((g) => groups.has(g)), groupsMissing: all.filter((g) => !groups.has(g)) };
}
