/**
 * Training of the statement model: one L2-regularised logistic regression per label over the features of
 * `features.ts`, fitted by Newton's method (deterministic: the same items give the same weights), its scores
 * calibrated by Platt scaling on out-of-fold predictions, and a threshold per label chosen on those
 * predictions for precision first (best F0.5). Cross-validation splits folds by source document, so that no document
 * is on both sides; the figures it reports are nested (thresholds and calibration chosen without the fold
 * they are measured on). Pure: items in, model and figures out; scripts/train.ts reads and writes files.
 */

export const LABELS = ['tool-as-goal', 'platitude', 'vanity-metric', 'unlinked-tool', 'unmeasurable-goal'] as const;
export type Label = (typeof LABELS)[number];

export interface TrainingItem {
  text: string;
  labels: string[];
  disputed: string[];
  /** The document it was quoted from: folds never split a source. */
  source: string;
  /** The features of `features.ts` (vectors, concepts, structure). */
  dense: Float64Array;
  /** The statement's stems (`statementStems`). */
  stems: string[];
}

/** A training item with its whole feature vector: dense features, then one 0/1 per stem of the vocabulary. */
interface Assembled extends TrainingItem {
  features: Float64Array;
}

/** Minimum number of source documents a stem must appear in to be weighed on its own. */
export const MIN_STEM_SOURCES = 3;

/** The stems that appear in at least `MIN_STEM_SOURCES` source documents, sorted. */
export function vocabularyOf(items: readonly TrainingItem[]): string[] {
  const sources = new Map<string, Set<string>>();
  for (const item of items) {
    for (const s of item.stems) {
      let set = sources.get(s);
      if (!set) sources.set(s, (set = new Set()));
      set.add(item.source);
    }
  }
  return [...sources].filter(([, set]) => set.size >= MIN_STEM_SOURCES).map(([s]) => s).sort();
}

/** Dense features followed by one 0/1 per vocabulary stem. */
export function assemble(dense: Float64Array, stems: readonly string[], vocabulary: ReadonlyMap<string, number>): Float64Array {
  const x = new Float64Array(dense.length + vocabulary.size);
  x.set(dense);
  for (const s of stems) {
    const j = vocabulary.get(s);
    if (j !== undefined) x[dense.length + j] = 1;
  }
  return x;
}

function assembleAll(items: readonly TrainingItem[], vocabulary: readonly string[]): Assembled[] {
  const index = new Map(vocabulary.map((s, j) => [s, j]));
  return items.map((item) => ({ ...item, features: assemble(item.dense, item.stems, index) }));
}

/**
 * A label judged only where structural features have given values. The model of such a label learns from
 * those statements only; elsewhere its probability is 0. A goal in which the measure reading finds no
 * measure is a candidate the model confirms or sets aside; a tool made the aim is looked for only in
 * statements that name a tool (the rule must name it, and configured tool lists then steer it).
 */
export interface Gate {
  feature: string;
  equals: number;
}

export const GATES: Partial<Record<Label, Gate[]>> = {
  'tool-as-goal': [{ feature: 'tool', equals: 1 }],
  'unmeasurable-goal': [{ feature: 'measurable', equals: 0 }],
};

/**
 * Statements flagged whatever the model's probability: where the structural reading itself finds the
 * problem (platitude phrases of weight 2 or more, no numeric target). The platitude list stays part of the
 * decision, as precise as it was, and configured changes to it act directly; the model adds what it misses.
 * (Tried for tools in the aim shapes too: tool-as-goal fell from P .60 R .55 to P .56 R .47 in nested
 * cross-validation, so the model alone judges those.)
 */
export const ALSO: Partial<Record<Label, Gate[]>> = {
  platitude: [{ feature: 'platitude-claim', equals: 1 }],
};

export interface LabelModel {
  gate?: Gate[];
  also?: Gate[];
  bias: number;
  weights: number[];
  /** Platt scaling of the raw score s: p = 1 / (1 + exp(-(a·s + b))). */
  platt: [number, number];
  /** Flag at and above this calibrated probability (the best F0.5 out of fold). */
  threshold: number;
}

export interface TrainOptions {
  folds: number;
  /** Names of the dense features, in order (for the gates). */
  featureNames: readonly string[];
  lambda: number;
}

