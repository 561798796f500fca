import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AlignmentType, Document, FootnoteReferenceRun, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { DEFAULT_ZIP_LIMITS, ZipArchive, ZipError, type ZipLimits } from '../src/readers/zip.js';
import { DocxError, docxToHtml } from '../src/readers/docx.js';
import { lintText } from '../src/linter.js';
import { parseDocument } from '../src/document.js';
import type { FindingContext, FindingLocation, LintOptions } from '../src/types.js';
import { planlint } from './helpers.js';

// Watched, to check that the ZIP reader caps each inflation at the archive's remaining budget (a lying
// header must not make it unpack a bomb in full and only then notice).
vi.mock('node:zlib', async (importOriginal) => {
  const zlib = await importOriginal<typeof import('node:zlib')>();
  return { ...zlib, inflateRawSync: vi.fn(zlib.inflateRawSync) };
});



interface JsonMessage {
  ruleId: string | null;
  message: string;
  suggestion?: string;
  text?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  location?: FindingLocation;
  context?: FindingContext;
  fatal?: true;
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  score?: number;
  categories?: Record<string, { score: number; max: number; judged: number; failed: number }>;
  valueMap?: { tools: Array<{ name: string; linked: boolean; mentions: unknown[]; stakeholders: string[]; values: string[] }>; groupsMentioned: string[]; groupsMissing: string[] };
}

// ---------------------------------------------------------------------------------------------------
// A small ZIP writer: local file headers, central directory, end record. Sizes may lie on purpose.

interface ZipSpec {
  name: string;
  data: Uint8Array;
  /** Stored (method 0) instead of deflated. */
  store?: boolean;
  /** Already deflated body (`data` is then only used for the CRC and the honest size). */
  body?: Uint8Array;
  /** The unpacked size the headers declare (default: the true size). */
  declaredSize?: number;
  /** An unpacked size to declare without holding the data (with `body`). */
  trueSize?: number;
  flags?: number;
  method?: number;
}

