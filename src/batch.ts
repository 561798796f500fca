/**
 * Lints a batch of files: reads each, answers from the cache when it can, and lints the rest in this
 * thread or in a pool of worker threads. Outcomes come back in the order of the files, whatever the jobs.
 * One file that fails never stops the others.
 */
import { availableParallelism } from 'node:os';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { decodePlanFile, findPlanFiles, readPlanBytes, type Notice } from './files.js';
import { lintText } from './linter.js';
import { DocumentLimitError } from './source.js';
import type { LintOptions, LintResult } from './types.js';
import type { LintCache } from './cache.js';
import type { ResultBytes } from './formatters/json.js';

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
  /** From the cache: the result as JSON, which the JSON report copies without parsing it (`result` is then parsed only when read). */
  json?: ResultBytes;
}

/**
 * Files above which worker threads pay for their start-up. A worker starts cold: until V8 has compiled
 * and optimised the linter in it, it lints several times slower, about 2 s of CPU in all. On 2 cores, two
 * threads were slower than one at 200 and 500 files, even at 1,000, and 10–25% faster at 2,000.
 */
export const PARALLEL_THRESHOLD = 1000;

/** `--jobs` when not given: one thread per core above the threshold, one below. */
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

/** Tasks posted to a worker ahead of the one it runs, so it never waits for this thread, which lints too. */
const QUEUED_PER_WORKER = 4;

/**
 * A worker's old generation, in MB. Left to itself, V8 now and then let a worker's heap grow past 400 MB
 * before collecting it (one run in five of 2,000 files); a cap makes it collect in time. Linting takes up
 * to about 190 bytes per character, so files above WORKER_MAX_BYTES are linted in this thread, whose heap
 * is not capped; a worker that still runs out of heap hands its file back to this thread.
 */
const WORKER_HEAP_MB = 96;
const WORKER_MAX_BYTES = 256 * 1024;

async function createPool(workers: number): Promise<Pool> {
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: QUEUED_PER_WORKER,
    // A worker's young generation: 24 MB (semi-spaces of 8 MB) rather than the 48 MB a thread may grow to,
    // for memory. Less costs time: at 8 MB, the objects of the document being linted outlived more
    // scavenges, which then took 1.8 times as long in all (800 ms against 440 per 600 bench files linted).
    resourceLimits: { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  return {
    run: (task) => pool.run(task) as Promise<Outcome>,
    destroy: () => pool.destroy(),
  };
}

/**
 * Keeps this thread's heap from piling up garbage. While it lints file after file, V8 now and then lets
 * its old generation grow to several times what is live (280 MB of heap for 15 MB live, in one run in three
 * of 2,000 files) before it collects. After each file, a heap past a threshold is collected at once: 64 MB
 * (the usual live heap is about 15 MB), or twice what was live after the last such collection, so a thread
 * that really holds more (a large document) is not collected after every file. A collection of this thread's
 * usual heap takes about 10 ms.
 */
let heapLimit = 64 * 1024 * 1024;
let collect: (() => void) | undefined;
function heapGuard(): void {
  if (getHeapStatistics().used_heap_size < heapLimit) return;
  if (!collect) {
    // `gc`, which Node gives only to contexts made after V8 is told to expose it.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  heapLimit = Math.max(heapLimit, 2 * getHeapStatistics().used_heap_size);
}

/**
 * Lints the tasks and hands each outcome to `onOutcome` in file order, as soon as it and all before it
 * are done, keeping none: memory stays flat however large the batch.
 */
export async function runBatch(tasks: readonly BatchTask[], options: BatchOptions & Required<Pick<BatchOptions, 'onOutcome'>>): Promise<void> {
  // `jobs` threads lint: this one and `jobs - 1` workers. This thread would otherwise mostly wait, and one
  // worker fewer is one heap fewer.
  const workers = options.jobs > 1 && tasks.length > 1 ? Math.min(options.jobs, tasks.length) - 1 : 0;
  // Started at the first file that needs linting: a run answered from the cache starts no thread.
  let pool: Promise<Pool> | undefined;
  const startPool = (): Promise<Pool> => (pool ??= createPool(workers));
  /** Outcomes done but waiting for an earlier file. */
  const waiting = new Map<number, Outcome>();
  let next = 0;
  let done = 0;
  let emitted = 0;
  /** Answers a task from the cache, or returns its bytes and keys to lint. */
  const prepare = (task: BatchTask): Outcome | { bytes: Uint8Array; key?: string; statKey?: string } => {
    const { cache } = options;
    let hit: Outcome | undefined;
    // A file whose status (size, times, inode) is as cached is not even read.
    const skip = cache && ((stat: Stats): boolean => (hit = cache.getUnchanged(task.abs, stat, task.options, task.name)) !== undefined);
    const { bytes, notice, stat } = readPlanBytes(task.name, task.abs, skip);
    if (hit) return hit;
    if (!bytes) return { notices: notice ? [notice] : [] };
    if (!cache) return { bytes };
    const key = cache.key(bytes, task.options);
    const statKey = stat && cache.statKey(stat, task.options);
    return cache.get(task.abs, key, task.name, statKey) ?? { bytes, key, ...(statKey ? { statKey } : {}) };
  };
  const finish = (task: BatchTask, i: number, outcome: Outcome, keys?: { key?: string; statKey?: string }): void => {
    if (keys?.key !== undefined) options.cache?.set(task.abs, keys.key, outcome, keys.statKey);
    waiting.set(i, outcome);
    done++;
    options.onProgress?.(done, tasks.length);
    for (let o = waiting.get(emitted); o !== undefined; o = waiting.get(emitted)) {
      waiting.delete(emitted);
      options.onOutcome(o, emitted++);
    }
  };
  /** A lane takes the next file until none is left; `toWorker` lanes hand it to the pool, the other lints here. */
  const lane = async (toWorker: boolean): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      const task = tasks[i] as BatchTask;
      const ready = prepare(task);
      if (!('bytes' in ready)) {
        finish(task, i, ready);
        continue;
      }
      const here = !toWorker || ready.bytes.length > WORKER_MAX_BYTES;
      const outcome = here
        ? await lintPlanBytes(task.name, ready.bytes, task.options)
        : await (await startPool())
            .run({ name: task.name, bytes: ready.bytes, options: task.options })
            .catch(() => lintPlanBytes(task.name, ready.bytes, task.options));
      finish(task, i, outcome, ready);
      if (here) {
        heapGuard();
        // Linting here holds the event loop: let the workers' results in, their next tasks and the report out.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };
  try {
    // A bounded number of files in flight keeps memory flat however large the batch.
    await Promise.all([lane(false), ...Array.from({ length: workers * QUEUED_PER_WORKER }, () => lane(true))]);
  } finally {
    if (pool) await (await pool.catch(() => undefined))?.destroy();
  }
}

/** Lints the tasks; the outcomes, in file order. */
export async function lintBatch(tasks: readonly BatchTask[], options: BatchOptions): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(tasks.length);
  await runBatch(tasks, {
    ...options,
    onOutcome: (o, i) => {
      outcomes[i] = o;
      options.onOutcome?.(o, i);
    },
  });
  return outcomes;
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
