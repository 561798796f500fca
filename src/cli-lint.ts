/**
 * The lint command: finds files, applies configuration, lints each with the library, formats, writes and
 * picks the exit code. Linting itself is the library's.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import { BaselineError, BaselineFilter, BaselineRecorder, readBaseline } from './baseline.js';
import { ConfigError, ConfigResolver, createIgnore } from './config.js';
import { findPlanFiles, type Notice } from './files.js';
import { defaultJobs, inShard, lintPlanBytes, runBatch, type BatchTask, type TaskOptions } from './batch.js';
import { cachePath, LintCache, type CacheStrategy } from './cache.js';
import { ProgressBar } from './progress.js';
import { LexiconError } from './lexicon.js';
import { countFindings } from './linter.js';
import { writeFileAtomic } from './output.js';
import { ReportOutput } from './report-output.js';
import { SettingsError, parseLevel, resolveRules, unknownRule } from './settings.js';
import { rules as allRules } from './registry.js';
import type { LintResult, PresetName, RuleSetting, Severity } from './types.js';

export interface LintCommandOptions {
  format: string;
  preset?: PresetName;
  config?: string;
  rule?: string[];
  inlineConfig?: boolean;
  reportUnusedDisableDirectives?: boolean;
  ignorePattern?: string[];
  stdinFilename?: string;
  outputFile?: string;
  baseline?: string;
  updateBaseline?: boolean;
  quiet?: boolean;
  maxWarnings?: number;
  /** Threads that lint, the main one included (default: one per core above 1,000 files, one below). */
  jobs?: number;
  cache?: boolean;
  cacheLocation?: string;
  cacheStrategy?: CacheStrategy;
  /** `[i, n]`: lint only the i-th of n shares of the files (by path hash). */
  shard?: [number, number];
  progress?: boolean;
}

export interface LintIO {
  stdout: { write(s: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  cwd: string;
  readStdin(): Promise<Buffer>;
  useStdin: boolean;
}

/** A path with its symbolic links resolved, when it exists (so a link to a plan counts as the plan). */
function realPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Batches shorter than this finish before a progress bar would help. */
const PROGRESS_THRESHOLD = 20;

/** `--rule id:level` settings; a bad one is a usage error. */
export function parseRuleFlags(flags: string[] = []): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const flag of flags) {
    const m = /^([a-z][a-z-]*):(\w+)$/.exec(flag.trim());
    if (!m) throw new SettingsError(`--rule "${flag}": expected <rule-id>:<level>, e.g. no-buzzword:off`);
    const [, id, level] = m as unknown as [string, string, string];
    if (!allRules.some((r) => r.meta.id === id)) throw unknownRule(id);
    out[id] = parseLevel(level, `--rule ${id}`);
  }
  return out;
}

function onlyErrors(result: LintResult): LintResult {
  const findings = result.findings.filter((f) => f.severity === 'error');
  return { ...result, findings, warningCount: 0, infoCount: 0 };
}

/** Ignore rules from `.planlintignore` in the working folder and `--ignore-pattern`, in .gitignore syntax. */
function ignoreFilter(cwd: string, patterns: string[] = []): (abs: string) => boolean {
  const file = path.join(cwd, '.planlintignore');
  const hasFile = existsSync(file);
  if (!hasFile && patterns.length === 0) return () => false;
  const ig = createIgnore();
  if (hasFile) ig.add(readFileSync(file, 'utf8'));
  ig.add(patterns);
  return (abs: string): boolean => {
    const rel = path.relative(cwd, abs).split(path.sep).join('/');
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    return ig.ignores(rel);
  };
}

