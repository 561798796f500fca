/**
 * Rewrite slots filled from the statement itself: who it names, the date it gives and the purpose it
 * states. A slot the statement does not fill stays a placeholder ("<stakeholder>").
 */
import type { Analysis } from './analysis.js';
import type { Statement } from './types.js';

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|spring|summer|autumn|fall|winter|Q[1-4]|H[12])';
const DATE_RE = new RegExp(`\\b(?:by|in|before|until|during)\\s+((?:the\\s+)?(?:end\\s+of\\s+)?(?:(?:early|mid|late)[-\\s])?(?:${MONTH}\\s+)?(?:19|20)\\d\\d(?:[-–/](?:19|20)?\\d\\d)?)\\b`, 'i');

export interface RewriteSlots {
  /** The first stakeholder the statement names, as written, or `<stakeholder>`. */
  who: string;
  /** "by 2026" when the statement gives a date, or "by <date>". */
  when: string;
  /** The purpose the statement states, or `<outcome>`. */
  outcome: string;
}

export function rewriteSlots(statement: Statement, a: Analysis): RewriteSlots {
  const person = a.stakeholders.find((s) => !s.entry.generic);
  const date = DATE_RE.exec(statement.text);
  return {
    who: person ? person.entry.term : '<stakeholder>',
    when: date ? `by ${date[1]}` : 'by <date>',
    outcome: a.purpose ? statement.text.slice(a.purpose.start, a.purpose.end) : '<outcome>',
  };
}
