/**
 * Bad input (issue 7): whatever the paths, bytes, encodings, line endings, sizes, shapes and links,
 * planlint never crashes and never hangs, names every file it cannot lint in a one-line message with the
 * right exit code, and still lints and reports the others.
 *
 * Sizes. "Linear" is checked without a clock budget: a case runs at n and at 10n, and the CPU time
 * (process.cpuUsage, not wall time: the machine is shared) may grow at most 20× — quadratic work grows
 * 100×, linear work 10× (GC and cache effects add a little), so 20 separates them with room to spare
 * on a loaded machine. Each case also checks a deterministic count (rows judged, statements judged, the
 * last line reached) so that "finished" means "read to the end". Every case runs at the size
 * (20 MB, 5 MB, 100,000 rows, 100,000 statements, 10,000-deep nesting). PLANLINT_SMALL_SIZE=1 runs the first
 * three at a tenth or a fifth of that (2 MB, 1 MB, 10,000 rows), for a quick run while developing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintText } from '../src/linter.js';
import { decodePlanFile } from '../src/files.js';
import { parseDocument, sectionAtHeading } from '../src/document.js';
import { parseMarkdown, parseMarkdownWithRemark } from '../src/parse/markdown.js';
import { DocumentLimitError, MAX_DOCUMENT_CHARS, MAX_NESTING } from '../src/source.js';
import type { Finding } from '../src/types.js';
import { BIN, ROOT, planlint, type CliRun } from './helpers.js';

const FULL = process.env.PLANLINT_SMALL_SIZE !== '1';

/** A plan with one error (a tool as a goal), so that "linted and reported" is visible. */
const GOOD = '## Goals\n\n1. Become a leader in social media\n';

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; message: string; line: number; column: number; endLine?: number; endColumn?: number; fatal?: true }>;
}

const json = (r: CliRun): JsonResult[] => JSON.parse(r.stdout) as JsonResult[];
/** Non-empty stderr lines. */
const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');
const ruleIds = (results: JsonResult[], file: string): Array<string | null> => results.find((x) => x.filePath === file)?.messages.map((m) => m.ruleId) ?? [];

/** CPU milliseconds spent by this process while `f` runs. */
function cpu<T>(f: () => T): { value: T; ms: number } {
  const before = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(before);
  return { value, ms: (used.user + used.system) / 1000 };
}

/** Lints `make(n)` and `make(10n)`; the second may cost at most 20× the first (see the header). */
function lintsLinearly(make: (n: number) => string, n: number, filePath = 'plan.md'): { small: ReturnType<typeof lintText>; large: ReturnType<typeof lintText>; ratio: number } {
  lintText(make(Math.max(1, Math.floor(n / 100))), { filePath }); // loads the parsers and lexicons first
  const small = cpu(() => lintText(make(n), { filePath }));
  const large = cpu(() => lintText(make(10 * n), { filePath }));
  const ratio = large.ms / Math.max(small.ms, 1);
  expect(ratio, `${make.name}: ${small.ms.toFixed(0)} ms at n, ${large.ms.toFixed(0)} ms at 10n`).toBeLessThanOrEqual(20);
  return { small: small.value, large: large.value, ratio };
}

/** The largest of many numbers (no spread: arrays of 100,000 would pass the argument limit). */
const maxOf = (values: number[]): number => values.reduce((a, b) => Math.max(a, b), -Infinity);

/** The line count of a source, whatever its line endings. */
const lineCount = (s: string): number => s.split(/\r\n|\r|\n/).length;

// ---------------------------------------------------------------------------------------------------

describe('paths that cannot be linted', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'planlint-paths-'));
    writeFileSync(path.join(dir, 'good.md'), GOOD);
    mkdirSync(path.join(dir, 'empty-dir'));
    mkdirSync(path.join(dir, 'no-plans'));
    writeFileSync(path.join(dir, 'no-plans', 'budget.xlsx'), 'not a plan');
  });

  it('a missing path, a folder with no plan files and a pattern matching nothing: exit 2, one line each, the good file still reported', () => {
    const r = planlint(['-f', 'json', 'missing.md', 'empty-dir', 'no-plans', 'drafts/**/*.md', 'good.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      'planlint: error: missing.md: no such file or directory',
      'planlint: error: empty-dir: directory holds no plan files (.md, .markdown, .txt, .html, .htm, .docx)',
      'planlint: error: no-plans: directory holds no plan files (.md, .markdown, .txt, .html, .htm, .docx)',
      'planlint: error: drafts/**/*.md: pattern matches no plan files',
    ]);
    expect(ruleIds(json(r), 'good.md')).toContain('no-tool-as-goal');
  });

  it('a pipe or a device named on the command line is refused at once, not read (a pipe with no writer would hang the run)', () => {
    const fifo = path.join(dir, 'pipe.md');
    const made = spawnSync('mkfifo', [fifo]);
    expect(made.status, 'mkfifo').toBe(0);
    const r = spawnSync(process.execPath, [BIN, fifo, '/dev/zero', path.join(dir, 'good.md')], { encoding: 'utf8', timeout: 20_000 });
    expect(r.error, 'planlint must not hang on a pipe').toBeUndefined();
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([
      `planlint: error: ${fifo}: is not a regular file (a pipe, socket or device); not read (use "-" for standard input)`,
      'planlint: error: /dev/zero: is not a regular file (a pipe, socket or device); not read (use "-" for standard input)',
    ]);
    expect(r.stdout).toContain('good.md');
    const map = spawnSync(process.execPath, [BIN, 'map', fifo], { encoding: 'utf8', timeout: 20_000 });
    expect(map.error, 'planlint map must not hang on a pipe').toBeUndefined();
    expect(map.status).toBe(2);
  });
});

