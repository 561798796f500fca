/**
 * Property-based fuzzing of planlint with fast-check: `npm run fuzz -- [--runs N] [--seed N] [--property NAME]…`.
 *
 * Every property lints generated documents — arbitrary strings, plan-like documents built from plan
 * fragments, the repository's fixtures mutated, HTML, Word HTML and file bytes in every encoding — and checks
 * that planlint never throws, that every finding's range lies inside the document (and its text is the
 * text at that range), that the same input always gives the same output, that LF, CRLF and CR line endings
 * give the same findings at the same places, and that the JSON, SARIF and JUnit reports parse back.
 *
 * `--runs` is the number of cases per property (default 5000); `--seed` defaults to the clock and is
 * printed, so that a failure can be replayed with `--seed N --property NAME [--path P]`. Prints, per
 * property, how many cases ran, how many held findings, the slowest case and the time taken, then "no
 * failures" or the (shrunk) counterexamples, and exits 1 on failure. `test/property.test.ts` runs the same
 * properties, fewer cases each, in `npm test`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { Chalk } from 'chalk';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lintText, rules } from '../src/index.js';
import { UNUSED_DIRECTIVE_ID } from '../src/linter.js';
import { lintPlanBytes } from '../src/batch.js';
import { decode, type Notice } from '../src/files.js';
import { formatters } from '../src/formatters/index.js';
import type { Finding, LintOptions, LintResult, PlanFormat, PresetName } from '../src/types.js';

// ---------------------------------------------------------------------------------------------------------
// The repository: fixtures, lexicons, the SARIF schema (found from scripts/ and dist/scripts/ alike).

function findRoot(): string {
  let dir = import.meta.dirname;
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'planlint') return dir;
    } catch {
      // not here: one folder up
    }
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the planlint repository');
}

export const ROOT = findRoot();

function listFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFixtures(full));
    else if (/\.(md|markdown|txt)$/.test(name)) out.push(full);
  }
  return out;
}

/** The fixture documents (`fixtures/**\/*.md|txt`): name relative to the repository, and text. */
export const FIXTURES: ReadonlyArray<{ name: string; text: string }> = listFixtures(path.join(ROOT, 'fixtures')).map((f) => ({
  name: path.relative(ROOT, f).split(path.sep).join('/'),
  text: readFileSync(f, 'utf8'),
}));

/** Every term of the bundled lexicons (tools, platitudes, vanity counts, verbs, stakeholders…), wildcards filled. */
const LEXICON_TERMS: string[] = readdirSync(path.join(ROOT, 'rules', 'data'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => {
    const data = JSON.parse(readFileSync(path.join(ROOT, 'rules', 'data', f), 'utf8')) as { entries?: Array<{ term?: unknown }> };
    return (data.entries ?? []).map((e) => e.term).filter((t): t is string => typeof t === 'string');
  })
  .map((t) => t.replace(/\*/g, 'our'));

// ---------------------------------------------------------------------------------------------------------
// Generators.

const TOOL_WORDS = ['social media', 'app', 'CRM', 'TikTok', 'AI', 'chatbot', 'website', 'blockchain', 'dashboard', 'Salesforce', 'the cloud', 'mobile app', 'ERP', 'Instagram', 'data lake', 'intranet'];
const PLAN_WORDS = [
  'Become', 'Launch', 'Implement', 'Increase', 'Reduce', 'Deliver', 'Adopt', 'Use', 'Grow', 'Be', 'Build', 'Roll out',
  'the leader in', 'a leading', 'world-class', 'best in class', 'customer-centric', 'innovative', 'excellence', 'synergies', 'leverage',
  'going forward', 'at the heart of', 'followers', 'likes', 'page views', 'downloads', 'impressions',
  'by 2026', 'by 10%', 'from 40% to 55%', 'for our customers', 'residents', 'patients', 'staff', 'so that', 'because everyone is on it',
  'Owner:', 'led by the CFO', 'Goals', 'Strategic objectives', 'Initiatives', 'Metrics', 'KPIs', 'Context', 'Diagnosis', 'Challenge', 'Priorities',
  'our', 'the', 'a', 'and', 'to', 'in', 'of', 'with', 'on', 'we', 'will',
];
const NUMBERS = ['0', '3', '50,000', '25%', '2025', 'Q3', '$1.2m', '10x', '1.5', '-4', '１２３', '½', '٣', '10 000', '1e9', '99.9 %'];
const MARKUP = [
  '**', '*', '_', '__', '`', '```', '~~', '[', ']', '(', ')', '[link](http://x.example)', '![img](x.png)', '[^1]', '[^1]: note', '\\', '|', '| a | b |', '|---|---|',
  '<b>', '</b>', '<p>', '</p>', '<li>', '<ul>', '</ul>', '<br>', '<h2>', '</h2>', '<td>', '<table>', '<script>x()</script>', '<style>p{}</style>', '&amp;', '&nbsp;', '&#x1F600;', '&lt;', '&bogus;', '&',
  '<!-- c -->', '<!--', '-->', '<!-- planlint-disable -->', '<!-- planlint-enable -->', '<!-- planlint-disable-next-line no-tool-as-goal -->',
  '<!-- planlint-disable-file -->', '<!-- planlint-disable no-platitude, no-buzzword -- reason -->', '<!-- planlint-enable no-platitude -->',
  '<!-- planlint-disable-next-line -->', '<!-- expect: no-tool-as-goal -->', '---', '===', '+++', ':', '.', ';', '!', '?', ',', '"', "'", '…', '—',
];
const ODD = [
  '🚀', '👍🏽', '👨‍👩‍👧', '😀', '𝐀', 'e\u0301', '\u0300\u0301\u0302', '\ud800', '\udc00', '\udbff', '\0', '\t', '\u00a0', '\u200b', '\u2028', '\u2029', '\ufeff',
  '\u0085', '\f', '\v', '\u202e', '\u200f', 'ﬁ', 'İ', 'ß', 'ǅ', 'Σ', 'ı', 'ﬀ', '\u001b[31m', '\x7f', '\ufffd', '\ufffe', '\uffff', '日本語', 'مرحبا',
];
const PREFIXES = [
  '', '', '', '', '# ', '## ', '### ', '###### ', '####### ', '#', '- ', '- ', '* ', '+ ', '1. ', '2) ', '10. ', 'a) ', 'iv. ', '(1) ', '1°) ', '• ', '◦ ', '  - ', '    - ',
  '\t- ', '   1. ', '> ', '> - ', '>> ', '- [ ] ', '- [x] ', '| ', '    ', '```', '---', '===', '***', '- - ', '1.\t',
];
const SEPARATORS = [' ', ' ', ' ', '', '  ', '\t', ', ', ' - '];
const SUFFIXES = ['', '', '', '.', ':', '  ', ' \\', ' |', '!', ' -->', '  \t'];
const LINE_ENDINGS = ['\n', '\n', '\n', '\n', '\n\n', '\r\n', '\r\n', '\r', '\r\r\n', '\n\r'];

/** One UTF-16 code unit, lone surrogates and controls included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Strings of any UTF-16 code units. */
const anyString = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: codeUnit, maxLength });
/** A short piece of odd text: any code units, full Unicode, or one of the odd characters. */
const oddBit = fc.oneof(fc.constantFrom(...ODD), anyString(4), fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 }));

