/** Helpers rules share to word and place their reports. */
import type { Report, Statement } from './types.js';

/** Quotes text for a message, shortened in the middle when long. */
export function quote(text: string, max = 90): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const short = oneLine.length > max ? `${oneLine.slice(0, max - 25).trimEnd()} … ${oneLine.slice(-20).trimStart()}` : oneLine;
  return `"${short}"`;
}

/** A report that covers a whole statement. */
export function statementReport(statement: Statement, message: string, suggestion: string): Report {
  return {
    start: statement.sourceOffset(0),
    end: statement.sourceOffset(statement.text.length - 1) + 1,
    message,
    suggestion,
  };
}

/** A report that covers text offsets [start, end) of a statement. */
export function spanReport(statement: Statement, start: number, end: number, message: string, suggestion: string): Report {
  return { start: statement.sourceOffset(start), end: statement.sourceOffset(end - 1) + 1, message, suggestion };
}

/** Full stops, semicolons, colons and white space ending a statement; the lookbehind tries the run only from its start, keeping the match linear. */
const TRAILING_PUNCTUATION = /(?<![.;:\s])[.;:\s]+$/;

/** A statement without its closing punctuation, to build a rewrite on ("Grow sales." → "Grow sales"). */
export function withoutTrailingPunctuation(text: string): string {
  return text.replace(TRAILING_PUNCTUATION, '');
}