/** Whether an item counts for a label, and how: 1 positive, 0 negative, undefined not scored (disputed). */
export function target(item: Pick<TrainingItem, 'labels' | 'disputed'>, label: string): 0 | 1 | undefined {
  if (item.disputed.includes(label)) return undefined;
  return item.labels.includes(label) ? 1 : 0;
}

// ------------------------------------------------------------------------------------------- folds
/** FNV-1a of a string: a stable order of sources that does not depend on the order of the file. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Fold of each item: sources, largest first, each to the fold with fewest items so far. */
export function groupedFolds(sources: readonly string[], k: number): number[] {
  const size = new Map<string, number>();
  for (const s of sources) size.set(s, (size.get(s) ?? 0) + 1);
  const order = [...size.keys()].sort((a, b) => (size.get(b) as number) - (size.get(a) as number) || fnv(a) - fnv(b) || (a < b ? -1 : 1));
  const load = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const s of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if ((load[f] as number) < (load[best] as number)) best = f;
    foldOf.set(s, best);
    load[best] = (load[best] as number) + (size.get(s) as number);
  }
  return sources.map((s) => foldOf.get(s) as number);
}

// ------------------------------------------------------------------------------------------- fitting
interface Fit {
  bias: number;
  weights: Float64Array;
}

/** Solves A x = b for a symmetric positive definite A (Cholesky), in place of neither. */
function solve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = A[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (L[i * n + k] as number) * (L[j * n + k] as number);
      if (i === j) L[i * n + i] = Math.sqrt(Math.max(sum, 1e-12));
      else L[i * n + j] = sum / (L[j * n + j] as number);
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (L[i * n + k] as number) * (y[k] as number);
    y[i] = sum / (L[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (L[k * n + i] as number) * (x[k] as number);
    x[i] = sum / (L[i * n + i] as number);
  }
  return x;
}

/** L2 penalty on the bias: negligible beside hundreds of statements, finite on a sample of one class. */
const BIAS_PENALTY = 0.01;

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Logistic regression with an L2 penalty `lambda` on the weights (not the bias), by Newton's method on
 * features scaled to unit standard deviation over `rows`; the weights returned apply to the features as given.
 * Features are not centred: with an unpenalised bias the optimum is the same, and 0/1 stem features stay
 * sparse, so each row's Hessian term costs the square of its non-zero features only.
 */
export function fitLogistic(rows: readonly Float64Array[], ys: readonly number[], lambda: number): Fit {
  const m = rows.length;
  const d = (rows[0] as Float64Array).length;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (r[j] as number) / m;
  for (const r of rows) for (let j = 0; j < d; j++) scale[j] = (scale[j] as number) + ((r[j] as number) - (mean[j] as number)) ** 2 / m;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j] as number) || 1;
  const n = d + 1; // the bias last
  // Each row as its non-zero features (scaled), the bias included.
  const X = rows.map((r) => {
    const at: number[] = [];
    const val: number[] = [];
    for (let j = 0; j < d; j++) {
      const v = r[j] as number;
      if (v !== 0) {
        at.push(j);
        val.push(v / (scale[j] as number));
      }
    }
    at.push(d);
    val.push(1);
    return { at: Int32Array.from(at), val: Float64Array.from(val) };
  });
  /** Log loss plus the L2 penalty, at weights v. */
  const objective = (v: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < m; i++) {
      const { at, val } = X[i] as { at: Int32Array; val: Float64Array };
      let z = 0;
      for (let q = 0; q < at.length; q++) z += (v[at[q] as number] as number) * (val[q] as number);
      // log(1 + e^z) − y·z, computed without overflow
      loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (ys[i] as number) * z;
    }
    let penalty = 0;
    for (let j = 0; j < d; j++) penalty += (v[j] as number) ** 2;
    return loss + (lambda / 2) * penalty + (BIAS_PENALTY / 2) * (v[d] as number) ** 2;
  };
  let w: Float64Array = new Float64Array(n);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Float64Array(n);
    const H = new Float64Array(n * n);
    for (let i = 0; i < m; i++) {
      const { at, val } = X[i] as { at: Int32Array; val: Float64Array };
      let z = 0;
      for (let q = 0; q < at.length; q++) z += (w[at[q] as number] as number) * (val[q] as number);
      const p = sigmoid(z);
      const g = p - (ys[i] as number);
      const h = Math.max(p * (1 - p), 1e-9);
      for (let q = 0; q < at.length; q++) {
        const j = at[q] as number;
        const xj = val[q] as number;
        grad[j] = (grad[j] as number) + g * xj;
        const hx = h * xj;
        const rowAt = j * n;
        for (let r = 0; r <= q; r++) {
          const k = at[r] as number;
          H[rowAt + k] = (H[rowAt + k] as number) + hx * (val[r] as number);
        }
      }
    }
    for (let j = 0; j < d; j++) {
      grad[j] = (grad[j] as number) + lambda * (w[j] as number);
      H[j * n + j] = (H[j * n + j] as number) + lambda;
    }
    // A slight penalty on the bias keeps it finite when every statement judged has the same label.
    grad[d] = (grad[d] as number) + BIAS_PENALTY * (w[d] as number);
    H[d * n + d] = (H[d * n + d] as number) + BIAS_PENALTY;
    // Rows list their features in increasing order, so H was filled at [j][k] with k <= j: mirror it.
    for (let j = 0; j < n; j++) for (let k = j + 1; k < n; k++) H[j * n + k] = H[k * n + j] as number;
    const step = solve(H, grad, n);
    // Damped: the step is halved until the penalised loss does not grow (a full Newton step can overshoot
    // far on small or separable samples).
    const before = objective(w);
    let size = 1;
    let next: Float64Array | undefined;
    for (let halvings = 0; halvings < 40 && !next; halvings++, size /= 2) {
      const trial = new Float64Array(n);
      for (let j = 0; j < n; j++) trial[j] = (w[j] as number) - size * (step[j] as number);
      const after = objective(trial);
      if (Number.isFinite(after) && after <= before + 1e-12) next = trial;
    }
    // No step lowers the loss (the solve lost precision near the optimum): w is as good as it gets.
    if (!next) break;
    let change = 0;
    for (let j = 0; j < n; j++) change = Math.max(change, Math.abs((next[j] as number) - (w[j] as number)));
    w = next;
    if (change < 1e-7) break;
  }
  // Back to the features as given.
  const weights = new Float64Array(d);
  for (let j = 0; j < d; j++) weights[j] = (w[j] as number) / (scale[j] as number);
  return { bias: w[d] as number, weights };
}