/** One fragment of a plan line: plan words, lexicon terms, numbers, markup, odd characters. */
export const fragment: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...TOOL_WORDS), weight: 4 },
  { arbitrary: fc.constantFrom(...PLAN_WORDS), weight: 6 },
  { arbitrary: fc.constantFrom(...LEXICON_TERMS), weight: 5 },
  { arbitrary: fc.constantFrom(...NUMBERS), weight: 2 },
  { arbitrary: fc.constantFrom(...MARKUP), weight: 2 },
  { arbitrary: oddBit, weight: 1 },
);

/** One line of a plan, without its line ending. */
export const planLine: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.array(fragment, { maxLength: 12 }), fc.constantFrom(...SEPARATORS), fc.constantFrom(...SUFFIXES))
  .map(([prefix, parts, sep, suffix]) => prefix + parts.join(sep) + suffix);

/** A plan-like document: lines of plan fragments with mixed line endings. */
export const planLike: fc.Arbitrary<string> = fc
  .array(fc.tuple(planLine, fc.constantFrom(...LINE_ENDINGS)), { maxLength: 30 })
  .map((lines) => lines.map(([l, eol]) => l + eol).join(''));

/** Arbitrary text: any code units, or a mix of plan fragments and odd characters with no structure at all. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  anyString(200),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.oneof(fragment, fc.constantFrom(...LINE_ENDINGS), fc.constantFrom(...PREFIXES), oddBit), { maxLength: 60 }).map((a) => a.join('')),
);

type Mutation =
  | { kind: 'insert-line'; at: number; text: string }
  | { kind: 'delete-line' | 'duplicate-line' | 'swap-chars'; at: number }
  | { kind: 'move-line'; at: number; to: number }
  | { kind: 'insert-chars'; at: number; text: string }
  | { kind: 'delete-chars'; at: number; length: number }
  | { kind: 'line-endings'; eol: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert-line' as const), at: fc.nat(), text: planLine }),
  fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const, 'swap-chars' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('move-line' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('insert-chars' as const), at: fc.nat(), text: fc.oneof(oddBit, fragment, fc.constantFrom(...LINE_ENDINGS)) }),
  fc.record({ kind: fc.constant('delete-chars' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('line-endings' as const), eol: fc.constantFrom('\n', '\r\n', '\r') }),
);

/** Lines with their endings. */
function splitKeep(s: string): string[] {
  return s.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

export function mutate(text: string, mutations: readonly Mutation[]): string {
  let s = text;
  for (const m of mutations) {
    const lines = splitKeep(s);
    const li = lines.length === 0 ? 0 : ('at' in m ? m.at : 0) % lines.length;
    const ci = s.length === 0 ? 0 : ('at' in m ? m.at : 0) % (s.length + 1);
    switch (m.kind) {
      case 'insert-line':
        lines.splice(li, 0, m.text + '\n');
        s = lines.join('');
        break;
      case 'delete-line':
        lines.splice(li, 1);
        s = lines.join('');
        break;
      case 'duplicate-line':
        if (lines.length > 0) lines.splice(li, 0, lines[li] as string);
        s = lines.join('');
        break;
      case 'move-line': {
        const [moved] = lines.splice(li, 1);
        if (moved !== undefined) lines.splice(m.to % (lines.length + 1), 0, moved);
        s = lines.join('');
        break;
      }
      case 'swap-chars':
        if (ci + 1 < s.length) s = s.slice(0, ci) + s[ci + 1] + s[ci] + s.slice(ci + 2);
        break;
      case 'insert-chars':
        s = s.slice(0, ci) + m.text + s.slice(ci);
        break;
      case 'delete-chars':
        s = s.slice(0, ci) + s.slice(ci + m.length);
        break;
      case 'line-endings':
        s = s.replace(/\r\n|\r|\n/g, m.eol);
        break;
    }
  }
  return s;
}

/** A fixture with up to eight mutations. */
export const mutatedFixture: fc.Arbitrary<{ name: string; text: string }> = fc
  .tuple(fc.integer({ min: 0, max: FIXTURES.length - 1 }), fc.array(mutation, { maxLength: 8 }))
  .map(([i, ms]) => {
    const f = FIXTURES[i] as { name: string; text: string };
    return { name: f.name, text: mutate(f.text, ms) };
  });

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** HTML: plan lines in headings, paragraphs, lists, tables, quotes, scripts; escaped or raw, closed or not. */
export const htmlDoc: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom('h1', 'h2', 'h3', 'p', 'p', 'li', 'li', 'ol', 'td', 'div', 'blockquote', 'pre', 'span', 'script', 'a', 'note', 'comment'),
      fc.array(fragment, { maxLength: 10 }),
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom('', '\n', '\r\n', ' ', '\n  ', '\r'),
    ),
    { maxLength: 25 },
  )
  .map((elements) =>
    elements
      .map(([tag, parts, escaped, closed, ws]) => {
        const body = escaped ? escapeHtml(parts.join(' ')) : parts.join(' ');
        const end = (t: string): string => (closed ? `</${t}>` : '');
        switch (tag) {
          case 'li':
            return `<ul>${ws}<li>${body}${end('li')}${ws}</ul>${ws}`;
          case 'ol':
            return `<ol><li><p>${body}</p>${ws}<ul><li>${body}</li></ul></li></ol>${ws}`;
          case 'td':
            return `<table><tr><th>Goal</th><th>Measure</th></tr><tr><td><p>${body}</p><p>${body}</p></td><td>${body}${end('td')}</tr>${end('table')}${ws}`;
          case 'a':
            return `<p>${body}<a href="#footnote-1">[1]</a> ${body}</p>${ws}`;
          case 'note':
            return `<ol><li id="footnote-1"><p>${body}</p></li></ol>${ws}`;
          case 'comment':
            return `<!-- ${body} -->${ws}`;
          default:
            return `<${tag} class="x" title="${escapeHtml(parts.join(' '))}">${body}${end(tag)}${ws}`;
        }
      })
      .join(''),
  );

