import type { TextRun } from '../source.js';

/** A unit of a document's structure, common to every input format. */
export interface Block {
  kind: 'heading' | 'paragraph' | 'list-item' | 'table-row';
  /** Heading level (1–6), or list nesting depth (1 = top level); 0 otherwise. */
  depth: number;
  /** For list items: whether the list is numbered. */
  ordered?: boolean;
  run: TextRun;
}