export async function lintCommand(paths: string[], options: LintCommandOptions, io: LintIO, color: ChalkInstance): Promise<number> {
  let resolver: ConfigResolver;
  let cliRules: Record<string, RuleSetting>;
  try {
    cliRules = parseRuleFlags(options.rule);
    resolver = new ConfigResolver(options.config === undefined ? undefined : path.resolve(io.cwd, options.config));
  } catch (e) {
    if (e instanceof SettingsError || e instanceof ConfigError) {
      io.stderr.write(`planlint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (paths.length === 0 && !io.useStdin) {
    io.stderr.write('planlint: no paths given (try `planlint fixtures/plans/`, or pipe a plan to standard input)\n');
    return 2;
  }
  const notices: Notice[] = [];
  const configErrors = new Set<string>();

  /** The settings a file is linted with, from its configuration and the command line; undefined when its configuration is broken. */
  const settingsFor = (name: string, abs: string): TaskOptions | undefined => {
    try {
      const config = resolver.forFile(abs);
      return {
        preset: options.preset ?? config.preset,
        rules: { ...config.rules, ...cliRules },
        lexicons: config.lexicons,
        inlineConfig: options.inlineConfig !== false,
        ...(options.reportUnusedDisableDirectives ? { reportUnusedDisableDirectives: 'warning' as Severity } : {}),
      };
    } catch (e) {
      if (!(e instanceof ConfigError || e instanceof SettingsError || e instanceof LexiconError)) throw e;
      // One broken configuration file is reported once; the files it governs are not linted.
      if (!configErrors.has(e.message)) notices.push({ filePath: name, level: 'error', message: `not linted: ${e.message}` });
      configErrors.add(e.message);
      return undefined;
    }
  };

  // Standard input comes first in the report; its result waits until the report is open.
  let stdinResult: LintResult | undefined;
  if (io.useStdin) {
    const name = options.stdinFilename ?? '<stdin>';
    const settings = settingsFor(name, path.resolve(io.cwd, options.stdinFilename ?? 'stdin.md'));
    if (settings) {
      const outcome = await lintPlanBytes(name, await io.readStdin(), settings);
      notices.push(...outcome.notices);
      stdinResult = outcome.result;
    }
  }
  const userIgnored = ignoreFilter(io.cwd, options.ignorePattern);
  const ignored = (abs: string): boolean => {
    if (userIgnored(abs)) return true;
    try {
      return resolver.ignores(abs.endsWith(path.sep) ? abs.slice(0, -1) : abs);
    } catch {
      return false; // a broken configuration is reported when its files are linted
    }
  };
  const found = await findPlanFiles(
    paths.filter((p) => p !== '-'),
    io.cwd,
    { ignored },
  );
  notices.push(...found.notices);
  const files = options.shard ? found.files.filter((f) => inShard(f, io.cwd, ...(options.shard as [number, number]))) : found.files;
  const tasks: BatchTask[] = [];
  for (const file of files) {
    const abs = path.resolve(io.cwd, file);
    const settings = settingsFor(file, abs);
    if (settings) tasks.push({ name: file, abs, options: settings });
  }
  // planlint never writes to a linted file: an output, cache or baseline path naming one is refused.
  const linted = new Set(files.map((f) => realPath(path.resolve(io.cwd, f))));
  const outputs: Array<[string, string | undefined]> = [
    ['-o/--output-file', options.outputFile === undefined ? undefined : path.resolve(io.cwd, options.outputFile)],
    ['--cache-location', options.cache ? cachePath(options.cacheLocation, io.cwd) : undefined],
    ['--baseline', options.updateBaseline ? path.resolve(io.cwd, options.baseline ?? '.planlint-baseline.json') : undefined],
  ];
  for (const [flag, target] of outputs) {
    if (target !== undefined && linted.has(realPath(target))) {
      io.stderr.write(`planlint: ${flag} ${path.relative(io.cwd, target) || target}: is one of the files being linted; planlint never writes to a linted file\n`);
      return 2;
    }
  }

  // Baseline: record every finding (then none counts), or let the recorded ones not count.
  const baselineFile = path.resolve(io.cwd, options.baseline ?? '.planlint-baseline.json');
  const recorder = options.updateBaseline ? new BaselineRecorder(io.cwd) : undefined;
  let filter: BaselineFilter | undefined;
  if (!recorder && options.baseline) {
    try {
      filter = new BaselineFilter(readBaseline(baselineFile), io.cwd);
    } catch (e) {
      if (!(e instanceof BaselineError)) throw e;
      io.stderr.write(`planlint: ${e.message}\n`);
      return 2;
    }
  }

  // Progress only for a person at a terminal: never in CI logs, never when the report is piped.
  const bar = options.progress !== false && io.stderr.isTTY === true && (io.stdout.isTTY === true || options.outputFile !== undefined) && tasks.length >= PROGRESS_THRESHOLD ? new ProgressBar(io.stderr) : undefined;
  // With --update-baseline the run can still fail after the last result (the baseline cannot be written):
  // standard output then stays empty, as for any failed run.
  const report = ReportOutput.open(options, io, color, { hold: recorder !== undefined, ...(bar ? { beforeWrite: () => bar.clear() } : {}) });
  if (typeof report === 'number') return report;
  const cache = options.cache ? new LintCache(cachePath(options.cacheLocation, io.cwd), options.cacheStrategy) : undefined;
  const show = (result: LintResult): void => {
    let shown = result;
    if (recorder) {
      recorder.add(result);
      // The baseline written records every finding of the run: applied, it leaves none.
      shown = { ...result, findings: [], ...countFindings([]) };
    } else if (filter) {
      shown = filter.apply(result);
    }
    report.add(options.quiet ? onlyErrors(shown) : shown);
  };
  try {
    if (stdinResult) show(stdinResult);
    stdinResult = undefined;
    await runBatch(tasks, {
      jobs: options.jobs ?? defaultJobs(tasks.length),
      ...(cache ? { cache } : {}),
      ...(bar ? { onProgress: (d: number, t: number) => bar.update(d, t) } : {}),
      onOutcome: (outcome) => {
        notices.push(...outcome.notices);
        // A result from the cache shown as it stands: the JSON report copies its bytes, unparsed.
        if (outcome.json && !recorder && !filter && !options.quiet && report.addBytes(outcome.json)) return;
        if (outcome.result) show(outcome.result);
      },
    });
    bar?.clear();
    if (cache) {
      try {
        cache.save();
      } catch (e) {
        notices.push({ filePath: path.relative(io.cwd, cache.file) || cache.file, level: 'warning', message: `cache cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      }
    }
    if (recorder) {
      const baseline = recorder.baseline();
      try {
        writeFileAtomic(baselineFile, JSON.stringify(baseline, null, 2) + '\n');
      } catch (e) {
        if (!(e as NodeJS.ErrnoException).code) throw e;
        io.stderr.write(`planlint: ${baselineFile}: cannot be written (${(e as NodeJS.ErrnoException).code})\n`);
        report.abort();
        return 2;
      }
      io.stderr.write(`planlint: baseline written to ${path.relative(io.cwd, baselineFile) || baselineFile} (${baseline.entries.reduce((n, e) => n + e.count, 0)} findings)\n`);
    }
    return report.finish(notices);
  } finally {
    // Reached with the report unfinished only when something failed: leave no output file behind.
    report.abort();
    cache?.discard();
  }
}

