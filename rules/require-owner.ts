import { isReported } from '../src/classify.js';
import { loadLexicon } from '../src/lexicon.js';
import { quote, statementReport, withoutTrailingPunctuation } from '../src/messages.js';
import { findMatches, toWords, type Word } from '../src/words.js';
import { analyze } from '../src/analysis.js';
import type { Rule, Statement } from '../src/types.js';


/** Words after an owner that make it the one who acts ("The estates team will…"). */
const ACTS = new Set(['will', 'shall', 'is', 'are', 'to', 'must', 'leads', 'owns', 'delivers', 'runs', 'oversees']);

/** Whether a text names who answers for the work: an owner cue, a role after "by", or a role acting as subject. */
export function namesOwner(words: Word[], anyRole = false): boolean {
  const found = findMatches(words, loadLexicon('owners'));
  if (found.some((m) => m.entry.tag === 'cue')) return true;
  for (const m of found) {
    if (anyRole) return true;
    for (let k = Math.max(0, m.from - 3); k < m.from; k++) if ((words[k] as Word).lower === 'by') return true;
    if (m.from <= 5) for (let k = m.to; k < Math.min(words.length, m.to + 4); k++) if (ACTS.has((words[k] as Word).lower)) return true;
  }
  return false;
}

export const requireOwner: Rule = {
  meta: {
    id: 'require-owner',
    description: 'Require every initiative to name an owner, sponsor or accountable team, in it or in its section',
    presets: { recommended: 'off', strict: 'warning' },
    category: 'focus',
  },
  check({ document, report }) {
    const owned = new Map<number, boolean>();
    const sectionOwned = (s: Statement): boolean => {
      let v = owned.get(s.section);
      if (v === undefined) {
        const section = document.sections[s.section];
        v =
          (section?.headingPath ?? []).some((h) => namesOwner(toWords(h))) ||
          (section?.statements ?? []).some((o) => o.kind !== 'initiative' && namesOwner(analyze(o).words));
        owned.set(s.section, v);
      }
      return v;
    };
    for (const statement of document.statements) {
      if (statement.kind !== 'initiative' || isReported(statement.text)) continue;
      if (namesOwner(analyze(statement).words, statement.origin === 'table-row') || sectionOwned(statement)) continue;
      report(
        statementReport(
          statement,
          `Initiative ${quote(statement.text)} names no owner. Say who is accountable for delivering it: a named role or team, in the item or in its section.`,
          `${withoutTrailingPunctuation(statement.text)} (owner: <role or team>)`,
        ),
      );
    }
  },
};
