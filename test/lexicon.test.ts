import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLexicon, loadLexicon } from '../src/lexicon.js';
import { findMatches, toWords } from '../src/words.js';
import { ROOT } from './helpers.js';

describe('lexicons', () => {
  for (const file of readdirSync(path.join(ROOT, 'rules', 'data')).filter((f) => f.endsWith('.json'))) {
    it(`${file} loads and every entry has a note`, () => {
      const lex = loadLexicon(file.replace(/\.json$/, ''));
      expect(lex.entries.length).toBeGreaterThan(0);
      for (const e of lex.entries) expect(e.note.length).toBeGreaterThan(3);
    });
  }

  it('rejects a duplicate entry, naming both', () => {
    expect(() =>
      compileLexicon('t', { entries: [{ term: 'leaders', note: 'a' }, { term: 'leader', note: 'b' }] }),
    ).toThrow(/lexicon t: entry 2 \("leader"\) duplicates entry 1/);
  });

  it('rejects malformed entries', () => {
    expect(() => compileLexicon('t', { entries: [{ term: '', note: 'x' }] })).toThrow(/non-empty "term"/);
    expect(() => compileLexicon('t', { entries: [{ term: 'app' }] })).toThrow(/non-empty "note"/);
    expect(() => compileLexicon('t', { entries: [{ term: 'app', note: 'x', weight: 7 }] })).toThrow(/weight/);
    expect(() => compileLexicon('t', { entries: [{ term: 'app', note: 'x', colour: 'red' }] })).toThrow(/unknown key "colour"/);
    expect(() => compileLexicon('t', { entries: [{ term: '* app', note: 'x' }] })).toThrow(/start and end with a word/);
    expect(() => compileLexicon('t', { tags: ['a'], entries: [{ term: 'app', note: 'x', tag: 'b' }] })).toThrow(/"tag" among: a/);
    expect(() => compileLexicon('t', [])).toThrow(/"entries" array/);
  });

  it('matches by stem, so one entry covers "leader", "leaders" and "leader\'s"', () => {
    const lex = compileLexicon('t', { entries: [{ term: 'leader', note: 'x' }] });
    for (const text of ['a leader', 'the leaders', "the leader's view"]) {
      expect(findMatches(toWords(text), lex)).toHaveLength(1);
    }
  });

  it('matches hyphenated and spaced forms alike, and wildcards within a clause only', () => {
    const lex = compileLexicon('t', { entries: [{ term: 'world class', note: 'x' }, { term: 'improve * well-being', note: 'y' }] });
    expect(findMatches(toWords('a world-class trust'), lex)).toHaveLength(1);
    expect(findMatches(toWords("improve our staff's well-being"), lex)[0]?.entry.term).toBe('improve * well-being');
    expect(findMatches(toWords('improve pay; well-being'), lex)).toHaveLength(0);
  });

  it('keeps case for acronyms and exact forms for ambiguous words', () => {
    const tools = loadLexicon('tools');
    expect(findMatches(toWords('Upgrade IT systems'), tools).map((m) => m.entry.term)).toContain('IT systems');
    expect(findMatches(toWords('make it simple'), tools)).toHaveLength(0);
    const vanity = loadLexicon('vanity');
    expect(findMatches(toWords('we would like to grow'), vanity)).toHaveLength(0);
    expect(findMatches(toWords('10,000 likes'), vanity)).toHaveLength(1);
  });
});
