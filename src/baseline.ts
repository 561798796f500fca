/**
 * Baselines, for adopting planlint on plans that already exist: findings recorded in the baseline do not
 * count; new ones do. A finding is matched by file, rule and flagged text (white space folded), not by line,
 * so it survives lines moving; the same finding recorded twice is matched twice.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { countFindings } from './linter.js';
import type { Finding, LintResult } from './types.js';

export interface BaselineEntry {
  file: string;
  ruleId: string;
  text: string;
  count: number;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

export class BaselineError extends Error {}

const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();
const fileKey = (filePath: string, cwd: string): string => (path.isAbsolute(filePath) ? path.relative(cwd, filePath) : filePath).split(path.sep).join('/');
const key = (file: string, f: Pick<Finding, 'ruleId' | 'text'>): string => `${file}\u0000${f.ruleId}\u0000${fold(f.text)}`;

export function readBaseline(file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(`${file}: ${code === 'ENOENT' ? 'no such baseline file (write one with --update-baseline)' : code ? `cannot be read (${code})` : `invalid JSON: ${(e as Error).message}`}`);
  }
  const b = data as Partial<Baseline> | null;
  if (typeof b !== 'object' || b === null || b.version !== 1 || !Array.isArray(b.entries)) {
    throw new BaselineError(`${file}: not a planlint baseline (expected {"version": 1, "entries": [...]})`);
  }
  b.entries.forEach((e, i) => {
    if (typeof e?.file !== 'string' || typeof e.ruleId !== 'string' || typeof e.text !== 'string' || !Number.isInteger(e.count) || e.count < 1) {
      throw new BaselineError(`${file}: entries.${i}: needs "file", "ruleId", "text" and a positive "count"`);
    }
  });
  return b as Baseline;
}

/** A baseline recording every finding of the results, in a stable order. */
export function createBaseline(results: LintResult[], cwd: string): Baseline {
  const counts = new Map<string, BaselineEntry>();
  for (const r of results) {
    const file = fileKey(r.filePath, cwd);
    for (const f of r.findings) {
      const k = key(file, f);
      const e = counts.get(k);
      if (e) e.count++;
      else counts.set(k, { file, ruleId: f.ruleId, text: fold(f.text), count: 1 });
    }
  }
  const entries = [...counts.values()].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.text.localeCompare(b.text));
  return { version: 1, entries };
}

/** The results without the findings the baseline records, and how many were matched. */
export function applyBaseline(results: LintResult[], baseline: Baseline, cwd: string): { results: LintResult[]; matched: number } {
  const left = new Map<string, number>();
  for (const e of baseline.entries) left.set(key(e.file, e), (left.get(key(e.file, e)) ?? 0) + e.count);
  let matched = 0;
  const out = results.map((r) => {
    const file = fileKey(r.filePath, cwd);
    const findings = r.findings.filter((f) => {
      const k = key(file, f);
      const n = left.get(k) ?? 0;
      if (n === 0) return true;
      left.set(k, n - 1);
      matched++;
      return false;
    });
    return { ...r, findings, ...countFindings(findings) };
  });
  return { results: out, matched };
}