// Root reads every file whatever its mode, so as root the unreadable file is read by a child process
// running as "nobody" (uid 65534), which permissions do bind. If that switch is impossible, the case is
// skipped, and says why in its name.
const IS_ROOT = process.getuid?.() === 0;
const AS_NOBODY = IS_ROOT ? { uid: 65534, gid: 65534 } : {};
const CAN_DROP_ROOT = !IS_ROOT || spawnSync(process.execPath, ['-e', 'process.exit(process.getuid() === 65534 ? 0 : 1)'], { ...AS_NOBODY, cwd: '/' }).status === 0;

describe('unreadable files and folders', () => {
  const why = !CAN_DROP_ROOT ? ' (skipped: running as root, which reads every file, and cannot run the CLI as an unprivileged user)' : IS_ROOT ? ' (run as uid 65534: root reads everything)' : '';
  it.skipIf(!CAN_DROP_ROOT)(`an unreadable file or folder is exit 2, named, and the others are still reported${why}`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'planlint-locked-'));
    chmodSync(dir, 0o755); // mkdtemp makes it 0700: the unprivileged child must be able to enter it
    writeFileSync(path.join(dir, 'good.md'), GOOD);
    writeFileSync(path.join(dir, 'locked.md'), GOOD);
    chmodSync(path.join(dir, 'good.md'), 0o644);
    chmodSync(path.join(dir, 'locked.md'), 0o000);
    mkdirSync(path.join(dir, 'sealed'));
    writeFileSync(path.join(dir, 'sealed', 'inside.md'), GOOD);
    chmodSync(path.join(dir, 'sealed'), 0o000);
    const r = spawnSync(process.execPath, [BIN, '-f', 'json', 'locked.md', 'sealed', 'good.md'], { cwd: dir, encoding: 'utf8', timeout: 30_000, ...AS_NOBODY });
    chmodSync(path.join(dir, 'sealed'), 0o755);
    expect(r.status, r.stderr).toBe(2);
    expect(lines(r.stderr).sort()).toEqual(['planlint: error: locked.md: permission denied', 'planlint: error: sealed: permission denied']);
    expect(ruleIds(json({ code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }), 'good.md')).toContain('no-tool-as-goal');
  });
});

// ---------------------------------------------------------------------------------------------------

/** A small but valid PNG image (signature, IHDR, IDAT, IEND). */
function png(): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(4, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const pixels = Buffer.alloc(4 * (1 + 4 * 3), 0x7f);
  for (let row = 0; row < 4; row++) pixels[row * 13] = 0; // filter byte
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

describe('empty, blank and binary files', () => {
  const BLANK: Array<[string, string | Buffer]> = [
    ['empty.md', ''],
    ['spaces.md', '   \t  '],
    ['newlines.md', '\n\n\r\n\r\n\r\r'],
    ['bom-only.md', Buffer.from([0xef, 0xbb, 0xbf])],
    ['bom-and-blank-lines.txt', Buffer.from([0xef, 0xbb, 0xbf, 0x0a, 0x20, 0x0a])],
    ['utf16-bom-only.md', Buffer.from([0xff, 0xfe])],
    ['blank.html', ' \n\t\n'],
  ];

  it.each(BLANK)('%s: no finding, no crash, one "is empty" warning', async (name, content) => {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const plan = await decodePlanFile(name, bytes);
    expect(plan.notice).toEqual({ filePath: name, level: 'warning', message: 'is empty; nothing to lint' });
    expect(lintText(plan.text ?? '', { filePath: name }).findings).toEqual([]);
  });

  it('blank and binary files in a folder: a warning naming each, exit 0, the plan still reported', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'planlint-binary-'));
    for (const [name, content] of BLANK) writeFileSync(path.join(dir, name), content);
    writeFileSync(path.join(dir, 'image.md'), png()); // a PNG renamed .md
    writeFileSync(path.join(dir, 'nul.txt'), Buffer.concat([Buffer.from('1. Become a leader in social media\n'), Buffer.from([0, 0, 0]), Buffer.from('more text\n')]));
    writeFileSync(path.join(dir, 'archive.html'), gzipSync(Buffer.from(GOOD))); // a gzip archive renamed .html
    writeFileSync(path.join(dir, 'strong.md'), '## Goals\n\n- Cut the average wait for a first appointment from 12 days to 5 by 2027\n');
    writeFileSync(path.join(dir, 'weak.md'), GOOD);
    const r = planlint(['-f', 'json', '.'], { cwd: dir });
    expect(r.code).toBe(1); // weak.md's error; warnings alone would be 0
    const warnings = lines(r.stderr);
    for (const [name] of BLANK) expect(warnings).toContain(`planlint: warning: ${name}: is empty; nothing to lint`);
    for (const name of ['image.md', 'nul.txt', 'archive.html']) expect(warnings).toContain(`planlint: warning: ${name}: looks like a binary file (it holds NUL bytes); skipped`);
    expect(warnings).toHaveLength(BLANK.length + 3);
    expect(ruleIds(json(r), 'weak.md')).toContain('no-tool-as-goal');
    expect(ruleIds(json(r), 'strong.md')).toEqual([]);
    // With only the blank and binary files, nothing fails.
    const quiet = planlint(['image.md', 'empty.md', 'spaces.md'], { cwd: dir });
    expect(quiet.code).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------

/**
 * A plan with characters outside ASCII (accents, curly quotes, an emoji: a surrogate pair) before the
 * findings, so that a wrong decoding would move or change them.
 */
const INTL = [
  '# Stratégie 2025–2030 “Ensemble” 🚀',
  '',
  '## Goals',
  '',
  '1. Become a leader in social media — partout',
  '2. Put customers at the heart of our strategy',
  '3. Cut the average wait for a first appointment from 12 days to 5 by 2027',
  '',
].join('\n');

function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from(text, 'utf16le');
  if (endian === 'be') le.swap16();
  return Buffer.concat([Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), le]);
}

