/**
 * Accuracy harness: `npm run eval -- FILE.jsonl [FILE.jsonl…]`.
 * Each line is {"text", "labels": [...], "disputed": [...]}. Each text is linted as the single item of a list
 * under a "## Strategic objectives" heading. Prints, per label, true and false positives, false negatives,
 * precision and recall of its rule, and how many good/none items the first four rules flagged.
 * Add `--show fp|fn` to list the misjudged items.
 */
import { readFileSync } from 'node:fs';
import { lintText } from '../src/index.js';

const LABEL_RULE: Record<string, string> = {
  'tool-as-goal': 'no-tool-as-goal',
  platitude: 'no-platitude',
  'vanity-metric': 'no-vanity-metric',
  'unlinked-tool': 'no-unlinked-tool',
  'unmeasurable-goal': 'require-measurable-goal',
};
const FIRST_FOUR = ['no-tool-as-goal', 'no-platitude', 'no-vanity-metric', 'no-unlinked-tool'];

interface Item {
  text: string;
  labels: string[];
  disputed?: string[];
}

function load(file: string): Item[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        const item = JSON.parse(l) as Item;
        if (typeof item.text !== 'string' || !Array.isArray(item.labels)) throw new Error('needs "text" and "labels"');
        return item;
      } catch (e) {
        throw new Error(`${file}:${i + 1}: ${(e as Error).message}`);
      }
    });
}

/** The item as a one-line list item (line breaks inside would end the item). */
export function asDocument(text: string): string {
  return `## Strategic objectives\n\n- ${text.replace(/\s*\n\s*/g, ' ')}\n`;
}

function main(argv: string[]): number {
  const show = argv.includes('--show') ? argv[argv.indexOf('--show') + 1] : undefined;
  const files = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--show');
  if (files.length === 0) {
    process.stderr.write('usage: npm run eval -- FILE.jsonl [FILE.jsonl…] [--show fp|fn]\n');
    return 2;
  }
  let items: Item[];
  try {
    items = files.flatMap(load);
  } catch (e) {
    process.stderr.write(`eval: ${(e as Error).message}\n`);
    return 2;
  }
  const rows = Object.entries(LABEL_RULE).map(([label, rule]) => ({ label, rule, tp: 0, fp: 0, fn: 0 }));
  let cleanFlagged = 0;
  let clean = 0;
  const lines: string[] = [];
  for (const item of items) {
    const fired = new Set(lintText(asDocument(item.text), { filePath: 'item.md' }).findings.map((f) => f.ruleId));
    const disputed = item.disputed ?? [];
    for (const row of rows) {
      if (disputed.includes(row.label)) continue;
      const want = item.labels.includes(row.label);
      const got = fired.has(row.rule);
      if (want && got) row.tp++;
      else if (!want && got) {
        row.fp++;
        if (show === 'fp') lines.push(`FP ${row.label}: ${item.text}`);
      } else if (want && !got) {
        row.fn++;
        if (show === 'fn') lines.push(`FN ${row.label}: ${item.text}`);
      }
    }
    if ((item.labels.includes('good') || item.labels.includes('none')) && !disputed.includes('good')) {
      clean++;
      if (FIRST_FOUR.some((r) => fired.has(r))) {
        cleanFlagged++;
        if (show === 'fp') lines.push(`CLEAN FLAGGED [${[...fired].join(',')}]: ${item.text}`);
      }
    }
  }
  const out: string[] = [];
  out.push(`${items.length} items from ${files.join(', ')}`);
  out.push('| label | rule | TP | FP | FN | precision | recall |');
  out.push('|---|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const p = r.tp + r.fp === 0 ? 1 : r.tp / (r.tp + r.fp);
    const rec = r.tp + r.fn === 0 ? 1 : r.tp / (r.tp + r.fn);
    out.push(`| ${r.label} | ${r.rule} | ${r.tp} | ${r.fp} | ${r.fn} | ${p.toFixed(2)} | ${rec.toFixed(2)} |`);
  }
  out.push(`good/none items flagged by ${FIRST_FOUR.join(', ')}: ${cleanFlagged} of ${clean}`);
  process.stdout.write(lines.concat(lines.length ? [''] : [], out).join('\n') + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
