/**
 * JUnit XML, for CI servers that show test reports: one test case per file, one failure per finding; a file
 * that could not be linted is a test case in error. Always well-formed XML 1.0, whatever the plan holds.
 */
import { wholeReport, type Formatter, type ReportFormat } from './report.js';

/** Characters XML 1.0 does not allow: C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escapes an attribute value; tabs and line breaks as references so that attribute normalisation keeps them. */
export function xmlAttr(s: string): string {
  return s.replace(NOT_XML, '').replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c] ?? c);
}

/** Escapes character data (`>` too, so `]]>` never appears). */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(/[&<>"'\r]/g, (c) => ENTITIES[c] ?? c);
}

interface Case {
  name: string;
  failures: { type: string; message: string; body: string }[];
  error?: string;
}

/** A test case's lines, each ending with a line break. */
function caseText(c: Case): string {
  const open = `    <testcase classname="planlint" name="${xmlAttr(c.name)}"`;
  if (c.failures.length === 0 && c.error === undefined) return `${open} />\n`;
  let out = `${open}>\n`;
  for (const f of c.failures) out += `      <failure type="${xmlAttr(f.type)}" message="${xmlAttr(f.message)}">${xmlText(f.body)}</failure>\n`;
  if (c.error !== undefined) out += `      <error message="${xmlAttr(c.error)}">${xmlText(c.error)}</error>\n`;
  return out + '    </testcase>\n';
}

/** The suite's opening carries its counts, so it is written last of all (`headAtEnd`). */
export const junitReport: ReportFormat = () => {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const add = (c: Case): string => {
    tests++;
    if (c.failures.length > 0) failures++;
    if (c.error !== undefined) errors++;
    return caseText(c);
  };
  return {
    headAtEnd: true,
    result: (r) =>
      add({
        name: r.filePath,
        failures: r.findings.map((f) => ({
          type: f.ruleId,
          message: f.message,
          body: `${f.line}:${f.column} ${f.severity} ${f.message} [${f.ruleId}]\nsuggestion: ${f.suggestion}`,
        })),
        ...(r.fatal !== undefined ? { error: r.fatal } : {}),
      }),
    end: (notices) => {
      let tail = '';
      for (const n of notices) if (n.level === 'error') tail += add({ name: n.filePath, failures: [], error: n.message });
      const counts = `tests="${tests}" failures="${failures}" errors="${errors}"`;
      return {
        head: `<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="planlint" ${counts}>\n  <testsuite name="planlint" ${counts}>\n`,
        tail: `${tail}  </testsuite>\n</testsuites>\n`,
      };
    },
  };
};

export const junit: Formatter = wholeReport(junitReport);
