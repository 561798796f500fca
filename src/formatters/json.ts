import type { CategoryScore, FindingContext, FindingLocation, LintResult, ScoreCategory, Severity, ValueMapData } from '../types.js';
import { JsonArrayWriter, wholeReport, type Formatter, type ReportFormat } from './report.js';

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

/** One result in ESLint's JSON shape. */
export function jsonResult(r: LintResult): JsonResult {
  return {
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
  };
}

/** ESLint's JSON shape, one array item per result; a file that could not be linted carries one fatal message, as in ESLint. */
export const jsonReport: ReportFormat = () => {
  const array = new JsonArrayWriter(0);
  return {
    result: (r) => array.item(jsonResult(r)),
    end: (notices) => {
      let tail = '';
      for (const n of notices) {
        if (n.level !== 'error') continue;
        const fatal: JsonResult = { filePath: n.filePath, messages: [{ ruleId: null, severity: 2, level: 'error', message: n.message, line: 0, column: 0, fatal: true }], errorCount: 1, warningCount: 0, infoCount: 0 };
        tail += array.item(fatal);
      }
      return { tail: `${tail}${array.close()}\n` };
    },
  };
};

export const json: Formatter = wholeReport(jsonReport);
