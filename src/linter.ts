/**
 * The engine: text and options in, findings and a score out. No file system, no console, no colours.
 */
import { parseDocument, sectionAtHeading, statementAt } from './document.js';
import { projectHtml } from './parse/html-align.js';
import { resolveRules, type ResolvedRule } from './settings.js';
import { scorePlan } from './score.js';
import { applyDirectives, parseDirectives } from './directives.js';
import { withLexiconChanges } from './lexicon.js';
import { valueMap, type ValueMap } from './valuemap.js';
import { withWordsOfDocument } from './words.js';
import type { Finding, FindingContext, LintOptions, LintResult, PlanDocument, PlanFormat, PlanScore, Report, ValueMapData } from './types.js';

/**
 * Rule ids in code-unit order, for findings at the same place. Not `localeCompare`: its first call sets up
 * ICU's collator, about 10 ms of every run of one file; for rule ids (lower case, digits, hyphens) the order is the same.
 */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { SettingsError, UnknownRuleError } from './settings.js';

/** The format a file's name implies: `.txt` is plain text, `.html`/`.htm` HTML, `.docx` a Word document (read as its HTML), anything else Markdown. */
export function formatFor(filePath: string | undefined): PlanFormat {
  if (filePath === undefined) return 'markdown';
  if (/\.txt$/i.test(filePath)) return 'text';
  if (/\.html?$/i.test(filePath)) return 'html';
  if (/\.docx$/i.test(filePath)) return 'word';
  return 'markdown';
}

export interface DocumentFindings {
  /** Findings of the rules switched on, in document order. */
  findings: Finding[];
  score: PlanScore;
}

/**
 * Runs every rule on a parsed document. Rules switched off still run, because the score judges the plan
 * by all of them whatever the configuration; only the findings of rules switched on are returned.
 */
export function lintDocument(document: PlanDocument, options: Pick<LintOptions, 'preset' | 'rules'> = {}): DocumentFindings {
  return runRules(document, resolveRules(options.preset, options.rules));
}

function runRules(document: PlanDocument, resolved: ResolvedRule[]): DocumentFindings {
  const all: Finding[] = [];
  const offsets: number[] = [];
  for (const { rule, level, options } of resolved) {
    rule.check({
      document,
      options,
      report(r: Report) {
        const start = document.position(r.start);
        const end = document.position(Math.max(r.end, r.start));
        const found = contextOf(document, start.offset, end.offset);
        const { headingPath } = found;
        let { context } = found;
        // In HTML the source holds tags and entities: the flagged text is the plain text.
        const markup = document.format === 'html' || document.format === 'word';
        offsets.push(start.offset);
        let text = document.source.slice(start.offset, end.offset);
        if (markup) {
          text = context ? context.text.slice(context.start, context.end) : '';
          // Malformed HTML: the parser moved the text away from where the source has it; take it from there.
          if (text === '' && end.offset > start.offset) {
            text = projectHtml(document.source.slice(start.offset, end.offset)).text;
            context = { text, start: 0, end: text.length };
          }
        }
        all.push({
          ruleId: rule.meta.id,
          severity: level === 'off' ? 'info' : level,
          message: r.message,
          suggestion: r.suggestion,
          text,
          line: start.line,
          column: start.column,
          endLine: end.line,
          endColumn: end.column,
          location: { headingPath, ...(document.format === 'word' ? { paragraph: start.line } : {}) },
          ...(context ? { context } : {}),
          ...(r.probability !== undefined ? { probability: r.probability } : {}),
        });
      },
    });
  }
  const off = new Set(resolved.filter((r) => r.level === 'off').map((r) => r.rule.meta.id));
  const findings = all
    .filter((f) => !off.has(f.ruleId))
    .sort((a, b) => a.line - b.line || a.column - b.column || byCodeUnit(a.ruleId, b.ruleId));
  return { findings, score: scorePlan(document, all, offsets) };
}