/**
 * Formats results, writes them (to `-o` atomically, else standard output), prints the notices and returns
 * the exit code: 2 when a file could not be linted, 1 for errors or too many warnings, else 0.
 */
export function emitReport(
  shown: LintResult[],
  notices: Notice[],
  options: Pick<LintCommandOptions, 'format' | 'outputFile' | 'maxWarnings'>,
  io: Pick<LintIO, 'stdout' | 'stderr' | 'cwd'>,
  color: ChalkInstance,
): number {
  const report = ReportOutput.open(options, io, color);
  if (typeof report === 'number') return report;
  try {
    for (const r of shown) report.add(r);
    return report.finish(notices);
  } finally {
    report.abort();
  }
}

/** `--print-config <file>`: the configuration that applies to a file, with every rule's level and options. */
export function printConfig(file: string, options: Pick<LintCommandOptions, 'config' | 'preset' | 'rule'>, cwd: string): string {
  const resolver = new ConfigResolver(options.config === undefined ? undefined : path.resolve(cwd, options.config));
  const config = resolver.forFile(path.resolve(cwd, file));
  const preset = options.preset ?? config.preset;
  const resolved = resolveRules(preset, { ...config.rules, ...parseRuleFlags(options.rule) });
  return (
    JSON.stringify(
      {
        file,
        configFiles: config.files.map((f) => path.relative(cwd, f) || f),
        preset,
        rules: Object.fromEntries(resolved.map((r) => [r.rule.meta.id, Object.keys(r.options).length ? [r.level, r.options] : r.level])),
        lexicons: config.lexicons,
      },
      null,
      2,
    ) + '\n'
  );
}
