/**
 * Text for a terminal: a document can hold control characters (ESC, BEL, CR, C1 codes) that would move the
 * cursor, recolour or retitle the user's terminal. Each is shown as its Unicode control picture (ESC → ␛)
 * instead; tab and line feed are kept.
 */
import type { LintResult } from '../types.js';
import type { Notice } from '../files.js';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function printable(s: string): string {
  return s.replace(CONTROL_RE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}

/** Results whose document-derived text (paths, messages, quotes, suggestions, headings) is printable. */
export function printableResults(results: readonly LintResult[]): LintResult[] {
  return results.map((r) => ({
    ...r,
    filePath: printable(r.filePath),
    findings: r.findings.map((f) => ({
      ...f,
      message: printable(f.message),
      text: printable(f.text),
      suggestion: printable(f.suggestion),
      ...(f.location ? { location: { ...f.location, headingPath: f.location.headingPath.map(printable) } } : {}),
    })),
  }));
}

export function printableNotices(notices: readonly Notice[]): Notice[] {
  return notices.map((n) => ({ ...n, filePath: printable(n.filePath), message: printable(n.message) }));
}
