/**
 * The engine: text and options in, findings out. No file system, no console, no colours.
 */
import { parseDocument } from './document.js';
import { rules as allRules } from './registry.js';
import type { Finding, LintOptions, LintResult, PlanDocument, Report, RuleSetting } from './types.js';

export function formatFor(filePath: string | undefined): 'markdown' | 'text' {
  return filePath !== undefined && /\.txt$/i.test(filePath) ? 'text' : 'markdown';
}

export class UnknownRuleError extends Error {}

export function lintDocument(document: PlanDocument, settings: Record<string, RuleSetting> = {}): Finding[] {
  for (const id of Object.keys(settings)) {
    if (!allRules.some((r) => r.meta.id === id)) throw new UnknownRuleError(`unknown rule "${id}"`);
  }
  const findings: Finding[] = [];
  for (const rule of allRules) {
    const setting = settings[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (setting === 'off') continue;
    rule.check({
      document,
      report(r: Report) {
        const start = document.position(r.start);
        const end = document.position(Math.max(r.end, r.start));
        findings.push({
          ruleId: rule.meta.id,
          severity: setting,
          message: r.message,
          suggestion: r.suggestion,
          text: document.source.slice(start.offset, end.offset),
          line: start.line,
          column: start.column,
          endLine: end.line,
          endColumn: end.column,
        });
      },
    });
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}

/** Lints one document's text. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  const filePath = options.filePath ?? '<text>';
  const document = parseDocument(text, options.format ?? formatFor(options.filePath));
  const findings = lintDocument(document, options.rules);
  return {
    filePath,
    findings,
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
  };
}
