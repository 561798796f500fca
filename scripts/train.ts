/**
 * Trains the statement model: `npm run train -- <corpus.jsonl>... [--folds 5] [--lambda L] [--out DIR] [--check]`.
 *
 * Each line of a corpus is {"text", "labels", "disputed"?, "source"?}; items without a source are each their
 * own document. Prints nested, source-grouped cross-validation (per label precision, recall and F1, and the
 * good/none statements flagged), then trains on every item and writes to DIR (default rules/data/model):
 * weights.json (weights, calibration, thresholds, the feature names, the checksums of the training files and
 * of the vectors) and cv.md (the table). The same files give the same bytes. `--check` writes nothing and
 * exits 1 when the weights it would write differ from those in DIR.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs as parseArgs0 } from 'node:util';
import { analyzeText } from '../src/analysis.js';
import { featureLayout, statementFeatures } from '../src/model/features.js';
import { crossValidate, cvTable, LABELS, trainModel, type LabelModel, type TrainingItem } from '../src/model/train.js';
import { MODEL_FORMAT, type ModelFile } from '../src/model/model.js';
import { dataDir } from '../src/paths.js';

interface Args {
  files: string[];
  folds: number;
  lambda: number;
  out: string;
  check: boolean;
}

export const DEFAULT_LAMBDA = 300;

function parseArgs(argv: string[]): Args {
  const { values, positionals } = parseArgs0({
    args: argv,
    allowPositionals: true,
    options: {
      folds: { type: 'string', default: '5' },
      lambda: { type: 'string', default: String(DEFAULT_LAMBDA) },
      out: { type: 'string', default: path.join(dataDir(), 'model') },
      check: { type: 'boolean', default: false },
    },
  });
  const args: Args = {
    files: positionals,
    folds: Number(values.folds),
    lambda: Number(values.lambda),
    out: values.out,
    check: values.check,
  };
  if (args.files.length === 0) throw new Error('usage: npm run train -- <corpus.jsonl>... [--folds 5] [--lambda L] [--out DIR] [--check]');
  if (!Number.isInteger(args.folds) || args.folds < 2) throw new Error('--folds must be an integer of at least 2');
  if (!(args.lambda > 0)) throw new Error('--lambda must be a positive number');
  return args;
}

function load(file: string): { items: Array<Omit<TrainingItem, 'dense' | 'stems'>>; sha256: string } {
  const text = readFileSync(file, 'utf8');
  const items = text
    .split(/\r?\n/)
    .map((l, i) => [l, i] as const)
    .filter(([l]) => l.trim() !== '')
    .map(([l, i]) => {
      let raw: { text?: unknown; labels?: unknown; disputed?: unknown; source?: unknown };
      try {
        raw = JSON.parse(l) as typeof raw;
      } catch (e) {
        throw new Error(`${file}:${i + 1}: ${(e as Error).message}`);
      }
      const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
      if (typeof raw.text !== 'string' || !strings(raw.labels)) throw new Error(`${file}:${i + 1}: needs "text" (a string) and "labels" (strings)`);
      if (raw.disputed !== undefined && !strings(raw.disputed)) throw new Error(`${file}:${i + 1}: "disputed" must be a list of strings`);
      return {
        text: raw.text,
        labels: raw.labels,
        disputed: (raw.disputed as string[] | undefined) ?? [],
        source: typeof raw.source === 'string' && raw.source !== '' ? raw.source : `${path.basename(file)}:${i + 1}`,
      };
    });
  return { items, sha256: createHash('sha256').update(text).digest('hex') };
}

/** Numbers written with 6 significant digits: the file stays small and the same for the same training. */
const round = (x: number): number => Number(x.toPrecision(6));

export function main(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`train: ${(e as Error).message}\n`);
    return 2;
  }
  const loaded = args.files.map((f) => {
    try {
      return { file: f, ...load(f) };
    } catch (e) {
      process.stderr.write(`train: ${(e as Error).message}\n`);
      return undefined;
    }
  });
  if (loaded.some((l) => l === undefined)) return 2;
  const sets = loaded as Array<NonNullable<(typeof loaded)[number]>>;
  const items: TrainingItem[] = sets.flatMap((s) =>
    s.items.map((item) => {
      const f = statementFeatures(item.text, analyzeText(item.text, true));
      return { ...item, dense: f.values, stems: f.stems };
    }),
  );
  const sources = new Set(items.map((i) => i.source)).size;
  const options = { folds: args.folds, lambda: args.lambda, featureNames: featureLayout().names };
  const cv = crossValidate(items, options);
  const table = cvTable(cv);
  const header = `${items.length} statements from ${sources} source documents (${sets.map((s) => path.basename(s.file)).join(', ')}); ${args.folds} folds split by source, nested (weights, calibration and thresholds chosen on the training folds only); lambda ${args.lambda}`;
  process.stdout.write(`${header}\n\n${table}\n`);

  const trained = trainModel(items, options);
  const labels = {} as Record<(typeof LABELS)[number], LabelModel>;
  for (const label of LABELS) {
    const m = trained.labels[label];
    labels[label] = { ...(m.gate ? { gate: m.gate } : {}), ...(m.also ? { also: m.also } : {}), bias: round(m.bias), weights: m.weights.map(round), platt: [round(m.platt[0]), round(m.platt[1])], threshold: round(m.threshold) };
  }
  const vectorsMeta = JSON.parse(readFileSync(path.join(dataDir(), 'model', 'vectors.json'), 'utf8')) as { sha256: string };
  const model: ModelFile = {
    description: 'Statement model of planlint, written by `npm run train` (scripts/train.ts): do not edit.',
    format: MODEL_FORMAT,
    features: featureLayout().names,
    vocabulary: trained.vocabulary,
    vectors: vectorsMeta.sha256,
    training: {
      files: sets.map((s) => ({ name: path.basename(s.file), sha256: s.sha256, statements: s.items.length })),
      folds: args.folds,
      lambda: args.lambda,
    },
    labels,
  };
  const json = JSON.stringify(model) + '\n';
  const weightsFile = path.join(args.out, 'weights.json');
  if (args.check) {
    let current = '';
    try {
      current = readFileSync(weightsFile, 'utf8');
    } catch {
      // none yet
    }
    const same = current === json;
    process.stdout.write(`\n${weightsFile}: ${same ? 'the same as this training gives' : 'differs from what this training gives'}\n`);
    return same ? 0 : 1;
  }
  mkdirSync(args.out, { recursive: true });
  writeFileSync(weightsFile, json);
  const thresholds = LABELS.map((l) => `| ${l} | ${labels[l].threshold} | ${labels[l].gate ? labels[l].gate.map((g) => `${g.feature} = ${g.equals}`).join(', ') : 'every statement'} | ${labels[l].also ? labels[l].also.map((g) => `${g.feature} = ${g.equals}`).join(', ') : '–'} |`).join('\n');
  writeFileSync(
    path.join(args.out, 'cv.md'),
    `# Statement model: cross-validation\n\nWritten by \`npm run train\` (scripts/train.ts) with the weights beside it.\n\n${header}.\n\nTraining files (SHA-256):\n${sets
      .map((s) => `- ${path.basename(s.file)}: ${s.items.length} statements, ${s.sha256}`)
      .join('\n')}\n\n${table}\n\nThresholds of the shipped model (chosen on its own out-of-fold predictions):\n\n| label | threshold | judged only where | flagged whatever the probability where |\n|---|---:|---|---|\n${thresholds}\n`,
  );
  process.stdout.write(`\nwrote ${weightsFile} and cv.md\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
