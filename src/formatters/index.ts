/** Formatters turn results into text. Only formatters colour text. */
import { stylish, stylishReport } from './stylish.js';
import { json, jsonReport } from './json.js';
import { sarif, sarifReport } from './sarif.js';
import { github, githubReport } from './github.js';
import { junit, junitReport } from './junit.js';
import { compact, compactReport } from './compact.js';
import { html, htmlReport } from './html.js';
import { summary, summaryReport } from './summary.js';
import type { Formatter, ReportFormat } from './report.js';

export type { FormatContext, Formatter, ReportBuilder, ReportContext, ReportFormat } from './report.js';

/** Each format built one result at a time (what the command line streams). */
export const reports: Record<string, ReportFormat> = {
  stylish: stylishReport,
  json: jsonReport,
  sarif: sarifReport,
  github: githubReport,
  junit: junitReport,
  compact: compactReport,
  summary: summaryReport,
  html: htmlReport,
};

/** Each format over a whole array of results (the same code as `reports`). */
export const formatters: Record<string, Formatter> = { stylish, json, sarif, github, junit, compact, summary, html };
