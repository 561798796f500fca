/** Formatters turn results into text. Only formatters colour text. */
import type { ChalkInstance } from 'chalk';
import type { LintResult } from '../types.js';
import type { Notice } from '../files.js';
import { stylish } from './stylish.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { github } from './github.js';
import { junit } from './junit.js';
import { compact } from './compact.js';
import { html } from './html.js';
import { summary } from './summary.js';

export interface FormatContext {
  color: ChalkInstance;
  notices: Notice[];
}

export type Formatter = (results: LintResult[], context: FormatContext) => string;

export const formatters: Record<string, Formatter> = { stylish, json, sarif, github, junit, compact, summary, html };
