/**
 * JUnit XML, for CI servers that show test reports: one test case per file, one failure per finding; a file
 * that could not be linted is a test case in error. Always well-formed XML 1.0, whatever the plan holds.
 */
import type { LintResult } from '../types.js';
import type { FormatContext } from './index.js';

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

export function junit(results: LintResult[], { notices }: FormatContext): string {
  const cases: Case[] = results.map((r) => ({
    name: r.filePath,
    failures: r.findings.map((f) => ({
      type: f.ruleId,
      message: f.message,
      body: `${f.line}:${f.column} ${f.severity} ${f.message} [${f.ruleId}]\nsuggestion: ${f.suggestion}`,
    })),
    ...(r.fatal !== undefined ? { error: r.fatal } : {}),
  }));
  for (const n of notices) {
    if (n.level === 'error') cases.push({ name: n.filePath, failures: [], error: n.message });
  }
  const tests = cases.length;
  const failures = cases.filter((c) => c.failures.length > 0).length;
  const errors = cases.filter((c) => c.error !== undefined).length;
  const counts = `tests="${tests}" failures="${failures}" errors="${errors}"`;
  const out = ['<?xml version="1.0" encoding="utf-8"?>', `<testsuites name="planlint" ${counts}>`, `  <testsuite name="planlint" ${counts}>`];
  for (const c of cases) {
    const open = `    <testcase classname="planlint" name="${xmlAttr(c.name)}"`;
    if (c.failures.length === 0 && c.error === undefined) {
      out.push(`${open} />`);
      continue;
    }
    out.push(`${open}>`);
    for (const f of c.failures) {
      out.push(`      <failure type="${xmlAttr(f.type)}" message="${xmlAttr(f.message)}">${xmlText(f.body)}</failure>`);
    }
    if (c.error !== undefined) out.push(`      <error message="${xmlAttr(c.error)}">${xmlText(c.error)}</error>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}
