import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../src/index.js';
import { ROOT, planlint } from './helpers.js';



let dir = '';
const WEAK = '## Strategic priorities\n\n1. Put customers at the heart of our strategy\n2. Become a leader in social media\n';
const STRONG = '## Goals\n\n- Cut the average wait for a first appointment from 12 days to 5 by 2027\n';
const WARN_ONLY = '## Goals\n\n- Put customers at the heart of our strategy by 2027\n';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'planlint-cli-'));
  writeFileSync(path.join(dir, 'weak.md'), WEAK);
  writeFileSync(path.join(dir, 'strong.md'), STRONG);
  writeFileSync(path.join(dir, 'warn.md'), WARN_ONLY);
  writeFileSync(path.join(dir, 'empty.md'), '');
  writeFileSync(path.join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  mkdirSync(path.join(dir, 'no-plans'));
  writeFileSync(path.join(dir, 'no-plans', 'notes.pdf'), 'not a plan');
});

describe('planlint CLI', () => {
  it('lints the bundled sample plans and exits 1 on errors', () => {
    const r = planlint(['fixtures/plans/']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('fixtures/plans/weak-plan.md');
    expect(r.stdout).toMatch(/error\s+"Become a leader in social media" makes a tool \(social media\) the goal/);
    expect(r.stdout).toMatch(/✖ \d+ problems \(\d+ errors?, \d+ warnings?\)/);
    expect(r.stdout).not.toContain('strong-plan.md');
    expect(r.stdout).not.toContain('\u001b['); // no colours when not on a terminal
  });

  it('exits 0 on a clean plan and prints nothing', () => {
    const r = planlint([path.join(dir, 'strong.md')]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
  });

  it('writes ESLint-shaped JSON', () => {
    const r = planlint(['--format', 'json', path.join(dir, 'weak.md'), path.join(dir, 'strong.md')]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<Record<string, unknown>>; errorCount: number; warningCount: number }>;
    expect(results.map((x) => path.basename(x.filePath))).toEqual(['weak.md', 'strong.md']);
    const tool = results[0]?.messages.find((m) => m.ruleId === 'no-tool-as-goal');
    expect(tool).toMatchObject({ severity: 2, line: 4, column: 4, endLine: 4, endColumn: 35 });
    expect(typeof tool?.suggestion).toBe('string');
    expect(results[0]?.errorCount).toBe(1);
    expect(results[1]?.messages).toEqual([]);
  });

  it('--quiet shows errors only; --max-warnings turns too many warnings into exit 1', () => {
    const quiet = planlint(['--quiet', '-f', 'json', path.join(dir, 'weak.md')]);
    const messages = (JSON.parse(quiet.stdout) as Array<{ messages: Array<{ severity: number }> }>)[0]?.messages ?? [];
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.severity === 2)).toBe(true);
    expect(planlint([path.join(dir, 'warn.md')]).code).toBe(0);
    const tooMany = planlint(['--max-warnings', '0', path.join(dir, 'warn.md')]);
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain('too many warnings');
    expect(planlint(['--max-warnings', 'lots', path.join(dir, 'warn.md')]).code).toBe(2);
  });

  it('reads standard input with "-"', () => {
    const r = planlint(['-f', 'json', '-'], { input: WEAK });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].filePath).toBe('<stdin>');
  });

  it('a missing path is exit 2 with a one-line message, and the other files are still reported', () => {
    const r = planlint([path.join(dir, 'missing.md'), path.join(dir, 'weak.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`planlint: error: ${path.join(dir, 'missing.md')}: no such file or directory`]);
    expect(r.stdout).toContain('weak.md');
  });

  it('a directory with no plan files is exit 2, naming it', () => {
    const r = planlint([path.join(dir, 'no-plans')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(dir, 'no-plans')}: directory holds no plan files`);
  });

  it('an empty file and a binary file each get a one-line warning; the rest is linted', () => {
    const r = planlint([path.join(dir, 'empty.md'), path.join(dir, 'image.md'), path.join(dir, 'strong.md')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${path.join(dir, 'empty.md')}: is empty; nothing to lint`);
    expect(r.stderr).toContain(`${path.join(dir, 'image.md')}: looks like a binary file`);
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
  });

  it('an unreadable file is exit 2, and the others are still reported', () => {
    if (process.getuid?.() === 0) return; // root reads everything; permissions cannot be tested as root
    const locked = path.join(dir, 'locked.md');
    writeFileSync(locked, WEAK);
    chmodSync(locked, 0o000);
    const r = planlint([locked, path.join(dir, 'weak.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('permission denied');
    expect(r.stdout).toContain('weak.md');
  });

  it('lists the rules with their level in each preset', () => {
    const r = planlint(['rules']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^no-tool-as-goal\s+error\s+error\s+focus\s+Disallow/m);
    expect(r.stdout).toMatch(/^require-owner\s+off\s+warning\s+/m);
    // A header and one line per rule.
    expect(r.stdout.trim().split('\n')).toHaveLength(rules.length + 1);
  });

  it('answers --help and --version, and exits 2 on an unknown option or format', () => {
    expect(planlint(['--help']).stdout).toContain('Usage: planlint');
    expect(planlint(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const bad = planlint(['--frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--frobnicate'");
    expect(planlint(['-f', 'xml', 'fixtures/plans']).code).toBe(2);
  });

  it('is importable as a typed library by its package name', () => {
    const r = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "import { lintText, lintFiles } from 'planlint'; const r = lintText('## Goals\\n\\n- Become a leader in social media\\n'); console.log(typeof lintFiles, r.errorCount);"],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stdout.trim()).toBe('function 1');
  });

  it('never writes to the linted files', () => {
    const files = ['weak.md', 'strong.md', 'empty.md', 'image.md'].map((f) => path.join(dir, f));
    const snapshot = (): string[] => files.map((f) => `${readFileSync(f).toString('base64')}@${statSync(f).mtimeMs}`);
    const before = snapshot();
    planlint(files);
    planlint(['-f', 'json', ...files]);
    expect(snapshot()).toEqual(before);
  });
});

describe('planlint explain, map and --preset', () => {
  it('explains a rule from its doc, and names the closest rule for a typo', () => {
    const r = planlint(['explain', 'max-priorities']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^max-priorities — recommended: warning, strict: warning; score category: focus; options: max \(integer, default 5\)/);
    for (const h of ['## What it reports', '## Why', '## Examples', '## Options', '## When not to use it']) expect(r.stdout).toContain(h);
    const typo = planlint(['explain', 'no-platitudes']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "no-platitude"?');
  });

  it('prints the value map as text and JSON', () => {
    const text = planlint(['map', 'fixtures/plans/weak-plan.md']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/social media \(line 11\)\s+✖ linked to no stakeholder and no value/);
    expect(text.stdout).toMatch(/Never mentioned: .*partners.*suppliers/);
    const json = JSON.parse(planlint(['map', '--format', 'json', 'fixtures/plans/weak-plan.md']).stdout) as {
      tools: Array<{ tool: string; linked: boolean }>;
      stakeholderGroups: { missing: string[] };
    };
    expect(json.tools.find((t) => t.tool === 'social media')?.linked).toBe(false);
    expect(json.stakeholderGroups.missing).toContain('suppliers');
    expect(planlint(['map', path.join(dir, 'missing.md')]).code).toBe(2);
  });

  it('shows the score after a file’s findings, and carries score and categories in JSON', () => {
    const r = planlint([path.join(dir, 'weak.md')]);
    expect(r.stdout).toMatch(/score \d+\/100 · focus [\d.]+\/25 · stakeholder value [\d.]+\/25 · measurability [\d.]+\/25 · substance [\d.]+\/25/);
    const [result] = JSON.parse(planlint(['--format', 'json', path.join(dir, 'weak.md')]).stdout) as Array<{ score: number; categories: Record<string, { score: number }> }>;
    expect(result?.score).toBeGreaterThanOrEqual(0);
    expect(Object.keys(result?.categories ?? {})).toEqual(['focus', 'stakeholder-value', 'measurability', 'substance']);
  });

  it('switches rule sets with --preset and refuses an unknown one', () => {
    const recommended = planlint([path.join(dir, 'weak.md')]).stdout;
    const strict = planlint(['--preset', 'strict', path.join(dir, 'weak.md')]).stdout;
    expect(recommended).not.toContain('require-stakeholder');
    expect(strict).toContain('require-stakeholder');
    expect(planlint(['--preset', 'lenient', path.join(dir, 'weak.md')]).code).toBe(2);
  });
});
