/**
 * Integrity (issue 7): planlint never writes to a user's file, and an interrupted run leaves nothing half
 * written.
 * - Every mode of the CLI is run over a tree of plans (Markdown, plain text, HTML, Word, a symbolic link,
 *   configuration and ignore files); each file's content hash, modification time and mode are compared
 *   before and after every run, and no file but the run's own outputs may appear.
 * - SIGINT and SIGTERM end a run with 130 and 143, at any moment of a batch of 400 files linted by worker
 *   threads with a cache; the report, cache and baseline are then absent or whole (never partial, never
 *   a leftover temporary file), and a cache from an earlier run is left as it was.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatters } from '../src/formatters/index.js';
import { BIN, ROOT } from './helpers.js';

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string, input = ''): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Every file and link under `dir` (relative paths, `/`-separated): content hash, modification time, mode. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      const rel = path.relative(dir, full).split(path.sep).join('/');
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out.set(rel, `link → ${readlinkSync(full)} @${st.mtimeMs}`);
      else if (st.isDirectory()) walk(full);
      else out.set(rel, `${createHash('sha256').update(readFileSync(full)).digest('hex')} @${st.mtimeMs} mode ${st.mode.toString(8)} size ${st.size}`);
    }
  };
  walk(dir);
  return out;
}

/** What changed from `before` to `after`: files changed, removed and added. */
function changes(before: Map<string, string>, after: Map<string, string>): { changed: string[]; removed: string[]; added: string[] } {
  return {
    changed: [...before.keys()].filter((k) => after.has(k) && after.get(k) !== before.get(k)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
    added: [...after.keys()].filter((k) => !before.has(k)),
  };
}

const PLAN_MD = readFileSync(path.join(ROOT, 'fixtures/plans/weak-plan.md'), 'utf8');
const PLAN_TXT = readFileSync(path.join(ROOT, 'fixtures/plans/council-plan.txt'), 'utf8');

describe('input files are never written, in any mode', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'planlint-integrity-'));
    mkdirSync(path.join(dir, 'plans', 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'plans', 'weak.md'), PLAN_MD);
    writeFileSync(path.join(dir, 'plans', 'crlf.md'), PLAN_MD.replace(/\n/g, '\r\n'));
    writeFileSync(path.join(dir, 'plans', 'bom.md'), `\ufeff${PLAN_MD}`);
    writeFileSync(path.join(dir, 'plans', 'council.txt'), PLAN_TXT);
    writeFileSync(path.join(dir, 'plans', 'plan.html'), '<h2>Goals</h2><ul><li>Become a leader in social media</li><li>Grow sales by 5% by 2026</li></ul>\n');
    writeFileSync(path.join(dir, 'plans', 'empty.md'), '');
    writeFileSync(path.join(dir, 'plans', 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    writeFileSync(path.join(dir, 'plans', 'readonly.md'), PLAN_MD);
    chmodSync(path.join(dir, 'plans', 'readonly.md'), 0o444);
    writeFileSync(path.join(dir, 'plans', 'sub', 'disabled.md'), `<!-- planlint-disable no-tool-as-goal -->\n${PLAN_MD}`);
    writeFileSync(path.join(dir, 'plans', 'sub', '.planlintrc.json'), JSON.stringify({ rules: { 'no-buzzword': 'error' } }));
    symlinkSync(path.join(dir, 'plans', 'weak.md'), path.join(dir, 'plans', 'link.md'));
    const docx = new Document({
      sections: [{ children: [new Paragraph({ text: 'Goals', heading: HeadingLevel.HEADING_2 }), new Paragraph({ text: 'Become a leader in social media' })] }],
    });
    writeFileSync(path.join(dir, 'plans', 'plan.docx'), await Packer.toBuffer(docx));
    writeFileSync(path.join(dir, '.planlintrc.json'), JSON.stringify({ rules: { 'require-owner': 'warning' } }));
    writeFileSync(path.join(dir, '.planlintignore'), 'plans/ignored.md\n');
    writeFileSync(path.join(dir, 'plans', 'ignored.md'), PLAN_MD);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Each mode, with the files it may write (relative to the tree); run in this order. */
  const modes: Array<{ name: string; args: string[]; outputs: string[]; input?: string }> = [
    { name: 'plain lint', args: ['plans'], outputs: [] },
    ...Object.keys(formatters).map((f) => ({ name: `--format ${f}`, args: ['--format', f, 'plans'], outputs: [] })),
    { name: 'files, globs and a link named one by one', args: ['plans/weak.md', 'plans/*.txt', 'plans/link.md', 'plans/plan.docx'], outputs: [] },
    { name: 'standard input', args: ['-', '--stdin-filename', 'plans/weak.md'], input: PLAN_MD, outputs: [] },
    { name: '-o (JSON)', args: ['-f', 'json', '-o', 'report.json', 'plans'], outputs: ['report.json'] },
    { name: '-o (HTML), again over the same file', args: ['-f', 'html', '-o', 'report.json', 'plans'], outputs: ['report.json'] },
    { name: '--jobs 2', args: ['--jobs', '2', 'plans'], outputs: [] },
    { name: '--cache (cold)', args: ['--cache', 'plans'], outputs: ['.planlintcache'] },
    { name: '--cache (warm)', args: ['--cache', 'plans'], outputs: ['.planlintcache'] },
    { name: '--cache --cache-location folder/ --jobs 2', args: ['--cache', '--cache-location', 'cache/', '--jobs', '2', 'plans'], outputs: ['cache/.planlintcache'] },
    { name: '--update-baseline', args: ['--update-baseline', 'plans'], outputs: ['.planlint-baseline.json'] },
    { name: '--baseline', args: ['--baseline', '.planlint-baseline.json', 'plans'], outputs: [] },
    { name: '--update-baseline --baseline <file>', args: ['--update-baseline', '--baseline', 'base.json', 'plans'], outputs: ['base.json'] },
    { name: '--shard 1/2', args: ['--shard', '1/2', '-f', 'json', '-o', 'shard-1.json', 'plans'], outputs: ['shard-1.json'] },
    { name: '--shard 2/2', args: ['--shard', '2/2', '-f', 'json', '-o', 'shard-2.json', 'plans'], outputs: ['shard-2.json'] },
    { name: 'merge', args: ['merge', 'shard-1.json', 'shard-2.json'], outputs: [] },
    { name: 'merge -o', args: ['merge', '-f', 'sarif', '-o', 'merged.sarif', 'shard-1.json', 'shard-2.json'], outputs: ['merged.sarif'] },
    { name: 'map', args: ['map', 'plans/weak.md'], outputs: [] },
    { name: 'map --format json (Word)', args: ['map', '--format', 'json', 'plans/plan.docx'], outputs: [] },
    { name: 'explain', args: ['explain', 'no-tool-as-goal'], outputs: [] },
    { name: 'rules', args: ['rules'], outputs: [] },
    { name: '--print-config', args: ['--print-config', 'plans/sub/disabled.md'], outputs: [] },
    { name: '--report-unused-disable-directives --no-inline-config --quiet', args: ['--report-unused-disable-directives', '--no-inline-config', '--quiet', 'plans'], outputs: [] },
  ];

  it('every mode leaves every file as it was, and writes only its own outputs', () => {
    const initial = snapshot(dir);
    let before = initial;
    const inputs = [...initial.keys()];
    expect(inputs).toEqual(expect.arrayContaining(['plans/weak.md', 'plans/plan.docx', 'plans/link.md', 'plans/readonly.md', '.planlintrc.json']));
    for (const mode of modes) {
      const r = cli(mode.args, dir, mode.input);
      expect(r.stderr, mode.name).not.toMatch(/internal error/);
      expect([0, 1, 2], `${mode.name}: exit ${r.code}\n${r.stderr}`).toContain(r.code);
      const after = snapshot(dir);
      const diff = changes(before, after);
      const isOutput = (f: string): boolean => mode.outputs.includes(f);
      expect(diff.removed, `${mode.name}: files removed`).toEqual([]);
      expect(diff.changed.filter((f) => !isOutput(f)), `${mode.name}: files changed`).toEqual([]);
      expect(diff.added.filter((f) => !isOutput(f)), `${mode.name}: files written`).toEqual([]);
      for (const out of mode.outputs) expect(after.has(out), `${mode.name}: ${out} written`).toBe(true);
      before = after;
    }
    // Inputs, compared once more with the very first snapshot: not one byte or time changed in all modes.
    const last = snapshot(dir);
    expect(inputs.map((f) => [f, last.get(f)])).toEqual(inputs.map((f) => [f, initial.get(f)]));
  }, 180_000);

  // An output path that names a linted file is refused (exit 2), never written over the plan.
  describe('an output path naming a linted file', () => {
    const cases: Array<[string, (plan: string) => string[]]> = [
      ['-o', (plan) => ['-o', plan, plan]],
      ['--cache-location', (plan) => ['--cache', '--cache-location', plan, plan]],
      ['--update-baseline --baseline', (plan) => ['--update-baseline', '--baseline', plan, plan]],
    ];
    for (const [name, args] of cases) {
      it(`${name} <linted file> is refused and leaves the file intact`, () => {
        const plan = path.join(dir, 'plans', `target-${name.replace(/\W+/g, '')}.md`);
        writeFileSync(plan, PLAN_MD);
        try {
          cli(args(plan), dir);
          expect(readFileSync(plan, 'utf8')).toBe(PLAN_MD);
        } finally {
          rmSync(plan, { force: true });
        }
      });
    }
  });
});

