/**
 * The command line: options, I/O, formatting and the exit code. Linting itself is the library's.
 * Exit codes: 0 clean (warnings within --max-warnings), 1 errors or too many warnings, 2 usage error or a
 * path or file that could not be read (the other files are still linted and reported).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { ChalkInstance } from 'chalk';
import { colorAt, noColor } from './color.js';
import { readFileSync } from 'node:fs';
import { decodePlan, readPlanFile, type Notice, type PlanText } from './files.js';
import { emitReport, lintCommand, printConfig, type LintCommandOptions } from './cli-lint.js';
import { MergeError, readResults } from './merge.js';
import { ConfigError, ConfigResolver } from './config.js';
import { CACHE_STRATEGIES } from './cache.js';
import path from 'node:path';
import { formatters } from './formatters/index.js';
import { printable, printableNotices } from './formatters/printable.js';
import { LexiconError } from './lexicon.js';
import { mapData, mapText as formatMap } from './formatters/map.js';
import { mapText } from './linter.js';
import { planlintVersion, ruleDocPath } from './paths.js';
import { rules } from './registry.js';
import { SettingsError, unknownRule } from './settings.js';
import { DocumentLimitError } from './source.js';
import { PRESETS } from './types.js';


export interface CliIO {
  stdout: { write(s: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  cwd: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function parseJobs(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of threads, 1 or more (1 lints in the main thread)');
  return Number(value);
}

function parseShard(value: string): [number, number] {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const i = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || i < 1 || i > n) throw new InvalidArgumentError('expected <i>/<n> with 1 ≤ i ≤ n, e.g. 1/4');
  return [i, n];
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number (0 or more)');
  return Number(value);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

function colorFor(io: CliIO, options: { color?: boolean }, argv: string[]): ChalkInstance {
  const level = options.color === false ? 0 : argv.includes('--color') || io.stdout.isTTY ? 1 : 0;
  return colorAt(level);
}

/** The process's streams; standard input only when read (opening it costs a few milliseconds). */
function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    get stdin() {
      return process.stdin;
    },
    cwd: process.cwd(),
  };
}

