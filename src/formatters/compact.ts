/** One line per finding: `path:line:col: severity message [rule-id]`, easy to grep and to jump to from an editor. */
import { wholeReport, type Formatter, type ReportFormat } from './report.js';
import { printable } from './printable.js';

/** Keeps a finding on one line whatever its message holds. */
function oneLine(s: string): string {
  return s.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
}

const line = (l: string): string => printable(l) + '\n';

export const compactReport: ReportFormat = () => ({
  result: (r) => r.findings.map((f) => line(`${oneLine(r.filePath)}:${f.line}:${f.column}: ${f.severity} ${oneLine(f.message)} [${f.ruleId}]`)).join(''),
  end: (notices) => ({
    tail: notices
      .filter((n) => n.level === 'error')
      .map((n) => line(`${oneLine(n.filePath)}:0:0: error ${oneLine(n.message)} [fatal]`))
      .join(''),
  }),
});

export const compact: Formatter = wholeReport(compactReport);