/** A word of Word text: no white space runs, no line breaks (mammoth writes neither). */
const wordWord = fc.oneof(
  { arbitrary: fc.constantFrom(...TOOL_WORDS, ...PLAN_WORDS, ...LEXICON_TERMS, ...NUMBERS), weight: 8 },
  { arbitrary: fc.constantFrom('🚀', '😀', 'e\u0301', 'İ', 'ß', 'ﬁ', '&', '<', '>', '"', "'", '<b>', '&amp;', '€', '日本'), weight: 1 },
);

export interface WordCase {
  html: string;
  /** The plain text of every Word paragraph, in document order. */
  paragraphs: string[];
}

/** The HTML mammoth makes of a Word document: one element per paragraph, lists and tables. */
export const wordDoc: fc.Arbitrary<WordCase> = fc
  .array(fc.tuple(fc.constantFrom('h1', 'h2', 'h3', 'p', 'p', 'p', 'li', 'li', 'td'), fc.array(wordWord, { maxLength: 10 })), { maxLength: 25 })
  .map((items) => {
    const paragraphs: string[] = [];
    let html = '';
    let open: 'ul' | 'table' | undefined;
    for (const [tag, words] of items) {
      const text = words.map((w) => w.trim()).filter(Boolean).join(' ');
      const want = tag === 'li' ? 'ul' : tag === 'td' ? 'table' : undefined;
      if (open !== want) {
        if (open === 'ul') html += '</ul>';
        if (open === 'table') html += '</table>';
        if (want === 'ul') html += '<ul>';
        if (want === 'table') html += '<table>';
        open = want;
      }
      paragraphs.push(text);
      if (tag === 'td') html += `<tr><td><p>${escapeHtml(text)}</p></td></tr>`;
      else html += `<${tag}>${escapeHtml(text)}</${tag}>`;
    }
    if (open === 'ul') html += '</ul>';
    if (open === 'table') html += '</table>';
    return { html, paragraphs };
  });

export interface Case {
  source: string;
  format: PlanFormat;
  preset: PresetName;
  /** Report unused disable directives (as warnings). */
  unused: boolean;
  inlineConfig: boolean;
  /** Word paragraphs' plain text (format `word` only). */
  paragraphs?: string[];
}

const TEXT_FORMATS: PlanFormat[] = ['markdown', 'text', 'html'];
const settings = fc.record({ preset: fc.constantFrom<PresetName>('recommended', 'strict'), unused: fc.boolean(), inlineConfig: fc.boolean() });
const withSettings = (source: fc.Arbitrary<string>, formats: PlanFormat[] = TEXT_FORMATS): fc.Arbitrary<Case> =>
  fc.tuple(source, fc.constantFrom(...formats), settings).map(([src, format, s]) => ({ source: src, format, ...s }));

export const randomCase = withSettings(randomText);
export const planCase = withSettings(planLike);
export const htmlCase = withSettings(htmlDoc, ['html']);
/** Fixtures mutated, read in their own format most of the time, in another now and then. */
export const fixtureCase: fc.Arbitrary<Case> = fc
  .tuple(mutatedFixture, fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.constantFrom(...TEXT_FORMATS), weight: 1 }), settings)
  .map(([f, format, s]) => ({ source: f.text, format: format ?? (f.name.endsWith('.txt') ? 'text' : 'markdown'), ...s }));
