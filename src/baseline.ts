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

/** Records findings one result at a time: `baseline()` is what `createBaseline` gives over the same results. */
export class BaselineRecorder {
  private readonly counts = new Map<string, BaselineEntry>();

  constructor(private readonly cwd: string) {}

  add(r: LintResult): void {
    const file = fileKey(r.filePath, this.cwd);
    for (const f of r.findings) {
      const k = key(file, f);
      const e = this.counts.get(k);
      if (e) e.count++;
      else this.counts.set(k, { file, ruleId: f.ruleId, text: fold(f.text), count: 1 });
    }
  }

  /** Every finding recorded, in a stable order. */
  baseline(): Baseline {
    const entries = [...this.counts.values()].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.text.localeCompare(b.text));
    return { version: 1, entries };
  }
}

/** A baseline recording every finding of the results, in a stable order. */
export function createBaseline(results: LintResult[], cwd: string): Baseline {
  const recorder = new BaselineRecorder(cwd);
  for (const r of results) recorder.add(r);
  return recorder.baseline();
}

/** Takes the findings a baseline records out of results given one at a time, in order. */
export class BaselineFilter {
  private readonly left = new Map<string, number>();
  /** Findings matched so far. */
  matched = 0;

  constructor(
    baseline: Baseline,
    private readonly cwd: string,
  ) {
    for (const e of baseline.entries) this.left.set(key(e.file, e), (this.left.get(key(e.file, e)) ?? 0) + e.count);
  }

  apply(r: LintResult): LintResult {
    const file = fileKey(r.filePath, this.cwd);
    const findings = r.findings.filter((f) => {
      const k = key(file, f);
      const n = this.left.get(k) ?? 0;
      if (n === 0) return true;
      this.left.set(k, n - 1);
      this.matched++;
      return false;
    });
    return { ...r, findings, ...countFindings(findings) };
  }
}

/** The results without the findings the baseline records, and how many were matched. */
export function applyBaseline(results: LintResult[], baseline: Baseline, cwd: string): { results: LintResult[]; matched: number } {
  const filter = new BaselineFilter(baseline, cwd);
  const out = results.map((r) => filter.apply(r));
  return { results: out, matched: filter.matched };
}
