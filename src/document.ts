/** Builds a PlanDocument — sections, statements, their kinds and exact ranges — from any reader's blocks. */
import type { Block } from './parse/blocks.js';
import { parseMarkdown } from './parse/markdown.js';
import { parseText } from './parse/text.js';
import { parseHtml, wordPositionIndex } from './parse/html.js';
import { createPositionIndex, DocumentLimitError, MAX_DOCUMENT_CHARS, type TextRun } from './source.js';
import { splitSentences } from './nlp.js';
import { classify, sectionRole, isGoalForm } from './classify.js';
import type { PlanDocument, PlanFormat, Range, Section, Statement, StatementOrigin } from './types.js';

/** Why a document longer than MAX_DOCUMENT_CHARS is not linted. */
export const TOO_LARGE = `is larger than ${MAX_DOCUMENT_CHARS / 1024 / 1024} MB; not linted`;

/**
 * The longest statement the rules judge, in characters. A longer one (a 5 MB line with no full stop, a huge
 * list item or table row) is judged as consecutive statements of at most this length, cut at white space,
 * so that no rule's work on one statement grows with the size of the document. Real sentences and list
 * items are a few hundred characters.
 */
export const MAX_STATEMENT_CHARS = 10_000;

export function parseDocument(source: string, format: PlanFormat): PlanDocument {
  if (source.length > MAX_DOCUMENT_CHARS) throw new DocumentLimitError(TOO_LARGE);
  const text = source.charCodeAt(0) === 0xfeff ? ' ' + source.slice(1) : source;
  const blocks = format === 'text' ? parseText(text) : format === 'markdown' ? parseMarkdown(text) : parseHtml(text);
  return buildDocument(source, format, blocks);
}

export function buildDocument(source: string, format: PlanFormat, blocks: Block[]): PlanDocument {
  const position = format === 'word' ? wordPositionIndex(source) : createPositionIndex(source);
  const sections: Section[] = [];
  const statements: Statement[] = [];
  const open: Section[] = [];
  let section: Section = { index: 0, heading: '', depth: 0, headingPath: [], role: 'other', statements: [] };
  sections.push(section);

  const add = (run: TextRun, origin: StatementOrigin, listDepth?: number): void => {
    const trimmedStart = run.text.length - run.text.trimStart().length;
    const trimmedEnd = run.text.trimEnd().length;
    if (trimmedEnd <= trimmedStart) return;
    if (trimmedEnd - trimmedStart > MAX_STATEMENT_CHARS) {
      // Judged in pieces of at most MAX_STATEMENT_CHARS, each cut at white space when there is some in
      // its second half (each piece is short enough to be added whole).
      for (let from = trimmedStart; from < trimmedEnd; ) {
        let to = Math.min(trimmedEnd, from + MAX_STATEMENT_CHARS);
        if (to < trimmedEnd) {
          let k = to;
          while (k > from + MAX_STATEMENT_CHARS / 2 && !/\s/.test(run.text[k] as string)) k--;
          if (k > from + MAX_STATEMENT_CHARS / 2) to = k;
        }
        add(run.slice(from, to), origin, listDepth);
        from = to;
      }
      return;
    }
    const sub = run.slice(trimmedStart, trimmedEnd);
    const statement: Statement = {
      index: statements.length,
      text: sub.text,
      kind: 'prose',
      origin,
      range: {
        start: position(sub.sourceOffset(0)),
        end: position(sub.sourceOffset(sub.length - 1) + 1),
      },
      headingPath: section.headingPath,
      section: section.index,
      sourceOffset: (i: number) => sub.sourceOffset(i),
    };
    if (listDepth !== undefined) statement.listDepth = listDepth;
    statement.kind = classify(statement, section.role);
    statements.push(statement);
    section.statements.push(statement);
  };

  for (const block of blocks) {
    if (block.kind === 'heading') {
      const heading = block.run.text.trim();
      while (open.length > 0 && (open[open.length - 1] as Section).depth >= block.depth) open.pop();
      const parent = open[open.length - 1];
      const parentRole = parent?.role ?? 'other';
      const own = sectionRole(heading);
      // A sub-heading under Goals that reads as a goal ("Become the region's first choice…") is one.
      if (parentRole === 'goals' && own === 'other' && heading.split(/\s+/).length >= 3 && isGoalForm(heading)) {
        section = parent as Section;
        add(block.run, 'heading');
      }
      const headingPath = [...open.map((s) => s.heading), heading];
      const start = block.run.sourceOffset(0);
      section = {
        index: sections.length,
        heading,
        depth: block.depth,
        headingPath,
        headingRange: { start: position(start), end: position(block.run.sourceOffset(block.run.length - 1) + 1) },
        role: own === 'other' ? parentRole : own,
        statements: [],
      };
      sections.push(section);
      open.push(section);
      continue;
    }
    if (block.kind === 'paragraph') {
      for (const [s, e] of splitSentences(block.run.text)) add(block.run.slice(s, e), 'sentence');
    } else if (block.kind === 'list-item') {
      add(block.run, 'list-item', block.depth);
    } else {
      add(block.run, 'table-row');
    }
  }
  return { source, format, sections, statements, position };
}

/**
 * Finds the item whose range holds an offset, in O(log n), for items in document order (statements, section
 * headings); the linear scans it replaces, once per finding, made large documents quadratic (200,000 short
 * sections never finished). Items out of order (malformed HTML, whose parser can move a heading out of an
 * open table) or overlapping are looked up by a scan of every item, as before. Items without a range (the
 * implicit first section) hold no offset.
 */
interface OrderIndex {
  length: number;
  /** Whether the items' starts never decrease. */
  sorted: boolean;
  /** `maxEnd[i]`: the largest end of items 0…i. */
  maxEnd: number[];
}
const orderIndexes = new WeakMap<readonly object[], OrderIndex>();

function itemAt<T extends object>(items: readonly T[], offset: number, range: (item: T) => Range | undefined): T | undefined {
  const holds = (item: T): boolean => {
    const r = range(item);
    return r !== undefined && r.start.offset <= offset && offset <= r.end.offset;
  };
  let index = orderIndexes.get(items);
  if (!index || index.length !== items.length) {
    index = { length: items.length, sorted: true, maxEnd: [] };
    let start = -1;
    let end = -1;
    for (const item of items) {
      const r = range(item);
      if (r) {
        if (r.start.offset < start) index.sorted = false;
        start = r.start.offset;
        end = Math.max(end, r.end.offset);
      }
      index.maxEnd.push(end);
    }
    orderIndexes.set(items, index);
  }
  // The last item that starts at or before the offset (in items out of order, one such item).
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((range(items[mid] as T)?.start.offset ?? -1) <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found >= 0 && holds(items[found] as T)) return items[found];
  // In order, no earlier item reaching the offset means none holds it (the usual case); else scan.
  if (index.sorted && (found < 0 || (index.maxEnd[found] as number) < offset)) return undefined;
  return items.find(holds);
}

/**
 * The section whose heading's range holds an offset: what `sections.find((s) => s.headingRange &&
 * s.headingRange.start.offset <= offset && offset <= s.headingRange.end.offset)` gives, in O(log n).
 */
export function sectionAtHeading(sections: readonly Section[], offset: number): Section | undefined {
  return itemAt(sections, offset, (s) => s.headingRange);
}

/** The statement whose range holds an offset (the last to start at or before it, when ranges touch). */
export function statementAt(statements: readonly Statement[], offset: number): Statement | undefined {
  return itemAt(statements, offset, (s) => s.range);
}