export const wordCase: fc.Arbitrary<Case> = fc.tuple(wordDoc, settings).map(([w, s]) => ({ source: w.html, format: 'word' as const, paragraphs: w.paragraphs, ...s }));
/** Any text case but Word: what the determinism and line-ending properties run on. */
export const textCase: fc.Arbitrary<Case> = fc.oneof(randomCase, planCase, fixtureCase, htmlCase);

// ---------------------------------------------------------------------------------------------------------
// Checks.

export function lintCase(c: Case, source = c.source): LintResult {
  const options: LintOptions = { filePath: 'fuzz', format: c.format, preset: c.preset, inlineConfig: c.inlineConfig };
  if (c.unused) options.reportUnusedDisableDirectives = 'warning';
  return lintText(source, options);
}

class PropertyError extends Error {}

function fail(message: string): never {
  throw new PropertyError(message);
}

const show = (v: unknown): string => JSON.stringify(v);

/** Start offset and length of every line, lines ending at `\n`, `\r\n` or `\r`. */
export function lineTable(source: string): { starts: number[]; lengths: number[] } {
  const starts = [0];
  const lengths: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    lengths.push(i - (starts[starts.length - 1] as number));
    if (c === 13 && source.charCodeAt(i + 1) === 10) i++;
    starts.push(i + 1);
  }
  lengths.push(source.length - (starts[starts.length - 1] as number));
  return { starts, lengths };
}

/** Text without white space and control characters (which HTML collapses, drops or replaces). */
// eslint-disable-next-line no-control-regex -- dropping control characters is the point
const collapse = (s: string): string => s.replace(/[\s\u0000-\u001f\u007f-\u009f\ufffd]+/g, '');

const RULE_IDS = new Set([...rules.map((r) => r.meta.id), UNUSED_DIRECTIVE_ID]);
const SEVERITIES = new Set(['error', 'warning', 'info']);

/**
 * Every finding lies inside the document: 1 ≤ line ≤ lines, 1 ≤ column ≤ line length + 1, start ≤ end; its
 * text is the source at that range (Markdown, text), the flagged part of its context (HTML, Word), or the
 * paragraph's text at that range (Word). Findings come in document order, the counts add up, the score is
 * in range and the value map's mentions lie inside the document too.
 */
export function checkResult(c: Case, r: LintResult): void {
  const { starts, lengths } = c.format === 'word' ? { starts: [], lengths: (c.paragraphs ?? []).map((p) => p.length) } : lineTable(c.source);
  if (lengths.length === 0) lengths.push(0);
  const inside = (what: string, line: number, column: number): void => {
    if (!Number.isInteger(line) || !Number.isInteger(column)) fail(`${what}: ${line}:${column} is not a pair of integers`);
    if (line < 1 || line > lengths.length) fail(`${what}: line ${line} outside 1…${lengths.length}`);
    const max = (lengths[line - 1] as number) + 1;
    if (column < 1 || column > max) fail(`${what}: column ${column} outside 1…${max} on line ${line}`);
  };
  const offset = (line: number, column: number): number => (starts[line - 1] as number) + column - 1;
  let prev: Finding | undefined;
  r.findings.forEach((f, k) => {
    const what = `finding ${k} (${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${show(f.text)})`;
    if (!RULE_IDS.has(f.ruleId)) fail(`${what}: unknown rule id`);
    if (!SEVERITIES.has(f.severity)) fail(`${what}: severity ${show(f.severity)}`);
    if (typeof f.message !== 'string' || f.message === '' || typeof f.suggestion !== 'string') fail(`${what}: no message or suggestion`);
    inside(`${what} start`, f.line, f.column);
    inside(`${what} end`, f.endLine, f.endColumn);
    if (f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column)) fail(`${what}: ends before it starts`);
    if (prev && (f.line < prev.line || (f.line === prev.line && f.column < prev.column))) fail(`${what}: out of document order`);
    prev = f;
    if (c.format === 'markdown' || c.format === 'text') {
      const slice = c.source.slice(offset(f.line, f.column), offset(f.endLine, f.endColumn));
      if (f.text !== slice) fail(`${what}: text is not the source at its range (${show(slice)})`);
    } else if (c.format === 'html' && f.ruleId !== UNUSED_DIRECTIVE_ID) {
      // Where the source holds no tag and no entity, the text is the source with HTML white space collapsed.
      const slice = c.source.slice(offset(f.line, f.column), offset(f.endLine, f.endColumn));
      if (!/[<&]/.test(slice) && collapse(slice) !== collapse(f.text)) fail(`${what}: text is not the source at its range (${show(slice)})`);
    } else if (c.format === 'word' && f.line === f.endLine && f.ruleId !== UNUSED_DIRECTIVE_ID) {
      const slice = (c.paragraphs?.[f.line - 1] ?? '').slice(f.column - 1, f.endColumn - 1);
      if (f.text !== slice) fail(`${what}: text is not paragraph ${f.line}'s text at its range (${show(slice)})`);
    }
    if (f.context) {
      const { text, start, end } = f.context;
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) fail(`${what}: context range ${start}…${end} outside its text (${text.length})`);
      if ((c.format === 'html' || c.format === 'word') && text.slice(start, end) !== f.text) fail(`${what}: text is not the flagged part of its context (${show(text.slice(start, end))})`);
    }
  });
  const count = (s: string): number => r.findings.filter((f) => f.severity === s).length;
  if (r.errorCount !== count('error') || r.warningCount !== count('warning') || r.infoCount !== count('info')) fail(`counts ${r.errorCount}/${r.warningCount}/${r.infoCount} do not match the findings`);
  if (r.score) {
    const s = r.score.score;
    if (!Number.isFinite(s) || s < 0 || s > 100) fail(`score ${s} outside 0…100`);
    for (const [name, cat] of Object.entries(r.score.categories)) {
      if (!(Number.isFinite(cat.score) && cat.score >= 0 && cat.score <= cat.max && cat.failed >= 0 && cat.failed <= cat.judged)) fail(`score category ${name}: ${show(cat)}`);
    }
  }
  for (const tool of r.valueMap?.tools ?? []) for (const m of tool.mentions) inside(`value map mention of ${show(tool.name)}`, m.line, m.column);
}