const positions = (findings: Finding[]): unknown[] => findings.map((f) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn, f.message, f.text]);

describe('encodings', () => {
  const ENCODED: Array<[string, Buffer]> = [
    ['UTF-8', Buffer.from(INTL, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(INTL, 'utf8')])],
    ['UTF-16 LE with BOM', utf16(INTL, 'le')],
    ['UTF-16 BE with BOM', utf16(INTL, 'be')],
  ];

  it.each(ENCODED)('%s decodes to the same text and the same findings at the same places as UTF-8', async (_name, bytes) => {
    const plan = await decodePlanFile('plan.md', bytes);
    expect(plan.notice).toBeUndefined();
    expect(plan.text).toBe(INTL);
    const expected = positions(lintText(INTL, { filePath: 'plan.md' }).findings);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(positions(lintText(plan.text as string, { filePath: 'plan.md' }).findings)).toEqual(expected);
  });

  it('through the CLI, the four encodings give the same report; invalid UTF-8 is linted with replacement characters and a warning naming the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'planlint-enc-'));
    ENCODED.forEach(([, bytes], i) => writeFileSync(path.join(dir, `plan-${i}.md`), bytes));
    // A lone continuation byte, a truncated sequence and an invalid lead byte, before the bad goal.
    const invalid = Buffer.concat([Buffer.from('## Goals\n\nBudget '), Buffer.from([0x80]), Buffer.from(' and '), Buffer.from([0xc3]), Buffer.from(' and '), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from('\n\n1. Become a leader in social media\n')]);
    writeFileSync(path.join(dir, 'invalid.md'), invalid);
    const r = planlint(['-f', 'json', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual(['planlint: warning: invalid.md: is not valid UTF-8; undecodable bytes were replaced']);
    const results = json(r);
    const report = (file: string): unknown => results.find((x) => x.filePath === file)?.messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message]);
    expect(report('plan-0.md')).toBeDefined();
    for (const i of [1, 2, 3]) expect(report(`plan-${i}.md`)).toEqual(report('plan-0.md'));
    const bad = results.find((x) => x.filePath === 'invalid.md')?.messages.find((m) => m.ruleId === 'no-tool-as-goal');
    expect(bad).toMatchObject({ line: 5, column: 4 });
    // The replacement characters are in the decoded text, one per undecodable byte.
    expect((await decodePlanFile('invalid.md', invalid)).text).toContain('Budget \uFFFD and \uFFFD and \uFFFD\uFFFD\uFFFD\n');
  });
});

// ---------------------------------------------------------------------------------------------------

/** Multi-line constructs, a table, a directive: every kind of position a line ending could shift. */
const ENDINGS_MD = [
  '# Plan',
  '',
  'We face falling footfall. Our goal is to become',
  'a leader in social media. Rents rose.',
  '',
  '## Goals',
  '',
  '- Put customers at the heart of our strategy',
  '  and become a leader in social media',
  '- Become a leader in social media',
  '<!-- planlint-disable-next-line no-tool-as-goal -->',
  '- Become a blockchain pioneer',
  '',
  '| Goal | Owner |',
  '|---|---|',
  '| Become a leader in social media | Ann |',
  '',
].join('\n');

const ENDINGS_TXT = ['CITY PLAN', '', 'Our priorities:', '1) Become a leader in social media', '2) Put customers at the heart', '   of our strategy', '', 'We face falling footfall.', ''].join('\n');

const ENDINGS_HTML = ['<h1>Plan</h1>', '<h2>Goals</h2>', '<ul>', '<li>Become a leader', 'in social media</li>', '<li>Put customers at the heart of our strategy</li>', '</ul>', '<p>We face falling', 'footfall.</p>', ''].join('\n');

/** The text at a finding's line and columns, in a source with any line endings. */
function textAt(source: string, f: Finding): string {
  const all = source.split(/\r\n|\r|\n/);
  if (f.line === f.endLine) return (all[f.line - 1] ?? '').slice(f.column - 1, f.endColumn - 1);
  return [(all[f.line - 1] ?? '').slice(f.column - 1), ...all.slice(f.line, f.endLine - 1), (all[f.endLine - 1] ?? '').slice(0, f.endColumn - 1)].join('\n');
}