export function score(fit: { bias: number; weights: ArrayLike<number> }, x: Float64Array): number {
  let z = fit.bias;
  for (let j = 0; j < x.length; j++) z += (fit.weights[j] as number) * (x[j] as number);
  return z;
}

/** Platt scaling: a and b minimising log loss of sigmoid(a·s + b) (Newton on two parameters, Platt's smoothed targets). */
export function fitPlatt(scores: readonly number[], ys: readonly number[]): [number, number] {
  const pos = ys.filter((y) => y === 1).length;
  const neg = ys.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const loss = (a: number, b: number): number => {
    let sum = 0;
    scores.forEach((s, i) => {
      const t = ys[i] === 1 ? hi : lo;
      const z = a * s + b;
      sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
    });
    return sum;
  };
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    scores.forEach((s, i) => {
      const t = ys[i] === 1 ? hi : lo;
      const p = sigmoid(a * s + b);
      const g = p - t;
      const h = Math.max(p * (1 - p), 1e-12);
      ga += g * s;
      gb += g;
      haa += h * s * s;
      hab += h * s;
      hbb += h;
    });
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-15) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Damped as in fitLogistic: halve the step until the loss does not grow.
    const before = loss(a, b);
    let size = 1;
    while (size > 1e-9 && !(loss(a - size * da, b - size * db) <= before + 1e-12)) size /= 2;
    a -= size * da;
    b -= size * db;
    if (size * (Math.abs(da) + Math.abs(db)) < 1e-10) break;
  }
  return [a, b];
}

export const calibrated = (platt: readonly [number, number], s: number): number => sigmoid(platt[0] * s + platt[1]);

/**
 * The threshold on calibrated probabilities with the best F0.5 (precision weighs twice recall) over the
 * given predictions; between two probabilities it sits halfway. (Choosing the most recall at a set
 * precision, tried first, followed the noise of the few statements flagged at high thresholds: in nested
 * cross-validation the precision it aimed at did not hold and recall collapsed.)
 */