function makeZip(entries: ZipSpec[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = Buffer.from(e.body ?? (e.store ? e.data : deflateRawSync(e.data)));
    const method = e.method ?? (e.store ? 0 : 8);
    const size = e.declaredSize ?? e.trueSize ?? e.data.length;
    const crc = e.body ? 0 : crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(e.flags ?? 0, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(dir, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="xml" ContentType="application/xml"/></Types>',
);

// ---------------------------------------------------------------------------------------------------
// One plan, three formats.

const PLAN_MD = `# Harbourside Libraries — Strategic Plan 2025–2028

## Context

Harbourside Libraries runs 14 branches and a mobile library for 210,000 residents. Visits fell by 18% between 2019 and 2024, and a third of branches now open fewer than 30 hours a week.

## Goals

1. Become a leader in social media
2. Put customers at the heart of everything we do
3. Raise the share of residents who borrow at least once a year from 21% to 30% by March 2027
4. Reach 50,000 followers on Instagram
5. Cut the wait for a reserved book from 19 days to 7 days for borrowers in the four rural branches by December 2026
6. Give 1,200 year-3 children a library card and a class visit every term by July 2026

## Initiatives

- Open the Quay Street and Millbrook branches on Sundays from April 2025, staffed by branch teams & volunteers
- Rebuild the catalogue search with parents & carers, so children’s books can be reserved in two clicks:
  - Test the new search with 40 families in Millbrook by June 2025
  - Launch a new mobile app
- Foster a culture of innovation across the service

## Targets

| Measure | 2024 | 2027 target |
| --- | --- | --- |
| Residents who borrow each year | 21% | 30% |
| Average wait for a reservation | 19 days | 7 days |
| Instagram followers | 12,000 | 50,000 |
`;

const PLAN_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Harbourside Libraries &mdash; Strategic Plan</title>
  <style>li { margin: 0 } /* Become a leader in social media */</style>
</head>
<body>
  <h1>Harbourside Libraries &mdash; Strategic Plan 2025&ndash;2028</h1>

  <h2>Context</h2>
  <p>
    Harbourside Libraries runs 14 branches and a mobile library for 210,000 residents.
    Visits fell by 18% between 2019 and 2024, and a third of branches now open
    fewer than 30 hours a week.
  </p>

  <h2>Goals</h2>
  <ol>
    <li><strong>Become a leader</strong> in social media</li>
    <li>
      Put customers at the heart
      of everything we do
    </li>
    <li>
      Raise the share of residents who borrow at least once a year from 21% to 30%
      by March 2027
    </li>
    <li>Reach 50,000 followers on <strong>Instagram</strong></li>
    <li>Cut the wait for a reserved book from 19 days to 7 days for borrowers in the four rural branches by December 2026</li>
    <li>Give 1,200 year-3 children a library card and a class visit every term by July 2026</li>
  </ol>

  <h2>Initiatives</h2>
  <ul>
    <li>Open the Quay Street and Millbrook branches on Sundays from April 2025, staffed by branch teams &amp; volunteers</li>
    <li>Rebuild the catalogue search with parents &amp; carers, so children&rsquo;s books can be reserved in two clicks:
      <ul>
        <li>Test the new search with 40 families in Millbrook by June 2025</li>
        <li>Launch a new <em>mobile app</em></li>
      </ul>
    </li>
    <li>Foster a culture of innovation across the service</li>
  </ul>

  <h2>Targets</h2>
  <table>
    <thead>
      <tr><th>Measure</th><th>2024</th><th>2027 target</th></tr>
    </thead>
    <tbody>
      <tr><td>Residents who borrow each year</td><td>21%</td><td>30%</td></tr>
      <tr><td>Average wait for a reservation</td><td>19 days</td><td>7 days</td></tr>
      <tr>
        <td>Instagram followers</td>
        <td>12,000</td>
        <td>50,000</td>
      </tr>
    </tbody>
  </table>
</body>
</html>
`;

/** A Word paragraph as the test builds it: its plain text, and how to make it. */
type WordBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'goal'; runs: Array<string | { bold: string }> }
  | { kind: 'bullet'; level: 0 | 1; text: string }
  | { kind: 'table'; rows: string[][] };

const PLAN_WORD: WordBlock[] = [
  { kind: 'heading', level: 1, text: 'Harbourside Libraries — Strategic Plan 2025–2028' },
  { kind: 'heading', level: 2, text: 'Context' },
  {
    kind: 'para',
    text: 'Harbourside Libraries runs 14 branches and a mobile library for 210,000 residents. Visits fell by 18% between 2019 and 2024, and a third of branches now open fewer than 30 hours a week.',
  },
  { kind: 'para', text: '' }, // an empty paragraph: Word counts it, so must planlint
  { kind: 'heading', level: 2, text: 'Goals' },
  { kind: 'goal', runs: [{ bold: 'Become a leader' }, ' in social media'] },
  { kind: 'goal', runs: ['Put customers at the heart of everything we do'] },
  { kind: 'goal', runs: ['Raise the share of residents who borrow at least once a year from 21% to 30% by March 2027'] },
  { kind: 'goal', runs: ['Reach 50,000 followers on ', { bold: 'Instagram' }] },
  { kind: 'goal', runs: ['Cut the wait for a reserved book from 19 days to 7 days for borrowers in the four rural branches by December 2026'] },
  { kind: 'goal', runs: ['Give 1,200 year-3 children a library card and a class visit every term by July 2026'] },
  { kind: 'heading', level: 2, text: 'Initiatives' },
  { kind: 'bullet', level: 0, text: 'Open the Quay Street and Millbrook branches on Sundays from April 2025, staffed by branch teams & volunteers' },
  { kind: 'bullet', level: 0, text: 'Rebuild the catalogue search with parents & carers, so children’s books can be reserved in two clicks:' },
  { kind: 'bullet', level: 1, text: 'Test the new search with 40 families in Millbrook by June 2025' },
  { kind: 'bullet', level: 1, text: 'Launch a new mobile app' },
  { kind: 'bullet', level: 0, text: 'Foster a culture of innovation across the service' },
  { kind: 'heading', level: 2, text: 'Targets' },
  {
    kind: 'table',
    rows: [
      ['Measure', '2024', '2027 target'],
      ['Residents who borrow each year', '21%', '30%'],
      ['Average wait for a reservation', '19 days', '7 days'],
      ['Instagram followers', '12,000', '50,000'],
    ],
  },
];

/** The text of every Word paragraph, in Word's order (headings, empty paragraphs and table cells included). */
function wordParagraphs(blocks: WordBlock[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'table') for (const row of b.rows) out.push(...row);
    else if (b.kind === 'goal') out.push(b.runs.map((r) => (typeof r === 'string' ? r : r.bold)).join(''));
    else out.push(b.text);
  }
  return out;
}

async function buildDocx(blocks: WordBlock[]): Promise<Buffer> {
  const children: Array<Paragraph | Table> = blocks.map((b) => {
    switch (b.kind) {
      case 'heading':
        return new Paragraph({ text: b.text, heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 });
      case 'para':
        return new Paragraph({ text: b.text });
      case 'goal':
        return new Paragraph({
          children: b.runs.map((r) => (typeof r === 'string' ? new TextRun(r) : new TextRun({ text: r.bold, bold: true }))),
          numbering: { reference: 'goals', level: 0 },
        });
      case 'bullet':
        return new Paragraph({ text: b.text, bullet: { level: b.level } });
      case 'table':
        return new Table({ rows: b.rows.map((row) => new TableRow({ children: row.map((t) => new TableCell({ children: [new Paragraph(t)] })) })) });
    }
  });
  const doc = new Document({
    numbering: { config: [{ reference: 'goals', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }] },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/** 1-based line/column → offset, lines split as planlint splits them. */
function offsetOf(source: string, line: number, column: number): number {
  const starts = [0];
  for (const m of source.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  return (starts[line - 1] as number) + column - 1;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ', rsquo: '’', mdash: '—', ndash: '–' };
/** The text a reader sees in a piece of HTML: no tags, entities decoded, white space collapsed. */
function plainHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(\w+);/g, (m, name: string) => ENTITIES[name] ?? m)
    .replace(/\s+/g, ' ');
}

/** A finding's identity across formats. */
const keyOf = (m: JsonMessage): string => JSON.stringify([m.ruleId, m.message, m.suggestion, m.text]);

describe('the same plan as Markdown, HTML and Word', () => {
  let results: Record<'md' | 'html' | 'docx', JsonResult>;
  let code = -1;
  const paragraphs = wordParagraphs(PLAN_WORD);

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'planlint-formats-'));
    writeFileSync(path.join(dir, 'plan.md'), PLAN_MD);
    writeFileSync(path.join(dir, 'plan.html'), PLAN_HTML);
    writeFileSync(path.join(dir, 'plan.docx'), await buildDocx(PLAN_WORD));
    const r = planlint(['-f', 'json', '.'], { cwd: dir });
    code = r.code;
    expect(r.stderr).toBe('');
    const parsed = JSON.parse(r.stdout) as JsonResult[];
    const byExt = (ext: string): JsonResult => {
      const found = parsed.find((x) => x.filePath.endsWith(ext));
      if (!found) throw new Error(`no result for ${ext}: ${r.stdout}`);
      return found;
    };
    results = { md: byExt('plan.md'), html: byExt('plan.html'), docx: byExt('plan.docx') };
  });

  it('finds the bad goals and passes the good ones (exit 1)', () => {
    expect(code).toBe(1);
    const found = results.md.messages.map((m) => `${m.ruleId}: ${m.text}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'no-tool-as-goal: Become a leader in social media',
        'no-platitude: Put customers at the heart of everything we do',
        'no-vanity-metric: 50,000 followers',
        'no-tool-as-goal: Launch a new mobile app',
      ]),
    );
    for (const good of ['Raise the share', 'Cut the wait', 'Give 1,200', 'Test the new search']) {
      expect(results.md.messages.filter((m) => m.context?.text.startsWith(good))).toEqual([]);
    }
  });

  it('gives each format the same findings (rule, message, suggestion, text) and the same score', () => {
    const md = results.md.messages.map(keyOf).sort();
    expect(md.length).toBeGreaterThanOrEqual(8);
    expect(results.html.messages.map(keyOf).sort()).toEqual(md);
    expect(results.docx.messages.map(keyOf).sort()).toEqual(md);
    expect(typeof results.md.score).toBe('number');
    expect(results.html.score).toBe(results.md.score);
    expect(results.docx.score).toBe(results.md.score);
  });

  it('judges the same statements in each format (score categories and value map agree)', () => {
    // `judged` and `failed` count the statements each category judges; the value map, the tools and groups named.
    expect(results.md.categories).toBeDefined();
    expect(results.html.categories).toEqual(results.md.categories);
    expect(results.docx.categories).toEqual(results.md.categories);
    const map = (r: JsonResult) => ({ ...r.valueMap, tools: r.valueMap?.tools.map(({ mentions, ...t }) => ({ ...t, mentions: mentions.length })) });
    expect(map(results.md).tools?.map((t) => t.name)).toEqual(['social media', 'mobile app']);
    expect(map(results.html)).toEqual(map(results.md));
    expect(map(results.docx)).toEqual(map(results.md));
  });

  it('places every finding under the same headings in each format', () => {
    const placed = (r: JsonResult): string[] => r.messages.map((m) => `${keyOf(m)} @ ${m.location?.headingPath.join(' > ')}`).sort();
    expect(results.md.messages.every((m) => (m.location?.headingPath.length ?? 0) >= 2)).toBe(true);
    expect(placed(results.html)).toEqual(placed(results.md));
    expect(placed(results.docx)).toEqual(placed(results.md));
    const platitude = results.docx.messages.find((m) => m.ruleId === 'no-platitude' && m.text?.startsWith('Put customers'));
    expect(platitude?.location?.headingPath).toEqual(['Harbourside Libraries — Strategic Plan 2025–2028', 'Goals']);
  });

  it('Markdown: line and column point at the flagged text', () => {
    for (const m of results.md.messages) {
      const line = PLAN_MD.split('\n')[m.line - 1] ?? '';
      expect(line.slice(m.column - 1), m.message).toMatch(new RegExp(`^${(m.text ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(PLAN_MD.slice(offsetOf(PLAN_MD, m.line, m.column), offsetOf(PLAN_MD, m.endLine ?? 0, m.endColumn ?? 0))).toBe(m.text);
      expect(m.location?.paragraph).toBeUndefined();
    }
  });

  it('HTML: the source at line and column reads as the flagged text, through tags, entities and line breaks', () => {
    for (const m of results.html.messages) {
      const start = offsetOf(PLAN_HTML, m.line, m.column);
      const end = offsetOf(PLAN_HTML, m.endLine ?? 0, m.endColumn ?? 0);
      expect(plainHtml(PLAN_HTML.slice(start)).startsWith(m.text ?? '\u0000'), `${m.ruleId} at ${m.line}:${m.column}`).toBe(true);
      expect(plainHtml(PLAN_HTML.slice(start, end)), `${m.ruleId} at ${m.line}:${m.column}`).toBe(m.text);
      expect(m.location?.paragraph).toBeUndefined();
    }
    // A finding inside <strong>, and one across a line break in the source.
    const tool = results.html.messages.find((m) => m.ruleId === 'no-tool-as-goal' && m.text === 'Become a leader in social media');
    expect(PLAN_HTML.slice(offsetOf(PLAN_HTML, tool?.line ?? 0, tool?.column ?? 0))).toMatch(/^Become a leader<\/strong> in social media<\/li>/);
    const platitude = results.html.messages.find((m) => m.ruleId === 'no-platitude');
    expect(platitude?.endLine).toBe((platitude?.line ?? 0) + 1);
  });

  it('Word: location.paragraph is the line, and the Word paragraph the test built (headings, empty paragraphs and table cells count)', () => {
    for (const m of results.docx.messages) {
      expect(m.location?.paragraph).toBe(m.line);
      const context = m.context as FindingContext;
      const text = m.text ?? '';
      // The paragraph(s) this finding can stand in: it holds the flagged text and the statement (or, in a table, is one of the row's cells).
      const candidates = paragraphs
        .map((p, i) => ({ p, n: i + 1 }))
        .filter(({ p }) => p.includes(text) && (p.includes(context.text) || context.text.split(' | ').includes(p)));
      expect(candidates, `${m.ruleId} "${text}"`).toHaveLength(1);
      const { p, n } = candidates[0] as { p: string; n: number };
      expect(m.line, `${m.ruleId} "${text}"`).toBe(n);
      // Column: the character within the paragraph's text.
      expect(p.slice(m.column - 1).startsWith(text), `${m.ruleId} "${text}" at column ${m.column} of "${p}"`).toBe(true);
    }
    // Spot checks against the document as built: title 1, Context 2, its text 3, empty 4, Goals 5, goals 6–11,
    // Initiatives 12, bullets 13–17, Targets 18, table cells 19–30 (row 4, cell 1 = 28).
    const at = (rule: string, text: string): number | undefined => results.docx.messages.find((m) => m.ruleId === rule && m.text === text)?.location?.paragraph;
    expect(at('no-tool-as-goal', 'Become a leader in social media')).toBe(6);
    expect(at('no-vanity-metric', '50,000 followers')).toBe(9);
    expect(at('no-tool-as-goal', 'Launch a new mobile app')).toBe(16);
    expect(at('no-vanity-metric', 'followers')).toBe(28);
  });
});

// ---------------------------------------------------------------------------------------------------
// Word files that cannot be read: each is that file's error; the rest of the folder is still linted.

describe('Word files that cannot be read', () => {
  const GOOD = '## Goals\n\n1. Become a leader in social media\n';
  const cases: Array<{ file: string; reason: RegExp }> = [
    { file: 'bomb-honest.docx', reason: /would unpack to more than 50 MB; refused as a possible ZIP bomb$/ },
    { file: 'bomb-lying.docx', reason: /would unpack to more than 50 MB; refused as a possible ZIP bomb$/ },
    { file: 'many-entries.docx', reason: /holds 5001 ZIP entries, more than the 5000 allowed; refused$/ },
    { file: 'password.docx', reason: /is password-protected or an old binary Word \(\.doc\) file/ },
    { file: 'truncated.docx', reason: /is not a valid ZIP archive \(no central directory\); the file is damaged/ },
    { file: 'text.docx', reason: /is not a Word document \(\.docx files are ZIP archives\)$/ },
    { file: 'not-word.docx', reason: /is a ZIP archive but not a Word document \(no word\/document\.xml\)$/ },
    { file: 'no-main-part.docx', reason: /cannot be read as a Word document \(Could not find main document part/ },
  ];
  let r: { code: number; stdout: string; stderr: string };
  let results: JsonResult[];
  let elapsed = 0;

  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'planlint-badword-'));
    const dir = path.join(root, 'plans');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'good.md'), GOOD);
    // 60 MB of one byte deflates to about 60 KB.
    const bomb = new Uint8Array(60 * 1024 * 1024).fill(0x20);
    const body = deflateRawSync(bomb);
    expect(body.length).toBeLessThan(200 * 1024);
    const rels = Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>',
    );
    writeFileSync(path.join(dir, 'bomb-honest.docx'), makeZip([{ name: '[Content_Types].xml', data: CONTENT_TYPES }, { name: 'word/document.xml', data: new Uint8Array(0), body, trueSize: bomb.length }]));
    writeFileSync(
      path.join(dir, 'bomb-lying.docx'),
      makeZip([{ name: '[Content_Types].xml', data: CONTENT_TYPES }, { name: '_rels/.rels', data: rels }, { name: 'word/document.xml', data: new Uint8Array(0), body, declaredSize: 1200 }]),
    );
    writeFileSync(path.join(dir, 'many-entries.docx'), makeZip(Array.from({ length: 5001 }, (_, i) => ({ name: `word/media/f${i}.xml`, data: new Uint8Array(0), store: true }))));
    writeFileSync(path.join(dir, 'password.docx'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]));
    const real = await buildDocx(PLAN_WORD);
    writeFileSync(path.join(dir, 'truncated.docx'), real.subarray(0, Math.floor(real.length / 2)));
    writeFileSync(path.join(dir, 'text.docx'), '1. Become a leader in social media\n');
    writeFileSync(path.join(dir, 'not-word.docx'), makeZip([{ name: 'notes.txt', data: Buffer.from('Become a leader in social media') }]));
    writeFileSync(path.join(dir, 'no-main-part.docx'), makeZip([{ name: '[Content_Types].xml', data: CONTENT_TYPES }, { name: '_rels/.rels', data: rels }]));
    const t = Date.now();
    r = planlint(['-f', 'json', 'plans'], { cwd: root });
    elapsed = Date.now() - t;
    results = JSON.parse(r.stdout) as JsonResult[];
  });

  it('exits 2, and still lints the good file in the same folder', () => {
    expect(r.code).toBe(2);
    const good = results.find((x) => x.filePath === path.join('plans', 'good.md'));
    expect(good?.messages.map((m) => m.ruleId)).toContain('no-tool-as-goal');
    expect(elapsed).toBeLessThan(8000);
  });

  it('writes one stderr line per bad file, and nothing else', () => {
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(cases.length);
    for (const line of lines) expect(line).toMatch(/^planlint: error: plans\/[\w-]+\.docx: \S/);
  });

  it.each(cases)('$file is reported as that file’s error', ({ file, reason }) => {
    const name = path.join('plans', file);
    const line = r.stderr.split('\n').find((l) => l.startsWith(`planlint: error: ${name}: `));
    expect(line, r.stderr).toBeDefined();
    expect((line as string).slice(`planlint: error: ${name}: `.length)).toMatch(reason);
    const entry = results.find((x) => x.filePath === name);
    expect(entry?.messages).toHaveLength(1);
    expect(entry?.messages[0]).toMatchObject({ ruleId: null, fatal: true, line: 0 });
    expect(entry?.messages[0]?.message).toMatch(reason);
  });
});

describe('ZipArchive (small limits)', () => {
  const limits = (maxUnpackedBytes: number, maxEntries = 10): ZipLimits => ({ maxUnpackedBytes, maxEntries });
  const bytes = (n: number, fill = 0x41): Uint8Array => new Uint8Array(n).fill(fill);
  const refuse = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(ZipError);
      return (e as Error).message;
    }
    throw new Error('not refused');
  };

  it('reads deflated and stored entries, up to exactly the limit', () => {
    const zip = new ZipArchive(makeZip([{ name: 'a.xml', data: bytes(600) }, { name: 'b.xml', data: bytes(400, 0x42), store: true }]), limits(1000));
    expect(zip.has('a.xml')).toBe(true);
    expect(zip.has('c.xml')).toBe(false);
    expect(Buffer.from(zip.read('a.xml')).equals(Buffer.from(bytes(600)))).toBe(true);
    expect(Buffer.from(zip.read('b.xml')).equals(Buffer.from(bytes(400, 0x42)))).toBe(true);
    expect(refuse(() => zip.read('c.xml'))).toBe('has no "c.xml" entry');
  });

  it('refuses an archive whose declared sizes pass the limit, before unpacking anything', () => {
    const message = refuse(() => new ZipArchive(makeZip([{ name: 'a.xml', data: bytes(600) }, { name: 'b.xml', data: bytes(600) }]), limits(1000)));
    expect(message).toMatch(/possible ZIP bomb/);
    // A limit under 1 MB is not written "0 MB".
    expect(message).toBe('would unpack to more than 1000 bytes; refused as a possible ZIP bomb');
  });

  it('refuses an entry that inflates past the limit whatever its headers declare (deflated or stored)', () => {
    const deflated = new ZipArchive(makeZip([{ name: 'a.xml', data: bytes(5000), declaredSize: 10 }]), limits(1000));
    expect(refuse(() => deflated.read('a.xml'))).toMatch(/possible ZIP bomb/);
    const stored = new ZipArchive(makeZip([{ name: 'a.xml', data: bytes(5000), store: true, declaredSize: 10 }]), limits(1000));
    expect(refuse(() => stored.read('a.xml'))).toMatch(/possible ZIP bomb/);
  });

  it('counts every entry read against one budget for the archive, and never inflates past what is left of it', () => {
    const inflate = vi.mocked(inflateRawSync);
    inflate.mockClear();
    const zip = new ZipArchive(makeZip([{ name: 'a.xml', data: bytes(700), declaredSize: 1 }, { name: 'b.xml', data: bytes(700), declaredSize: 1 }]), limits(1000));
    expect(zip.read('a.xml')).toHaveLength(700);
    expect(refuse(() => zip.read('b.xml'))).toMatch(/possible ZIP bomb/);
    expect(inflate.mock.calls.map((c) => (c[1] as { maxOutputLength?: number } | undefined)?.maxOutputLength)).toEqual([1000, 300]);
  });

  it('refuses too many entries, encryption, ZIP64, unknown compression, truncation and damage', () => {
    const four = makeZip(['a', 'b', 'c', 'd'].map((name) => ({ name, data: bytes(1), store: true })));
    expect(refuse(() => new ZipArchive(four, limits(1000, 3)))).toBe('holds 4 ZIP entries, more than the 3 allowed; refused');
    expect(() => new ZipArchive(four, limits(1000, 4))).not.toThrow();
    expect(refuse(() => new ZipArchive(makeZip([{ name: 'a', data: bytes(10), flags: 1 }]), limits(1000)))).toMatch(/encrypted \(password-protected\)/);
    const zip64 = makeZip([{ name: 'a', data: bytes(10) }]);
    zip64.writeUInt32LE(0xffffffff, zip64.length - 6);
    expect(refuse(() => new ZipArchive(zip64, limits(1000)))).toMatch(/ZIP64/);
    const bzip = new ZipArchive(makeZip([{ name: 'a', data: bytes(10), store: true, method: 12 }]), limits(1000));
    expect(refuse(() => bzip.read('a'))).toMatch(/compression method 12/);
    const whole = makeZip([{ name: 'a', data: bytes(100) }]);
    expect(refuse(() => new ZipArchive(whole.subarray(0, whole.length - 10), limits(1000)))).toMatch(/no central directory/);
    expect(refuse(() => new ZipArchive(new Uint8Array(0), limits(1000)))).toMatch(/no central directory/);
    const garbled = makeZip([{ name: 'a', data: new Uint8Array(0), body: Buffer.from([0xff, 0xff, 0xff, 0xff]), trueSize: 10 }]);
    expect(refuse(() => new ZipArchive(garbled, limits(1000)).read('a'))).toMatch(/damaged ZIP entry "a"/);
  });

  it('has the documented defaults, and docxToHtml applies the limits it is given', async () => {
    expect(DEFAULT_ZIP_LIMITS).toEqual({ maxUnpackedBytes: 50 * 1024 * 1024, maxEntries: 5000 });
    const docx = await buildDocx(PLAN_WORD);
    await expect(docxToHtml(docx)).resolves.toContain('<h2>Goals</h2>');
    await expect(docxToHtml(docx, limits(2000, 100))).rejects.toThrow(/possible ZIP bomb/);
    await expect(docxToHtml(docx, limits(100 * 1024 * 1024, 3))).rejects.toBeInstanceOf(DocxError);
  });
});

// ---------------------------------------------------------------------------------------------------
// Word documents: what the reader makes of cells, footnotes and empty paragraphs.

describe('Word details', () => {
  it('keeps a cell’s paragraphs apart, leaves footnote marks and footnotes out, and keeps paragraph numbers', async () => {
    const doc = new Document({
      footnotes: { 1: { children: [new Paragraph('Become a leader in social media')] } },
      sections: [
        {
          children: [
            new Paragraph({ text: 'Goals', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ children: [new TextRun('Put customers'), new FootnoteReferenceRun(1), new TextRun(' at the heart of everything we do')] }),
            new Paragraph(''),
            new Table({
              rows: [
                new TableRow({ children: [new TableCell({ children: [new Paragraph('Measure')] }), new TableCell({ children: [new Paragraph('Target')] })] }),
                new TableRow({ children: [new TableCell({ children: [new Paragraph('Reach 50,000'), new Paragraph('followers on Instagram')] }), new TableCell({ children: [new Paragraph('by 2026')] })] }),
              ],
            }),
          ],
        },
      ],
    });
    const html = await docxToHtml(await Packer.toBuffer(doc));
    const result = lintText(html, { format: 'word', filePath: 'plan.docx' });
    const found = result.findings.map((f) => `${f.ruleId} ${f.location?.paragraph}:${f.column} ${f.text}`);
    // Paragraphs: Goals 1, the goal 2, empty 3, cells 4–5, then "Reach 50,000" 6, "followers on Instagram" 7, "by 2026" 8.
    expect(found).toContain('no-platitude 2:1 Put customers at the heart of everything we do');
    expect(found).toContain('no-vanity-metric 6:7 50,000 followers');
    // The footnote's text is never judged (as in Markdown), and its mark is not part of the statement.
    expect(result.findings.filter((f) => /social media|\[1\]/.test(f.context?.text ?? ''))).toEqual([]);
  });

  it('reads the first row of a Word table as its header, as Markdown does, unless it reads as content', async () => {
    const rows = [
      ['Goal', 'Owner', 'By'],
      ['Raise active borrowers from 44,100 to 63,000', 'Head of Service', 'March 2027'],
      ['Cut the reservation wait from 19 to 7 days', 'Operations Manager', 'December 2026'],
      ['Give 1,200 year-3 children a library card', 'Schools Officer', 'July 2026'],
      ['Open 4 branches on Sundays', 'Branch Lead', 'April 2025'],
      ['Train 60 staff in digital help', 'Training Lead', 'June 2026'],
    ];
    const md = `## Goals\n\n| ${(rows[0] as string[]).join(' | ')} |\n| --- | --- | --- |\n${rows.slice(1).map((r) => `| ${r.join(' | ')} |\n`).join('')}`;
    const table = (cells: string[][]): Table => new Table({ rows: cells.map((r) => new TableRow({ children: r.map((t) => new TableCell({ children: [new Paragraph(t)] })) })) });
    const word = async (...children: Array<Paragraph | Table>): Promise<string> => docxToHtml(await Packer.toBuffer(new Document({ sections: [{ children }] })));
    const goals = await word(new Paragraph({ text: 'Goals', heading: HeadingLevel.HEADING_2 }), table(rows));
    const fromMd = lintText(md, { format: 'markdown' });
    const fromWord = lintText(goals, { format: 'word' });
    // Five goals and a header: not six priorities.
    expect(fromMd.findings).toEqual([]);
    expect(fromWord.findings).toEqual([]);
    expect(fromWord.score).toEqual(fromMd.score);
    // A one-row table, or a first row that states something at length, is content and is judged.
    const single = await word(new Paragraph({ text: 'Goals', heading: HeadingLevel.HEADING_2 }), table([['Become a leader in social media', 'Marketing']]));
    expect(lintText(single, { format: 'word' }).findings.map((f) => f.ruleId)).toContain('no-tool-as-goal');
    const layout = await word(
      new Paragraph({ text: 'Goals', heading: HeadingLevel.HEADING_2 }),
      table([['Put customers at the heart of everything we do, in every branch and online'], ['Cut the reservation wait from 19 to 7 days by December 2026']]),
    );
    expect(lintText(layout, { format: 'word' }).findings.map((f) => f.ruleId)).toContain('no-platitude');
  });

  it('reads a paragraph in Word’s Title style as the document’s heading, not as a statement', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Harbourside Libraries Strategic Plan 2025', heading: HeadingLevel.TITLE }),
            new Paragraph({ text: 'Goals', heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: 'Become a leader in social media', numbering: { reference: 'goals', level: 0 } }),
          ],
        },
      ],
      numbering: { config: [{ reference: 'goals', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }] },
    });
    const html = await docxToHtml(await Packer.toBuffer(doc));
    const md = '# Harbourside Libraries Strategic Plan 2025\n\n## Goals\n\n1. Become a leader in social media\n';
    const statements = (source: string, format: 'markdown' | 'word') =>
      parseDocument(source, format).statements.map((s) => ({ text: s.text, origin: s.origin, headingPath: s.headingPath }));
    expect(statements(html, 'word')).toEqual(statements(md, 'markdown'));
    expect(statements(html, 'word')).toEqual([{ text: 'Become a leader in social media', origin: 'list-item', headingPath: ['Harbourside Libraries Strategic Plan 2025', 'Goals'] }]);
    const tool = lintText(html, { format: 'word' }).findings.find((f) => f.ruleId === 'no-tool-as-goal');
    expect(tool?.location).toEqual({ headingPath: ['Harbourside Libraries Strategic Plan 2025', 'Goals'], paragraph: 3 });
  });
});

