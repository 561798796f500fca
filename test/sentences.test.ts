/**
 * planlint's sentence boundaries (src/sentences.ts) must be natural's: the same spans as natural's
 * SentenceTokenizer gives, located in the text, on generated paragraphs full of what natural treats
 * specially (abbreviations, addresses, numbers, runs of punctuation, quotes and brackets) and on every
 * paragraph of the repository's Markdown.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS, addresses, delimiters, naturalSentenceSpans } from '../src/sentences.js';
import { locateSentences } from '../src/nlp.js';
import { repositoryMarkdownFiles } from './helpers.js';

const require = createRequire(import.meta.url);
const SentenceTokenizer = require('natural/lib/natural/tokenizers/sentence_tokenizer.js') as new (abbreviations: string[]) => { tokenize(text: string): string[] };
const natural = new SentenceTokenizer(ABBREVIATIONS);

/** natural's sentences located in the text, as planlint locates them. */
const naturalSpans = (text: string): Array<[number, number]> => locateSentences(text, natural.tokenize(text));

function same(text: string): boolean {
  const mine = naturalSentenceSpans(text);
  if (mine === undefined) return true; // natural is asked
  expect(mine, JSON.stringify(text)).toEqual(naturalSpans(text));
  return false;
}

const PIECES = [
  'We will grow', 'the share', 'of tenants', 'by 2027', 'e.g.', 'E.G.', 'i.e.', 'etc.', 'vs.', 'U.S.', 'Dr.', 'Ltd.', 'approx.', 'cf.',
  'www.example.org', 'https://x.org/a.b?c=1.', 'mail@x.co.uk', 'ftp://f.org/x', '3.5', '1,000', '12,345.67', '2026.', '50%', '£3.2m',
  '.', '!', '?', '…', '...', '?!', '. .', '."', ".'", '.)', '.]', '.}', '.”', '!’', ':', ';', ',', '-', '—', '"', '(', ')', 'A.', 'No.',
  'St. Mary', 'p. 4', 'a.m.', 'gov.uk', 'v2.0', '1.2.3', 'x.y', ' ', '  ', '\n', 'Grow', 'it', 'Now', 'café', '🎯', '{x}', '}',
];

describe('sentence boundaries are natural’s', () => {
  it('generated paragraphs: the same spans as natural’s tokenizer, wherever planlint does not defer to it', () => {
    let decided = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(' ', ' ', '', '  ')), { minLength: 1, maxLength: 30 }), (parts) => {
        if (!same(parts.map(([p, s]) => p + s).join(''))) decided++;
      }),
      { numRuns: 3000, seed: 5 },
    );
    expect(decided).toBeGreaterThan(2500);
  });

  it('short texts, most of them one sentence: the same spans as natural’s tokenizer', () => {
    let decided = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(' ', '', '  ', '\t')), { minLength: 1, maxLength: 4 }), (parts) => {
        if (!same(parts.map(([p, s]) => p + s).join(''))) decided++;
      }),
      { numRuns: Number(process.env.PLANLINT_SENTENCE_RUNS ?? 3000), seed: 6 },
    );
    expect(decided).toBeGreaterThan(2500);
  });

  it('texts natural would change are left to natural', () => {
    for (const text of ['See www.x.org/e.g. for more. Then stop.', 'A {{NUMBER_0}} b. C.', 'x\uE000y. z.']) expect(naturalSentenceSpans(text)).toBeUndefined();
  });

  it('every paragraph of the repository’s Markdown', () => {
    const files = repositoryMarkdownFiles();
    let paragraphs = 0;
    for (const file of files) {
      for (const paragraph of readFileSync(file, 'utf8').split(/\n\s*\n/)) {
        if (paragraph.length > 20_000) continue; // planlint splits these itself
        same(paragraph);
        paragraphs++;
      }
    }
    expect(paragraphs).toBeGreaterThan(400);
  });
});

describe('tokens', () => {
  it('a token is a number exactly when it is digits with separators, and a word exactly when it holds a letter or digit', async () => {
    const { tokenize } = await import('../src/nlp.js');
    const chars = fc.constantFrom('a', 'Z', 'é', '1', '9', '٣', '.', ',', '%', '-', "'", '’', '&', ' ', '!', '🎯', 'ß', 'İ');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }), (cs) => {
        for (const t of tokenize(cs.join(''))) {
          expect(t.isNumber, t.raw).toBe(/^\p{N}+(?:[.,]\p{N}+)*%?$/u.test(t.raw));
          expect(t.isWord, t.raw).toBe(/[\p{L}\p{N}]/u.test(t.raw));
          expect(t.lower).toBe(t.raw.toLowerCase().replace(/’/g, "'"));
        }
      }),
      { numRuns: 3000, seed: 11 },
    );
  });
});

describe('natural’s backtracking patterns, replaced by linear scans, match the same', () => {
  const runs = { numRuns: 5000, seed: 3 };
  const texts = (tokens: string[]): fc.Arbitrary<string> => fc.array(fc.constantFrom(...tokens), { maxLength: 30 }).map((a) => a.join(''));
  const all = (text: string, re: RegExp): Array<[number, number]> => [...text.matchAll(re)].map((m) => [m.index, m.index + m[0].length]);

  it('addresses', () => {
    const NATURAL = /(https?:\/\/\S+|www\.\S+|ftp:\/\/\S+|(mailto:)?[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}|file:\/\/\S+)/gi;
    const tokens = ['a', 'Z', '9', '.', '_', '%', '+', '-', '@', ' ', '\n', 'http://', 'HTTPS://', 'www.', 'WWW.', 'ftp://', 'file://', 'mailto:', 'MailTo:', 'co', 'uk', 'x1', ':', '/', 'é', ',', '(', ')', '\u00a0', 'ſ'];
    fc.assert(fc.property(texts(tokens), (text) => {
      expect([...addresses(text)], JSON.stringify(text)).toEqual(all(text, NATURAL));
    }), runs);
  });

  it('punctuation runs', () => {
    const NATURAL = /([.?!… ]*)([.?!…])(["'”’)}\]]?)/g;
    const tokens = ['.', '?', '!', '…', ' ', '  ', '"', "'", '”', '’', ')', '}', ']', '(', 'a', 'B', '\n', '\t', '\u00a0'];
    fc.assert(fc.property(texts(tokens), (text) => {
      expect([...delimiters(text)], JSON.stringify(text)).toEqual(all(text, NATURAL));
    }), runs);
  });
});
