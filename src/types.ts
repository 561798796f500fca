/** Public types of the planlint engine. */

export type Severity = 'error' | 'warning' | 'info';
export type RuleLevel = Severity | 'off';
/** A level as users may write it: `warn` is ESLint's spelling of `warning`. */
export type RuleLevelInput = RuleLevel | 'warn';
/** A rule's setting: a level, or a level with options (`['warning', { max: 7 }]`). */
export type RuleSetting = RuleLevelInput | [RuleLevelInput] | [RuleLevelInput, RuleOptions];
export type RuleOptions = Record<string, unknown>;
export type PresetName = 'recommended' | 'strict';
/**
 * How a document's text is read. `word` is the HTML that `docxToHtml` makes of a Word document: its
 * positions are Word paragraphs (line = paragraph number, column = character in the paragraph).
 */
export type PlanFormat = 'markdown' | 'text' | 'html' | 'word';
export const PRESETS: readonly PresetName[] = ['recommended', 'strict'];

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
  format: PlanFormat;
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
  /** Where the finding stands in the plan's structure (for Word documents, the paragraph number too). */
  location?: FindingLocation;
  /** The statement the finding lies in, as plain text, with the flagged part at [start, end). */
  context?: FindingContext;
  /** For rules the statement model judges: the model's calibrated probability of the problem (0–1). */
  probability?: number;
}

export interface FindingLocation {
  /** Headings of the sections that hold the finding, outermost first. */
  headingPath: string[];
  /** Word documents: 1-based paragraph number (Word has no lines); the same as `line`. */
  paragraph?: number;
}

export interface FindingContext {
  text: string;
  start: number;
  end: number;
}

/** The value map as plain data (see `valueMap`): what results carry and reports show. */
export interface ValueMapData {
  tools: Array<{
    name: string;
    linked: boolean;
    mentions: Array<{ line: number; column: number }>;
    stakeholders: string[];
    values: string[];
  }>;
  groupsMentioned: string[];
  groupsMissing: string[];
}

/** One option a rule takes: its type, default and meaning (shown by `planlint explain`). */
export type RuleOptionSpec =
  | { type: 'integer'; default: number; minimum: number; description: string }
  | { type: 'boolean'; default: boolean; description: string }
  | { type: 'string-array'; default: string[]; description: string }
  /** A probability between 0 and 1; the default null stands for a value the engine supplies (the model's threshold). */
  | { type: 'probability'; default: null; description: string };

export interface RuleMeta {
  id: string;
  /** One line: what the rule reports. */
  description: string;
  /** The rule's level in each preset. */
  presets: Record<PresetName, RuleLevel>;
  /** Score category the rule's findings count against. */
  category: ScoreCategory;
  options?: Record<string, RuleOptionSpec>;
}

/** What a rule reports: the engine adds the rule id, severity and positions. */
export interface Report {
  /** Offsets in the source string. */
  start: number;
  end: number;
  message: string;
  suggestion: string;
  /** For a finding the statement model judged: its calibrated probability that the problem is there. */
  probability?: number;
}

export interface RuleContext {
  document: PlanDocument;
  /** The rule's options, validated and with defaults filled in. */
  options: RuleOptions;
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
  format?: PlanFormat;
  /** Preset the rule levels start from (default `recommended`). */
  preset?: PresetName;
  /** Level (and options) per rule id, over the preset. */
  rules?: Record<string, RuleSetting>;
  /** Entries added to and removed from the tools, stakeholders, platitudes, buzzwords and vanity lexicons. */
  lexicons?: Record<string, { add?: Array<string | Record<string, unknown>>; remove?: string[] }>;
  /** Obey `<!-- planlint-disable … -->` comments in the document (default true). */
  inlineConfig?: boolean;
  /** Report disable directives that suppressed nothing, at this level (default: not reported). */
  reportUnusedDisableDirectives?: Severity;
}

export interface LintResult {
  filePath: string;
  findings: Finding[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  /** How well the plan does as a plan, whatever rules are switched on (absent for a file not linted). */
  score?: PlanScore;
  /** The plan's value map: its tools, whom and what they serve, the stakeholder groups never named. */
  valueMap?: ValueMapData;
  /** Set when the file could not be linted; no findings then. */
  fatal?: string;
}

export type ScoreCategory = 'focus' | 'stakeholder-value' | 'measurability' | 'substance';

export interface CategoryScore {
  /** Points earned out of `max`. */
  score: number;
  max: number;
  /** Number of things judged in this category, and how many of them failed. */
  judged: number;
  failed: number;
}

export interface PlanScore {
  /** 0–100: the sum of the category scores. */
  score: number;
  categories: Record<ScoreCategory, CategoryScore>;
}
