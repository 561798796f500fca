/**
 * The fast Markdown reader (src/parse/markdown-fast.ts) must read every document it accepts exactly as
 * remark does: same blocks, same text, same source offset for every character. Checked on generated
 * documents that mix what it reads with what it leaves to remark, on every Markdown file in the
 * repository, and on hand-picked cases at the edges of CommonMark.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blocksFromMdast, parseMarkdown, parseMarkdownWithRemark, usesGfm } from '../src/parse/markdown.js';
import { fastMarkdownRead } from '../src/parse/markdown-fast.js';
import type { Block } from '../src/parse/blocks.js';
import { repositoryMarkdownFiles } from './helpers.js';

const key = (b: Block): string => `${b.kind}:${b.depth}:${String(b.ordered)}:${JSON.stringify(b.run.text)}@${b.run.allOffsets().join(',')}`;

/** The fast reader's blocks, or undefined when it leaves the document to remark. */
function fast(source: string): string[] | undefined {
  const tree = fastMarkdownRead(source, usesGfm(source));
  return typeof tree === 'string' ? undefined : blocksFromMdast(tree, source).map(key);
}
const remark = (source: string): string[] => parseMarkdownWithRemark(source).map(key);

// ------------------------------------------------------------------------------------------ generators

const PLAIN = ['Grow', 'the', 'share', 'of', 'customers', 'café', 'naïve', '2026', '50%', '£12m', 'e.g.', '(a)', 'x', 'A', 'by', 'to', 'and', '—', 'R&D', '🎯'];
const REFUSED = ['<b>', '&amp;', '[^1]', '~', '|', 'a\\'];
const MARKUP = [
  'Grow', 'the', 'share', 'of', 'customers', 'café', 'naïve', '2026', '50%', '£12m', 'e.g.', '(a)', 'x', 'A',
  'foo_bar', 'snake_case_name', '__init__', 'a*b', '*', '**', '***', '_', '__', '___', '*a*', '**b**', '_c_',
  '__d__', '***e***', '*f**', '**g*', '_h*', 'i_', '_j', 'k*', '*l', '`code`', '``two``', '`', '``', '` a `',
  '\\*', '\\_', '\\[', '\\`', '\\\\', '\\', '\\a', '[link](http://x.org/a_b)', '[a *b* c](u)', '[**b**](u)',
  '[](u)', '[x]', '[', ']', '](', '(', ')', '!', '?', ':', ';', ',', '.', '—', '–', '-', '+', '#', '|', '~',
  '"', "'", '“quote”', '‘s’', '🎯', 'ü', 'x@y.org', 'www.example.com', 'https://a.b/c',
  '1.', '2)', '>', '=', '$', '%', '^', '{', '}', '*[', ']*', '_(', ')_', '*.*', '_._',
];
const word = fc.oneof(
  { weight: 300, arbitrary: fc.constantFrom(...PLAIN) },
  { weight: 200, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 1, arbitrary: fc.constantFrom(...REFUSED) },
);
const separator = fc.constantFrom(' ', ' ', ' ', '', ', ', '  ');
const text = fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 9 }).map((parts) => parts.map(([w, s]) => w + s).join('').trim() || 'x');

const heading = fc.tuple(fc.integer({ min: 1, max: 7 }), fc.constantFrom(' ', '  ', ''), text).map(([n, s, t]) => `${'#'.repeat(n)}${s}${t}`);
const indent = fc.constantFrom('', '', '', '  ', '   ', '    ', ' ', '     ', '      ');
const marker = fc.constantFrom('-', '*', '+', '1.', '2.', '1)', '10.', '-', '1.');
const item = fc.tuple(indent, marker, fc.constantFrom(' ', ' ', '  ', '     '), text).map(([i, m, s, t]) => `${i}${m}${s}${t}`);
const continuation = fc.tuple(indent, text).map(([i, t]) => `${i}${t}`);
const cell = fc.oneof(text, fc.constant(''));
const table = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.array(cell, { minLength: 20, maxLength: 20 }), fc.constantFrom('---', ':--', '--:', ':-:', '-'))
  .map(([cols, rows, cells, d]) => {
    const row = (r: number): string => `| ${Array.from({ length: cols }, (_, c) => cells[(r * cols + c) % cells.length]).join(' | ')} |`;
    return [row(0), `|${Array.from({ length: cols }, () => ` ${d} `).join('|')}|`, ...Array.from({ length: rows }, (_, r) => row(r + 1))].join('\n');
  });