describe('line endings', () => {
  const variants = (lf: string): Array<[string, string]> => {
    let k = 0;
    return [
      ['LF', lf],
      ['CRLF', lf.replace(/\n/g, '\r\n')],
      ['CR', lf.replace(/\n/g, '\r')],
      ['mixed', lf.replace(/\n/g, () => ['\r\n', '\r', '\n'][k++ % 3] as string)],
    ];
  };

  it.each([
    ['Markdown', ENDINGS_MD, 'plan.md'],
    ['plain text', ENDINGS_TXT, 'plan.txt'],
    ['HTML', ENDINGS_HTML, 'plan.html'],
  ])('%s: LF, CRLF, CR and mixed endings give the same lines and columns, and each points at the flagged text', (_format, lf, filePath) => {
    const expected = lintText(lf, { filePath }).findings;
    expect(expected.length).toBeGreaterThanOrEqual(2);
    for (const [name, source] of variants(lf)) {
      const findings = lintText(source, { filePath }).findings;
      expect(findings.map((f) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn]), name).toEqual(expected.map((f) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn]));
      // In Markdown and text the source at the position reads as the flagged text (HTML's holds tags).
      if (filePath !== 'plan.html') for (const f of findings) expect(textAt(source, f).replace(/\s+/g, ' '), `${name} ${f.ruleId}`).toBe(f.text.replace(/\s+/g, ' '));
    }
    // The directive suppresses the finding on line 12 (which is there without it) in every variant.
    if (filePath === 'plan.md') {
      expect(lintText(lf, { filePath, inlineConfig: false }).findings.some((f) => f.ruleId === 'no-tool-as-goal' && f.line === 12)).toBe(true);
      for (const [, source] of variants(lf)) expect(lintText(source, { filePath }).findings.some((f) => f.ruleId === 'no-tool-as-goal' && f.line === 12)).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------------

/** A realistic plan: the sample plans, one after the other. */
const PLAN_UNIT = ['fixtures/plans/mixed-plan.md', 'fixtures/plans/strong-plan.md', 'fixtures/plans/weak-plan.md'].map((f) => readFileSync(path.join(ROOT, f), 'utf8').trimEnd() + '\n\n').join('');
/** `unit` repeated to at most `chars` characters (at least once). */
const repeatTo = (unit: string, chars: number): string => unit.repeat(Math.max(1, Math.floor(chars / unit.length)));
const MB = 1024 * 1024;

describe('size and shape', () => {
  it(`a ${FULL ? 20 : 2} MB plan is linted to its end, in time linear in its size`, { timeout: FULL ? 600_000 : 120_000 }, () => {
    const doc = (n: number): string => repeatTo(PLAN_UNIT, n);
    const { large } = lintsLinearly(doc, (FULL ? 2 : 0.2) * MB);
    const source = doc((FULL ? 20 : 2) * MB);
    expect(source.length).toBeGreaterThan((FULL ? 19.9 : 1.99) * MB);
    expect(source.length).toBeLessThanOrEqual(MAX_DOCUMENT_CHARS);
    expect(maxOf(large.findings.map((f) => f.line))).toBeGreaterThan(lineCount(source) - PLAN_UNIT.split('\n').length);
  });

  it('sections of a list then a paragraph (quadratic in remark parsed whole: 1 MB took 190 s) are linear', { timeout: 120_000 }, () => {
    const sections = (n: number): string => repeatTo('## Goals\n\n- Become a leader in social media\n- Grow sales by 2% by 2027\n\nWe face falling footfall.\n\n', n);
    const { large } = lintsLinearly(sections, 0.05 * MB);
    const count = sections(0.5 * MB).split('## Goals').length - 1;
    expect(large.findings.filter((f) => f.ruleId === 'no-tool-as-goal')).toHaveLength(count);
  });

  it(`a ${FULL ? 5 : 1} MB line with no line break and no full stop is linted to its end, in time linear in its length`, { timeout: FULL ? 600_000 : 120_000 }, () => {
    const line = (n: number): string => repeatTo('We will become a leader in social media and grow our services for customers ', n);
    const { large } = lintsLinearly(line, (FULL ? 0.5 : 0.1) * MB);
    const source = line((FULL ? 5 : 1) * MB);
    expect(large.findings.length).toBeGreaterThan(0);
    expect(large.findings.every((f) => f.line === 1 && f.endLine === 1 && f.endColumn <= source.length + 1)).toBe(true);
    // Read to its end: the last finding is in the last statement-sized piece.
    expect(maxOf(large.findings.map((f) => f.column))).toBeGreaterThan(source.length - 20_000);
    // The same line as plain text.
    const txt = lintText(line(0.5 * MB), { filePath: 'plan.txt' });
    expect(maxOf(txt.findings.map((f) => f.column))).toBeGreaterThan(line(0.5 * MB).length - 20_000);
  });

  it(`a table of ${FULL ? '100,000' : '10,000'} rows: every row judged, in time linear in its rows`, { timeout: FULL ? 600_000 : 120_000 }, () => {
    const table = (rows: number): string => '## Goals\n\n| Goal | Owner |\n|---|---|\n' + '| Become a leader in social media | Ann |\n'.repeat(rows);
    const rows = FULL ? 100_000 : 10_000;
    const { large } = lintsLinearly(table, rows / 10);
    const flagged = large.findings.filter((f) => f.ruleId === 'no-tool-as-goal');
    expect(flagged).toHaveLength(rows);
    expect(flagged[rows - 1]?.line).toBe(rows + 4);
  });

  it('100,000 statements in one section: every one judged, in time linear in their number', { timeout: 120_000 }, () => {
    const section = (n: number): string => '## Goals\n\n' + 'We will grow. '.repeat(n);
    const { small, large } = lintsLinearly(section, 10_000);
    const perStatement = (r: ReturnType<typeof lintText>): Map<string, number> => {
      const m = new Map<string, number>();
      for (const f of r.findings) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
      return m;
    };
    // A rule that judges each statement reports each of the 100,000, as it did each of the 10,000.
    const each = [...perStatement(small)].filter(([, count]) => count === 10_000).map(([id]) => id);
    expect(each.length).toBeGreaterThan(0);
    for (const id of each) expect(perStatement(large).get(id)).toBe(100_000);
  });

  it('past 20 MB a document is refused, before it is parsed, as that file’s error (the library throws; the CLI names it)', () => {
    expect(MAX_DOCUMENT_CHARS).toBe(20 * MB);
    const tooLarge = 'We face falling footfall.\n'.repeat(Math.ceil((MAX_DOCUMENT_CHARS + 1) / 26));
    expect(() => lintText(tooLarge)).toThrow(new DocumentLimitError('is larger than 20 MB; not linted'));
    const dir = mkdtempSync(path.join(tmpdir(), 'planlint-large-'));
    writeFileSync(path.join(dir, 'large.md'), tooLarge); // read, decoded, then refused
    writeFileSync(path.join(dir, 'huge.txt'), Buffer.alloc(3 * MAX_DOCUMENT_CHARS + 1, 0x61)); // refused unread, by its size
    writeFileSync(path.join(dir, 'good.md'), GOOD);
    const r = planlint(['-f', 'json', '.'], { cwd: dir });
    rmSync(dir, { recursive: true }); // 80 MB
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['planlint: error: huge.txt: is larger than 20 MB; not linted', 'planlint: error: large.md: is larger than 20 MB; not linted']);
    expect(ruleIds(json(r), 'good.md')).toContain('no-tool-as-goal');
  });

  it('sectionAtHeading finds the heading under an offset as a scan of every section does, in O(log n)', () => {
    const source = '# Plan\n\nIntro.\n\n' + Array.from({ length: 300 }, (_, i) => `${'#'.repeat(2 + (i % 4))} Section ${i}\n\nText ${i}.\n\nSetext ${i}\n---\n\n`).join('');
    for (const format of ['markdown', 'html'] as const) {
      const doc = parseDocument(format === 'html' ? source.replace(/^(#+) (.*)$/gm, (_, h: string, t: string) => `<h${h.length}>${t}</h${h.length}>`) : source, format);
      const scan = (offset: number): unknown => doc.sections.find((s) => s.headingRange && s.headingRange.start.offset <= offset && offset <= s.headingRange.end.offset);
      for (let offset = 0; offset <= doc.source.length; offset++) expect(sectionAtHeading(doc.sections, offset)).toBe(scan(offset));
    }
  });

  it('no statement is longer than the documented limit, and cutting a long one loses no character', () => {
    const words = 'grow our services for customers '.repeat(40_000);
    const doc = parseDocument(`## Goals\n\n- ${words}\n`, 'markdown');
    const pieces = doc.statements.map((s) => s.text);
    expect(maxOf(pieces.map((p) => p.length))).toBeLessThanOrEqual(10_000);
    expect(pieces.join(' ')).toBe(words.trim());
    expect(doc.statements.every((s) => s.origin === 'list-item' && s.listDepth === 1)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------

const DEEP = `nesting deeper than ${MAX_NESTING} levels`;

describe(`nesting (refused past ${MAX_NESTING} levels, before parsing)`, () => {
  const refused = (source: string, filePath: string): string => {
    try {
      lintText(source, { filePath });
    } catch (e) {
      expect(e).toBeInstanceOf(DocumentLimitError);
      return (e as Error).message;
    }
    throw new Error(`${filePath}: was not refused`);
  };

  it.each([
    ['lists, 10,000 deep on one line', '## Goals\n\n' + '- '.repeat(10_000) + 'Become a leader in social media\n', 'plan.md', 3],
    ['numbered lists, 10,000 deep', '## Goals\n\n' + '1. '.repeat(10_000) + 'Become a leader in social media\n', 'plan.md', 3],
    ['block quotes, 10,000 deep', '## Goals\n\n' + '> '.repeat(10_000) + 'Become a leader in social media\n', 'plan.md', 3],
    ['block quotes, 10,000 deep without spaces', '## Goals\n\n' + '>'.repeat(10_000) + ' Become a leader in social media\n', 'plan.md', 3],
    ['quotes and lists mixed, 10,000 deep', '## Goals\n\n' + '> - '.repeat(5_000) + 'Become a leader in social media\n', 'plan.md', 3],
    ['lists nested by indentation, 1,000 lines deep', '## Goals\n\n' + Array.from({ length: 1_000 }, (_, i) => ' '.repeat(2 * i) + '- Become a leader in social media\n').join(''), 'plan.md', 3 + MAX_NESTING],
    ['HTML lists, 10,000 deep', '<h2>Goals</h2>\n' + '<ul><li>'.repeat(10_000) + 'Become a leader in social media', 'plan.html', 2],
    ['HTML block quotes, 10,000 deep', '<h2>Goals</h2>\n' + '<blockquote>'.repeat(10_000) + 'Become a leader' + '</blockquote>'.repeat(10_000), 'plan.html', 2],
    ['HTML inline elements, 10,000 deep', '<h2>Goals</h2>\n<p>' + '<b>'.repeat(10_000) + 'Become a leader', 'plan.html', 2],
  ])('%s: refused with a one-line error naming the line', (_name, source, filePath, line) => {
    expect(refused(source, filePath)).toBe(`${DEEP} (line ${line}); not linted`);
  });

  it('at exactly the limit, a document is linted, and its deepest item judged', () => {
    const lists = lintText('## Goals\n\n' + '- '.repeat(MAX_NESTING) + 'Become a leader in social media\n');
    expect(lists.findings.map((f) => f.ruleId)).toContain('no-tool-as-goal');
    const deepest = parseDocument('## Goals\n\n' + '- '.repeat(MAX_NESTING) + 'Become a leader in social media\n', 'markdown').statements[0];
    expect(deepest?.listDepth).toBe(MAX_NESTING);
    const stair = '## Goals\n\n' + Array.from({ length: MAX_NESTING }, (_, i) => ' '.repeat(2 * i) + '- Grow sales by 2% by 2027\n').join('');
    expect(parseDocument(stair, 'markdown').statements.map((s) => s.listDepth)).toEqual(Array.from({ length: MAX_NESTING }, (_, i) => i + 1));
    expect(lintText('<h2>Goals</h2><p>' + '<b>'.repeat(MAX_NESTING - 1) + 'Become a leader in social media', { filePath: 'plan.html' }).findings.length).toBeGreaterThan(0);
    expect(refused('## Goals\n\n' + '- '.repeat(MAX_NESTING + 1) + 'x\n', 'plan.md')).toContain(DEEP);
  });

  it('ordinary deep indentation (code, aligned text) is not taken for nesting', () => {
    const indented = '# Plan\n\n' + ' '.repeat(400) + 'aligned text\n\n```\n' + ' '.repeat(1_000) + 'code\n```\n\n- item\n\n' + ' '.repeat(600) + 'text after a blank line\n';
    expect(() => lintText(indented)).not.toThrow();
  });

  it('the scan reads the whole document: nesting on the last line of 10 MB is found and named', () => {
    const body = repeatTo('We face falling footfall.\n\n', 10 * MB);
    const source = body + '- '.repeat(MAX_NESTING + 1) + 'x\n';
    expect(refused(source, 'plan.md')).toBe(`${DEEP} (line ${lineCount(source) - 1}); not linted`);
  });

  it.each([['1'], ['2']])('through the CLI (--jobs %s): exit 2, one line per deep file, the others linted and reported', (jobs) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'planlint-deep-'));
    writeFileSync(path.join(dir, 'deep.md'), '## Goals\n\n' + '- '.repeat(10_000) + 'x\n');
    writeFileSync(path.join(dir, 'deep.html'), '<ul><li>'.repeat(10_000));
    writeFileSync(path.join(dir, 'good.md'), GOOD);
    const r = planlint(['-f', 'json', '--jobs', jobs, '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([`planlint: error: deep.html: ${DEEP} (line 1); not linted`, `planlint: error: deep.md: ${DEEP} (line 3); not linted`]);
    expect(ruleIds(json(r), 'good.md')).toContain('no-tool-as-goal');
  });
});

// ---------------------------------------------------------------------------------------------------

describe('Markdown parsed in pieces reads as Markdown parsed whole', () => {
  const whole = (source: string): string[] => parseMarkdownWithRemark(source, Infinity).map(key);
  const key = (b: ReturnType<typeof parseMarkdown>[number]): string => `${b.kind}:${b.depth}:${b.ordered}:${b.run.allOffsets().join(',')}:${b.run.text}`;

  it('the repository’s own Markdown, cut at every place it can be, gives the same blocks at the same offsets', () => {
    const files = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`), ...readdirSync(path.join(ROOT, 'rules')).filter((f) => f.endsWith('.md')).map((f) => `rules/${f}`)].filter((f) => f.endsWith('.md') && statSync(path.join(ROOT, f)).isFile());
    const source = files.map((f) => readFileSync(path.join(ROOT, f), 'utf8')).join('\n\n');
    expect(source.length).toBeGreaterThan(20_000);
    const expected = whole(source);
    expect(parseMarkdownWithRemark(source, 1).map(key)).toEqual(expected);
    expect(parseMarkdown(source).map(key)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(100);
  });

  // Lines that open, continue or end every construct that could straddle a cut; joined at random (with a
  // fixed seed) with LF, CRLF and blank lines, and parsed with pieces of 1, 5 and 40 characters.
  const SNIPPETS = [
    '- Become a leader in social media', '* Grow sales by 2% by 2027', '+ item', '1. first', '2. second', '3) third', '1) one', '10. ten',
    '  - nested item', '    - deeper', '  continuation', 'lazy continuation line', '> quoted goal', '> - quoted item', '>', '> > deep',
    '| Goal | Owner |', '|---|---|', '| Grow sales | Ann |', '| Cut costs | Bo |', 'row without pipe', '   | indented | row |',
    '```', '~~~', '```js', '    indented code', '<div>', '</div>', '<!-- comment', '-->', '<pre>', '</pre>', '<?php', '?>', '<!DOCTYPE html>',
    '# Heading', '## Goals', 'Setext', '===', '---', '- - -', '***', '[ref]: https://example.org', '[ref2]:', 'https://example.org/2',
    'See [the plan][ref] and [ref2].', 'A footnote[^1].', '[^1]: The note.', 'We face falling footfall. Rents rose 12%.', 'Plain paragraph text',
    '- [ ] task item', '~~struck~~', '<span>inline</span> text', '<!-- note -->', '[ref3]: /three', 'Use [ref3] here.', '# [ref] heading', '\tTabbed', '-', '1.', '+++', 'title: x',
  ];

  it('random documents of every construct give the same blocks at the same offsets, whatever the size of the pieces', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let t = 0; t < 150; t++) {
      const parts: string[] = random(4) === 0 ? ['---\ntitle: t\n\nother: y\n---\n'] : [];
      for (let i = 5 + random(60); i > 0; i--) parts.push(SNIPPETS[random(SNIPPETS.length)] as string, ['\n', '\n', '\n\n', '\r\n', '\n\n\n'][random(5)] as string);
      const source = parts.join('');
      const expected = whole(source);
      for (const size of [1, 5, 40]) expect(parseMarkdownWithRemark(source, size).map(key), JSON.stringify(source)).toEqual(expected);
    }
  });

  it('a table, a list and a code block longer than a piece keep every row, item and line', () => {
    const table = '| Goal | Owner |\n|---|---|\n' + '| Become a leader in social media | Ann |\n'.repeat(2_000);
    const list = '- Become a leader in social media\n'.repeat(2_000);
    const code = '```\n' + 'Become a leader in social media\n\n'.repeat(2_000) + '```\n';
    const source = `## Goals\n\n${table}\n${list}\n${code}\nAfter the code.\n`;
    const blocks = parseMarkdown(source);
    expect(blocks.filter((b) => b.kind === 'table-row')).toHaveLength(2_000);
    expect(blocks.filter((b) => b.kind === 'list-item')).toHaveLength(2_000);
    expect(blocks.filter((b) => b.kind === 'paragraph').map((b) => b.run.text)).toEqual(['After the code.']);
    expect(blocks.map(key)).toEqual(whole(source));
  });

});

// ---------------------------------------------------------------------------------------------------

describe('symbolic links', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'planlint-links-'));
    const plans = path.join(root, 'plans');
    mkdirSync(path.join(plans, 'sub'), { recursive: true });
    mkdirSync(path.join(root, 'outside'));
    writeFileSync(path.join(plans, 'a.md'), GOOD);
    writeFileSync(path.join(plans, 'sub', 'b.md'), GOOD);
    writeFileSync(path.join(root, 'outside', 'secret.md'), GOOD);
    symlinkSync(plans, path.join(plans, 'loop')); // plans/loop → plans
    symlinkSync('..', path.join(plans, 'sub', 'up')); // plans/sub/up → plans
    symlinkSync(path.join(root, 'outside'), path.join(plans, 'out')); // out of the tree
    symlinkSync(path.join(root, 'outside', 'secret.md'), path.join(plans, 'secret-link.md'));
    symlinkSync(path.join(root, 'nowhere.md'), path.join(plans, 'dangling.md'));
    symlinkSync('/', path.join(plans, 'root'));
    spawnSync('mkfifo', [path.join(plans, 'pipe.md')]);
  });

  const run = (args: string[]): ReturnType<typeof spawnSync> & { stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [BIN, '-f', 'json', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(r.error, 'planlint must finish (no loop through the links)').toBeUndefined();
    return r;
  };
  const files = (stdout: string): string[] => (JSON.parse(stdout) as JsonResult[]).map((x) => x.filePath).sort();

  it('a folder walk neither loops nor leaves the tree: links (to folders, files, nowhere) and pipes are not followed', () => {
    const r = run(['plans']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(files(r.stdout)).toEqual([path.join('plans', 'a.md'), path.join('plans', 'sub', 'b.md')]);
  });

  it('a glob pattern neither loops nor leaves the tree', () => {
    for (const pattern of ['plans/**/*.md', '**/*.md', 'plans/**']) {
      const r = run([pattern]);
      expect(r.stderr, pattern).toBe('');
      const found = files(r.stdout);
      expect(found.filter((f) => f.startsWith('plans')), pattern).toEqual([path.join('plans', 'a.md'), path.join('plans', 'sub', 'b.md')]);
      // `**/*.md` from the root also finds outside/secret.md itself, but never through a link.
      expect(found.filter((f) => !f.startsWith('plans')), pattern).toEqual(pattern === '**/*.md' ? [path.join('outside', 'secret.md')] : []);
    }
  });

  it('a link named on the command line is followed (the user chose it); a dangling one is a missing file', () => {
    const r = run(['plans/secret-link.md', 'plans/dangling.md']);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual(['planlint: error: plans/dangling.md: no such file or directory']);
    const results = JSON.parse(r.stdout) as JsonResult[];
    expect(ruleIds(results, 'plans/secret-link.md')).toContain('no-tool-as-goal');
    expect(results.find((x) => x.filePath === 'plans/dangling.md')?.messages).toMatchObject([{ fatal: true, message: 'no such file or directory' }]);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('planlint map on a file it cannot map: one line, in the words of the lint command, exit 2', () => {
  let dir = '';
  const DEEP_MD = '## Goals\n\n' + '- '.repeat(MAX_NESTING + 1) + 'Become a leader in social media\n';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'planlint-map-'));
    writeFileSync(path.join(dir, 'deep.md'), DEEP_MD);
    writeFileSync(path.join(dir, 'deep.html'), '<h2>Goals</h2>\n' + '<ul><li>'.repeat(MAX_NESTING + 1) + 'Become a leader in social media');
    writeFileSync(path.join(dir, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]));
    writeFileSync(path.join(dir, 'broken.docx'), 'not a ZIP archive');
    mkdirSync(path.join(dir, 'folder.md'));
    writeFileSync(path.join(dir, 'good.md'), GOOD);
  });

  /** `planlint map <file>`: exit 2, nothing on standard output, and the one line on standard error, returned. */
  const refused = (file: string, input?: string): string => {
    const r = planlint(['map', file], { cwd: dir, ...(input === undefined ? {} : { input }) });
    expect(r.code, file).toBe(2);
    expect(r.stdout, file).toBe('');
    expect(lines(r.stderr), file).toHaveLength(1);
    expect(r.stderr, file).not.toMatch(/internal error|\n\s+at /);
    return lines(r.stderr)[0] as string;
  };
  /** What `planlint <file>` says about the same file. */
  const lintSays = (file: string, input?: string): string[] => lines(planlint(['-f', 'json', file], { cwd: dir, ...(input === undefined ? {} : { input }) }).stderr);

  it('past the nesting limit (Markdown, HTML, standard input): the limit’s own message, not an internal error', () => {
    expect(refused('deep.md')).toBe(`planlint: error: deep.md: ${DEEP} (line 3); not linted`);
    expect(refused('deep.html')).toBe(`planlint: error: deep.html: ${DEEP} (line 2); not linted`);
    expect(refused('-', DEEP_MD)).toBe(`planlint: error: <stdin>: ${DEEP} (line 3); not linted`);
    expect(lintSays('deep.md')).toEqual([refused('deep.md')]);
    expect(lintSays('deep.html')).toEqual([refused('deep.html')]);
    expect(lintSays('-', DEEP_MD)).toEqual([refused('-', DEEP_MD)]);
  });

  it('past 20 MB: a file read and refused, and a file refused from its size unread', { timeout: 60_000 }, () => {
    writeFileSync(path.join(dir, 'large.md'), 'We face falling footfall.\n'.repeat(Math.ceil((MAX_DOCUMENT_CHARS + 1) / 26)));
    writeFileSync(path.join(dir, 'huge.txt'), '');
    truncateSync(path.join(dir, 'huge.txt'), 3 * MAX_DOCUMENT_CHARS + 1); // sparse: refused from its size, never read
    try {
      expect(refused('large.md')).toBe('planlint: error: large.md: is larger than 20 MB; not linted');
      expect(refused('huge.txt')).toBe('planlint: error: huge.txt: is larger than 20 MB; not linted');
      expect(lintSays('large.md')).toEqual([refused('large.md')]);
    } finally {
      rmSync(path.join(dir, 'large.md'));
      rmSync(path.join(dir, 'huge.txt'));
    }
  });

  it('a missing file, a binary file, a damaged Word file and a folder', () => {
    expect(refused('missing.md')).toBe('planlint: error: missing.md: no such file or directory');
    expect(refused('binary.md')).toBe('planlint: warning: binary.md: looks like a binary file (it holds NUL bytes); skipped');
    expect(refused('broken.docx')).toMatch(/^planlint: error: broken\.docx: is not a Word document/);
    for (const file of ['missing.md', 'binary.md', 'broken.docx']) expect(lintSays(file)).toEqual([refused(file)]);
    // The lint command walks a folder; map takes one file.
    expect(refused('folder.md')).toBe('planlint: error: folder.md: is a directory');
  });

  it('shows control characters in a file name as their pictures, as the lint command does', () => {
    const name = 'plan\u001b\u0007.md'; // no `[`: the lint command would read the name as a pattern
    expect(refused(name)).toBe('planlint: error: plan\u241b\u2407.md: no such file or directory');
    expect(lintSays(name)).toEqual([refused(name)]);
  });

  it('a plan it can read is still mapped (exit 0)', () => {
    const r = planlint(['map', 'good.md'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('social media');
  });
});