/** Line endings as LF, CRLF or CR. */
export const withEndings = (s: string, eol: string): string => s.replace(/\r\n|\r|\n/g, eol);

/** What must not change with line endings: everything, with line breaks inside texts read as LF. */
export function endingFree(r: LintResult): unknown {
  const lf = (s: string): string => withEndings(s, '\n');
  return {
    findings: r.findings.map((f) => ({
      ...f,
      message: lf(f.message),
      suggestion: lf(f.suggestion),
      text: lf(f.text),
      ...(f.location ? { location: { ...f.location, headingPath: f.location.headingPath.map(lf) } } : {}),
      ...(f.context ? { context: { text: lf(f.context.text), start: lf(f.context.text.slice(0, f.context.start)).length, end: lf(f.context.text.slice(0, f.context.end)).length } } : {}),
    })),
    counts: [r.errorCount, r.warningCount, r.infoCount],
    score: r.score,
    valueMap: r.valueMap && {
      ...r.valueMap,
      tools: r.valueMap.tools.map((t) => ({ ...t, name: lf(t.name), stakeholders: t.stakeholders.map(lf), values: t.values.map(lf) })),
    },
  };
}

/** The first place two values differ, for failure messages. */
function firstDifference(a: unknown, b: unknown, at = ''): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  return `${at || '(root)'}: ${show(a)} vs ${show(b)}`.slice(0, 2000);
}

/** Another lint between two of the same input, with lexicon changes, so that no state may leak. */
const INTERLEAVED = '## Goals\n\n- Become the leader in widgets and social media\n- Grow followers by 10%\n';

// ---------------------------------------------------------------------------------------------------------
// Reports.

const ajvSarif = (() => {
  let validate: ReturnType<Ajv2020['compile']> | undefined;
  return (): ReturnType<Ajv2020['compile']> => {
    if (!validate) {
      const schema = JSON.parse(readFileSync(path.join(ROOT, 'test/data/sarif-schema-2.1.0.json'), 'utf8')) as object;
      validate = new Ajv2020({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
    }
    return validate;
  };
})();

const xmlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', htmlEntities: true, isArray: (name) => ['testsuite', 'testcase', 'failure', 'error'].includes(name) });
/** Characters XML 1.0 forbids. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface ReportCase {
  docs: Array<{ filePath: string; case: Case }>;
  notices: Notice[];
}

const nastyName = fc.oneof(
  fc.constantFrom('plan.md', 'plans/a b.md', '/tmp/abs plan.md', 'C:\\plans\\plan.md', 'plans/"quoted" <&>.md', 'plans/]]>.md', '<stdin>', 'ünï/çødé.md', '%20.md', '#frag?.md'),
  anyString(20).map((s) => s + '.md'),
);

export const reportCase: fc.Arbitrary<ReportCase> = fc.record({
  docs: fc.array(fc.record({ filePath: nastyName, case: fc.oneof(planCase, randomCase, fixtureCase, htmlCase) }), { maxLength: 3 }),
  notices: fc.array(fc.record({ filePath: nastyName, level: fc.constantFrom<Notice['level']>('error', 'warning'), message: fc.oneof(anyString(30), fc.constantFrom('no such file', 'not linted: "x" ]]> <y>')) }), { maxLength: 2 }),
});

/** JSON, SARIF and JUnit reports parse back and hold every finding; the other formatters never throw. */
export function checkReports(rc: ReportCase): number {
  const results = rc.docs.map((d) => ({ ...lintCase(d.case), filePath: d.filePath }));
  const ctx = { color: new Chalk({ level: 0 }), notices: rc.notices };
  const errors = rc.notices.filter((n) => n.level === 'error');
  const total = results.reduce((n, r) => n + r.findings.length, 0);

  const json = JSON.parse((formatters.json as NonNullable<typeof formatters.json>)(results, ctx)) as Array<{ filePath: string; messages: Array<{ line: number; column: number; text?: string; message: string; ruleId: string | null }> }>;
  if (json.length !== results.length + errors.length) fail(`JSON: ${json.length} results for ${results.length} files and ${errors.length} errors`);
  results.forEach((r, i) => {
    const j = json[i];
    if (!j || j.filePath !== r.filePath) fail(`JSON: result ${i} is for ${show(j?.filePath)}, not ${show(r.filePath)}`);
    if (j.messages.length !== r.findings.length) fail(`JSON: ${j.messages.length} messages for ${r.findings.length} findings`);
    r.findings.forEach((f, k) => {
      const m = j.messages[k];
      if (!m || m.ruleId !== f.ruleId || m.message !== f.message || m.text !== f.text || m.line !== f.line || m.column !== f.column) fail(`JSON: message ${k} of ${show(r.filePath)} is ${show(m)}, the finding ${show(f)}`);
    });
  });

  const sarifText = (formatters.sarif as NonNullable<typeof formatters.sarif>)(results, ctx);
  const log = JSON.parse(sarifText) as { runs: Array<{ results: Array<{ ruleId: string; message: { text: string }; locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number; endLine: number; endColumn: number; snippet: { text: string } } } }> }> }> };
  const validate = ajvSarif();
  if (!validate(log)) fail(`SARIF: not valid SARIF 2.1.0: ${show(validate.errors?.slice(0, 3))}`);
  const sarifResults = log.runs[0]?.results ?? [];
  if (sarifResults.length !== total) fail(`SARIF: ${sarifResults.length} results for ${total} findings`);
  results
    .flatMap((r) => r.findings)
    .forEach((f, k) => {
      const s = sarifResults[k];
      const region = s?.locations[0]?.physicalLocation.region;
      if (!s || s.ruleId !== f.ruleId || s.message.text !== f.message || !region || region.startLine !== f.line || region.startColumn !== f.column || region.endLine !== f.endLine || region.endColumn !== f.endColumn || region.snippet.text !== f.text) {
        fail(`SARIF: result ${k} is ${show(s)}, the finding ${show(f)}`);
      }
    });

  const xml = (formatters.junit as NonNullable<typeof formatters.junit>)(results, ctx);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) fail(`JUnit: not well-formed XML: ${show(valid.err)}`);
  if (NOT_XML.test(xml)) fail('JUnit: holds characters XML 1.0 forbids');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed XML is explored freely
  const doc = xmlParser.parse(xml) as any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed XML is explored freely
  const cases = (doc.testsuites?.testsuite?.[0]?.testcase ?? []) as any[];
  if (cases.length !== results.length + errors.length) fail(`JUnit: ${cases.length} test cases for ${results.length} files and ${errors.length} errors`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed XML is explored freely
  const failures = cases.reduce((n: number, c: any) => n + (c.failure?.length ?? 0), 0);
  if (failures !== total) fail(`JUnit: ${failures} failures for ${total} findings`);

  for (const name of ['stylish', 'compact', 'github', 'summary', 'html']) {
    const out = (formatters[name] as NonNullable<typeof formatters.json>)(results, ctx);
    if (typeof out !== 'string') fail(`${name}: no text`);
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------------
// File bytes, through the reader the CLI uses: every encoding, invalid UTF-8, binary data, damaged .docx.

export interface BytesCase {
  name: string;
  bytes: Uint8Array;
}

const utf16be = (s: string): Buffer => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) {
    const a = le[i] as number;
    le[i] = le[i + 1] as number;
    le[i + 1] = a;
  }
  return le;
};

