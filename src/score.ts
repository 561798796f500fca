/**
 * The plan score: 0–100, the sum of four categories worth 25 points each. A category judges a set of
 * units (statements of the kinds it cares about, tools, goals sections); each unit flagged by one of the
 * category's rules fails. A category earns 25 × (1 − failed / judged)². The score uses every rule, on or
 * off in the configuration, so that scores compare across teams.
 */
import { analyze } from './analysis.js';
import { sectionAtHeading, statementAt } from './document.js';
import { rules } from './registry.js';
import type { CategoryScore, Finding, PlanDocument, PlanScore, ScoreCategory, StatementKind } from './types.js';

export const CATEGORY_MAX = 25;
export const CATEGORIES: readonly ScoreCategory[] = ['focus', 'stakeholder-value', 'measurability', 'substance'];

/** Statement kinds each category judges. */
const JUDGED_KINDS: Record<ScoreCategory, readonly StatementKind[]> = {
  focus: ['goal', 'initiative'],
  'stakeholder-value': ['goal'],
  measurability: ['goal', 'metric'],
  substance: ['goal', 'initiative', 'metric'],
};

function categoryOf(ruleId: string): ScoreCategory | undefined {
  return rules.find((r) => r.meta.id === ruleId)?.meta.category;
}

/**
 * The unit a finding fails: the statement it lies in, else the heading it sits on. Units are statements,
 * not lines, so a plan written on one line (HTML, Word) is judged like the same plan in Markdown.
 */
function unitAt(document: PlanDocument, offset: number): string {
  const statement = statementAt(document.statements, offset);
  if (statement) return `s:${statement.index}`;
  const section = sectionAtHeading(document.sections, offset);
  return section ? `h:${section.index}` : `o:${offset}`;
}

/** `offsets[i]` is the source offset where `findings[i]` starts. */
export function scorePlan(document: PlanDocument, findings: readonly Finding[], offsets: readonly number[]): PlanScore {
  const goals = document.statements.filter((s) => s.kind === 'goal').length;
  const categories = {} as Record<ScoreCategory, CategoryScore>;
  let total = 0;
  for (const category of CATEGORIES) {
    const judged = new Set<string>();
    for (const s of document.statements) if (JUDGED_KINDS[category].includes(s.kind)) judged.add(`s:${s.index}`);
    if (category === 'focus') for (const section of document.sections) if (section.role === 'goals' && section.headingRange) judged.add(unitAt(document, section.headingRange.start.offset));
    if (category === 'substance') judged.add('diagnosis');
    const failed = new Set<string>();
    // Tools are judged once each, however often the plan names them; no-unlinked-tool reports each once.
    let tools = 0;
    let unlinkedTools = 0;
    if (category === 'stakeholder-value') {
      const keys = new Set<string>();
      for (const s of document.statements) for (const t of analyze(s).tools) if (!t.generic) keys.add(t.key);
      tools = keys.size;
    }
    findings.forEach((f, i) => {
      if (categoryOf(f.ruleId) !== category) return;
      if (f.ruleId === 'no-unlinked-tool') unlinkedTools++;
      else failed.add(f.ruleId === 'require-diagnosis' ? 'diagnosis' : unitAt(document, offsets[i] ?? 0));
    });
    for (const unit of failed) judged.add(unit);
    const judgedCount = judged.size + Math.max(tools, unlinkedTools);
    const failedCount = failed.size + unlinkedTools;
    // A plan with no goals has nothing to focus on.
    const noGoals = category === 'focus' && goals === 0;
    const ratio = noGoals || judgedCount === 0 ? (noGoals ? 1 : 0) : failedCount / judgedCount;
    // Squared: a plan where half the units fail a category earns a quarter of its points.
    const score = Math.round(CATEGORY_MAX * (1 - ratio) ** 2 * 10) / 10;
    categories[category] = { score, max: CATEGORY_MAX, judged: noGoals ? 0 : judgedCount, failed: noGoals ? 0 : failedCount };
    total += score;
  }
  return { score: Math.round(total), categories };
}
