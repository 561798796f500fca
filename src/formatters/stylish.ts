import type { LintResult } from '../types.js';
import type { FormatContext } from './index.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Human output: per file, each finding with its position, severity, message, rule and suggestion; then totals. */
export function stylish(results: LintResult[], { color }: FormatContext): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    if (result.findings.length === 0) continue;
    out.push('', color.underline(result.filePath));
    const posWidth = Math.max(...result.findings.map((f) => `${f.line}:${f.column}`.length));
    for (const f of result.findings) {
      const pos = `${f.line}:${f.column}`.padEnd(posWidth);
      const sev = f.severity === 'error' ? color.red('error  ') : color.yellow('warning');
      out.push(`  ${color.dim(pos)}  ${sev}  ${f.message}  ${color.dim(f.ruleId)}`);
      const text = f.text.replace(/\s+/g, ' ');
      // The flagged text, unless the message already quotes it whole.
      if (!f.message.includes(`"${text}"`)) out.push(`  ${' '.repeat(posWidth)}  ${color.dim(`text: ${JSON.stringify(text)}`)}`);
      out.push(`  ${' '.repeat(posWidth)}  ${color.cyan('suggestion:')} ${f.suggestion}`);
    }
  }
  const total = errors + warnings;
  if (total > 0) {
    const line = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
    out.push('', errors > 0 ? color.red.bold(line) : color.yellow.bold(line), '');
  }
  return out.join('\n');
}
