import { analyze } from '../src/analysis.js';
import { loadLexicon } from '../src/lexicon.js';
import { quote, statementReport } from '../src/messages.js';
import { findMatches, toWords } from '../src/words.js';
import type { PlanDocument, Rule } from '../src/types.js';

/** Whether the plan states the challenge it answers: a heading that announces one, or prose that states a problem. */
export function statesDiagnosis(document: PlanDocument): boolean {
  const lexicon = loadLexicon('diagnosis');
  if (document.sections.some((s) => s.heading !== '' && findMatches(toWords(s.heading), lexicon, 'heading').length > 0)) return true;
  return document.statements.some((s) => {
    const role = document.sections[s.section]?.role;
    if (s.kind !== 'prose' || role === 'goals' || role === 'initiatives' || role === 'metrics') return false;
    return findMatches(analyze(s).words, lexicon, 'problem').length > 0;
  });
}

export const requireDiagnosis: Rule = {
  meta: {
    id: 'require-diagnosis',
    description: 'Require a plan with goals to state the challenge they answer',
    presets: { recommended: 'off', strict: 'warning' },
    category: 'substance',
  },
  check({ document, report }) {
    const first = document.statements.find((s) => s.kind === 'goal');
    if (!first || statesDiagnosis(document)) return;
    report(
      statementReport(
        first,
        `The plan sets goals, starting with ${quote(first.text, 60)}, but never states the challenge they answer. Add a diagnosis: what is going wrong or what must change, for whom, with the evidence.`,
        `Before the goals: "## The challenge" — <what is wrong today, for whom, with a figure>, <why it happens>`,
      ),
    );
  },
};
