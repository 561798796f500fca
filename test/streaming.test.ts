/**
 * Streaming (issue 6): reports written one result at a time give the same bytes as whole-array formatting,
 * output files are written atomically piece by piece, and the cache reads its entries lazily.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Chalk } from 'chalk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import type { LintResult } from '../src/index.js';
import type { Notice } from '../src/files.js';
import type { Outcome } from '../src/batch.js';
import { LintCache } from '../src/cache.js';
import { emitReport } from '../src/cli-lint.js';
import { formatters } from '../src/formatters/index.js';
import { jsonReport, type ResultBytes } from '../src/formatters/json.js';
import { JsonArrayWriter } from '../src/formatters/report.js';
import { AtomicFileWriter, Spool } from '../src/output.js';
import { ROOT } from './helpers.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'planlint-streaming-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const PLANS = readdirSync(path.join(ROOT, 'fixtures', 'plans')).sort();
const results: LintResult[] = [
  ...PLANS.map((p) => lintText(readFileSync(path.join(ROOT, 'fixtures', 'plans', p), 'utf8'), { filePath: `plans/${p}` })),
  lintText('## Goals\n\n- Become a leader in social media <"]]>\u0001\ud800 "results": []\n', { filePath: 'plans/odd "name"\u2028.md' }),
  lintText('Nothing to see.\n', { filePath: 'plans/clean.md' }),
];
const notices: Notice[] = [
  { filePath: 'missing.md', level: 'error', message: 'no such file or directory "results": [' },
  { filePath: 'empty.md', level: 'warning', message: 'is empty; nothing to lint' },
];
const color = new Chalk({ level: 0 });

/** Runs a report through the command line's output, to a string. */
function streamed(format: string, rs: LintResult[], ns: Notice[]): { text: string; code: number } {
  let text = '';
  const io = { stdout: { write: (s: string) => (text += s) }, stderr: { write: () => true }, cwd: dir };
  const code = emitReport(rs, ns, { format }, io, color);
  return { text, code };
}

describe('streamed reports', () => {
  it('give the bytes of the whole-array formatter, in every format', () => {
    for (const format of Object.keys(formatters)) {
      for (const [rs, ns] of [
        [results, notices],
        [[], []],
        [[], notices],
        [results.slice(-1), []],
      ] as Array<[LintResult[], Notice[]]>) {
        const whole = (formatters[format] as NonNullable<(typeof formatters)['json']>)(rs, { color, notices: ns });
        const expected = whole === '' || whole.endsWith('\n') ? whole : `${whole}\n`;
        expect(streamed(format, rs, ns).text, `${format}, ${rs.length} results`).toBe(expected);
      }
    }
  });

  it('lay out SARIF exactly as JSON.stringify does, and JSON compact with one result per line', () => {
    for (const rs of [results, [], results.slice(0, 1)]) {
      const sarif = streamed('sarif', rs, notices).text;
      expect(sarif).toBe(`${JSON.stringify(JSON.parse(sarif), null, 2)}\n`);
      const json = streamed('json', rs, notices).text;
      const items = JSON.parse(json) as unknown[];
      expect(json).toBe(items.length === 0 ? '[]\n' : `[\n${items.map((i) => JSON.stringify(i)).join(',\n')}\n]\n`);
    }
    for (let depth = 0; depth < 4; depth++) {
      const items = [{ a: [1, { b: 'x\ny' }], c: {} }, [], 'z'];
      const w = new JsonArrayWriter(depth);
      const text = items.map((i) => w.item(i)).join('') + w.close();
      const pad = '  '.repeat(depth);
      expect(text).toBe(JSON.stringify(items, null, 2).replace(/\n/g, `\n${pad}`));
      expect(new JsonArrayWriter(depth).close()).toBe('[]');
    }
  });

  it('write to -o atomically and leave no temporary file', () => {
    const out = path.join(dir, 'report.json');
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir };
    expect(emitReport(results, [], { format: 'json', outputFile: 'report.json' }, io, color)).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(formatters.json?.(results, { color, notices: [] }));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    let err = '';
    const failing = { ...io, stderr: { write: (s: string) => (err += s) } };
    expect(emitReport(results, [], { format: 'json', outputFile: 'no/such/folder/r.json' }, failing, color)).toBe(2);
    expect(err).toMatch(/^planlint: no\/such\/folder\/r\.json: cannot be written \(ENOENT\)/);
  });
});

