/**
 * Markdown → blocks, through unified + remark-parse (with GFM tables and task lists, and front matter).
 * Code, HTML (comments included), front matter, link URLs and images are never part of a block's text.
 */
import { createRequire } from 'node:module';
import type { Nodes, Parent, Root, RootContent, List, Table } from 'mdast';
import { TextRun } from '../source.js';
import type { Block } from './blocks.js';

// The parsers are loaded on first use (require of ES modules, Node ≥ 20.19): a plain-text plan never loads
// them, and GFM (about 25 ms to load) is only loaded for a document that uses its syntax.
const require = createRequire(import.meta.url);

interface Parser {
  parse(source: string): unknown;
}
const processors = new Map<string, Parser>();

function processorFor(gfm: boolean, frontmatter: boolean): Parser {
  const key = `${gfm}:${frontmatter}`;
  let p = processors.get(key);
  if (!p) {
    const { unified } = require('unified') as typeof import('unified');
    const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
    let chain = unified().use(remarkParse);
    if (gfm) chain = chain.use((require('remark-gfm') as typeof import('remark-gfm')).default) as unknown as typeof chain;
    if (frontmatter) {
      const remarkFrontmatter = (require('remark-frontmatter') as typeof import('remark-frontmatter')).default;
      chain = chain.use(remarkFrontmatter, ['yaml', 'toml']) as unknown as typeof chain;
    }
    p = chain;
    processors.set(key, p);
  }
  return p;
}

/** GFM syntax that changes the tree: tables, task lists, strikethrough, footnotes. */
const GFM_RE = /^[ \t>]*\|.*\||^[ \t>]*[-*+][ \t]+\[[ xX]\]|~~|\[\^/m;
/** Front matter opens the document. */
const FRONTMATTER_RE = /^\uFEFF?(?:---|\+\+\+)[ \t]*(?:\r?\n|\r)/;

export function parseMarkdown(source: string): Block[] {
  const tree = processorFor(GFM_RE.test(source), FRONTMATTER_RE.test(source)).parse(source) as Root;
  return blocksFromMdast(tree, source);
}

/**
 * The blocks of an mdast tree whose text nodes carry offsets into `source` (Markdown, or HTML turned into
 * mdast: its text nodes keep their HTML positions, and entities and collapsed white space are aligned).
 */
export function blocksFromMdast(tree: Root, source: string): Block[] {
  const blocks: Block[] = [];
  walkBlocks(tree.children, source, blocks, 0);
  return blocks;
}

function walkBlocks(nodes: RootContent[], source: string, out: Block[], listDepth: number): void {
  // An explicit stack keeps deeply nested lists and block quotes from overflowing the call stack.
  const stack: Array<{ nodes: RootContent[]; i: number; depth: number }> = [{ nodes, i: 0, depth: listDepth }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { nodes: RootContent[]; i: number; depth: number };
    if (frame.i >= frame.nodes.length) {
      stack.pop();
      continue;
    }
    const node = frame.nodes[frame.i++] as RootContent;
    switch (node.type) {
      case 'heading': {
        out.push({ kind: 'heading', depth: node.depth, run: inlineRun(node, source) });
        break;
      }
      case 'paragraph':
        out.push({ kind: 'paragraph', depth: 0, run: inlineRun(node, source) });
        break;
      case 'blockquote':
        stack.push({ nodes: node.children, i: 0, depth: frame.depth });
        break;
      case 'list':
        pushListItems(node, source, out, frame.depth + 1);
        break;
      case 'table':
        pushTableRows(node, source, out);
        break;
      default:
        // code, html, yaml, toml, thematicBreak, definition, footnoteDefinition: never judged.
        break;
    }
  }
}

function pushListItems(
  list: List,
  source: string,
  out: Block[],
  depth: number,
): void {
  // Nested content is walked right after its item, so blocks stay in document order.
  for (const item of list.children) {
    const run = new TextRun();
    const rest: RootContent[] = [];
    for (const child of item.children) {
      if (child.type === 'paragraph' && rest.length === 0) {
        if (run.length > 0) run.appendGap(' ', child.position?.start.offset ?? 0);
        appendInline(child, source, run);
      } else {
        rest.push(child);
      }
    }
    if (run.text.trim() !== '') out.push({ kind: 'list-item', depth, ordered: list.ordered === true, run });
    if (rest.length > 0) walkBlocks(rest, source, out, depth);
  }
}

function pushTableRows(table: Table, source: string, out: Block[]): void {
  table.children.forEach((row, r) => {
    if (r === 0) return; // the header row names columns; it states nothing
    const run = new TextRun();
    row.children.forEach((cell, c) => {
      if (c > 0 && run.length > 0) run.appendGap(' | ', cell.position?.start.offset ?? 0);
      appendInline(cell, source, run);
    });
    if (run.text.trim() !== '') out.push({ kind: 'table-row', depth: 0, run });
  });
}

function inlineRun(node: Parent, source: string): TextRun {
  const run = new TextRun();
  appendInline(node, source, run);
  return run;
}

function appendInline(node: Parent, source: string, run: TextRun): void {
  const stack: Nodes[] = [...node.children].reverse() as Nodes[];
  while (stack.length > 0) {
    const n = stack.pop() as Nodes;
    switch (n.type) {
      case 'text': {
        const start = n.position?.start.offset;
        const end = n.position?.end.offset;
        if (start === undefined || end === undefined) run.appendGap(n.value, run.sourceOffset(run.length));
        else run.appendAligned(n.value, source, start, end);
        break;
      }
      case 'break':
      case 'html':
      case 'inlineCode':
      case 'image':
      case 'imageReference':
      case 'footnoteReference': {
        // Stands for nothing judged, but keeps the words around it apart.
        const at = n.position?.start.offset ?? run.sourceOffset(run.length);
        if (run.length > 0 && !/\s$/.test(run.text)) run.appendGap(' ', at);
        break;
      }
      default:
        if ('children' in n) {
          const children = (n as Parent).children as Nodes[];
          for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Nodes);
        }
    }
  }
}
