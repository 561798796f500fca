/**
 * `planlint merge`: reads the JSON results of several runs (the shards of a portfolio) and makes them one
 * set of results again, in the order a single run over the whole tree gives.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Notice } from './files.js';
import { fromJsonResult, type JsonResult } from './formatters/json.js';
import type { LintResult } from './types.js';

export class MergeError extends Error {}

/** Orders paths as the directory walk does: segment by segment, by code unit. */
export function comparePaths(a: string, b: string): number {
  const x = a.split(/[\\/]/);
  const y = b.split(/[\\/]/);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads planlint JSON results files. Throws `MergeError` naming the file for one that is not. */
export function readResults(files: string[], cwd: string): { results: LintResult[]; notices: Notice[] } {
  const results: LintResult[] = [];
  const notices: Notice[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path.resolve(cwd, file), 'utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new MergeError(`${file}: ${code ? `cannot be read (${code === 'ENOENT' ? 'no such file' : code})` : `is not valid JSON (${(e as Error).message})`}`);
    }
    if (!Array.isArray(data) || !data.every((r) => isObject(r) && typeof r.filePath === 'string' && Array.isArray(r.messages))) {
      throw new MergeError(`${file}: is not planlint JSON results (expected the array that \`planlint --format json\` writes)`);
    }
    for (const r of data as JsonResult[]) {
      if (seen.has(r.filePath)) {
        notices.push({ filePath: r.filePath, level: 'warning', message: `appears in more than one results file; the first is kept (${file})` });
        continue;
      }
      seen.add(r.filePath);
      const { result, notices: n } = fromJsonResult(r);
      if (result) results.push(result);
      notices.push(...n);
    }
  }
  results.sort((a, b) => comparePaths(a.filePath, b.filePath));
  return { results, notices };
}