describe('output files', () => {
  it('appear only when committed; an aborted one leaves nothing', () => {
    const file = path.join(dir, 'atomic.txt');
    const w = new AtomicFileWriter(file);
    w.write('half');
    expect(existsSync(file)).toBe(false);
    w.abort();
    expect(readdirSync(dir).filter((f) => f.startsWith('.atomic.txt'))).toEqual([]);
    const v = new AtomicFileWriter(file);
    v.write('a'.repeat(200_000));
    v.write(Buffer.from('é'));
    v.write('\n');
    v.commit();
    expect(readFileSync(file, 'utf8')).toBe(`${'a'.repeat(200_000)}é\n`);
    expect(readdirSync(dir).filter((f) => f.startsWith('.atomic.txt'))).toEqual([]);
  });

  it('spool text to a temporary file past its limit, and give it back whole', () => {
    const spool = new Spool(10);
    const pieces = ['héllo ', 'wörld ', '🙂'.repeat(5000), '', 'end\n'];
    for (const p of pieces) spool.write(p);
    let back = '';
    spool.drain((s) => (back += s));
    expect(back).toBe(pieces.join(''));
  });
});

describe('the cache', () => {
  const outcome = (name: string, message = 'a message'): Outcome => ({
    result: { filePath: name, findings: [{ ruleId: 'no-platitude', severity: 'warning', message, suggestion: 's', text: 't', line: 1, column: 1, endLine: 1, endColumn: 2 }], errorCount: 0, warningCount: 1, infoCount: 0 },
    notices: [{ filePath: name, level: 'warning', message: 'is not valid UTF-8' }],
  });

  it('gives back outcomes under the new name, writes nothing when nothing changed, and drops deleted files', () => {
    const file = path.join(dir, 'cache', 'c.json');
    const a = path.join(dir, 'a "quoted"\\ \n name.md');
    const b = path.join(dir, 'b.md');
    writeFileSync(a, 'x');
    writeFileSync(b, 'y');
    const cold = new LintCache(file);
    const ka = cold.key(Buffer.from('x'), { preset: 'strict' });
    const kb = cold.key(Buffer.from('y'), { preset: 'strict' });
    expect(ka).not.toBe(cold.key(Buffer.from('x'), { preset: 'recommended' }));
    cold.set(a, ka, outcome('a.md'));
    cold.set(b, kb, outcome('b.md', 'ü \u2028 \ud800'));
    cold.save();
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(data.entries).sort()).toEqual([a, b].sort());

    const warm = new LintCache(file);
    expect(warm.get(a, ka, 'renamed.md')).toEqual({ ...outcome('renamed.md') });
    expect(warm.get(b, kb, 'b.md')?.result?.findings[0]?.message).toBe('ü \u2028 \ud800');
    expect(warm.get(a, kb, 'a.md')).toBeUndefined();
    const mtime = statSync(file).mtimeMs;
    warm.save();
    expect(statSync(file).mtimeMs).toBe(mtime);

    rmSync(b);
    const pruned = new LintCache(file);
    expect(pruned.get(a, ka, 'a.md')).toBeDefined();
    pruned.save();
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).entries)).toEqual([a]);
    expect(new LintCache(file).get(a, ka, 'a.md')?.result?.filePath).toBe('a.md');
  });

  it('keeps an outcome with no notices unparsed until its result is read, and gives the JSON report its bytes', () => {
    const file = path.join(dir, 'bare.json');
    const a = path.join(dir, 'bare.md');
    writeFileSync(a, 'z');
    const cache = new LintCache(file);
    const k = cache.key(Buffer.from('z'), {});
    const finding = { ruleId: 'no-tool-as-goal', severity: 'error', message: 'ü \u2028 \ud800 "quoted" ],"errorCount":9,', suggestion: 's', text: 't', line: 2, column: 3, endLine: 2, endColumn: 9 } as const;
    const result: LintResult = {
      filePath: 'old.md',
      findings: [
        { ...finding, location: { headingPath: ['Goals'] }, context: { text: 'x t y', start: 2, end: 3 } },
        { ...finding, ruleId: 'no-platitude', severity: 'warning' },
        { ...finding, ruleId: 'no-buzzword', severity: 'warning' },
      ],
      errorCount: 1,
      warningCount: 2,
      infoCount: 0,
    };
    cache.set(a, k, { result, notices: [] });
    cache.save();
    const got = new LintCache(file).get(a, k, 'new "name".md');
    const expected = { ...result, filePath: 'new "name".md' };
    expect(got?.json).toMatchObject({ filePath: 'new "name".md', errorCount: 1, warningCount: 2 });
    expect(got?.result).toEqual(expected);
    // Copied or serialized, the outcome keeps its result, as any other does.
    expect({ ...got }.result).toEqual(expected);
    expect(JSON.parse(JSON.stringify(got)).result).toEqual(JSON.parse(JSON.stringify(expected)));
    // The JSON report's text for it is the same, from the bytes or from the parsed result.
    const fromBytes = jsonReport({ color: new Chalk({ level: 0 }) });
    const fromResult = jsonReport({ color: new Chalk({ level: 0 }) });
    expect(fromBytes.resultBytes?.(got?.json as ResultBytes).toString('utf8')).toBe(fromResult.result(expected));
    // Carried over to the next cache as it was.
    const next = new LintCache(file, 'content');
    const again = next.get(a, k, 'c.md', 'e'.repeat(64));
    expect(again?.result).toEqual({ ...result, filePath: 'c.md' });
    next.save();
    expect(new LintCache(file).get(a, k, 'd.md')?.result).toEqual({ ...result, filePath: 'd.md' });
  });

  it('writes an entry of a cache edited by hand as it writes any, so that the JSON report copies what parsing gives', () => {
    const file = path.join(dir, 'edited.json');
    const a = path.join(dir, 'edited-a.md');
    const b = path.join(dir, 'edited-b.md');
    writeFileSync(a, 'e');
    writeFileSync(b, 'f');
    const cache = new LintCache(file);
    const k = cache.key(Buffer.from('e'), {});
    const bare = (name: string): Outcome => ({ notices: [], result: { ...(outcome(name).result as LintResult) } });
    cache.set(a, k, bare('a.md'));
    cache.set(b, k, bare('b.md'));
    cache.save();
    const data = JSON.parse(readFileSync(file, 'utf8'));
    delete data.entries[a].outcome.result.messages[0].level;
    data.entries[a].outcome.result.extra = 'not planlint\'s';
    writeFileSync(file, JSON.stringify(data, null, 1));
    const parsed = new LintCache(file).get(a, k, 'a.md');
    expect(parsed?.json).toBeUndefined();
    // Another run relints b only: a is carried over, and written as this planlint writes an outcome.
    const next = new LintCache(file);
    next.set(b, cache.key(Buffer.from('g'), {}), bare('b.md'));
    next.save();
    const copied = new LintCache(file).get(a, k, 'a.md');
    expect(copied?.json).toBeDefined();
    const color = new Chalk({ level: 0 });
    expect(jsonReport({ color }).resultBytes?.(copied?.json as ResultBytes).toString('utf8')).toBe(jsonReport({ color }).result(parsed?.result as LintResult));
    // A message that is not an object: the entry is not used, and its file is linted again.
    data.entries[a].outcome.result.messages = [null];
    writeFileSync(file, JSON.stringify(data));
    expect(new LintCache(file).get(a, k, 'a.md')).toBeUndefined();
  });

  it('indexes a cache larger than its read chunk, with lines across chunk boundaries', () => {
    const file = path.join(dir, 'big.json');
    const cache = new LintCache(file);
    const names = Array.from({ length: 300 }, (_, i) => path.join(dir, `big-${i}.md`));
    const keys = names.map((n, i) => {
      writeFileSync(n, String(i));
      const k = cache.key(Buffer.from(String(i)), {});
      cache.set(n, k, outcome(`big-${i}.md`, `${i} ${'é'.repeat(i * 37)}`));
      return k;
    });
    cache.save();
    expect(statSync(file).size).toBeGreaterThan(3 << 20);
    const warm = new LintCache(file);
    names.forEach((n, i) => i > 0 && expect(warm.get(n, keys[i] as string, 'x.md')?.result?.findings[0]?.message, n).toBe(`${i} ${'é'.repeat(i * 37)}`));
    rmSync(names[0] as string); // not looked up this run, and gone: dropped
    warm.save();
    const after = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(after.entries)).toHaveLength(299);
  });

  it('reads a cache in another layout of the same JSON, and ignores a damaged one', () => {
    const file = path.join(dir, 'c2.json');
    const a = path.join(dir, 'a2.md');
    writeFileSync(a, 'x');
    const cache = new LintCache(file);
    const k = cache.key(Buffer.from('x'), {});
    cache.set(a, k, outcome('a.md'));
    cache.save();
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.entries[a].outcome.result.messages[0].message = 'EDITED';
    writeFileSync(file, JSON.stringify(data, null, 1));
    expect(new LintCache(file).get(a, k, 'a.md')?.result?.findings[0]?.message).toBe('EDITED');

    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, text.length / 2));
    expect(new LintCache(file).get(a, k, 'a.md')).toBeUndefined();

    // One damaged entry in the line layout: that file is linted again, the others still come from the cache.
    const fresh = new LintCache(path.join(dir, 'c3.json'));
    fresh.set(a, k, outcome('a.md'));
    const b = path.join(dir, 'b2.md');
    writeFileSync(b, 'y');
    fresh.set(b, k, outcome('b.md'));
    fresh.save();
    const lines = readFileSync(path.join(dir, 'c3.json'), 'utf8').split('\n');
    const i = lines.findIndex((l) => l.startsWith(JSON.stringify(b)));
    lines[i] = (lines[i] as string).replace('"messages":[', '"messages":[[');
    writeFileSync(path.join(dir, 'c3.json'), lines.join('\n'));
    const damaged = new LintCache(path.join(dir, 'c3.json'));
    expect(damaged.get(a, k, 'a.md')).toBeDefined();
    expect(damaged.get(b, k, 'b.md')).toBeUndefined();
  });
});
