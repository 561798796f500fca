import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText, parseDocument } from '../src/index.js';
import { featureLayout } from '../src/model/features.js';
import { judge, statementModel, validateModel } from '../src/model/model.js';
import { chooseThreshold, fitLogistic, groupedFolds, LABELS, score } from '../src/model/train.js';
import { decodeVectors, ModelDataError, wordVectors } from '../src/model/vectors.js';
import { ROOT } from './helpers.js';

const goal = (text: string): string => `## Strategic objectives\n\n- ${text}\n`;
const findingsOf = (text: string, rules: Record<string, unknown> = {}, lexicons?: Record<string, unknown>) =>
  lintText(goal(text), { filePath: 'plan.md', rules: rules as never, ...(lexicons ? { lexicons: lexicons as never } : {}) }).findings;

describe('statement model: the bundled data', () => {
  it('loads the vectors and weights, checked against the features this version computes', () => {
    const vectors = wordVectors();
    expect(vectors.dims).toBe(100);
    expect(vectors.size).toBeGreaterThan(30_000);
    const v = vectors.vector(vectors.index.get('website') as number);
    expect(Math.hypot(...v)).toBeCloseTo(1, 1);
    const model = statementModel();
    expect(model.features).toEqual(featureLayout().names);
    for (const label of LABELS) expect(model.labels[label].weights).toHaveLength(model.features.length + model.vocabulary.length);
  });

  it('gives a probability for every label of every statement', () => {
    const doc = parseDocument(goal('Become a leader in social media') + '- Cut the wait for a hip operation from 40 to 18 weeks by 2027\n', 'markdown');
    expect(doc.statements).toHaveLength(2);
    for (const s of doc.statements) {
      const j = judge(s);
      for (const label of LABELS) {
        expect(j.p[label]).toBeGreaterThanOrEqual(0);
        expect(j.p[label]).toBeLessThanOrEqual(1);
      }
    }
    const [tool, measured] = doc.statements.map((s) => judge(s).p);
    // A channel made the aim against a dated, measured outcome for patients.
    expect(tool?.['tool-as-goal']).toBeGreaterThan(measured?.['tool-as-goal'] as number);
    expect(measured?.['unmeasurable-goal']).toBeLessThan(tool?.['unmeasurable-goal'] as number);
  });

  it('refuses a weights file that does not fit, naming it and the problem', () => {
    const names = featureLayout().names;
    const good = JSON.parse(readFileSync(path.join(ROOT, 'rules/data/model/weights.json'), 'utf8')) as Record<string, unknown>;
    expect(() => validateModel(good, 'w.json', names)).not.toThrow();
    expect(() => validateModel({ ...good, format: 99 }, 'w.json', names)).toThrow(/^w\.json: format 99/);
    expect(() => validateModel(good, 'w.json', names.slice(1))).toThrow(/w\.json: its features are not those this version computes/);
    const labels = good.labels as Record<string, Record<string, unknown>>;
    const broken = { ...good, labels: { ...labels, platitude: { ...labels.platitude, threshold: 1.5 } } };
    expect(() => validateModel(broken, 'w.json', names)).toThrow(/label platitude: "threshold" must be between 0 and 1/);
    const short = { ...good, labels: { ...labels, 'vanity-metric': { ...labels['vanity-metric'], weights: [1, 2] } } };
    expect(() => validateModel(short, 'w.json', names)).toThrow(/label vanity-metric: bias and \d+ finite weights expected/);
  });

  it('refuses a vectors file whose header or sizes are wrong', () => {
    const buf = readFileSync(path.join(ROOT, 'rules/data/model/vectors.bin'));
    expect(() => decodeVectors(Buffer.from('not vectors at all, really'), 'v.bin')).toThrow(ModelDataError);
    expect(() => decodeVectors(buf.subarray(0, buf.length - 1), 'v.bin')).toThrow(/^v\.bin: sizes do not add up/);
  });

  it('the vectors file is the one vectors.json describes', async () => {
    const { createHash } = await import('node:crypto');
    const meta = JSON.parse(readFileSync(path.join(ROOT, 'rules/data/model/vectors.json'), 'utf8')) as { sha256: string };
    const sha = createHash('sha256').update(readFileSync(path.join(ROOT, 'rules/data/model/vectors.bin'))).digest('hex');
    expect(sha).toBe(meta.sha256);
    expect(statementModel().vectors).toBe(meta.sha256);
  });
});

