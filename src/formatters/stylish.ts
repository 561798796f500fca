import type { Finding, LintResult, PlanScore, Severity } from '../types.js';
import { LineJoiner, wholeReport, type Formatter, type ReportFormat } from './report.js';
import { printableResults } from './printable.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const CATEGORY_LABELS: Record<string, string> = {
  focus: 'focus',
  'stakeholder-value': 'stakeholder value',
  measurability: 'measurability',
  substance: 'substance',
};

/** "score 34/100 · focus 8.3/25 · stakeholder value 12.5/25 · …" */
export function scoreLine(score: PlanScore): string {
  const parts = Object.entries(score.categories).map(([k, c]) => `${CATEGORY_LABELS[k] ?? k} ${c.score}/${c.max}`);
  return `score ${score.score}/100 · ${parts.join(' · ')}`;
}

/** `line:column`, or `¶paragraph:column` in a Word document. */
function position(f: Finding): string {
  return f.location?.paragraph !== undefined ? `¶${f.location.paragraph}:${f.column}` : `${f.line}:${f.column}`;
}

/** Human output: per file, each finding with its position, severity, message, rule and suggestion, then the plan's score; then totals. */
export const stylishReport: ReportFormat = ({ color }) => {
  const lines = new LineJoiner();
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  const label: Record<Severity, string> = { error: color.red('error  '), warning: color.yellow('warning'), info: color.blue('info   ') };
  return {
    result: (raw) => {
      const [result] = printableResults([raw]) as [LintResult];
      errors += result.errorCount;
      warnings += result.warningCount;
      infos += result.infoCount;
      if (result.findings.length === 0) return '';
      const out: string[] = ['', color.underline(result.filePath)];
      const posWidth = Math.max(...result.findings.map((f) => position(f).length));
      const indent = `  ${' '.repeat(posWidth)}  `;
      for (const f of result.findings) {
        const pos = position(f).padEnd(posWidth);
        out.push(`  ${color.dim(pos)}  ${label[f.severity]}  ${f.message}  ${color.dim(f.ruleId)}`);
        const text = f.text.replace(/\s+/g, ' ');
        // The flagged text, unless the message already quotes it whole.
        if (!f.message.includes(`"${text}"`)) out.push(`${indent}${color.dim(`text: ${JSON.stringify(text)}`)}`);
        // Word has no lines: a finding there is placed by paragraph and by the headings above it.
        if (f.location?.paragraph !== undefined && f.location.headingPath.length > 0) out.push(`${indent}${color.dim(`in: ${f.location.headingPath.join(' › ')}`)}`);
        out.push(`${indent}${color.cyan('suggestion:')} ${f.suggestion}`);
      }
      if (result.score) {
        const s = result.score.score;
        const paint = s >= 80 ? color.green : s >= 50 ? color.yellow : color.red;
        out.push('', `  ${paint(scoreLine(result.score))}`);
      }
      return lines.join(out);
    },
    end: () => {
      const total = errors + warnings + infos;
      if (total === 0) return { tail: '' };
      const parts = [plural(errors, 'error'), plural(warnings, 'warning'), ...(infos > 0 ? [plural(infos, 'info')] : [])];
      const line = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
      return { tail: lines.join(['', errors > 0 ? color.red.bold(line) : color.yellow.bold(line), '']) };
    },
  };
};

export const stylish: Formatter = wholeReport(stylishReport);