const quote = fc.tuple(fc.constantFrom('> ', '>', '> '), text).map(([q, t]) => `${q}${t}`);
const other = fc.constantFrom('', '', '', '>', '```', '~~~', '---', '***', '===', '- - -', '<!-- c -->', '[ref]: http://x.org', '    code', '- [ ] task', '-', '1.', 'text ', 'text  ', 'a\\', '\ttab');
const line = fc.oneof(
  { weight: 3, arbitrary: text },
  { weight: 2, arbitrary: heading },
  { weight: 5, arbitrary: item },
  { weight: 3, arbitrary: continuation },
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: table },
  { weight: 1, arbitrary: quote },
  { weight: 1, arbitrary: other },
);
const documents = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 14 }), fc.constantFrom('', '\n'), fc.constantFrom('\n', '\n', '\r\n'))
  .map(([lines, end, eol]) => (lines.join('\n') + end).replace(/\n/g, eol));

// -------------------------------------------------------------------------------------------- tests

describe('the fast Markdown reader reads what it accepts exactly as remark does', () => {
  it('generated documents: identical blocks, text and offsets whenever it accepts one (and it accepts many)', { timeout: 600_000 }, () => {
    let accepted = 0;
    let runs = 0;
    const reasons = new Map<string, number>();
    fc.assert(
      fc.property(documents, (source) => {
        runs++;
        const mine = fast(source);
        if (mine === undefined) {
          const why = fastMarkdownRead(source, usesGfm(source)) as string;
          reasons.set(why, (reasons.get(why) ?? 0) + 1);
          return;
        }
        accepted++;
        expect(mine, JSON.stringify(source)).toEqual(remark(source));
      }),
      { numRuns: Number(process.env.PLANLINT_FAST_RUNS ?? 4000), seed: Number(process.env.PLANLINT_FAST_SEED ?? 20261123) },
    );
    // A generator that the reader always refused would prove nothing.
    expect(accepted / runs, JSON.stringify([...reasons])).toBeGreaterThan(0.12);
  });

  it('generated plain plans (what the reader is for): always accepted, identical to remark', { timeout: 120_000 }, () => {
    const plain = fc.constantFrom('Grow', 'the', 'share', '*of*', '**customers**', 'by', '2027', '[the report](https://x.org/r)', '`data`', 'café', '—', 'e.g.', '50%');
    const sentence = fc.array(plain, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
    const planLine = fc.oneof(
      sentence,
      sentence.map((s) => `## ${s}`),
      sentence.map((s) => `- ${s}`),
      sentence.map((s) => `  - ${s}`),
      sentence.map((s) => `1. ${s}`),
      sentence.map((s) => `   ${s}`),
      fc.constant(''),
    );
    fc.assert(
      fc.property(fc.array(planLine, { minLength: 1, maxLength: 20 }), (lines) => {
        const source = lines.join(lines.length % 3 === 0 ? '\r\n' : '\n') + '\n';
        const mine = fast(source);
        if (mine === undefined) {
          // Only a numbered item interrupting a paragraph (which may not be a list item) or an indented
          // line after a blank line (code) may be refused here.
          expect(fastMarkdownRead(source, false), JSON.stringify(source)).toMatch(/indented code|numbered list interrupting|item indentation/);
          return;
        }
        expect(mine, JSON.stringify(source)).toEqual(remark(source));
      }),
      { numRuns: 1500, seed: 7 },
    );
  });

  it('the bench’s generated plans (headings, goal lists, nested lists, tables, quotes, links, emphasis): all accepted, identical to remark', { timeout: 120_000 }, async () => {
    const generator = '../bench/generate.mjs';
    const { makeDocument, DEFAULT_SEED } = (await import(generator)) as { makeDocument(seed: number, index: number, target: number): string; DEFAULT_SEED: number };
    for (let i = 0; i < 40; i++) {
      const source = makeDocument(DEFAULT_SEED, i, 3000 + 400 * i);
      const mine = fast(source);
      expect(mine, `document ${i}: ${String(fastMarkdownRead(source, usesGfm(source)))}`).toBeDefined();
      expect(mine).toEqual(remark(source));
    }
  });

  it('every Markdown file in the repository (fixtures, docs, rule pages, README) it accepts', () => {
    const files = repositoryMarkdownFiles();
    expect(files.length).toBeGreaterThan(40);
    let accepted = 0;
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const mine = fast(source);
      if (mine === undefined) continue;
      accepted++;
      expect(mine, file).toEqual(remark(source));
    }
    // Most hold HTML comments (fixture markers, directives), which the reader leaves to remark.
    expect(accepted).toBeGreaterThan(5);
  });

  it('edge cases: each is either read as remark reads it or left to remark', () => {
    const cases = [
      '*a **b** c*', '**a *b* c**', '***a***', '***a* b**', '*a**b*', 'a*b*c', 'a_b_c', '_a_b', '*a_', '__a__b',
      '*(a)*', '_(a)_', '*"a"*', 'a**"b"**', '**a**b', '*a*\n*b*', '*a\nb*', '[a](b)c', 'x[a](b)', '[a]', '[a] (b)',
      '[*a*](b) *c*', '*[a*](b)', '[a *b](c) d*', '`a*` b*', '`` a ` b ``', '```a``', '`a``b`', '\\*a*', '\\**a*', '*a\\*',
      '- a\n  b\n- c', '- a\nb', '- a\n\n  b', '- a\n\nb', '1. a\n2. b', '1. a\n   - b\n2. c', '- a\n  - b\n    - c\n- d',
      'a\n- b', 'a\n1. b', 'a\n2. b', '- a\n * b', '1) a\n1. b', '- a\n+ b', '- a\n      b', '# a\n- b\n# c',
      '| a | b |\n| - | - |\n| c | d |', '| a |\n| - |\n| *b* |', '| a |\n|---|\n|   |', '> a\nb\n> c', '> a\n\n> b', '> *a*',
      '- **Goal.** Grow x', 'Our goal: *grow* x by 10%.', 'See www.x.org/a_b_c now', 'mail a_b@x.org *now*',
      'a  ', 'a\\\nb', '🎯 *a* 🎯', '*🎯*', '_é_', 'é_a_', '*.a.*', '**.a.**', '*a.*b', '_a._b',
    ];
    let accepted = 0;
    for (const source of cases) {
      const mine = fast(source);
      if (mine === undefined) continue;
      accepted++;
      expect(mine, JSON.stringify(source)).toEqual(remark(source));
    }
    expect(accepted).toBeGreaterThan(cases.length / 2);
  });

  it('parseMarkdown gives remark’s blocks whichever reader it used', () => {
    for (const source of ['## Goals\n\n1. Grow *sales*\n2. Become a leader in social media\n', '<!-- planlint-disable -->\n# A\n\ntext\n']) {
      expect(parseMarkdown(source).map(key)).toEqual(remark(source));
    }
    expect(fast('## Goals\n\n1. Grow *sales*\n')).toBeDefined();
    expect(fast('<!-- planlint-disable -->\n# A\n')).toBeUndefined();
  });
});
