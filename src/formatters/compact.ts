/** One line per finding: `path:line:col: severity message [rule-id]`, easy to grep and to jump to from an editor. */
import type { LintResult } from '../types.js';
import type { FormatContext } from './index.js';
import { printable } from './printable.js';

/** Keeps a finding on one line whatever its message holds. */
function oneLine(s: string): string {
  return s.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
}

export function compact(results: LintResult[], { notices }: FormatContext): string {
  const out: string[] = [];
  for (const r of results) {
    for (const f of r.findings) out.push(`${oneLine(r.filePath)}:${f.line}:${f.column}: ${f.severity} ${oneLine(f.message)} [${f.ruleId}]`);
  }
  for (const n of notices) {
    if (n.level === 'error') out.push(`${oneLine(n.filePath)}:0:0: error ${oneLine(n.message)} [fatal]`);
  }
  return out.map((l) => printable(l) + '\n').join('');
}