export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  let exitCode = 0;
  const program = new Command();
  program
    .name('planlint')
    .description('Lint strategic plans: tools promoted to goals, platitudes, vanity metrics, unmeasurable goals.')
    .version(planlintVersion(), '-v, --version')
    .argument('[paths...]', 'files, directories or glob patterns to lint (.md, .markdown, .txt, .html, .htm, .docx); "-" reads standard input')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(formatters)).default('stylish'))
    .addOption(new Option('--preset <name>', 'rule set to start from, over configuration files (default: recommended)').choices([...PRESETS]))
    .option('-c, --config <file>', 'use this configuration file instead of looking for .planlintrc files')
    .option('--print-config <file>', 'print the configuration that applies to a file, and exit')
    .option('--rule <id:level>', 'set a rule\'s level, over configuration files (repeatable)', collect)
    .option('--no-inline-config', 'ignore planlint-disable/enable comments in documents')
    .option('--report-unused-disable-directives', 'report disable comments that suppress nothing')
    .option('--ignore-pattern <pattern>', 'skip files matching a .gitignore-style pattern (repeatable)', collect)
    .option('--stdin-filename <name>', 'name of the document read from standard input (for messages, format and configuration)')
    .option('-o, --output-file <path>', 'write the report to a file (atomically) instead of standard output')
    .option('--baseline <file>', 'do not count findings recorded in this baseline file')
    .option('--update-baseline', 'record every current finding in the baseline file (--baseline, or .planlint-baseline.json)')
    .option('--quiet', 'report errors only')
    .option('-j, --jobs <n>', 'threads that lint, this one included (default: one per core above 1,000 files, one below)', parseJobs)
    .option('--cache', 'reuse the results of files unchanged since the last run (same content, configuration and planlint version)')
    .option('--cache-location <path>', 'cache file, or a folder to hold .planlintcache (default: ./.planlintcache)')
    .addOption(
      new Option('--cache-strategy <strategy>', 'how the cache knows a file unchanged: its status, else its content (metadata), or its content only')
        .choices(CACHE_STRATEGIES)
        .default('metadata'),
    )
    .option('--shard <i/n>', 'lint only the i-th of n shares of the files, split by path hash (combine with `planlint merge`)', parseShard)
    .option('--no-progress', 'never show the progress bar (shown only on a terminal, for long batches)')
    .option('--max-warnings <n>', 'exit with 1 when there are more warnings than this', parseCount)
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showSuggestionAfterError(true)
    // Options of the lint command are read before a subcommand's name only, so `map --format json` is map's.
    .enablePositionalOptions()
    .action(async (paths: string[], options: LintCommandOptions & { color?: boolean; printConfig?: string }) => {
      if (options.printConfig !== undefined) {
        try {
          io.stdout.write(printConfig(options.printConfig, options, io.cwd));
          exitCode = 0;
        } catch (e) {
          if (!(e instanceof ConfigError || e instanceof SettingsError)) throw e;
          io.stderr.write(`planlint: ${e.message}\n`);
          exitCode = 2;
        }
        return;
      }
      const useStdin = paths.includes('-') || (paths.length === 0 && !io.stdin.isTTY);
      const color = options.outputFile ? noColor : colorFor(io, options, argv);
      exitCode = await lintCommand(paths, options, { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd, useStdin, readStdin: () => readAll(io.stdin) }, color);
    });

  program
    .command('rules')
    .description('list every rule with its level in each preset and what it reports')
    .action(() => {
      const width = Math.max(...rules.map((r) => r.meta.id.length));
      io.stdout.write(`${'rule'.padEnd(width)}  recommended  strict   category           description\n`);
      for (const r of rules) {
        const { recommended, strict } = r.meta.presets;
        io.stdout.write(`${r.meta.id.padEnd(width)}  ${recommended.padEnd(11)}  ${strict.padEnd(7)}  ${r.meta.category.padEnd(17)}  ${r.meta.description}\n`);
      }
      exitCode = 0;
    });

  program
    .command('explain')
    .description("print a rule's documentation: what it reports, why, examples, options, when not to use it")
    .argument('<rule-id>', 'the rule to explain (`planlint rules` lists them)')
    .action((id: string) => {
      const rule = rules.find((r) => r.meta.id === id);
      if (!rule) {
        io.stderr.write(`planlint: ${unknownRule(id).message}\n`);
        exitCode = 2;
        return;
      }
      const { recommended, strict } = rule.meta.presets;
      const options = Object.entries(rule.meta.options ?? {}).map(([k, o]) => `${k} (${o.type}, default ${o.type === 'probability' && o.default === null ? "the model's threshold" : JSON.stringify(o.default)})`);
      io.stdout.write(`${rule.meta.id} — recommended: ${recommended}, strict: ${strict}; score category: ${rule.meta.category}${options.length ? `; options: ${options.join(', ')}` : ''}\n\n`);
      io.stdout.write(readFileSync(ruleDocPath(id), 'utf8'));
      exitCode = 0;
    });

  program
    .command('map')
    .description('print the value map of a plan: each tool with the stakeholders and outcomes it is linked to, and the stakeholder groups never named')
    .argument('<file>', 'the plan to map; "-" reads standard input')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json']).default('text'))
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .action(async (file: string, options: { format: string; color?: boolean }) => {
      // A file's problem is one line, in the words and form the lint command uses (control characters shown as pictures).
      const notify = (notice: Notice): void => {
        for (const n of printableNotices([notice])) io.stderr.write(`planlint: ${n.level}: ${n.filePath}: ${n.message}\n`);
      };
      const plan: PlanText = file === '-' ? decodePlan('<stdin>', await readAll(io.stdin)) : await readPlanFile(file, io.cwd);
      if (plan.notice) notify(plan.notice);
      if (plan.text === undefined) {
        exitCode = 2;
        return;
      }
      const name = file === '-' ? '<stdin>' : file;
      // The map reads the plan with the lexicons its configuration sets, as linting does.
      let lexicons;
      try {
        lexicons = new ConfigResolver().forFile(path.resolve(io.cwd, file === '-' ? 'stdin.md' : file)).lexicons;
      } catch (e) {
        if (!(e instanceof ConfigError || e instanceof SettingsError || e instanceof LexiconError)) throw e;
        io.stderr.write(`planlint: ${printable(e.message)}\n`);
        exitCode = 2;
        return;
      }
      let map;
      try {
        map = mapText(plan.text, { filePath: name, ...(plan.format ? { format: plan.format } : {}), lexicons });
      } catch (e) {
        // A document past a documented limit (size, nesting) is this file's error, as when it is linted.
        if (!(e instanceof DocumentLimitError)) throw e;
        notify({ filePath: name, level: 'error', message: e.message });
        exitCode = 2;
        return;
      }
      io.stdout.write(options.format === 'json' ? JSON.stringify(mapData(name, map), null, 2) + '\n' : formatMap(name, map, colorFor(io, options, argv)));
      exitCode = 0;
    });

  program
    .command('merge')
    .description('combine the JSON results of several runs (e.g. the shards of --shard) into one report')
    .argument('<results...>', 'files written by `planlint --format json`')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(formatters)).default('summary'))
    .option('-o, --output-file <path>', 'write the report to a file (atomically) instead of standard output')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .action((files: string[], options: { format: string; outputFile?: string; color?: boolean }) => {
      let merged;
      try {
        merged = readResults(files, io.cwd);
      } catch (e) {
        if (!(e instanceof MergeError)) throw e;
        io.stderr.write(`planlint: ${e.message}\n`);
        exitCode = 2;
        return;
      }
      const color = options.outputFile ? noColor : colorFor(io, options, argv);
      exitCode = emitReport(merged.results, merged.notices, options, io, color);
    });

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    io.stderr.write(`planlint: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
  return exitCode;
}