const ENCODINGS: Record<string, (s: string) => Uint8Array> = {
  utf8: (s) => Buffer.from(s, 'utf8'),
  'utf8-bom': (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]),
  'utf16le-bom': (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]),
  'utf16be-bom': (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(s)]),
};

let baseDocx: Promise<Uint8Array> | undefined;
/** One small real Word document, made once (with the `docx` dev dependency), for the damaged-.docx cases. */
async function realDocx(): Promise<Uint8Array> {
  baseDocx ??= (async () => {
    const { Document, Packer, Paragraph, HeadingLevel } = await import('docx');
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Goals', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: 'Become the leader in social media', bullet: { level: 0 } }),
            new Paragraph({ text: 'Grow followers to 50,000 by 2026' }),
          ],
        },
      ],
    });
    return new Uint8Array(await Packer.toBuffer(doc));
  })();
  return baseDocx;
}

type ByteEdit = { at: number; kind: 'flip' | 'delete' | 'insert' | 'truncate'; byte: number };
const byteEdit: fc.Arbitrary<ByteEdit> = fc.record({ at: fc.nat(), kind: fc.constantFrom<ByteEdit['kind']>('flip', 'delete', 'insert', 'truncate'), byte: fc.integer({ min: 0, max: 255 }) });

function editBytes(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let b = Buffer.from(bytes);
  for (const e of edits) {
    const i = b.length === 0 ? 0 : e.at % b.length;
    if (e.kind === 'flip' && b.length > 0) b[i] = (b[i] as number) ^ (e.byte || 1);
    else if (e.kind === 'delete') b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]);
    else if (e.kind === 'insert') b = Buffer.concat([b.subarray(0, i), Buffer.from([e.byte]), b.subarray(i)]);
    else if (e.kind === 'truncate') b = b.subarray(0, i);
  }
  return b;
}

type BytesSpec =
  | { kind: 'text'; name: string; text: string; encoding: string; edits: ByteEdit[] }
  | { kind: 'random'; name: string; bytes: Uint8Array }
  | { kind: 'docx'; edits: ByteEdit[] };

export const bytesSpec: fc.Arbitrary<BytesSpec> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('text' as const), name: fc.constantFrom('plan.md', 'plan.txt', 'plan.html', 'plan.htm', 'plan.markdown'), text: fc.oneof(planLike, randomText, mutatedFixture.map((f) => f.text), htmlDoc), encoding: fc.constantFrom(...Object.keys(ENCODINGS)), edits: fc.array(byteEdit, { maxLength: 3 }) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('random' as const), name: fc.constantFrom('plan.md', 'plan.txt', 'plan.html', 'plan.docx'), bytes: fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.concat([Buffer.from('PK\x03\x04'), b]))) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('docx' as const), edits: fc.array(byteEdit, { minLength: 0, maxLength: 4 }) }), weight: 1 },
);

async function bytesOf(spec: BytesSpec): Promise<BytesCase> {
  if (spec.kind === 'random') return { name: spec.name, bytes: spec.bytes };
  if (spec.kind === 'docx') return { name: 'plan.docx', bytes: editBytes(await realDocx(), spec.edits) };
  return { name: spec.name, bytes: editBytes((ENCODINGS[spec.encoding] as (s: string) => Uint8Array)(spec.text), spec.edits) };
}

