import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProgressBar } from '../src/progress.js';
import { comparePaths } from '../src/merge.js';
import { ROOT, planlint } from './helpers.js';



let dir = '';
const PLANS = readdirSync(path.join(ROOT, 'fixtures', 'plans'));

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'planlint-portfolio-'));
  // A small portfolio: the sample plans several times over, in nested folders, and one broken file.
  for (let i = 0; i < 6; i++) {
    const sub = path.join(dir, 'clients', `client-${i}`);
    mkdirSync(sub, { recursive: true });
    for (const p of PLANS) copyFileSync(path.join(ROOT, 'fixtures', 'plans', p), path.join(sub, p));
    writeFileSync(path.join(sub, 'board.html'), `<h2>Priorities</h2><ol><li>Become a leader in social media</li><li>Put customers at the heart of client ${i}'s strategy</li></ol>`);
  }
  writeFileSync(path.join(dir, 'clients', 'broken.docx'), 'not a zip');
});

describe('parallel runs and the cache', () => {
  it('gives the same results, in the same order, with --jobs 1 and --jobs 2', () => {
    const one = planlint(['-f', 'json', '--jobs', '1', 'clients'], { cwd: dir });
    const two = planlint(['-f', 'json', '--jobs', '2', 'clients'], { cwd: dir });
    expect(one.code).toBe(2); // the broken .docx
    expect(JSON.parse(one.stdout).length).toBe(6 * (PLANS.length + 1) + 1);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
  });

  it('lints a file too large for a worker in the main thread, with the same results', () => {
    const sub = path.join(dir, 'large');
    mkdirSync(sub, { recursive: true });
    const plan = readFileSync(path.join(ROOT, 'fixtures', 'plans', PLANS.find((p) => p.endsWith('.md')) as string), 'utf8');
    writeFileSync(path.join(sub, 'large.md'), `${plan}\n`.repeat(Math.ceil(300_000 / plan.length)));
    for (let i = 0; i < 4; i++) writeFileSync(path.join(sub, `small-${i}.md`), plan);
    // The report is larger than what the test helper captures from standard output: written to files.
    expect(planlint(['-f', 'json', '--jobs', '1', '-o', 'large-1.json', 'large'], { cwd: dir }).code).toBe(1);
    expect(planlint(['-f', 'json', '--jobs', '2', '-o', 'large-2.json', 'large'], { cwd: dir }).code).toBe(1);
    const one = readFileSync(path.join(dir, 'large-1.json'), 'utf8');
    expect(JSON.parse(one).length).toBe(5);
    expect(readFileSync(path.join(dir, 'large-2.json'), 'utf8')).toBe(one);
  });

  it('gives the same results with and without --cache, and answers unchanged files from it', () => {
    const cacheFile = path.join(dir, 'cache.json');
    const plain = planlint(['-f', 'json', 'clients'], { cwd: dir });
    const cold = planlint(['-f', 'json', '--cache', '--cache-location', 'cache.json', 'clients'], { cwd: dir });
    const warm = planlint(['-f', 'json', '--cache', '--cache-location', 'cache.json', 'clients'], { cwd: dir });
    expect(cold.stdout).toBe(plain.stdout);
    expect(warm.stdout).toBe(plain.stdout);
    expect(warm.stderr).toBe(plain.stderr);
    // Every format, and the JSON report filtered or written to a file, reads the same from the cache (the JSON
    // report copies a cached result's bytes; the others parse them).
    const cached = ['--cache', '--cache-location', 'cache.json'];
    for (const args of [['-f', 'stylish'], ['-f', 'sarif'], ['-f', 'github'], ['-f', 'junit'], ['-f', 'compact'], ['-f', 'summary'], ['-f', 'json', '--quiet'], ['-f', 'json', '--jobs', '2']]) {
      const fresh = planlint([...args, 'clients'], { cwd: dir });
      const again = planlint([...args, ...cached, 'clients'], { cwd: dir });
      expect(again.stdout, args.join(' ')).toBe(fresh.stdout);
      expect(again.code, args.join(' ')).toBe(fresh.code);
    }
    expect(planlint(['-f', 'json', ...cached, '-o', 'warm.json', 'clients'], { cwd: dir }).code).toBe(2);
    expect(readFileSync(path.join(dir, 'warm.json'), 'utf8')).toBe(plain.stdout);

    // Proof that the warm run read the cache: a doctored entry comes back as it was stored.
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
    const key = Object.keys(cache.entries).find((k) => k.endsWith(path.join('client-0', 'weak-plan.md'))) as string;
    cache.entries[key].outcome.result.messages[0].message = 'FROM THE CACHE';
    writeFileSync(cacheFile, JSON.stringify(cache));
    expect(planlint(['-f', 'json', '--cache', '--cache-location', 'cache.json', 'clients/client-0'], { cwd: dir }).stdout).toContain('FROM THE CACHE');

    // A change of configuration invalidates the entry…
    writeFileSync(path.join(dir, 'clients', 'client-0', '.planlintrc.json'), JSON.stringify({ rules: { 'no-buzzword': 'off' } }));
    const reconfigured = planlint(['-f', 'json', '--cache', '--cache-location', 'cache.json', 'clients/client-0'], { cwd: dir });
    expect(reconfigured.stdout).not.toContain('FROM THE CACHE');
    // …and so does a change of planlint (its version or word lists): the whole cache is dropped.
    const again = JSON.parse(readFileSync(cacheFile, 'utf8'));
    again.engine = 'another planlint';
    for (const e of Object.values(again.entries) as Array<{ outcome: { result?: { messages: Array<{ message: string }> } } }>) {
      for (const f of e.outcome.result?.messages ?? []) f.message = 'STALE';
    }
    writeFileSync(cacheFile, JSON.stringify(again));
    expect(planlint(['-f', 'json', '--cache', '--cache-location', 'cache.json', 'clients/client-0'], { cwd: dir }).stdout).not.toContain('STALE');
  });

  it('re-lints a file whose content changed', () => {
    const sub = path.join(dir, 'edited');
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, 'plan.md'), '## Goals\n\n1. Become a leader in social media\n');
    const first = planlint(['-f', 'json', '--cache', '--cache-location', 'cache/', 'edited'], { cwd: dir });
    expect(first.stdout).toContain('no-tool-as-goal');
    writeFileSync(path.join(sub, 'plan.md'), '## Goals\n\n1. Cut tenants\u2019 average repair wait from 20 days to 7 by March 2027\n');
    const second = planlint(['-f', 'json', '--cache', '--cache-location', 'cache/', 'edited'], { cwd: dir });
    expect(second.stdout).not.toContain('no-tool-as-goal');
    expect(readdirSync(path.join(dir, 'cache'))).toEqual(['.planlintcache']);
  });

  it('knows an unchanged file by its status without reading it, and still re-reads a rewritten one', async () => {
    // A status is recorded only once the file's last change (its change time, which cannot be set back) is
    // two seconds old: the file may otherwise change again within a tick of a coarse file-system clock.
    const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2100));
    const sub = path.join(dir, 'status');
    mkdirSync(sub, { recursive: true });
    const file = path.join(sub, 'plan.md');
    const old = new Date(Date.now() - 3_600_000);
    writeFileSync(file, '## Goals\n\n1. Become a leader in social media\n');
    utimesSync(file, old, old);
    await settle();
    const run = (...extra: string[]): string => planlint(['-f', 'json', '--cache', '--cache-location', 'status.cache', ...extra, 'status'], { cwd: dir }).stdout;
    const plain = run();
    const cacheFile = path.join(dir, 'status.cache');
    const entry = (): { key: string; stat: string; outcome: { result: { messages: Array<{ message: string }> } } } =>
      Object.values(JSON.parse(readFileSync(cacheFile, 'utf8')).entries)[0] as never;
    expect(entry().stat).toMatch(/^[0-9a-f]{64}$/);
    expect(entry().stat).not.toMatch(/^0+$/);

    // The entry's content key no longer matches and its outcome is doctored: only the status can find it.
    const doctor = (): void => {
      const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
      const e = Object.values(cache.entries)[0] as ReturnType<typeof entry>;
      e.key = 'f'.repeat(64);
      e.outcome.result.messages[0]!.message = 'FROM THE STATUS';
      writeFileSync(cacheFile, JSON.stringify(cache));
    };
    doctor();
    expect(run()).toContain('FROM THE STATUS');
    // --cache-strategy content reads the file, misses, and lints it again.
    expect(run('--cache-strategy', 'content')).toBe(plain);

    // Rewritten with the same size and given back its old modification time: its change time tells.
    run();
    doctor();
    writeFileSync(file, '## Goals\n\n1. Become a leader in virtual reality\n'.slice(0, readFileSync(file).length));
    utimesSync(file, old, old);
    await settle();
    const rewritten = run();
    expect(rewritten).not.toContain('FROM THE STATUS');
    expect(rewritten).toContain('virtual');

    // A file changed moments ago is not vouched for by its status: its entry records none.
    writeFileSync(file, '## Goals\n\n1. Become a leader in social media\n');
    run();
    expect(entry().stat).toMatch(/^0{64}$/);
  });

  it('refuses a bad --jobs or --shard', () => {
    expect(planlint(['--jobs', '0', 'clients'], { cwd: dir }).code).toBe(2);
    const shard = planlint(['--shard', '3/2', 'clients'], { cwd: dir });
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('1 ≤ i ≤ n');
  });
});

