/**
 * GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import type { Severity } from '../types.js';
import { wholeReport, type Formatter, type ReportFormat } from './report.js';
import { printable } from './printable.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a command's data (the text after `::`), as @actions/core does. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property's value, as @actions/core does. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name} ${props}::${escapeData(message)}`;
}

const line = (l: string): string => printable(l) + '\n';

// After escaping: CR and LF are already %0D and %0A; any other control character is made visible (printable).
export const githubReport: ReportFormat = () => ({
  result: (r) =>
    r.findings
      .map((f) => line(command(COMMAND[f.severity], { file: r.filePath, line: f.line, col: f.column, endLine: f.endLine, endColumn: f.endColumn, title: f.ruleId }, f.message)))
      .join(''),
  end: (notices) => ({
    tail: notices
      .filter((n) => n.level === 'error')
      .map((n) => line(command('error', { file: n.filePath }, n.message)))
      .join(''),
  }),
});

export const github: Formatter = wholeReport(githubReport);