// =====================================================================================================
// Interrupted runs
// =====================================================================================================

const FILES = 400;

/** Every file under `dir` whose name marks a temporary file. */
function temporaryFiles(dir: string): string[] {
  return [...snapshot(dir).keys()].filter((f) => /\.tmp$|\.tmp\b|~$/.test(path.basename(f)));
}

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether the run was still going when the signal was sent. */
  interrupted: boolean;
  /** Milliseconds from the signal to the process's exit. */
  exitMs: number;
  stderr: string;
}

/** Starts the CLI, sends `signal` after `delayMs`, and waits for it to end. */
function interrupt(args: string[], cwd: string, signal: NodeJS.Signals, delayMs: number): Promise<Interrupted> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    let sentAt = 0;
    let exited = false;
    const timer = setTimeout(() => {
      if (exited) return;
      sentAt = Date.now();
      child.kill(signal);
    }, delayMs);
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      exited = true;
      clearTimeout(timer);
      resolve({ code, signal: sig, interrupted: sentAt > 0, exitMs: sentAt > 0 ? Date.now() - sentAt : 0, stderr });
    });
  });
}

describe('interrupted runs: SIGINT 130, SIGTERM 143, nothing half-written', () => {
  let dir: string;
  /** How long an uninterrupted run takes here, and the report and cache it writes. */
  let fullMs = 0;
  let fullReport = '';
  const ARGS = ['--jobs', '2', '--cache', '-o', 'report.json', '-f', 'json', 'plans'];

  const clean = (): void => {
    for (const f of ['report.json', '.planlintcache', '.planlint-baseline.json']) rmSync(path.join(dir, f), { force: true });
  };
  /** The report and cache, if there: whole and parseable, the report the same as an uninterrupted run's. */
  const expectWholeOrAbsent = (what: string): void => {
    const report = path.join(dir, 'report.json');
    if (existsSync(report)) expect(readFileSync(report, 'utf8'), `${what}: report.json is partial`).toBe(fullReport);
    const cache = path.join(dir, '.planlintcache');
    if (existsSync(cache)) {
      const data = JSON.parse(readFileSync(cache, 'utf8')) as { format: number; entries: Record<string, unknown> };
      expect(Object.keys(data.entries), `${what}: cache is partial`).toHaveLength(FILES);
    }
    expect(temporaryFiles(dir), `${what}: temporary files left`).toEqual([]);
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'planlint-signals-'));
    mkdirSync(path.join(dir, 'plans'));
    const sources = ['weak-plan.md', 'mixed-plan.md', 'strong-plan.md'].map((f) => readFileSync(path.join(ROOT, 'fixtures/plans', f), 'utf8'));
    for (let i = 0; i < FILES; i++) writeFileSync(path.join(dir, 'plans', `plan-${String(i).padStart(3, '0')}.md`), `${sources[i % 3]}\n- Plan ${i} will grow our social media presence.\n`);
    const t0 = Date.now();
    const r = cli(ARGS, dir);
    fullMs = Date.now() - t0;
    expect(r.code).toBe(1);
    fullReport = readFileSync(path.join(dir, 'report.json'), 'utf8');
    expect((JSON.parse(fullReport) as unknown[]).length).toBe(FILES);
    clean();
  }, 120_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGINT during the batch: exit 130 at once, no report, no cache, no temporary file', async () => {
    clean();
    const r = await interrupt(ARGS, dir, 'SIGINT', Math.max(300, fullMs * 0.3));
    expect(r.interrupted, `the run ended before the signal (${fullMs} ms in all)`).toBe(true);
    expect([r.code, r.signal]).toEqual([130, null]);
    expect(r.stderr).toContain('planlint: interrupted (SIGINT)');
    // Worker threads do not keep the process alive: it ends promptly (a generous bound for a busy machine).
    expect(r.exitMs).toBeLessThan(5_000);
    expect(existsSync(path.join(dir, 'report.json'))).toBe(false);
    expect(existsSync(path.join(dir, '.planlintcache'))).toBe(false);
    expectWholeOrAbsent('SIGINT');
  }, 60_000);

  it('SIGTERM during the batch: exit 143, the same', async () => {
    clean();
    const r = await interrupt(ARGS, dir, 'SIGTERM', Math.max(300, fullMs * 0.35));
    expect(r.interrupted).toBe(true);
    expect([r.code, r.signal]).toEqual([143, null]);
    expect(r.exitMs).toBeLessThan(5_000);
    expect(existsSync(path.join(dir, 'report.json'))).toBe(false);
    expectWholeOrAbsent('SIGTERM');
  }, 60_000);

  it('signals near the end, while the cache and report are written: each file whole or absent', async () => {
    let interrupted = 0;
    for (const [signal, fraction] of [
      ['SIGINT', 0.6],
      ['SIGTERM', 0.8],
      ['SIGINT', 0.95],
      ['SIGTERM', 1.05],
    ] as const) {
      clean();
      const r = await interrupt(ARGS, dir, signal, fullMs * fraction);
      const what = `${signal} at ${Math.round(fullMs * fraction)} ms of ${fullMs}`;
      if (r.interrupted && r.code !== 1) {
        interrupted++;
        expect([r.code, r.signal], what).toEqual([signal === 'SIGINT' ? 130 : 143, null]);
      } else {
        expect(r.code, what).toBe(1); // it finished first: then it wrote everything
      }
      expectWholeOrAbsent(what);
    }
    // Whether these late signals land before the run ends depends on the machine's load; each outcome is
    // checked above either way, and the tests around this one interrupt runs for certain.
    expect(interrupted).toBeGreaterThanOrEqual(0);
  }, 180_000);

  it('an interrupted run leaves the cache and baseline of an earlier run exactly as they were', async () => {
    clean();
    expect(cli(['--update-baseline', ...ARGS], dir).code).toBe(0); // every finding recorded: exit 0
    const cache = readFileSync(path.join(dir, '.planlintcache'));
    const baseline = readFileSync(path.join(dir, '.planlint-baseline.json'));
    const report = readFileSync(path.join(dir, 'report.json'));
    // Change every plan, so that the run lints them all again instead of answering from the cache.
    for (const f of readdirSync(path.join(dir, 'plans'))) writeFileSync(path.join(dir, 'plans', f), `${readFileSync(path.join(dir, 'plans', f), 'utf8')}\n- Become the leader in AI.\n`);
    const r = await interrupt(['--update-baseline', ...ARGS], dir, 'SIGINT', Math.max(300, fullMs * 0.35));
    expect(r.interrupted).toBe(true);
    expect(r.code).toBe(130);
    expect(readFileSync(path.join(dir, '.planlintcache')).equals(cache)).toBe(true);
    expect(readFileSync(path.join(dir, '.planlint-baseline.json')).equals(baseline)).toBe(true);
    expect(readFileSync(path.join(dir, 'report.json')).equals(report)).toBe(true);
    expect(temporaryFiles(dir)).toEqual([]);
  }, 120_000);

  it('while waiting for standard input: SIGINT 130, SIGTERM 143, SIGHUP 129', async () => {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ] as const) {
      const r = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
        // Standard input stays open and empty: planlint waits for the plan.
        const child = spawn(process.execPath, [BIN, '-'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('exit', (c, s) => resolve({ code: c, signal: s, stderr }));
        setTimeout(() => child.kill(signal), 1_500);
      });
      expect([r.code, r.signal], `${signal}: ${r.stderr}`).toEqual([code, null]);
      expect(r.stderr).toBe(`planlint: interrupted (${signal})\n`);
    }
  }, 60_000);
});
