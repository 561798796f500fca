/**
 * The command line: options, I/O, formatting and the exit code. Linting itself is the library's.
 * Exit codes: 0 clean (warnings within --max-warnings), 1 errors or too many warnings, 2 usage error or a
 * path or file that could not be read (the other files are still linted and reported).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { Chalk } from 'chalk';
import { createRequire } from 'node:module';
import { findPlanFiles, lintFile, lintBytes, type Notice } from './files.js';
import { formatters } from './formatters/index.js';
import { rules } from './registry.js';
import type { LintResult, Severity } from './types.js';

const require = createRequire(import.meta.url);

function version(): string {
  for (const p of ['../package.json', '../../package.json']) {
    try {
      const pkg = require(p) as { name?: string; version?: string };
      if (pkg.name === 'planlint' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  cwd: string;
}

interface LintCommandOptions {
  format: string;
  quiet?: boolean;
  maxWarnings?: number;
  color?: boolean;
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

function onlyErrors(result: LintResult): LintResult {
  const findings = result.findings.filter((f) => f.severity === 'error');
  return { ...result, findings, warningCount: 0 };
}

export async function run(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd() }): Promise<number> {
  let exitCode = 0;
  const program = new Command();
  program
    .name('planlint')
    .description('Lint strategic plans: tools promoted to goals, platitudes, vanity metrics, unmeasurable goals.')
    .version(version(), '-v, --version')
    .argument('[paths...]', 'files or directories to lint (.md, .markdown, .txt); "-" reads standard input')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(formatters)).default('stylish'))
    .option('--quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit with 1 when there are more warnings than this', parseCount)
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showSuggestionAfterError(true)
    .action(async (paths: string[], options: LintCommandOptions) => {
      exitCode = await lint(paths, options, io, argv.includes('--color'));
    });

  program
    .command('rules')
    .description('list every rule with its severity and what it reports')
    .action(() => {
      const width = Math.max(...rules.map((r) => r.meta.id.length));
      for (const r of rules) io.stdout.write(`${r.meta.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(7)}  ${r.meta.description}\n`);
      exitCode = 0;
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

async function lint(paths: string[], options: LintCommandOptions, io: CliIO, forceColor: boolean): Promise<number> {
  const colorLevel = options.color === false ? 0 : forceColor || io.stdout.isTTY ? 1 : 0;
  const color = new Chalk({ level: colorLevel });
  const useStdin = paths.includes('-') || (paths.length === 0 && !io.stdin.isTTY);
  if (paths.length === 0 && !useStdin) {
    io.stderr.write('planlint: no paths given (try `planlint fixtures/plans/`, or pipe a plan to standard input)\n');
    return 2;
  }
  const results: LintResult[] = [];
  const notices: Notice[] = [];
  if (useStdin) {
    const { result, notice } = lintBytes('<stdin>', await readAll(io.stdin));
    if (result) results.push(result);
    if (notice) notices.push(notice);
  }
  const found = await findPlanFiles(
    paths.filter((p) => p !== '-'),
    io.cwd,
  );
  notices.push(...found.notices);
  for (const file of found.files) {
    const { result, notice } = await lintFile(file, { cwd: io.cwd });
    if (result) results.push(result);
    if (notice) notices.push(notice);
  }

  const shown = options.quiet ? results.map(onlyErrors) : results;
  const formatter = formatters[options.format] ?? formatters.stylish;
  const output = (formatter as NonNullable<typeof formatter>)(shown, { color, notices });
  if (output) io.stdout.write(output.endsWith('\n') ? output : output + '\n');
  for (const n of notices) io.stderr.write(`planlint: ${n.level}: ${n.filePath}: ${n.message}\n`);

  if (notices.some((n) => n.level === 'error')) return 2;
  const count = (s: Severity): number => results.reduce((sum, r) => sum + (s === 'error' ? r.errorCount : r.warningCount), 0);
  if (count('error') > 0) return 1;
  if (options.maxWarnings !== undefined && count('warning') > options.maxWarnings) {
    io.stderr.write(`planlint: too many warnings (${count('warning')}); the maximum allowed is ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
