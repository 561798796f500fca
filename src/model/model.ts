/**
 * The statement model at lint time: rules/data/model/weights.json (written by `npm run train`, validated
 * when loaded) applied to a statement's features. One calibrated probability per label per statement,
 * computed once per statement and shared by the rules; each rule compares it with its `threshold` option
 * (default: the threshold training chose for precision first).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../analysis.js';
import { dataDir } from '../paths.js';
import type { Statement } from '../types.js';
import type { Word } from '../words.js';
import { featureLayout, statementFeatures, type StatementFeatures } from './features.js';
import { assemble, calibrated, LABELS, score, type Gate, type Label, type LabelModel } from './train.js';
import { ModelDataError, wordVectors } from './vectors.js';

export const MODEL_FORMAT = 1;

export interface ModelFile {
  description: string;
  format: number;
  /** Names of the features, in order: must be those `features.ts` computes. */
  features: string[];
  /** Stems weighed one by one, after the features (a 0/1 each). */
  vocabulary: string[];
  /** SHA-256 of the vectors file the model was trained with. */
  vectors: string;
  training: { files: Array<{ name: string; sha256: string; statements: number }>; folds: number; lambda: number };
  labels: Record<Label, LabelModel>;
}

let loaded: LoadedModel | undefined;

export interface LoadedModel extends ModelFile {
  /** Stem → its place in the vocabulary. */
  stemIndex: Map<string, number>;
}

/** Checks a model file's content; `name` is used in errors. */
export function validateModel(data: unknown, name: string, featureNames: readonly string[]): LoadedModel {
  const bad = (why: string): never => {
    throw new ModelDataError(`${name}: ${why}`);
  };
  if (typeof data !== 'object' || data === null) bad('not a JSON object');
  const m = data as Partial<ModelFile>;
  if (m.format !== MODEL_FORMAT) bad(`format ${String(m.format)}, expected ${MODEL_FORMAT} (retrain with npm run train)`);
  if (!Array.isArray(m.features) || m.features.length !== featureNames.length || m.features.some((f, i) => f !== featureNames[i])) {
    bad('its features are not those this version computes (retrain with npm run train)');
  }
  if (!Array.isArray(m.vocabulary) || !m.vocabulary.every((s) => typeof s === 'string' && s !== '') || new Set(m.vocabulary).size !== m.vocabulary.length) {
    bad('"vocabulary" must be a list of distinct stems');
  }
  const width = featureNames.length + (m.vocabulary as string[]).length;
  if (typeof m.labels !== 'object' || m.labels === null) bad('no "labels"');
  for (const label of LABELS) {
    const l = (m.labels as Partial<Record<Label, LabelModel>>)[label];
    if (!l) bad(`no model for label ${label}`);
    const lm = l as LabelModel;
    const finite = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x);
    if (!finite(lm.bias) || !Array.isArray(lm.weights) || lm.weights.length !== width || !lm.weights.every(finite)) {
      bad(`label ${label}: bias and ${width} finite weights expected`);
    }
    if (!Array.isArray(lm.platt) || lm.platt.length !== 2 || !lm.platt.every(finite)) bad(`label ${label}: "platt" must be two numbers`);
    if (!finite(lm.threshold) || lm.threshold <= 0 || lm.threshold >= 1) bad(`label ${label}: "threshold" must be between 0 and 1`);
    for (const key of ['gate', 'also'] as const) {
      const conditions = lm[key];
      if (conditions !== undefined && !(Array.isArray(conditions) && conditions.every((g) => featureNames.includes(g.feature) && finite(g.equals)))) {
        bad(`label ${label}: "${key}" must list features of the model with the value each must have`);
      }
    }
  }
  const file = m as ModelFile;
  return { ...file, stemIndex: new Map(file.vocabulary.map((s, j) => [s, j])) };
}

