/** Builds a PlanDocument — sections, statements, their kinds and exact ranges — from any reader's blocks. */
import type { Block } from './parse/blocks.js';
import { parseMarkdown } from './parse/markdown.js';
import { parseText } from './parse/text.js';
import { parseHtml, wordPositionIndex } from './parse/html.js';
import { createPositionIndex, DocumentLimitError, MAX_DOCUMENT_CHARS, type TextRun } from './source.js';
import { splitSentences } from './nlp.js';
import { classify, sectionRole, isGoalForm } from './classify.js';
import type { PlanDocument, PlanFormat, Section, Statement, StatementOrigin } from './types.js';

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
 * The section whose heading's range holds an offset, by binary search (sections are in document order):
 * what `sections.find((s) => s.headingRange && s.headingRange.start.offset <= offset && offset <= s.headingRange.end.offset)`
 * gives, in O(log n) instead of O(n) — that scan, once per finding, made a document of 200,000 short
 * sections quadratic.
 */
export function sectionAtHeading(sections: readonly Section[], offset: number): Section | undefined {
  let lo = 0;
  let hi = sections.length - 1;
  let found: Section | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sections[mid] as Section;
    // The implicit first section has no heading; it comes before every other.
    if ((s.headingRange?.start.offset ?? -1) <= offset) {
      found = s;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found?.headingRange && offset <= found.headingRange.end.offset ? found : undefined;
}

/** The statement whose range holds an offset (statements are in document order). */
export function statementAt(statements: readonly Statement[], offset: number): Statement | undefined {
  let lo = 0;
  let hi = statements.length - 1;
  let found: Statement | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = statements[mid] as Statement;
    if (s.range.start.offset <= offset) {
      found = s;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found && offset <= found.range.end.offset) return found;
  // Malformed HTML can put statements out of source order (the parser moves a heading out of an open table):
  // then look at every statement.
  return statements.find((s) => s.range.start.offset <= offset && offset <= s.range.end.offset);
}