export function chooseThreshold(probs: readonly number[], ys: readonly number[]): number {
  const order = probs.map((p, i) => [p, ys[i] as number] as const).sort((x, y) => y[0] - x[0]);
  const positives = ys.filter((y) => y === 1).length;
  let tp = 0;
  let best = { t: 0.5, f: -1 };
  for (let i = 0; i < order.length; i++) {
    const [p, y] = order[i] as readonly [number, number];
    if (y === 1) tp++;
    const nextP = order[i + 1]?.[0];
    if (nextP !== undefined && nextP === p) continue; // a threshold cannot split equal probabilities
    const t = nextP === undefined ? p / 2 : (p + nextP) / 2;
    const prec = tp / (i + 1);
    const rec = positives === 0 ? 0 : tp / positives;
    const f = prec + rec === 0 ? 0 : (1.25 * prec * rec) / (0.25 * prec + rec);
    if (f > best.f) best = { t, f };
  }
  return Math.min(0.95, Math.max(0.05, best.t));
}

// ------------------------------------------------------------------------------------------- the model
type PlacedGate = Array<Gate & { at: number }>;

/** Conditions with the index of each feature in `featureNames`. */
function placed(conditions: readonly Gate[] | undefined, featureNames: readonly string[]): PlacedGate | undefined {
  return conditions?.map((g) => {
    const at = featureNames.indexOf(g.feature);
    if (at < 0) throw new Error(`no feature ${g.feature}`);
    return { ...g, at };
  });
}

const gateOf = (label: Label, options: TrainOptions): PlacedGate | undefined => placed(GATES[label], options.featureNames);
const alsoOf = (label: Label, options: TrainOptions): PlacedGate | undefined => placed(ALSO[label], options.featureNames);

/** Whether the structural reading alone flags a statement for a label (never, without conditions). */
export function forced(also: PlacedGate | undefined, dense: Float64Array): boolean {
  return also !== undefined && also.every((g) => dense[g.at] === g.equals);
}

/** Whether a statement passes a gate (always, without one). */
export function passes(gate: PlacedGate | undefined, dense: Float64Array): boolean {
  return gate === undefined || gate.every((g) => dense[g.at] === g.equals);
}

function scoredItems(items: readonly Assembled[], label: Label, options: TrainOptions): { rows: Float64Array[]; ys: number[]; at: number[] } {
  const rows: Float64Array[] = [];
  const ys: number[] = [];
  const at: number[] = [];
  const gate = gateOf(label, options);
  items.forEach((item, i) => {
    const y = target(item, label);
    if (y === undefined || !passes(gate, item.dense)) return;
    rows.push(item.features);
    ys.push(y);
    at.push(i);
  });
  return { rows, ys, at };
}

/**
 * Trains one label: weights on all items, calibration and threshold from their out-of-fold scores. The
 * weights apply to the dense features followed by the vocabulary's stems.
 */
function trainAssembled(items: readonly Assembled[], label: Label, options: TrainOptions): LabelModel {
  const { rows, ys, at } = scoredItems(items, label, options);
  const gate = gateOf(label, options);
  const folds = groupedFolds(at.map((i) => (items[i] as Assembled).source), options.folds);
  const oof = new Array<number>(rows.length).fill(0);
  for (let f = 0; f < options.folds; f++) {
    const train = rows.flatMap((_, i) => (folds[i] === f ? [] : [i]));
    if (train.length === 0 || train.length === rows.length) continue;
    const fit = fitLogistic(train.map((i) => rows[i] as Float64Array), train.map((i) => ys[i] as number), options.lambda);
    rows.forEach((r, i) => {
      if (folds[i] === f) oof[i] = score(fit, r);
    });
  }
  const platt = fitPlatt(oof, ys);
  // Statements the structural reading flags anyway count as flagged at every threshold.
  const also = alsoOf(label, options);
  const threshold = chooseThreshold(
    oof.map((s, i) => (forced(also, (items[at[i] as number] as Assembled).dense) ? 1 : calibrated(platt, s))),
    ys,
  );
  const fit = fitLogistic(rows, ys, options.lambda);
  return {
    ...(gate ? { gate: gate.map((g) => ({ feature: g.feature, equals: g.equals })) } : {}),
    ...(also ? { also: also.map((g) => ({ feature: g.feature, equals: g.equals })) } : {}),
    bias: fit.bias, weights: [...fit.weights], platt, threshold };
}