/** The bundled model, read and checked on first use. */
export function statementModel(): LoadedModel {
  if (!loaded) {
    const file = path.join(dataDir(), 'model', 'weights.json');
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ModelDataError(`${file}: ${(e as Error).message}`);
    }
    loaded = validateModel(data, file, featureLayout(wordVectors()).names);
  }
  return loaded;
}

export interface Judgement {
  /** Calibrated probability of each label. */
  p: Record<Label, number>;
  features: StatementFeatures;
}

const cache = new WeakMap<Statement, Judgement>();

/** The model's probabilities for a statement (computed once per statement). */
export function judge(statement: Statement): Judgement {
  let j = cache.get(statement);
  if (!j) {
    j = judgeFeatures(statementFeatures(statement.text, analyze(statement)));
    cache.set(statement, j);
  }
  return j;
}

export function judgeFeatures(features: StatementFeatures, model: LoadedModel = statementModel()): Judgement {
  const p = {} as Record<Label, number>;
  const x = assemble(features.values, features.stems, model.stemIndex);
  for (const label of LABELS) {
    const lm = model.labels[label];
    p[label] = calibrated(lm.platt, score(lm, x));
  }
  return { p, features };
}

/** The model's default threshold for a label. */
export function defaultThreshold(label: Label): number {
  return statementModel().labels[label].threshold;
}

/**
 * The words that pushed a label's score up most, strongest first: each word's share of the mean vectors
 * times the label's weights for them.
 */
export function drivingWords(j: Judgement, label: Label, count = 1): Word[] {
  const model = statementModel();
  const lm = model.labels[label];
  const vectors = wordVectors();
  const dense = j.features.values.length;
  const dims = vectors.dims;
  const total = j.features.vectorWords.reduce((s, w) => s + w.weight, 0) || 1;
  const scored = j.features.vectorWords.map((vw) => {
    const v = vectors.vector(vw.index);
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += (lm.weights[d] as number) * (v[d] as number);
    const stem = model.stemIndex.get(vw.word.key);
    return { word: vw.word, push: (vw.weight / total) * dot + (stem === undefined ? 0 : (lm.weights[dense + stem] as number)) };
  });
  return scored
    .filter((s) => s.push > 0)
    .sort((a, b) => b.push - a.push || a.word.start - b.word.start)
    .slice(0, count)
    .map((s) => s.word);
}

export interface Verdict {
  /** The model's calibrated probability, rounded to three decimals (0 where the label's gate is closed). */
  p: number;
  /**
   * Whether the statement is flagged: the structural reading finds the problem itself (`ALSO` in
   * train.ts), or the probability reaches the threshold (the rule's option, else the model's).
   */
  flagged: boolean;
  judgement: Judgement;
}

/** Whether every condition holds for the statement (none: true). */
function holds(conditions: readonly Gate[], j: Judgement, model: LoadedModel): boolean {
  return conditions.every((g) => j.features.values[model.features.indexOf(g.feature)] === g.equals);
}

/**
 * The model's verdict on a statement for a label: the probability and whether it reaches `threshold`
 * (a rule's `threshold` option; null or undefined for the model's own).
 */
export function verdict(statement: Statement, label: Label, threshold: unknown): Verdict {
  const model = statementModel();
  const lm = model.labels[label];
  const judgement = judge(statement);
  const p = holds(lm.gate ?? [], judgement, model) ? judgement.p[label] : 0;
  const t = typeof threshold === 'number' ? threshold : lm.threshold;
  return { p: Math.round(p * 1000) / 1000, flagged: (lm.also !== undefined && holds(lm.also, judgement, model)) || (p > 0 && p >= t), judgement };
}

/** The `threshold` option of the rules the model judges. */
export const THRESHOLD_OPTION = {
  threshold: {
    type: 'probability',
    default: null,
    description: "Report when the statement model's probability is at least this (0–1); null keeps the threshold training chose (rules/data/model/cv.md)",
  },
} as const;
