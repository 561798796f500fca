/** Public types of the planlint engine. */

export type Severity = 'error' | 'warning';
export type RuleSetting = Severity | 'off';

/** A 1-based position in the source text; columns count UTF-16 code units, like ESLint. */
export interface Position {
  line: number;
  column: number;
  /** 0-based offset into the source string. */
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type StatementKind = 'goal' | 'initiative' | 'metric' | 'prose';

/** Where a statement came from in the document's structure. */
export type StatementOrigin = 'list-item' | 'sentence' | 'heading' | 'table-row';

export interface Statement {
  /** Index of the statement in document order. */
  index: number;
  /** The statement's plain text (markup removed, white space kept as in the source). */
  text: string;
  kind: StatementKind;
  origin: StatementOrigin;
  range: Range;
  /** Headings of the sections that contain the statement, outermost first. */
  headingPath: string[];
  /** Index of the section the statement belongs to in `PlanDocument.sections`. */
  section: number;
  /** For list items: nesting depth (1 = top level) and whether the list is numbered. */
  listDepth?: number;
  /** Maps an offset in `text` to an offset in the source. */
  sourceOffset(textOffset: number): number;
}

export interface Section {
  index: number;
  heading: string;
  depth: number;
  headingPath: string[];
  /** Range of the heading itself (absent for the implicit section before the first heading). */
  headingRange?: Range;
  /** What the heading says the section holds, if anything. */
  role: SectionRole;
  statements: Statement[];
}

export type SectionRole = 'goals' | 'initiatives' | 'metrics' | 'context' | 'other';

export interface PlanDocument {
  source: string;
  format: 'markdown' | 'text';
  sections: Section[];
  statements: Statement[];
  /** Converts a 0-based offset into a 1-based line/column position. */
  position(offset: number): Position;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** A better-formed pattern for rewriting the flagged text. */
  suggestion: string;
  /** The flagged text, as it stands in the source. */
  text: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RuleMeta {
  id: string;
  /** One line: what the rule reports. */
  description: string;
  defaultSeverity: Severity;
}

/** What a rule reports: the engine adds the rule id, severity and positions. */
export interface Report {
  /** Offsets in the source string. */
  start: number;
  end: number;
  message: string;
  suggestion: string;
}

export interface RuleContext {
  document: PlanDocument;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export interface LintOptions {
  /** Used to pick the reader (`.txt` is read as plain text) and echoed in results. */
  filePath?: string;
  /** Force a format instead of guessing it from `filePath`. */
  format?: 'markdown' | 'text';
  /** Severity per rule id; rules not named use their default severity. */
  rules?: Record<string, RuleSetting>;
}

export interface LintResult {
  filePath: string;
  findings: Finding[];
  errorCount: number;
  warningCount: number;
  /** Set when the file could not be linted; no findings then. */
  fatal?: string;
}