/** The CLI's reader never fails with an internal error; a text file's findings lie inside its decoded text. */
export async function checkBytes(spec: BytesSpec): Promise<number> {
  const { name, bytes } = await bytesOf(spec);
  const outcome = await lintPlanBytes(name, bytes, {});
  const internal = outcome.notices.find((n) => /internal error/.test(n.message));
  if (internal) fail(`${name}: ${internal.message}`);
  for (const n of outcome.notices) if (typeof n.message !== 'string' || n.message.includes('\n')) fail(`${name}: notice ${show(n)} is not one line`);
  if (!outcome.result) return 0;
  if (!name.endsWith('.docx')) {
    const text = decode(bytes)?.text;
    if (text === undefined) fail(`${name}: linted though it does not decode`);
    const format: PlanFormat = name.endsWith('.txt') ? 'text' : /\.html?$/.test(name) ? 'html' : 'markdown';
    checkResult({ source: text, format, preset: 'recommended', unused: false, inlineConfig: true }, outcome.result);
  }
  return outcome.result.findings.length;
}

// ---------------------------------------------------------------------------------------------------------
// Properties.

export interface Stats {
  cases: number;
  withFindings: number;
  findings: number;
  slowestMs: number;
  slowestChars: number;
}

export interface Outcome {
  failed: boolean;
  /** Cases run (up to and including the first failure). */
  numRuns: number;
  numShrinks: number;
  seed: number;
  path: string | null;
  counterexample?: string;
  error?: string;
  /** fast-check's own report of the failure. */
  report: string;
}

export interface FuzzProperty {
  name: string;
  description: string;
  /** Cases per run in `npm test` (the fuzz script runs `--runs` of each). */
  testRuns: number;
  run(params: { numRuns: number; seed: number; path?: string }, stats?: Stats): Promise<Outcome>;
}

export const newStats = (): Stats => ({ cases: 0, withFindings: 0, findings: 0, slowestMs: 0, slowestChars: 0 });

function define<T>(name: string, description: string, testRuns: number, arbitrary: fc.Arbitrary<T>, size: (value: T) => number, check: (value: T) => number | Promise<number>): FuzzProperty {
  return {
    name,
    description,
    testRuns,
    async run(params, stats = newStats()) {
      const property = fc.asyncProperty(arbitrary, async (value) => {
        const t0 = performance.now();
        const found = await check(value);
        const ms = performance.now() - t0;
        stats.cases++;
        stats.findings += found;
        if (found > 0) stats.withFindings++;
        if (ms > stats.slowestMs) {
          stats.slowestMs = ms;
          stats.slowestChars = size(value);
        }
      });
      const details = await fc.check(property, { numRuns: params.numRuns, seed: params.seed, ...(params.path !== undefined ? { path: params.path } : {}) });
      const counterexample = details.counterexample?.[0];
      return {
        failed: details.failed,
        numRuns: details.numRuns,
        numShrinks: details.numShrinks,
        seed: details.seed,
        path: details.counterexamplePath,
        ...(details.failed ? { counterexample: show(counterexample), error: errorText(details.errorInstance) } : {}),
        report: (await fc.asyncDefaultReportMessage(details)) ?? '',
      };
    },
  };
}