export interface TrainedModel {
  vocabulary: string[];
  labels: Record<Label, LabelModel>;
}

/** Trains every label on the items (the vocabulary taken from them too). */
export function trainModel(items: readonly TrainingItem[], options: TrainOptions): TrainedModel {
  const vocabulary = vocabularyOf(items);
  const assembled = assembleAll(items, vocabulary);
  const labels = {} as Record<Label, LabelModel>;
  for (const label of LABELS) labels[label] = trainAssembled(assembled, label, options);
  return { vocabulary, labels };
}

export interface CrossValidation {
  /** Per label: counts over the held-out folds. */
  rows: Array<{ label: Label; tp: number; fp: number; fn: number }>;
  /** Items labelled good or none (good not disputed), and how many any of the first four labels flagged. */
  clean: number;
  cleanFlagged: number;
  /** Per item, per label: the held-out probability and whether it was flagged. */
  predictions: Array<Record<Label, { p: number; flagged: boolean }>>;
}

const FIRST_FOUR: readonly Label[] = ['tool-as-goal', 'platitude', 'vanity-metric', 'unlinked-tool'];

/**
 * Nested, source-grouped cross-validation: each outer fold is judged by a model trained (weights,
 * calibration and threshold) on the other folds only.
 */
export function crossValidate(items: readonly TrainingItem[], options: TrainOptions): CrossValidation {
  const folds = groupedFolds(items.map((i) => i.source), options.folds);
  const predictions = items.map(() => ({}) as Record<Label, { p: number; flagged: boolean }>);
  for (let f = 0; f < options.folds; f++) {
    const train = items.filter((_, i) => folds[i] !== f);
    const test = items.flatMap((item, i) => (folds[i] === f ? [i] : []));
    if (test.length === 0) continue;
    const model = trainModel(train, options);
    const index = new Map(model.vocabulary.map((s, j) => [s, j]));
    const features = new Map(test.map((i) => [i, assemble((items[i] as TrainingItem).dense, (items[i] as TrainingItem).stems, index)]));
    for (const label of LABELS) {
      const m = model.labels[label];
      const gate = gateOf(label, options);
      const also = alsoOf(label, options);
      for (const i of test) {
        const dense = (items[i] as TrainingItem).dense;
        const p = passes(gate, dense) ? calibrated(m.platt, score(m, features.get(i) as Float64Array)) : 0;
        (predictions[i] as Record<Label, { p: number; flagged: boolean }>)[label] = { p, flagged: forced(also, dense) || (p > 0 && p >= m.threshold) };
      }
    }
  }
  const rows = LABELS.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    items.forEach((item, i) => {
      const y = target(item, label);
      if (y === undefined) return;
      const got = (predictions[i] as Record<Label, { flagged: boolean }>)[label].flagged;
      if (got && y === 1) tp++;
      else if (got) fp++;
      else if (y === 1) fn++;
    });
    return { label, tp, fp, fn };
  });
  let clean = 0;
  let cleanFlagged = 0;
  items.forEach((item, i) => {
    if (!(item.labels.includes('good') || item.labels.includes('none')) || item.disputed.includes('good')) return;
    clean++;
    if (FIRST_FOUR.some((l) => (predictions[i] as Record<Label, { flagged: boolean }>)[l].flagged)) cleanFlagged++;
  });
  return { rows, clean, cleanFlagged, predictions };
}

const ratio = (a: number, b: number): string => (b === 0 ? '–' : (a / b).toFixed(2));

/** The cross-validation as a Markdown table. */
export function cvTable(cv: CrossValidation): string {
  const lines = ['| label | TP | FP | FN | precision | recall | F1 |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const r of cv.rows) {
    const f1 = r.tp === 0 ? 0 : (2 * r.tp) / (2 * r.tp + r.fp + r.fn);
    lines.push(`| ${r.label} | ${r.tp} | ${r.fp} | ${r.fn} | ${ratio(r.tp, r.tp + r.fp)} | ${ratio(r.tp, r.tp + r.fn)} | ${f1.toFixed(2)} |`);
  }
  lines.push('', `good/none statements flagged by ${FIRST_FOUR.join(', ')}: ${cv.cleanFlagged} of ${cv.clean} (${((100 * cv.cleanFlagged) / Math.max(1, cv.clean)).toFixed(1)}%)`);
  return lines.join('\n');
}
