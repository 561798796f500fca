import type { CategoryScore, LintResult, ScoreCategory, Severity } from '../types.js';
import type { FormatContext } from './index.js';

interface JsonMessage {
  ruleId: string | null;
  /** ESLint's numbers: 2 error, 1 warning or info (`level` tells them apart). */
  severity: 1 | 2;
  level: Severity;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  suggestion?: string;
  fatal?: true;
}

interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  score?: number;
  categories?: Record<ScoreCategory, CategoryScore>;
}

/** ESLint's JSON shape; a file that could not be linted carries one fatal message, as in ESLint. */
export function json(results: LintResult[], { notices }: FormatContext): string {
  const out: JsonResult[] = results.map((r) => ({
    filePath: r.filePath,
    messages: r.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity === 'error' ? 2 : 1,
      level: f.severity,
      message: f.message,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      suggestion: f.suggestion,
    })),
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    infoCount: r.infoCount,
    ...(r.score ? { score: r.score.score, categories: r.score.categories } : {}),
  }));
  for (const n of notices) {
    if (n.level !== 'error') continue;
    out.push({ filePath: n.filePath, messages: [{ ruleId: null, severity: 2, level: 'error', message: n.message, line: 0, column: 0, fatal: true }], errorCount: 1, warningCount: 0, infoCount: 0 });
  }
  return JSON.stringify(out, null, 2) + '\n';
}
