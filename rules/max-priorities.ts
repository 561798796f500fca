import { quote } from '../src/messages.js';
import { goalSections } from '../src/structure.js';
import type { Rule } from '../src/types.js';

/** Shortens a priority to its first few words, for listing. */
function short(text: string): string {
  const words = text.replace(/^[\s\d.)]+/, '').split(/\s+/);
  return words.length > 5 ? `${words.slice(0, 5).join(' ')}…` : words.join(' ');
}

export const maxPriorities: Rule = {
  meta: {
    id: 'max-priorities',
    description: 'Limit the number of top-level priorities in a goals section, so that the plan can focus',
    presets: { recommended: 'warning', strict: 'warning' },
    category: 'focus',
    options: {
      max: { type: 'integer', default: 5, minimum: 1, description: 'Most top-level priorities a goals section may list.' },
    },
  },
  check({ document, options, report }) {
    const max = options.max as number;
    for (const { section, items } of goalSections(document)) {
      if (items.length <= max || !section.headingRange) continue;
      const extra = items.length - max;
      report({
        start: section.headingRange.start.offset,
        end: section.headingRange.end.offset,
        message: `${quote(section.heading)} lists ${items.length} top-level priorities; an organisation can focus on at most ${max}. Keep the ${max} that matter most and turn the other ${extra} into initiatives under them, or drop them.`,
        suggestion: `Keep ${max} of: ${items.map((i) => `"${short(i.text)}"`).join(', ')}; merge or move the other ${extra} under them`,
      });
    }
  },
};
