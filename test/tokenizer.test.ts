/**
 * The token scanner (src/nlp.ts) and the word reader on it (src/words.ts) must give exactly what the regular
 * expression tokenizer they replaced gave. That tokenizer and the word reader built on it are kept here as
 * the specification, and compared field by field with the scanner on the repository's Markdown, on random
 * strings over the characters where the two could differ, and on cases picked by hand.
 * PLANLINT_TOKENIZER_RUNS sets how many random strings (default 50,000: about a second); set, it also has the
 * whole benchmark corpus read (default: 40 of its plans).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stem, tokenize, type Token } from '../src/nlp.js';
import { toWords, type Word } from '../src/words.js';
import { fixtureFiles, repositoryMarkdownFiles, ROOT } from './helpers.js';

// ---------------------------------------------------------------------------------------------------
// The specification: the tokenizer and word reader as they were before the scanner.
// ---------------------------------------------------------------------------------------------------

const OLD_TOKEN_RE = /(\p{N}+(?:[.,]\p{N}+)*%?(?![\p{L}\p{N}]))|([\p{L}\p{N}]+(?:[-'’.&][\p{L}\p{N}]+)*)|([^\s\p{L}\p{N}])/gu;

function oldTokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(OLD_TOKEN_RE)) {
    const raw = m[0];
    const start = m.index;
    let lower = raw.toLowerCase();
    if (lower.includes('’')) lower = lower.replace(/’/g, "'");
    const isNumber = m[1] !== undefined;
    const isWord = m[3] === undefined;
    let stemmed = lower;
    if (m[2] !== undefined) stemmed = stem(lower.endsWith("'s") ? lower.slice(0, -2) : lower.endsWith("s'") ? lower.slice(0, -1) : lower);
    tokens.push({ raw, lower, stem: stemmed, start, end: start + raw.length, isWord, isNumber });
  }
  return tokens;
}

type WordFields = Pick<Word, 'raw' | 'lower' | 'key' | 'start' | 'end' | 'isNumber' | 'gapBefore' | 'hyphenated' | 'punctBefore'>;

function oldReadWords(text: string): WordFields[] {
  const words: WordFields[] = [];
  let punct = '';
  for (const t of oldTokenize(text)) {
    if (!t.isWord) {
      punct += t.raw;
      continue;
    }
    if (!t.isNumber && t.raw.includes('-')) {
      let offset = t.start;
      const parts = t.raw.split('-');
      parts.forEach((part, i) => {
        if (part) {
          const sub = oldTokenize(part)[0];
          words.push({
            raw: part,
            lower: part.toLowerCase(),
            key: sub ? sub.stem : part.toLowerCase(),
            start: offset,
            end: offset + part.length,
            isNumber: /^\p{N}+(?:[.,]\p{N}+)*$/u.test(part),
            gapBefore: i === 0 && punct !== '' && punct !== '-' && punct !== "'" && punct !== '’',
            hyphenated: i > 0,
            punctBefore: i === 0 ? punct : '-',
          });
        }
        offset += part.length + 1;
      });
    } else {
      words.push({
        raw: t.raw,
        lower: t.lower,
        key: t.stem,
        start: t.start,
        end: t.end,
        isNumber: t.isNumber,
        gapBefore: punct !== '' && punct !== '-' && punct !== "'" && punct !== '’',
        hyphenated: punct === '-',
        punctBefore: punct,
      });
    }
    punct = '';
  }
  return words;
}

// ---------------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------------

const WORD_FIELDS = ['raw', 'lower', 'key', 'start', 'end', 'isNumber', 'gapBefore', 'hyphenated', 'punctBefore'] as const;
const TOKEN_FIELDS = ['raw', 'lower', 'stem', 'start', 'end', 'isWord', 'isNumber'] as const;

/** The first difference between two lists of records in the given fields, or undefined. */
function difference<T, F extends keyof T>(mine: T[], spec: T[], fields: readonly F[]): string | undefined {
  if (mine.length !== spec.length) return `${mine.length} items, expected ${spec.length}`;
  for (let i = 0; i < spec.length; i++) {
    for (const f of fields) {
      const a = (mine[i] as T)[f];
      const b = (spec[i] as T)[f];
      if (a !== b) return `item ${i}: ${String(f)} ${JSON.stringify(a)}, expected ${JSON.stringify(b)}`;
    }
  }
  return undefined;
}

/** Checks one text; the message names it (escaped, so that invisible characters show). */
function check(text: string): void {
  const tokens = difference(tokenize(text), oldTokenize(text), TOKEN_FIELDS);
  if (tokens !== undefined) expect.fail(`tokenize(${JSON.stringify(text)}): ${tokens}`);
  const words = difference<WordFields, (typeof WORD_FIELDS)[number]>(toWords(text), oldReadWords(text), WORD_FIELDS);
  if (words !== undefined) expect.fail(`toWords(${JSON.stringify(text)}): ${words}`);
}

// ---------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------