describe('shards and merge', () => {
  it('splits a portfolio into disjoint shards whose merged results equal a full run', () => {
    const full = planlint(['-f', 'json', 'clients'], { cwd: dir });
    const parts = [1, 2, 3].map((i) => planlint(['-f', 'json', '--shard', `${i}/3`, '-o', `shard-${i}.json`, 'clients'], { cwd: dir }));
    const names = [1, 2, 3].map((i) => (JSON.parse(readFileSync(path.join(dir, `shard-${i}.json`), 'utf8')) as Array<{ filePath: string }>).map((r) => r.filePath));
    for (const n of names) expect(n.length).toBeGreaterThan(0);
    expect(new Set(names.flat()).size).toBe(names.flat().length);
    expect(parts.map((p) => p.code)).toContain(2);
    const merged = planlint(['merge', '-f', 'json', 'shard-3.json', 'shard-1.json', 'shard-2.json'], { cwd: dir });
    expect(merged.stdout).toBe(full.stdout);
    expect(merged.code).toBe(full.code);
    // Any format can be made from the merged results.
    expect(planlint(['merge', '-f', 'sarif', 'shard-1.json', 'shard-2.json', 'shard-3.json'], { cwd: dir }).stdout).toBe(planlint(['-f', 'sarif', 'clients'], { cwd: dir }).stdout);
  });

  it('names a results file that cannot be merged', () => {
    writeFileSync(path.join(dir, 'not-results.json'), '{"a":1}');
    const r = planlint(['merge', 'not-results.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('planlint: not-results.json: is not planlint JSON results (expected the array that `planlint --format json` writes)');
    expect(planlint(['merge', 'missing.json'], { cwd: dir }).stderr).toContain('missing.json: cannot be read (no such file)');
  });

  it('orders merged paths as the directory walk does', () => {
    expect(['b/a.md', 'a.md', 'a/z.md', 'a-b.md'].sort(comparePaths)).toEqual(['a/z.md', 'a-b.md', 'a.md', 'b/a.md']);
  });
});

describe('summary format', () => {
  it('ranks documents worst first, names each one\u2019s top rule, and totals findings per rule', () => {
    const r = planlint(['-f', 'summary', '--no-color', 'clients/client-1', 'clients/broken.docx'], { cwd: dir });
    const lines = r.stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('rank'));
    const rows = lines.slice(header + 1, header + 1 + PLANS.length + 1);
    const scores = rows.map((l) => Number(l.trim().split(/\s+/)[1]));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(rows[rows.length - 1]).toMatch(/\b100\b.*strong-plan\.md$/);
    expect(rows.find((l) => l.endsWith('weak-plan.md'))).toMatch(/no-[a-z-]+ \(\d+\)/);
    const json = JSON.parse(planlint(['-f', 'json', 'clients/client-1'], { cwd: dir }).stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
    const toolAsGoal = json.flatMap((x) => x.messages).filter((m) => m.ruleId === 'no-tool-as-goal').length;
    expect(r.stdout).toMatch(new RegExp(`no-tool-as-goal\\s+${toolAsGoal}\\s+0\\s+0\\s+\\d+`));
    expect(r.stdout).toContain('Not linted');
    expect(r.stdout).toContain('clients/broken.docx: is not a Word document');
  });
});

describe('progress bar', () => {
  it('shows files done, rate and time left, and stays out of output that is not a terminal', () => {
    const bar = new ProgressBar({ write: () => true, columns: 80 });
    expect(bar.line(50, 200, 10)).toBe('planlint [########----------------------] 50/200 files · 5.0 files/s · 30s left');
    expect(bar.line(200, 200, 40)).toContain('done in 40s');
    const r = planlint(['-f', 'json', 'clients'], { cwd: dir });
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toContain('files/s');
  });
});
