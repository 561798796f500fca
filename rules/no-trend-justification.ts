import { analyze } from '../src/analysis.js';
import { isReported } from '../src/classify.js';
import { loadLexicon } from '../src/lexicon.js';
import { quote, spanReport } from '../src/messages.js';
import { findMatches, type Match, type Word } from '../src/words.js';
import type { Rule } from '../src/types.js';

/** Words that, just before a trend phrase, set it aside ("not because everyone is on it", "beyond the hype"). */
const SET_ASIDE = new Set(['not', 'never', 'rather', 'instead', 'beyond', 'past', 'despite', 'ignore', 'ignoring', 'resist', 'resisting', 'avoid', 'avoiding', "isn't", "aren't", "don't"]);
/** Inside a match, these make it about someone else being left out ("no one is left behind"). */
const NOBODY = new Set(['no', 'nobody', 'none', 'anyone', 'anybody', 'noone']);
const REASON_BEFORE = new Set(['because', 'since', 'as', 'now', 'given', 'cause', 'simply', 'just']);
const REASON_AFTER = new Set(['so', 'therefore', 'hence', 'thus']);

/** Peer-pressure phrases are reasons only when given as one: "because everyone is on it", "everyone has one, so…". */
function givenAsReason(words: Word[], m: Match): boolean {
  for (let k = Math.max(0, m.from - 3); k < m.from; k++) if (REASON_BEFORE.has((words[k] as Word).lower)) return true;
  for (let k = m.to; k < Math.min(words.length, m.to + 6); k++) if (REASON_AFTER.has((words[k] as Word).lower)) return true;
  return false;
}

function setAside(words: Word[], m: Match): boolean {
  for (let k = Math.max(0, m.from - 3); k < m.from; k++) if (SET_ASIDE.has((words[k] as Word).lower)) return true;
  return words.slice(m.from, m.to).some((w) => NOBODY.has(w.lower));
}

/** Words that open a new clause, where a reason stops. */
const CLAUSE_WORDS = new Set(['and', 'but', 'so', 'because', 'while', 'which', 'who', 'that', 'to', 'by', 'in', 'with', 'for', 'from']);

const CONNECTORS = ['because', 'since', 'as', 'so', 'simply', 'just', 'and', 'to', 'in order to', 'only'];

/**
 * The text without its tail of connectors and punctuation ("We will adopt AI, simply because" → "We will
 * adopt AI"): exactly what `.replace(/[\s,;:—–-]*(?:\b(?:because|since|as|so|simply|just|and|to|in order
 * to|only)\b[\s,]*)*$/i, '')` removed, found from the end in linear time; the regex was retried from every
 * position, quadratic on a long run of connectors.
 */
export function withoutConnectorTail(text: string): string {
  const n = text.length;
  const wordChar = (i: number): boolean => i >= 0 && i < n && /\w/.test(text[i] as string);
  // The regex's `i` flag without `u`: ASCII letters in either case, nothing else folds to them.
  const isAt = (p: number, w: string): boolean => {
    if (p + w.length > n) return false;
    for (let k = 0; k < w.length; k++) {
      let c = text.charCodeAt(p + k);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== w.charCodeAt(k)) return false;
    }
    return true;
  };
  // gapEnd[p]: where the run of commas and white space from p ends; tail[p]: from p on, the text is
  // connectors, each a whole word followed by such a run (the regex's `(?:\b(?:…)\b[\s,]*)*$`).
  const gapEnd = new Array<number>(n + 1);
  const tail = new Array<boolean>(n + 1).fill(false);
  gapEnd[n] = n;
  tail[n] = true;
  let first = n;
  for (let p = n - 1; p >= 0; p--) {
    gapEnd[p] = /[\s,]/.test(text[p] as string) ? (gapEnd[p + 1] as number) : p;
    if (wordChar(p - 1)) continue;
    if (CONNECTORS.some((w) => isAt(p, w) && !wordChar(p + w.length) && tail[gapEnd[p + w.length] as number])) {
      tail[p] = true;
      first = p;
    }
  }
  // Then the punctuation before the first connector (`[\s,;:—–-]*`).
  let start = first;
  while (start > 0 && /[\s,;:—–-]/.test(text[start - 1] as string)) start--;
  return text.slice(0, start);
}

export const noTrendJustification: Rule = {
  meta: {
    id: 'no-trend-justification',
    description: 'Disallow initiatives justified by fashion, peer pressure or image instead of a business problem',
    presets: { recommended: 'warning', strict: 'warning' },
    category: 'focus',
  },
  check({ document, report }) {
    const lexicon = loadLexicon('trends');
    for (const statement of document.statements) {
      // The situation a plan describes, and what others said, are not the plan's reasons.
      if (document.sections[statement.section]?.role === 'context' || isReported(statement.text)) continue;
      const a = analyze(statement);
      for (const m of findMatches(a.words, lexicon)) {
        if (setAside(a.words, m) || (m.entry.tag === 'peer' && !givenAsReason(a.words, m))) continue;
        // Flag from the connector that introduces the reason ("because everyone is on it").
        let from = m.from;
        while (from > 0 && REASON_BEFORE.has((a.words[from - 1] as Word).lower) && !(a.words[from] as Word).gapBefore) from--;
        const start = (a.words[from] as Word).start;
        // …to the end of its clause, a few words on at most ("…is on it", "…has one").
        let to = m.to;
        while (to < Math.min(a.words.length, m.to + 3) && !(a.words[to] as Word).gapBefore && !CLAUSE_WORDS.has((a.words[to] as Word).lower)) to++;
        const end = (a.words[to - 1] as Word).end;
        const reason = statement.text.slice(start, end);
        const tool = a.tools.find((t) => !t.generic)?.name;
        const action = withoutConnectorTail(statement.text.slice(a.words[a.bodyFrom]?.start ?? 0, start)).trim();
        report(
          spanReport(
            statement,
            start,
            end,
            `${quote(reason)} justifies ${action ? quote(action, 50) : 'this'} by ${m.entry.tag === 'peer' ? 'what others do' : m.entry.tag === 'image' ? 'how it looks' : m.entry.tag === 'fear' ? 'fear of missing out' : 'fashion'}, not by a business problem. Say which problem ${tool ?? 'it'} solves, for whom, and how you will know.`,
            `${action || '<initiative>'} because <business problem, for whom, with a figure>; success is <metric> by <date>`,
          ),
        );
      }
    }
  },
};
