import type { Notice } from '../files.js';
import type { CategoryScore, Finding, FindingContext, FindingLocation, LintResult, ScoreCategory, Severity, ValueMapData } from '../types.js';
import { wholeReport, type Formatter, type ReportFormat } from './report.js';

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
  /** The statement model's probability of the problem, for the rules it judges. */
  probability?: number;
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
      ...(f.probability !== undefined ? { probability: f.probability } : {}),
    })),
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    infoCount: r.infoCount,
    ...(r.score ? { score: r.score.score, categories: r.score.categories } : {}),
    ...(r.valueMap ? { valueMap: r.valueMap } : {}),
  };
}

/**
 * A result back from its JSON shape (a fatal message becomes a notice): the inverse of `jsonResult`, for
 * `planlint merge` and the cache. A file with only fatal messages has no result.
 */
export function fromJsonResult(r: JsonResult): { result?: LintResult; notices: Notice[] } {
  const notices: Notice[] = [];
  const findings: Finding[] = [];
  for (const m of r.messages) {
    if (m.fatal) {
      notices.push({ filePath: r.filePath, level: 'error', message: m.message });
      continue;
    }
    const severity: Severity = m.level ?? (m.severity === 2 ? 'error' : 'warning');
    findings.push({
      ruleId: m.ruleId ?? 'unknown',
      severity,
      message: m.message,
      suggestion: m.suggestion ?? '',
      text: m.text ?? '',
      line: m.line,
      column: m.column,
      endLine: m.endLine ?? m.line,
      endColumn: m.endColumn ?? m.column,
      ...(m.location ? { location: m.location } : {}),
      ...(m.context ? { context: m.context } : {}),
      ...(typeof m.probability === 'number' ? { probability: m.probability } : {}),
    });
  }
  if (notices.length > 0 && findings.length === 0 && r.score === undefined) return { notices };
  return {
    result: {
      filePath: r.filePath,
      findings,
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      infoCount: r.infoCount ?? 0,
      ...(r.score !== undefined && r.categories ? { score: { score: r.score, categories: r.categories } } : {}),
      ...(r.valueMap ? { valueMap: r.valueMap } : {}),
    },
    notices,
  };
}

/**
 * A result already in JSON, as the cache keeps it: `json` is `JSON.stringify(jsonResult(r))` without its
 * first member, the file's name (each run gives its own), so `{"messages":…}`.
 */
export interface ResultBytes {
  filePath: string;
  json: Buffer;
  errorCount: number;
  warningCount: number;
}

/**
 * ESLint's JSON shape, compact as ESLint writes it, one result per line (a line-oriented tool can take a
 * report apart without parsing it whole); a file that could not be linted carries one fatal message, as in ESLint.
 */
export const jsonReport: ReportFormat = () => {
  let count = 0;
  const item = (r: JsonResult): string => `${count++ === 0 ? '[' : ','}\n${JSON.stringify(r)}`;
  return {
    result: (r) => item(jsonResult(r)),
    // The same text as `result` gives for the parsed result, without parsing it: the name, then the bytes.
    resultBytes: (r) => Buffer.concat([Buffer.from(`${count++ === 0 ? '[' : ','}\n{"filePath":${JSON.stringify(r.filePath)},`), r.json.subarray(1)]),
    end: (notices) => {
      let tail = '';
      for (const n of notices) {
        if (n.level !== 'error') continue;
        tail += item({ filePath: n.filePath, messages: [{ ruleId: null, severity: 2, level: 'error', message: n.message, line: 0, column: 0, fatal: true }], errorCount: 1, warningCount: 0, infoCount: 0 });
      }
      return { tail: `${tail}${count === 0 ? '[]' : '\n]'}\n` };
    },
  };
};

export const json: Formatter = wholeReport(jsonReport);