// ---------------------------------------------------------------------------------------------------
// HTML specifics.

describe('HTML plans', () => {
  const lintHtml = (html: string, rules?: LintOptions['rules']) => lintText(html, { filePath: 'plan.html', ...(rules ? { rules } : {}) });
  // Thresholds low enough that the statement model confirms every candidate: these tests are about reading HTML.
  const LOW = { 'no-unlinked-tool': ['warning', { threshold: 0.001 }], 'require-measurable-goal': ['warning', { threshold: 0.001 }] } as never;

  it('never judges scripts, styles or comments', () => {
    const hidden = `<!DOCTYPE html><html><head>
<script>const goal = "Become a leader in social media";</script>
<style>/* Launch a new mobile app */ body { color: black }</style>
</head><body>
<h2>Goals</h2>
<!-- Become a leader in social media -->
<ol>
  <li>Cut the wait for a reserved book from 19 days to 7 days by December 2026</li>
  <script>document.write("<li>Launch a new mobile app</li>")</script>
</ol>
</body></html>`;
    const r = lintHtml(hidden);
    expect(r.findings).toEqual([]);
    expect(r.valueMap?.tools).toEqual([]);
    // The same goal in the page's text is judged.
    const shown = lintHtml(hidden.replace('<!-- Become a leader in social media -->', '<p>Become a leader in social media</p>'));
    expect(shown.findings.map((f) => f.ruleId)).toContain('no-tool-as-goal');
  });

  it('decodes entities in the judged and reported text, and keeps their positions', () => {
    const html = '<h2>Goals</h2>\n<ul>\n  <li>Sales &amp; marketing&rsquo;s aim: become a leader in social media</li>\n</ul>\n';
    const r = lintHtml(html, LOW);
    const tool = r.findings.find((f) => f.ruleId === 'no-unlinked-tool');
    expect(tool?.text).toBe('social media');
    const goal = r.findings.find((f) => f.ruleId === 'no-tool-as-goal');
    expect(goal?.context?.text).toBe('Sales & marketing’s aim: become a leader in social media');
    expect(goal?.text).not.toContain('&amp;');
    expect(html.slice(offsetOf(html, tool?.line ?? 0, tool?.column ?? 0))).toMatch(/^social media<\/li>/);
  });

  it('keeps the depth of a list nested three deep', () => {
    const html = `<h2>Initiatives</h2>
<ul>
  <li>Reopen the Quay Street branch
    <ul>
      <li>Refit the children's floor
        <ul>
          <li>Buy 400 picture books by May 2025</li>
        </ul>
      </li>
    </ul>
  </li>
  <li>Train every branch manager</li>
</ul>`;
    const md = `## Initiatives

- Reopen the Quay Street branch
  - Refit the children's floor
    - Buy 400 picture books by May 2025
- Train every branch manager
`;
    const depths = (source: string, format: 'html' | 'markdown') =>
      parseDocument(source, format).statements.map((s) => [s.text, s.origin, s.listDepth]);
    expect(depths(html, 'html')).toEqual([
      ['Reopen the Quay Street branch', 'list-item', 1],
      ["Refit the children's floor", 'list-item', 2],
      ['Buy 400 picture books by May 2025', 'list-item', 3],
      ['Train every branch manager', 'list-item', 1],
    ]);
    expect(depths(html, 'html')).toEqual(depths(md, 'markdown'));
  });

  it('honours planlint-disable-next-line comments as Markdown does, even between list items', () => {
    const html = `<h2>Goals</h2>
<ol>
  <li>Put customers at the heart of everything we do</li>
  <!-- planlint-disable-next-line no-tool-as-goal -- agreed with the board -->
  <li>Become a leader in social media</li>
</ol>
<!-- planlint-disable-next-line -->
<p>We will launch a new mobile app.</p>
`;
    const md = `## Goals

1. Put customers at the heart of everything we do
<!-- planlint-disable-next-line no-tool-as-goal -- agreed with the board -->
2. Become a leader in social media

<!-- planlint-disable-next-line -->
We will launch a new mobile app.
`;
    const keys = (r: ReturnType<typeof lintText>): string[] => r.findings.map((f) => `${f.ruleId}: ${f.text}`).sort();
    const fromHtml = lintHtml(html, LOW);
    const fromMd = lintText(md, { filePath: 'plan.md', rules: LOW });
    expect(keys(fromHtml)).toEqual(keys(fromMd));
    expect(keys(fromHtml)).toContain('require-measurable-goal: Become a leader in social media');
    expect(keys(fromHtml)).not.toContain('no-tool-as-goal: Become a leader in social media');
    expect(fromHtml.findings.filter((f) => f.text.includes('mobile app'))).toEqual([]);
    // The comment does not turn the next item into a paragraph.
    const item = parseDocument(html, 'html').statements.find((s) => s.text === 'Become a leader in social media');
    expect(item?.origin).toBe('list-item');
    // Without the directives, the findings are there.
    const bare = lintHtml(html.replace(/<!--[\s\S]*?-->/g, ''));
    expect(keys(bare)).toContain('no-tool-as-goal: Become a leader in social media');
    expect(bare.findings.some((f) => f.text.includes('mobile app'))).toBe(true);
  });
  // Found by `npm run fuzz -- --property bytes --seed 777` (a UTF-16 file cut by one byte turned
  // `<h1 class="x" title="…">` into a tag whose attribute names hold quotes): the projection of the source
  // took the quote for the start of a value, lost every character after the tag, and a finding on the
  // text after it was reported with the whole text but a range of one character.
  const GOAL = 'Become a leader in social media';
  it.each([
    ['a quote inside an attribute name', `<p class="x" title"=y>${GOAL}</p>`],
    ['quotes inside an unquoted value', `<p title=it's class=a"b>${GOAL}</p>`],
    ['a quoted value right after a quoted value', `<p title="a"class='b'>${GOAL}</p>`],
    ['a heading whose tag name and attributes are damaged', `<h㄀ 挀氀愀猀猀㴀∀砀∀ 琀椀琀氀攀㴀\u0000x">${GOAL}`],
    ['an abrupt comment', `<p>Become a leader <!--> in social media</p>`],
    ['a comment ended by --!>', `<p><!-- "a --!>${GOAL}</p>`],
    ['a processing instruction (a bogus comment) holding a quote', `<p><? "x>${GOAL}</p>`],
    ['an end tag that is not one (a bogus comment) holding a quote', `<p></ "x>${GOAL}</p>`],
    ['a DOCTYPE with an unclosed quote', `<!DOCTYPE html PUBLIC "x>\n<p>${GOAL}</p>`],
    ['raw text (xmp) holding a quote', `<xmp><b title="</xmp><p>${GOAL}</p>`],
    ['a title holding markup', `<title><b title="</title><p>${GOAL}</p>`],
    ['noscript, parsed as markup (scripting is off)', `<noscript><p>${GOAL}</p></noscript>`],
    ['a script whose escaped part holds </script>', `<script><!--<script></script><p title="</script>--></script><p>${GOAL}</p>`],
    ['a raw text end tag with attributes', `<style>a</style title=">">${GOAL}`],
  ])('%s: a finding after it reads as the source at its range', (_name, body) => {
    const html = `<h2>Goals</h2>\n${body}\n`;
    const r = lintHtml(html);
    expect(r.findings.find((f) => f.ruleId === 'no-tool-as-goal')?.text).toBe(GOAL);
    for (const f of r.findings) {
      const at = html.slice(offsetOf(html, f.line, f.column), offsetOf(html, f.endLine, f.endColumn));
      expect(/[<&]/.test(at) ? plainHtml(at) : at, `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`).toBe(f.text);
    }
  });

  it('never judges what form fields and frames hold in attributes; a textarea’s text keeps its place', () => {
    for (const field of [`<input value="${GOAL}">`, `<input placeholder="${GOAL}">`, `<iframe src="x.html" title="${GOAL}"></iframe>`, `<select><option value="${GOAL}" label="${GOAL}">Yes</option></select>`]) {
      expect(lintHtml(`<h2>Goals</h2>\n<p>Choose: ${field}</p>\n`).findings.filter((f) => f.text.includes('social media')), field).toEqual([]);
    }
    const html = `<h2>Goals</h2>\n<p><textarea>${GOAL}</textarea></p>\n`;
    const goal = lintHtml(html).findings.find((f) => f.ruleId === 'no-tool-as-goal');
    expect(goal?.text).toBe(GOAL);
    expect(html.slice(offsetOf(html, goal?.line ?? 0, goal?.column ?? 0), offsetOf(html, goal?.endLine ?? 0, goal?.endColumn ?? 0))).toBe(GOAL);
  });
});
