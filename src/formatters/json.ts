import type { CategoryScore, FindingContext, FindingLocation, LintResult, ScoreCategory, Severity, ValueMapData } from '../types.js';
import type { FormatContext } from './index.js';

export interface JsonMessage {
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
  /** The flagged text, its place in the plan's structure and the statement around it. */
  text?: string;
  location?: FindingLocation;
  context?: FindingContext;
  fatal?: true;
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  score?: number;
  categories?: Record<ScoreCategory, CategoryScore>;
  valueMap?: ValueMapData;
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
      text: f.text,
      ...(f.location ? { location: f.location } : {}),
      ...(f.context ? { context: f.context } : {}),
    })),
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    infoCount: r.infoCount,
    ...(r.score ? { score: r.score.score, categories: r.score.categories } : {}),
    ...(r.valueMap ? { valueMap: r.valueMap } : {}),
  }));
  for (const n of notices) {
    if (n.level !== 'error') continue;
    out.push({ filePath: n.filePath, messages: [{ ruleId: null, severity: 2, level: 'error', message: n.message, line: 0, column: 0, fatal: true }], errorCount: 1, warningCount: 0, infoCount: 0 });
  }
  return JSON.stringify(out, null, 2) + '\n';
}
