/**
 * `--format summary`: the portfolio at a glance. Documents ranked by score, worst first, with their
 * error and warning counts and the rule they break most; then the totals per rule; then the files that
 * could not be linted.
 */
import type { ChalkInstance } from 'chalk';
import type { Notice } from '../files.js';
import type { Finding, LintResult } from '../types.js';
import { wholeReport, type Formatter, type ReportFormat } from './report.js';
import { printable, printableNotices } from './printable.js';

/** What ranking looks at. */
interface Rankable {
  filePath: string;
  score?: { score: number };
  errorCount: number;
  warningCount: number;
}

/** Results ranked worst first: by score (unscored last), then by errors, then by path. */
export function rankResults<T extends Rankable>(results: readonly T[]): T[] {
  return [...results].sort(
    (a, b) =>
      (a.score?.score ?? Infinity) - (b.score?.score ?? Infinity) ||
      b.errorCount - a.errorCount ||
      b.warningCount - a.warningCount ||
      (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0),
  );
}

export interface RuleTotal {
  ruleId: string;
  errors: number;
  warnings: number;
  infos: number;
  documents: number;
}

/** Findings per rule, added one document at a time. */
export class RuleTally {
  private readonly totals = new Map<string, RuleTotal>();

  /** Adds one document's findings. */
  add(findings: readonly Finding[]): void {
    const seen = new Set<string>();
    for (const f of findings) {
      let t = this.totals.get(f.ruleId);
      if (!t) this.totals.set(f.ruleId, (t = { ruleId: f.ruleId, errors: 0, warnings: 0, infos: 0, documents: 0 }));
      if (f.severity === 'error') t.errors++;
      else if (f.severity === 'warning') t.warnings++;
      else t.infos++;
      if (!seen.has(f.ruleId)) t.documents++;
      seen.add(f.ruleId);
    }
  }

  /** The totals, most frequent first. */
  list(): RuleTotal[] {
    const count = (t: RuleTotal): number => t.errors + t.warnings + t.infos;
    return [...this.totals.values()].sort((a, b) => count(b) - count(a) || b.errors - a.errors || a.ruleId.localeCompare(b.ruleId));
  }
}

/** Findings per rule over all results, most frequent first. */
export function ruleTotals(results: readonly LintResult[]): RuleTotal[] {
  const tally = new RuleTally();
  for (const r of results) tally.add(r.findings);
  return tally.list();
}

/** The rule a document breaks most (errors before warnings on a tie), with its count. */
export function topRule(findings: readonly Finding[]): { ruleId: string; count: number } | undefined {
  const tally = new RuleTally();
  tally.add(findings);
  const top = tally.list()[0];
  return top ? { ruleId: top.ruleId, count: top.errors + top.warnings + top.infos } : undefined;
}

function table(header: string[], rows: string[][], rightAligned: number[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (rightAligned.includes(i) ? c.padStart(widths[i] as number) : i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** All the summary keeps of a document: its line of the ranking. */
interface DocumentLine extends Rankable {
  top?: { ruleId: string; count: number };
}

export const summaryReport: ReportFormat = ({ color }) => {
  const documents: DocumentLine[] = [];
  const tally = new RuleTally();
  return {
    result: (r) => {
      const top = topRule(r.findings);
      documents.push({
        filePath: printable(r.filePath),
        ...(r.score ? { score: { score: r.score.score } } : {}),
        errorCount: r.errorCount,
        warningCount: r.warningCount,
        ...(top ? { top } : {}),
      });
      tally.add(r.findings);
      return '';
    },
    end: (rawNotices) => ({ tail: render(documents, tally.list(), printableNotices(rawNotices), color) }),
  };
};

function render(documents: DocumentLine[], totals: RuleTotal[], notices: Notice[], color: ChalkInstance): string {
  const ranked = rankResults(documents);
  const scored = ranked.filter((r) => r.score);
  const errors = documents.reduce((n, r) => n + r.errorCount, 0);
  const warnings = documents.reduce((n, r) => n + r.warningCount, 0);
  const failed = notices.filter((n) => n.level === 'error');
  const average = scored.length ? Math.round(scored.reduce((n, r) => n + (r.score?.score ?? 0), 0) / scored.length) : undefined;
  const out: string[] = [];
  out.push(
    color.bold(
      `${documents.length} document${documents.length === 1 ? '' : 's'}` +
        (failed.length ? ` · ${failed.length} not linted` : '') +
        ` · ${errors} error${errors === 1 ? '' : 's'} · ${warnings} warning${warnings === 1 ? '' : 's'}` +
        (average !== undefined ? ` · average score ${average}/100` : ''),
    ),
    '',
  );
  if (ranked.length > 0) {
    const paint = (s: number | undefined, text: string): string => (s === undefined ? text : s >= 80 ? color.green(text) : s >= 50 ? color.yellow(text) : color.red(text));
    const rows = ranked.map((r, i) => [String(i + 1), r.score ? String(r.score.score) : '-', String(r.errorCount), String(r.warningCount), r.top ? `${r.top.ruleId} (${r.top.count})` : '-', r.filePath]);
    const lines = table(['rank', 'score', 'errors', 'warnings', 'top rule', 'document'], rows, [0, 1, 2, 3]);
    out.push(color.dim(lines[0] as string));
    lines.slice(1).forEach((l, i) => out.push(paint(ranked[i]?.score?.score, l)));
    out.push('');
  }
  if (totals.length > 0) {
    out.push(color.bold('Findings per rule'), '');
    const lines = table(
      ['rule', 'errors', 'warnings', 'info', 'documents'],
      totals.map((t) => [t.ruleId, String(t.errors), String(t.warnings), String(t.infos), String(t.documents)]),
      [1, 2, 3, 4],
    );
    out.push(color.dim(lines[0] as string), ...lines.slice(1), '');
  }
  if (failed.length > 0) {
    out.push(color.bold('Not linted'), '');
    for (const n of failed) out.push(`${n.filePath}: ${n.message}`);
    out.push('');
  }
  return out.join('\n');
}

export const summary: Formatter = wholeReport(summaryReport);
