import { analyze, isPlatitude } from '../src/analysis.js';
import { isReported } from '../src/classify.js';
import { loadLexicon, phraseUnits, unitKey } from '../src/lexicon.js';
import { spanReport } from '../src/messages.js';
import { findMatches, type Match, type Word } from '../src/words.js';
import type { Rule } from '../src/types.js';

/** Alternatives that are instructions ("say what changes") rather than words to put in the phrase's place. */
const INSTRUCTION_RE = /^(?:say|name|state)\b/;

/** A capitalised phrase inside a run of capitalised words is a name ("the Agile Business Consortium"). */
function inProperName(words: Word[], m: Match): boolean {
  const cap = (w: Word | undefined): boolean => w !== undefined && !w.gapBefore && /^\p{Lu}/u.test(w.raw);
  const first = words[m.from] as Word;
  if (!/^\p{Lu}/u.test(first.raw) || m.from === 0) return false;
  return cap(words[m.from - 1]) || (cap(words[m.to]) && !/^\p{Lu}+$/u.test(first.raw));
}

export const noBuzzword: Rule = {
  meta: {
    id: 'no-buzzword',
    description: 'Disallow jargon that hides what the plan means, such as "leverage synergies" or "paradigm shift"',
    presets: { recommended: 'warning', strict: 'warning' },
    category: 'substance',
    options: {
      allow: { type: 'string-array', default: [], description: 'Phrases not to report, as written in the lexicon (e.g. "ecosystem").' },
    },
  },
  check({ document, options, report }) {
    const key = (phrase: string): string => phraseUnits(phrase).map((u) => unitKey(u, false)).join(' ');
    const allowed = new Set((options.allow as string[]).map(key));
    const lexicon = loadLexicon('buzzwords');
    for (const statement of document.statements) {
      const a = analyze(statement);
      // A platitude is reported once, as a whole, by no-platitude; quoted speech is not the plan's wording.
      if (isPlatitude(a) || isReported(statement.text)) continue;
      for (const m of findMatches(a.words, lexicon)) {
        if (allowed.has(key(m.entry.term)) || inProperName(a.words, m)) continue;
        const phrase = statement.text.slice(m.start, m.end);
        const alternative = m.entry.alternative;
        const instead = alternative === undefined ? 'Say plainly what you mean.' : INSTRUCTION_RE.test(alternative) ? `Instead, ${alternative}.` : `Write "${alternative}" instead.`;
        let replacement = alternative === undefined || INSTRUCTION_RE.test(alternative) ? `<${alternative ?? 'what you mean'}>` : alternative;
        if (/^\p{Lu}/u.test(phrase) && m.start === a.words[a.bodyFrom]?.start) replacement = replacement.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
        const rewritten = `${statement.text.slice(0, m.start)}${replacement}${statement.text.slice(m.end)}`.replace(/\s+/g, ' ').trim();
        report(spanReport(statement, m.start, m.end, `"${phrase}" is jargon: ${m.entry.note.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())}. ${instead}`, rewritten));
      }
    }
  },
};