describe('statement model: rules', () => {
  it('reports the probability with the finding, and the threshold option flips it', () => {
    const text = 'Become a leader in social media';
    const found = findingsOf(text, { 'no-tool-as-goal': ['error', { threshold: 0.01 }] }).filter((f) => f.ruleId === 'no-tool-as-goal');
    expect(found).toHaveLength(1);
    const p = found[0]?.probability as number;
    expect(p).toBeGreaterThan(0.01);
    expect(found[0]?.message).toContain('makes a tool (social media) the goal');
    const above = Math.min(0.999, p + 0.001);
    expect(findingsOf(text, { 'no-tool-as-goal': ['error', { threshold: above }] }).some((f) => f.ruleId === 'no-tool-as-goal')).toBe(false);
    expect(findingsOf(text, { 'no-tool-as-goal': ['error', { threshold: Math.max(0.001, p - 0.001) }] }).some((f) => f.ruleId === 'no-tool-as-goal')).toBe(true);
  });

  it('rejects a threshold outside (0, 1)', () => {
    expect(() => findingsOf('Grow sales', { 'no-platitude': ['warning', { threshold: 1 }] })).toThrow(/option "threshold" must be a number between 0 and 1/);
  });

  it('configured lexicon changes still steer tool-as-goal: the tool must be one planlint knows', () => {
    const low = { 'no-tool-as-goal': ['error', { threshold: 0.01 }] };
    const invented = 'Roll out Quoxel in every office';
    expect(findingsOf(invented, low).some((f) => f.ruleId === 'no-tool-as-goal')).toBe(false);
    const added = findingsOf(invented, low, { tools: { add: ['quoxel'] } }).filter((f) => f.ruleId === 'no-tool-as-goal');
    expect(added).toHaveLength(1);
    expect(added[0]?.message).toContain('makes a tool (Quoxel) the goal');
    expect(findingsOf('Become a leader in social media', low, { tools: { remove: ['social media', 'social', 'media'] } }).some((f) => f.ruleId === 'no-tool-as-goal')).toBe(
      false,
    );
  });

  it('a measure the reading finds closes the unmeasurable gate whatever the threshold', () => {
    const low = { 'require-measurable-goal': ['warning', { threshold: 0.01 }] };
    expect(findingsOf('Improve the experience of residents', low).some((f) => f.ruleId === 'require-measurable-goal')).toBe(true);
    expect(findingsOf('Improve resident satisfaction from 61% to 75% by 2028', low).some((f) => f.ruleId === 'require-measurable-goal')).toBe(false);
  });
});

describe('statement model: training', () => {
  it('fits a separable problem and scores in the right order', () => {
    const rows = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => Float64Array.from([i, i % 2]));
    const ys = [0, 0, 0, 0, 1, 1, 1, 1];
    const fit = fitLogistic(rows, ys, 1);
    const scores = rows.map((r) => score(fit, r));
    expect(scores[7]).toBeGreaterThan(scores[0] as number);
    expect(Math.min(...scores.slice(4))).toBeGreaterThan(Math.max(...scores.slice(0, 4)));
  });

  it('never splits a source across folds', () => {
    const sources = ['a', 'a', 'b', 'c', 'c', 'c', 'd', 'e', 'e', 'f'];
    const folds = groupedFolds(sources, 3);
    for (const s of new Set(sources)) expect(new Set(folds.filter((_, i) => sources[i] === s)).size).toBe(1);
    expect(new Set(folds).size).toBe(3);
  });

  it('chooses the threshold with the best F0.5', () => {
    expect(chooseThreshold([0.9, 0.8, 0.7, 0.2, 0.1], [1, 1, 0, 0, 0])).toBeCloseTo(0.75);
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'planlint-train-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('`npm run train` on a small invented sample prints the cross-validation and writes the same weights twice', () => {
    const tool = ['Launch a new mobile app', 'Become a leader in social media', 'Deploy a chatbot on the website', 'Roll out the new intranet', 'Be present on every social network', 'Implement a data lake'];
    const plat = ['Put customers at the heart of everything we do', 'Be a world-class organisation', 'Strive for excellence in all we do', 'Embrace innovation and change', 'Be the best place to work', 'Deliver outstanding quality'];
    const vanity = ['Reach 50,000 followers on Instagram', 'Double app downloads this year', 'Get one million page views', 'Grow our newsletter sign-ups by 40%', 'Win 10,000 likes per post', 'Increase website visits by half'];
    const good = ['Cut the wait for a GP appointment from 9 to 3 days by 2027', 'Raise the share of tenants whose repairs are done first time from 60% to 85%', 'Halve the number of pupils leaving school without a qualification by 2028', 'Reduce bus journey times on the five busiest routes by 10% by 2026', 'Lift the reading age of year 7 pupils to their actual age within two years', 'Answer 90% of calls from residents within one minute by March'];
    const lines: string[] = [];
    const add = (texts: string[], labels: string[]): void => texts.forEach((text, i) => lines.push(JSON.stringify({ text, labels, source: `${labels[0]}-${i % 3}` })));
    add(tool, ['tool-as-goal', 'unlinked-tool', 'unmeasurable-goal']);
    add(plat, ['platitude', 'unmeasurable-goal']);
    add(vanity, ['vanity-metric']);
    add(good, ['good']);
    const corpus = path.join(dir, 'sample.jsonl');
    writeFileSync(corpus, lines.join('\n') + '\n');
    const run = (out: string, ...extra: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, 'dist/scripts/train.js'), corpus, '--folds', '3', '--out', out, ...extra], { encoding: 'utf8' });
    const first = run(path.join(dir, 'one'));
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^24 statements from 12 source documents \(sample\.jsonl\); 3 folds split by source/);
    for (const label of LABELS) expect(first.stdout).toMatch(new RegExp(`\\| ${label} \\| \\d+ \\| \\d+ \\| \\d+ \\| [\\d.–]+ \\| [\\d.–]+ \\| [\\d.]+ \\|`));
    expect(first.stdout).toMatch(/good\/none statements flagged by .*: \d+ of 6/);
    const second = run(path.join(dir, 'two'));
    expect(second.status).toBe(0);
    const weights = readFileSync(path.join(dir, 'one', 'weights.json'), 'utf8');
    expect(readFileSync(path.join(dir, 'two', 'weights.json'), 'utf8')).toBe(weights);
    const model = validateModel(JSON.parse(weights), 'sample weights', featureLayout().names);
    expect(model.training.files[0]?.statements).toBe(24);
    expect(readFileSync(path.join(dir, 'one', 'cv.md'), 'utf8')).toContain('| tool-as-goal |');
    expect(run(path.join(dir, 'one'), '--check').status).toBe(0);
    const bad = spawnSync(process.execPath, [path.join(ROOT, 'dist/scripts/train.js'), path.join(dir, 'missing.jsonl'), '--out', dir], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^train: .*missing\.jsonl/);
  });
});
