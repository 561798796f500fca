/** Questions about a plan's structure that several rules and the score ask. */
import { sectionCue, sectionRole } from './classify.js';
import type { PlanDocument, Section, Statement } from './types.js';

/** The sections nested directly under a section. */
export function childSections(document: PlanDocument, section: Section): Section[] {
  const out: Section[] = [];
  for (let i = section.index + 1; i < document.sections.length; i++) {
    const s = document.sections[i] as Section;
    if (s.depth <= section.depth) break;
    if (s.headingPath.length === section.headingPath.length + 1) out.push(s);
  }
  return out;
}

export interface Priorities {
  section: Section;
  /** One entry per top-level priority: a top-level list item, a table row, or a sub-heading. */
  items: Array<{ text: string; statement?: Statement }>;
}

/**
 * The top-level priorities of every section whose own heading says it holds goals ("Strategic
 * priorities", "Our goals"): its top-level list items and table rows, or its sub-sections.
 */
export function goalSections(document: PlanDocument): Priorities[] {
  const out: Priorities[] = [];
  for (const section of document.sections) {
    if (!section.headingRange || sectionCue(section.heading) !== 'goals') continue;
    const items: Priorities['items'] = section.statements
      .filter((s) => (s.origin === 'list-item' && s.listDepth === 1) || s.origin === 'table-row')
      .map((statement) => ({ text: statement.text, statement }));
    for (const child of childSections(document, section)) {
      // "How we will measure" under the goals is not a priority.
      const role = sectionRole(child.heading);
      if (role === 'goals' || role === 'other') items.push({ text: child.heading });
    }
    out.push({ section, items });
  }
  return out;
}