describe('token scanner', () => {
  it('splits numbers as the regular expression backtracks', () => {
    const raws = (text: string): string[] => tokenize(text).map((t) => t.raw);
    expect(raws('2.5x')).toEqual(['2', '.', '5x']);
    expect(raws('1.5m')).toEqual(['1', '.', '5m']);
    expect(raws('1,000.5.2x')).toEqual(['1,000.5', '.', '2x']);
    expect(raws('2020s 50% 50%x 2.5% 3.x')).toEqual(['2020s', '50%', '50', '%', 'x', '2.5%', '3', '.', 'x']);
    expect(tokenize('2020s 50%').map((t) => [t.isWord, t.isNumber])).toEqual([
      [true, false],
      [true, true],
    ]);
    expect(raws('😀\uD800a\uDC00𝐀𝟏')).toEqual(['😀', '\uD800', 'a', '\uDC00', '𝐀𝟏']);
    const parts = toWords('x-3.5x a-3,5 b-3%');
    expect(parts.map((w) => [w.raw, w.key, w.isNumber])).toEqual([
      ['x', 'x', false],
      ['3.5x', '3', false],
      ['a', 'a', false],
      ['3', '3', true],
      ['5', '5', true],
      ['b', 'b', false],
      ['3', '3', true],
    ]);
  });

  const HAND_PICKED = [
    '',
    ' \t\n',
    '2.5x',
    '2020s',
    '50%',
    '1.5m',
    '50%x',
    '50%%',
    '50%-x',
    '1,000,000',
    '1,000.50.',
    '1,,2',
    '1.,2',
    '.5',
    '5.',
    '3.5-x',
    'x-3.5x',
    'x-3.5',
    'x-2020s-y',
    'a-3,5',
    'a-3%',
    'a--b',
    '-a-',
    'AI-first',
    'AI-first, customer-led',
    "customer's",
    'customers’',
    "customers'",
    'customer’s-view',
    "Customer'S",
    'CUSTOMER’S',
    'digital.gov.uk',
    'R&D',
    'R & D',
    'a.b.c.',
    "rock'n'roll",
    'ΑΣ.Β',
    'ΑΣ-Β',
    'ΟΔΟΣ',
    'İstanbul-İzmir',
    'Ⅻ-Ⅻ.Ⅻ',
    '٣.٥ ٣٫٥',
    '²½',
    'x²',
    '𝐀𝐁-𝟏𝟐.𝟑',
    '𝟏𝟐.𝟑x',
    '😀-😀',
    'a😀b',
    '\uD800\uDC00',
    '\uDC00\uD800',
    '\uD800-a',
    'a-\uD800',
    'e\u0301te',
    'a\u180Eb',
    'a\u00A0b\u2028c\u3000d\uFEFFe',
    'one (two) - three — four… “five”',
    'by 2027, grow revenue 15% (from $2.5m) — cf. the 2024-2025 plan',
  ];

  it('reads hand-picked texts as the regular expression did', () => {
    for (const text of HAND_PICKED) check(text);
  });

  it("reads the repository's Markdown, line by line, paragraph by paragraph and whole, as the regular expression did", () => {
    const files = [...new Set([...repositoryMarkdownFiles(), ...fixtureFiles().map((f) => path.join(ROOT, f))])];
    // The benchmark corpus (not in the repository) too, where it has been generated: all of it for a long run.
    const corpus = path.join(ROOT, 'bench', '.corpus', '200');
    if (existsSync(corpus)) {
      const plans = readdirSync(corpus).filter((f) => f.endsWith('.md')).sort();
      files.push(...plans.slice(0, process.env.PLANLINT_TOKENIZER_RUNS ? undefined : 40).map((f) => path.join(corpus, f)));
    }
    expect(files.length).toBeGreaterThan(30);
    let texts = 0;
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const pieces = [source, ...source.split(/\n[ \t]*\n/), ...source.split('\n')];
      for (const piece of pieces) check(piece);
      texts += pieces.length;
    }
    expect(texts).toBeGreaterThan(1000);
  });

  /** mulberry32: a small seeded generator, so that a failure can be run again. */
  function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // The characters and pieces where the scanner could go wrong: separators of numbers and words, white
  // space of every kind (and U+180E, white space no longer), letters and numbers outside ASCII and outside
  // the BMP, a mark (neither letter nor number), an emoji, lone surrogates (which may pair up), case
  // mappings that change length or depend on context.
  const ALPHABET = [
    'a', 'b', 'e', 's', 'S', 'x', 'Z', '0', '1', '5', '9',
    '.', ',', '%', '-', "'", '’', '&', '_', '(', '“', '$', '/',
    ' ', '\t', '\n', '\r', '\v', '\u00A0', '\u1680', '\u2003', '\u2028', '\u202F', '\u3000', '\uFEFF', '\u180E', '\u200B', '\u0085',
    'é', 'É', 'ß', 'İ', 'Σ', 'ſ', '\u212A', '中', '文', 'ا', '٣', '٫', '²', '½', 'Ⅻ', '\u0301', '\u0663',
    '𝐀', '𝟏', '😀', '\uD800', '\uDC00', '\uDBFF', '\uDFFF',
  ];
  const PIECES = ['2.5', '50%', '1,000', '2020s', 'AI-first', "'s", '’s', "s'", 'gov.uk', 'R&D', '3.5x', '--', '..', ' - '];

  const runs = Number(process.env.PLANLINT_TOKENIZER_RUNS ?? 50_000);
  it(`reads ${runs} random strings as the regular expression did`, () => {
    const next = random(20261123);
    const pick = <T,>(list: T[]): T => list[Math.floor(next() * list.length)] as T;
    for (let r = 0; r < runs; r++) {
      // Some strings over a few characters only, so that rare neighbours meet often.
      const alphabet = next() < 0.5 ? ALPHABET : Array.from({ length: 2 + Math.floor(next() * 5) }, () => pick(ALPHABET));
      const length = Math.floor(next() * 24);
      let text = '';
      for (let i = 0; i < length; i++) text += next() < 0.15 ? pick(PIECES) : pick(alphabet);
      check(text);
    }
  }, Math.max(30_000, runs / 10)); // some 25 µs a string: room for large counts on a busy machine
});
