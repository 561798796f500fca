/**
 * Lints a batch of files: reads each, answers from the cache when it can, and lints the rest in this
 * thread or in a pool of worker threads. Outcomes come back in the order of the files, whatever the jobs.
 * One file that fails never stops the others.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { decodePlanFile, findPlanFiles, readPlanBytes, type Notice } from './files.js';
import { lintText } from './linter.js';
import { DocumentLimitError } from './source.js';
import type { LintOptions, LintResult } from './types.js';
import type { LintCache } from './cache.js';

/** What lints one file, besides its text: all plain data, so it crosses to a worker thread. */
export type TaskOptions = Pick<LintOptions, 'preset' | 'rules' | 'lexicons' | 'inlineConfig' | 'reportUnusedDisableDirectives'>;

export interface BatchTask {
  /** The name results and messages use (as the user gave it, or relative to the working folder). */
  name: string;
  /** Absolute path to read. */
  abs: string;
  options: TaskOptions;
}

export interface Outcome {
  result?: LintResult;
  notices: Notice[];
}

/** Files above which worker threads pay for their start-up. */
export const PARALLEL_THRESHOLD = 50;

/** `--jobs` when not given: one worker per core above the threshold, none below. */
export function defaultJobs(files: number): number {
  return files > PARALLEL_THRESHOLD ? Math.max(1, availableParallelism()) : 1;
}

/** Lints a file's bytes. Never throws: a file that cannot be read or linted becomes a notice. */
export async function lintPlanBytes(name: string, bytes: Uint8Array, options: TaskOptions): Promise<Outcome> {
  try {
    const plan = await decodePlanFile(name, bytes);
    const notices = plan.notice ? [plan.notice] : [];
    if (plan.text === undefined) return { notices };
    const result = lintText(plan.text, { ...options, filePath: name, ...(plan.format ? { format: plan.format } : {}) });
    return { result, notices };
  } catch (e) {
    // A document past a documented limit (size, nesting) is that file's error, in the limit's own words.
    if (e instanceof DocumentLimitError) return { notices: [{ filePath: name, level: 'error', message: e.message }] };
    // A bug must not cost the rest of the batch: this file is reported as not linted.
    return { notices: [{ filePath: name, level: 'error', message: `not linted: internal error (${(e as Error).message ?? String(e)})` }] };
  }
}

/**
 * Whether a file falls in shard `i` of `n` (1-based): FNV-1a of its path relative to the working folder,
 * with forward slashes, so every machine of a CI matrix splits a portfolio the same way.
 */
export function inShard(file: string, cwd: string, i: number, n: number): boolean {
  const rel = path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
  let h = 0x811c9dc5;
  for (let k = 0; k < rel.length; k++) {
    h ^= rel.charCodeAt(k);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % n === i - 1;
}

export interface BatchOptions {
  /** Worker threads; 1 (or less) lints in this thread. */
  jobs: number;
  cache?: LintCache;
  /** Called as each file is done, in completion order. */
  onProgress?: (done: number, total: number) => void;
  /** Called with each outcome in file order, as soon as it and all before it are done. */
  onOutcome?: (outcome: Outcome, index: number) => void;
}

interface Pool {
  run(task: { name: string; bytes: Uint8Array; options: TaskOptions }): Promise<Outcome>;
  destroy(): Promise<void>;
}

async function createPool(jobs: number): Promise<Pool> {
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({ filename: new URL('./worker.js', import.meta.url).href, minThreads: jobs, maxThreads: jobs });
  return {
    run: (task) => pool.run(task) as Promise<Outcome>,
    destroy: () => pool.destroy(),
  };
}

export async function lintBatch(tasks: readonly BatchTask[], options: BatchOptions): Promise<Outcome[]> {
  const outcomes: Array<Outcome | undefined> = new Array(tasks.length);
  const pool = options.jobs > 1 && tasks.length > 1 ? await createPool(Math.min(options.jobs, tasks.length)) : undefined;
  // A bounded number of files in flight keeps memory flat however large the batch.
  const inFlight = pool ? Math.min(tasks.length, options.jobs * 4) : 1;
  let next = 0;
  let done = 0;
  let emitted = 0;
  const emit = (): void => {
    while (emitted < tasks.length && outcomes[emitted] !== undefined) {
      options.onOutcome?.(outcomes[emitted] as Outcome, emitted);
      emitted++;
    }
  };
  const lintOne = async (task: BatchTask): Promise<Outcome> => {
    const { bytes, notice } = await readPlanBytes(task.name, task.abs);
    if (!bytes) return { notices: notice ? [notice] : [] };
    const key = options.cache?.key(bytes, task.options);
    const hit = key === undefined ? undefined : options.cache?.get(task.abs, key, task.name);
    if (hit) return hit;
    const outcome = pool ? await pool.run({ name: task.name, bytes, options: task.options }) : await lintPlanBytes(task.name, bytes, task.options);
    if (key !== undefined) options.cache?.set(task.abs, key, outcome);
    return outcome;
  };
  try {
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < tasks.length) {
          const i = next++;
          outcomes[i] = await lintOne(tasks[i] as BatchTask);
          done++;
          options.onProgress?.(done, tasks.length);
          emit();
        }
      }),
    );
  } finally {
    await pool?.destroy();
  }
  return outcomes as Outcome[];
}

export interface LintFilesOptions extends TaskOptions {
  /** Folder that relative paths are resolved against (default: the process's). */
  cwd?: string;
  /** Worker threads (default 1: this thread). */
  jobs?: number;
}

export interface LintFilesOutcome {
  results: LintResult[];
  /** Files or paths that could not be linted (errors) or were skipped (warnings), one line each. */
  notices: Notice[];
}

/** Lints files, directories and glob patterns, with the same settings for all. Results keep the order of the files. */
export async function lintFiles(paths: string[], options: LintFilesOptions = {}): Promise<LintFilesOutcome> {
  const { cwd = process.cwd(), jobs = 1, ...settings } = options;
  const { files, notices } = await findPlanFiles(paths, cwd);
  const outcomes = await lintBatch(
    files.map((name) => ({ name, abs: path.resolve(cwd, name), options: settings })),
    { jobs },
  );
  const results: LintResult[] = [];
  for (const o of outcomes) {
    if (o.result) results.push(o.result);
    notices.push(...o.notices);
  }
  return { results, notices };
}