/** The statement (or heading) a range lies in, as plain text with the range marked, and its heading path. */
function contextOf(document: PlanDocument, start: number, end: number): { context?: FindingContext; headingPath: string[] } {
  const statement = statementAt(document.statements, start);
  if (statement) {
    const at = (offset: number): number => {
      let i = 0;
      while (i < statement.text.length && statement.sourceOffset(i) < offset) i++;
      return i;
    };
    const from = at(start);
    return { context: { text: statement.text, start: from, end: Math.max(from, at(end)) }, headingPath: statement.headingPath };
  }
  const section = sectionAtHeading(document.sections, start);
  if (section) {
    // A finding on a heading: the heading is its context, with the flagged words marked where they are found.
    const slice = document.source.slice(start, end);
    const flagged = document.format === 'html' || document.format === 'word' ? projectHtml(slice).text : slice;
    const at = flagged === '' ? -1 : section.heading.indexOf(flagged);
    const context = at >= 0 ? { text: section.heading, start: at, end: at + flagged.length } : { text: section.heading, start: 0, end: section.heading.length };
    return { context, headingPath: section.headingPath };
  }
  return { headingPath: [] };
}

/** The value map as plain data, for results and reports. */
export function valueMapData(document: PlanDocument): ValueMapData {
  const map = valueMap(document);
  return {
    tools: map.tools.map((t) => ({
      name: t.name,
      linked: t.linked,
      mentions: t.mentions.map((m) => ({ line: m.line, column: m.column })),
      stakeholders: t.stakeholders.map((s) => s.text),
      values: t.values.map((v) => v.text),
    })),
    groupsMentioned: map.groupsMentioned,
    groupsMissing: map.groupsMissing,
  };
}

/** Counts of findings by severity. */
export function countFindings(findings: readonly Finding[]): Pick<LintResult, 'errorCount' | 'warningCount' | 'infoCount'> {
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const f of findings) {
    if (f.severity === 'error') errorCount++;
    else if (f.severity === 'warning') warningCount++;
    else infoCount++;
  }
  return { errorCount, warningCount, infoCount };
}

/** The id unused-directive reports carry (not a rule: it cannot be configured, only asked for). */
export const UNUSED_DIRECTIVE_ID = 'unused-disable-directive';

/**
 * Lints one document's text. Throws `SettingsError` for an unknown rule or invalid options, and
 * `LexiconError` for lexicon changes that do not validate.
 */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  const filePath = options.filePath ?? '<text>';
  const resolved = resolveRules(options.preset, options.rules);
  const format = options.format ?? formatFor(options.filePath);
  return withLexiconChanges(options.lexicons, () => withWordsOfDocument(() => lintSource(text, filePath, format, resolved, options)));
}

function lintSource(text: string, filePath: string, format: PlanFormat, resolved: ReturnType<typeof resolveRules>, options: LintOptions): LintResult {
  const document = parseDocument(text, format);
  const { findings: all, score } = runRules(document, resolved);
  let findings = all;
  if (options.inlineConfig !== false) {
    const directives = parseDirectives(text, format, document.position);
    if (directives.length > 0) {
      const { kept, unused } = applyDirectives(all, directives);
      findings = kept;
      const level = options.reportUnusedDisableDirectives;
      if (level) {
        for (const d of unused) {
          findings.push({
            ruleId: UNUSED_DIRECTIVE_ID,
            severity: level,
            message: `Unused "planlint-${d.kind}" directive: ${d.rules.length ? `no ${d.rules.join(', ')} finding` : 'no finding'} to suppress${d.kind === 'disable' ? ' in its range' : d.kind === 'disable-next-line' ? ` on line ${d.target}` : ''}. Remove it.`,
            suggestion: 'Delete the comment',
            text: d.text,
            line: d.line,
            column: d.column,
            endLine: d.endLine,
            endColumn: d.endColumn,
          });
        }
        findings.sort((a, b) => a.line - b.line || a.column - b.column || byCodeUnit(a.ruleId, b.ruleId));
      }
    }
  }
  return { filePath, findings, ...countFindings(findings), score, valueMap: valueMapData(document) };
}

/** The value map of one document's text: its tools, whom and what they are linked to, and the groups never named. */
export function mapText(text: string, options: Pick<LintOptions, 'filePath' | 'format' | 'lexicons'> = {}): ValueMap {
  return withLexiconChanges(options.lexicons, () => withWordsOfDocument(() => valueMap(parseDocument(text, options.format ?? formatFor(options.filePath)))));
}