function errorText(e: unknown): string {
  if (e instanceof PropertyError) return e.message;
  if (e instanceof Error) return `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  return String(e);
}

const caseSize = (c: Case): number => c.source.length;

/** Lints a case and checks its result; the number of findings. */
function lintAndCheck(c: Case): number {
  const r = lintCase(c);
  checkResult(c, r);
  return r.findings.length;
}

function checkDeterministic(c: Case): number {
  const first = lintCase(c);
  lintText(INTERLEAVED, { filePath: 'other.md', preset: 'strict', lexicons: { tools: { add: ['widgets'], remove: ['social media'] }, vanity: { remove: ['followers'] } } });
  const second = lintCase(c);
  const third = lintCase({ ...c });
  if (!isDeepStrictEqual(first, second)) fail(`a second lint differs: ${firstDifference(first, second)}`);
  if (!isDeepStrictEqual(first, third)) fail(`a third lint differs: ${firstDifference(first, third)}`);
  return first.findings.length;
}

/** Line breaks as LF, then the k-th one as `eols[k % eols.length]` (an LF after a CR as CRLF, so that no two breaks merge). */
export function mixEndings(s: string, eols: readonly string[]): string {
  let k = 0;
  let prev = '';
  return withEndings(s, '\n').replace(/\n/g, () => {
    let eol = eols[k++ % eols.length] ?? '\n';
    if (eol === '\n' && prev === '\r') eol = '\r\n';
    prev = eol;
    return eol;
  });
}

function checkEndings(eol: string | readonly string[]): (c: Case) => number {
  return (c) => {
    const lf = withEndings(c.source, '\n');
    const other = typeof eol === 'string' ? withEndings(c.source, eol) : mixEndings(c.source, eol);
    const a = lintCase(c, lf);
    const b = lintCase(c, other);
    checkResult({ ...c, source: lf }, a);
    checkResult({ ...c, source: other }, b);
    const ea = endingFree(a);
    const eb = endingFree(b);
    if (!isDeepStrictEqual(ea, eb)) fail(`LF and ${show(eol)} differ: ${firstDifference(ea, eb)}`);
    return a.findings.length;
  };
}

export const PROPERTIES: FuzzProperty[] = [
  define('ranges:random', 'arbitrary strings (any code units, fragments) as Markdown, text and HTML: no throw, ranges inside, text = source', 120, randomCase, caseSize, lintAndCheck),
  define('ranges:plan', 'plan-like documents from plan fragments, odd characters, markup and directives', 120, planCase, caseSize, lintAndCheck),
  define('ranges:fixtures', 'the fixtures with lines inserted, deleted, duplicated, moved and characters swapped, inserted, deleted', 60, fixtureCase, caseSize, lintAndCheck),
  define('ranges:html', 'HTML documents: headings, paragraphs, lists, tables, notes, comments, scripts; closed or not', 80, htmlCase, caseSize, lintAndCheck),
  define('ranges:word', 'Word HTML as mammoth writes it: positions are paragraphs, text = the paragraph at its range', 80, wordCase, caseSize, lintAndCheck),
  define('deterministic', 'the same input gives the same output, with other lints (and lexicon changes) between', 60, textCase, caseSize, checkDeterministic),
  define('crlf', 'a document with LF and with CRLF line endings: the same findings at the same lines and columns', 100, textCase, caseSize, checkEndings('\r\n')),
  define('cr', 'a document with LF and with CR line endings: the same findings at the same lines and columns', 60, textCase, caseSize, checkEndings('\r')),
  define(
    'mixed',
    'a document with LF and with LF, CRLF and CR mixed: the same findings at the same lines and columns',
    60,
    fc.tuple(textCase, fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 8 })),
    ([c]) => c.source.length,
    ([c, eols]) => checkEndings(eols)(c),
  ),
  define('reports', 'JSON, SARIF (schema-valid) and JUnit (well-formed) reports parse back with every finding; other formatters never throw', 25, reportCase, (rc) => rc.docs.reduce((n, d) => n + d.case.source.length, 0), checkReports),
  define('bytes', 'file bytes in UTF-8 (BOM or not), UTF-16 LE/BE, damaged, random, and damaged .docx: never an internal error', 60, bytesSpec, (s) => (s.kind === 'text' ? s.text.length : s.kind === 'random' ? s.bytes.length : 0), checkBytes),
];

// ---------------------------------------------------------------------------------------------------------
// The command.

interface Args {
  runs: number;
  seed: number;
  properties: string[];
  path?: string;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { runs: 5000, seed: Date.now() % 2147483647, properties: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--runs') args.runs = Number(value());
      else if (a === '--seed') args.seed = Number(value());
      else if (a === '--property') args.properties.push(...value().split(','));
      else if (a === '--path') args.path = value();
      else if (a === '--help' || a === '-h') return 'help';
      else return `unknown argument ${a}`;
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (!Number.isInteger(args.runs) || args.runs < 1) return '--runs takes a positive integer';
  if (!Number.isInteger(args.seed)) return '--seed takes an integer';
  const unknown = args.properties.filter((p) => !PROPERTIES.some((q) => q.name === p));
  if (unknown.length) return `unknown property ${unknown.join(', ')} (properties: ${PROPERTIES.map((p) => p.name).join(', ')})`;
  return args;
}

const USAGE = `usage: npm run fuzz -- [--runs N] [--seed N] [--property NAME[,NAME…]] [--path P]
  --runs N       cases per property (default 5000)
  --seed N       fast-check seed (default: from the clock; printed)
  --property P   run only these properties: ${PROPERTIES.map((p) => p.name).join(', ')}
  --path P       replay a counterexample path fast-check printed (with --seed and --property)
`;

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    process.stderr.write(`fuzz: ${args}\n${USAGE}`);
    return 2;
  }
  const selected = args.properties.length ? PROPERTIES.filter((p) => args.properties.includes(p.name)) : PROPERTIES;
  const out = (s: string): void => void process.stdout.write(s + '\n');
  out(`planlint fuzz: seed ${args.seed}, ${args.runs} cases per property, ${selected.length} properties, Node ${process.version}`);
  out(`(replay: npm run fuzz -- --seed ${args.seed} --runs ${args.runs}${args.properties.length ? ` --property ${args.properties.join(',')}` : ''})`);
  out('');
  const rows: string[] = ['| property | cases | with findings | findings | slowest case | time |', '|---|---:|---:|---:|---:|---:|'];
  const failures: string[] = [];
  let cases = 0;
  const t0 = performance.now();
  for (const p of selected) {
    const stats = newStats();
    const start = performance.now();
    process.stderr.write(`${p.name}…\n`);
    const o = await p.run({ numRuns: args.runs, seed: args.seed, ...(args.path !== undefined ? { path: args.path } : {}) }, stats);
    const secs = (performance.now() - start) / 1000;
    cases += o.numRuns;
    rows.push(`| ${p.name} | ${o.numRuns}${o.failed ? ' (failed)' : ''} | ${stats.withFindings} | ${stats.findings} | ${stats.slowestMs.toFixed(0)} ms (${stats.slowestChars} chars) | ${secs.toFixed(1)} s |`);
    if (o.failed) {
      failures.push(
        [
          `FAILED ${p.name} after ${o.numRuns} cases (${o.numShrinks} shrinks)`,
          `  replay: npm run fuzz -- --property ${p.name} --seed ${o.seed}${o.path !== null ? ` --path ${o.path}` : ''}`,
          `  counterexample: ${o.counterexample}`,
          `  error: ${(o.error ?? '').split('\n').join('\n    ')}`,
        ].join('\n'),
      );
    }
  }
  const secs = (performance.now() - t0) / 1000;
  out(rows.join('\n'));
  out('');
  for (const p of selected) out(`- ${p.name}: ${p.description}`);
  out('');
  out(`${cases} cases in ${secs.toFixed(1)} s (seed ${args.seed}): ${failures.length === 0 ? 'no failures' : `${failures.length} propert${failures.length === 1 ? 'y' : 'ies'} failed`}`);
  if (failures.length) out('\n' + failures.join('\n\n'));
  return failures.length ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`fuzz: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
