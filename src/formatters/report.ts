/**
 * Reports built one result at a time, so that a long batch streams to its output instead of being held
 * whole. Every format is written this way; the whole-array formatters are the same code run over an array.
 */
import type { ChalkInstance } from 'chalk';
import type { Notice } from '../files.js';
import type { LintResult } from '../types.js';
import type { ResultBytes } from './json.js';

export interface ReportContext {
  color: ChalkInstance;
}

export interface FormatContext extends ReportContext {
  notices: Notice[];
}

export type Formatter = (results: LintResult[], context: FormatContext) => string;

/** One report in the making: fed the results in file order, then the notices. */
export interface ReportBuilder {
  /**
   * Set when the report opens with text that depends on every result and notice (counts, a run's status):
   * `end` then returns that text as `head`, and the results' text must wait until it is known.
   */
  readonly headAtEnd?: boolean;
  /** The text this result adds (possibly none: a format may only take note of it). */
  result(r: LintResult): string;
  /**
   * The bytes a result already in JSON adds, the same as `result` would give for it parsed: only the JSON
   * format has it, to copy a cached result to its report without parsing it and writing it again.
   */
  resultBytes?(r: ResultBytes): Buffer;
  /** After the last result: the closing text, and with `headAtEnd` the opening text. */
  end(notices: readonly Notice[]): { head?: string; tail: string };
}

export type ReportFormat = (context: ReportContext) => ReportBuilder;

/** The whole-array formatter of a report format. */
export function wholeReport(format: ReportFormat): Formatter {
  return (results, context) => {
    const builder = format(context);
    const body = results.map((r) => builder.result(r)).join('');
    const { head = '', tail } = builder.end(context.notices);
    return head + body + tail;
  };
}

/** Joins lines with '\n' across several calls, as `lines.join('\n')` would over all of them at once. */
export class LineJoiner {
  private started = false;

  join(lines: readonly string[]): string {
    let out = '';
    for (const l of lines) {
      out += this.started ? `\n${l}` : l;
      this.started = true;
    }
    return out;
  }
}

/**
 * Items of a JSON array written one at a time, the same bytes as `JSON.stringify(array, null, 2)` at the
 * given depth: each item opens with `[` or a comma, and `close()` ends the array (`[]` when it stayed empty).
 */
export class JsonArrayWriter {
  private count = 0;
  private readonly pad: string;
  /** Characters that the wrapping arrays add before and after an item. */
  private readonly before: number;
  private readonly after: number;

  constructor(private readonly depth: number) {
    this.pad = '  '.repeat(depth);
    // Each wrapping array adds `[` and `]` on lines of their own, indented by its depth.
    let brackets = 0;
    for (let d = 0; d <= depth; d++) brackets += 2 * d + 2;
    this.before = brackets + 2 * (depth + 1);
    this.after = brackets;
  }

  item(value: unknown): string {
    // Nested in depth + 1 arrays, JSON.stringify indents the item as it stands in the whole document.
    let wrapped: unknown = value;
    for (let d = 0; d <= this.depth; d++) wrapped = [wrapped];
    const text = JSON.stringify(wrapped, null, 2);
    return `${this.count++ === 0 ? '[' : ','}\n${this.pad}  ${text.slice(this.before, text.length - this.after)}`;
  }

  close(): string {
    return this.count === 0 ? '[]' : `\n${this.pad}]`;
  }
}
