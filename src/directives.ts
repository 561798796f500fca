/**
 * Inline directives: `<!-- planlint-disable rule-a, rule-b -- reason -->`, `planlint-enable`,
 * `planlint-disable-next-line`, `planlint-disable-file`. With no rule ids they apply to every rule. In
 * Markdown they are HTML comments; in plain text the same comment on a line of its own.
 */
import type { Finding, PlanFormat, Position } from './types.js';

export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named; empty means every rule. */
  rules: string[];
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** For `disable-next-line`: the line it covers (the next line that is not blank). */
  target?: number;
  text: string;
}

const DIRECTIVE_HEAD_RE = /<!--\s*planlint-(disable-next-line|disable-file|disable|enable)\b/y;

/**
 * The directive comments of a source: what `/<!--\s*planlint-(…)\b((?:(?!-->)[\s\S])*)-->/g` finds,
 * `[text, kind, body]` at `index`, but in linear time. That regex scanned to the end of the source from
 * every `<!--` that no `-->` follows (quadratic on a document of unclosed comments); once no `-->` follows
 * a comment's head, none follows any later one either, so the search stops there.
 */
function* directiveMatches(source: string): Generator<{ 0: string; 1: string; 2: string; index: number }> {
  let at = source.indexOf('<!--');
  while (at >= 0) {
    DIRECTIVE_HEAD_RE.lastIndex = at;
    const head = DIRECTIVE_HEAD_RE.exec(source);
    if (!head) {
      at = source.indexOf('<!--', at + 1);
      continue;
    }
    const bodyStart = at + head[0].length;
    const close = source.indexOf('-->', bodyStart);
    if (close < 0) return;
    yield { 0: source.slice(at, close + 3), 1: head[1] as string, 2: source.slice(bodyStart, close), index: at };
    at = source.indexOf('<!--', close + 3);
  }
}

/** Every directive in a document, in order. In plain text only a comment alone on its line counts. */
export function parseDirectives(source: string, format: PlanFormat, position: (offset: number) => Position): Directive[] {
  const lines = source.split(/\r\n|\r|\n/);
  const out: Directive[] = [];
  for (const m of directiveMatches(source)) {
    const from = position(m.index);
    const to = position(m.index + m[0].length);
    const { line } = from;
    const endLine = to.line;
    if (format === 'text' && !((lines[line - 1] ?? '').trim().startsWith('<!--') && (lines[endLine - 1] ?? '').trim().endsWith('-->'))) continue;
    const body = (m[2] ?? '').split(/\s--\s|\s--$/)[0] ?? '';
    const rules = body
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    const directive: Directive = {
      kind: m[1] as DirectiveKind,
      rules,
      line,
      column: from.column,
      endLine,
      endColumn: to.column,
      text: m[0],
    };
    if (directive.kind === 'disable-next-line') {
      let target = endLine + 1;
      while (target <= lines.length && (lines[target - 1] ?? '').trim() === '') target++;
      directive.target = target;
    }
    out.push(directive);
  }
  return out;
}

const covers = (d: Directive, ruleId: string): boolean => d.rules.length === 0 || d.rules.includes(ruleId);

/**
 * Findings the directives leave standing, and the directives that suppressed nothing. A finding is
 * suppressed when its first line is covered.
 */
export function applyDirectives(findings: Finding[], directives: Directive[]): { kept: Finding[]; unused: Directive[] } {
  const used = new Set<Directive>();
  const kept = findings.filter((f) => {
    const file = directives.find((d) => d.kind === 'disable-file' && covers(d, f.ruleId));
    const next = directives.find((d) => d.kind === 'disable-next-line' && d.target === f.line && covers(d, f.ruleId));
    const by = file ?? next ?? lastBlock(directives, f);
    if (by) used.add(by);
    return by === undefined;
  });
  return { kept, unused: directives.filter((d) => d.kind !== 'enable' && !used.has(d)) };
}

/** The disable directive in force at a finding, if any: the latest disable or enable covering its rule before it. */
function lastBlock(directives: Directive[], f: Finding): Directive | undefined {
  let state: Directive | undefined;
  for (const d of directives) {
    if ((d.kind !== 'disable' && d.kind !== 'enable') || !covers(d, f.ruleId)) continue;
    if (d.line > f.line || (d.line === f.line && d.column > f.column)) break;
    // An enable that covers the rule ends any disable of it.
    state = d.kind === 'disable' ? d : undefined;
  }
  return state;
}
