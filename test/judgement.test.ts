import { describe, expect, it } from 'vitest';
import { closestRuleId, lintText, mapText, resolveRules, rules, SettingsError } from '../src/index.js';
import { readFixture } from './helpers.js';

const ids = (text: string, options: Parameters<typeof lintText>[1] = {}): string[] => lintText(text, options).findings.map((f) => f.ruleId);

describe('presets and rule settings', () => {
  it('starts from recommended: the require-* rules are off there and on in strict', () => {
    const goal = '## Goals\n\n1. Reduce operating costs by 12% by 2027.\n';
    expect(ids(goal)).not.toContain('require-stakeholder');
    expect(ids(goal, { preset: 'strict' })).toContain('require-stakeholder');
    expect(ids(goal, { preset: 'strict', rules: { 'require-stakeholder': 'off' } })).not.toContain('require-stakeholder');
    for (const id of ['require-owner', 'require-diagnosis', 'require-stakeholder']) {
      expect(rules.find((r) => r.meta.id === id)?.meta.presets).toEqual({ recommended: 'off', strict: 'warning' });
    }
  });

  it('takes levels as off|info|warning|error (and warn), counts info apart, and never fails on info', () => {
    const r = lintText('## Goals\n\n- Become a leader in social media\n', {
      rules: { 'no-tool-as-goal': 'info', 'require-measurable-goal': ['warn', { threshold: 0.01 }] },
    });
    const tool = r.findings.find((f) => f.ruleId === 'no-tool-as-goal');
    expect(tool?.severity).toBe('info');
    expect(r.findings.find((f) => f.ruleId === 'require-measurable-goal')?.severity).toBe('warning');
    expect(r.errorCount).toBe(0);
    expect(r.infoCount).toBe(1);
  });

  it('validates options against the rule and fills in defaults', () => {
    const eight = `## Goals\n\n${Array.from({ length: 8 }, (_, i) => `${i + 1}. Cut waiting time ${i + 1} by 10% by 2027 for patients`).join('\n')}\n`;
    expect(ids(eight)).toContain('max-priorities');
    expect(ids(eight, { rules: { 'max-priorities': ['warning', { max: 8 }] } })).not.toContain('max-priorities');
    expect(lintText(eight).findings.find((f) => f.ruleId === 'max-priorities')?.message).toMatch(/lists 8 top-level priorities.*at most 5/);
    expect(() => lintText(eight, { rules: { 'max-priorities': ['warning', { max: 0 }] } })).toThrow(/option "max" must be a whole number of at least 1/);
    expect(() => lintText(eight, { rules: { 'max-priorities': ['warning', { maximum: 3 }] } })).toThrow(/unknown option "maximum" \(options: max\)/);
    expect(() => lintText(eight, { rules: { 'no-platitude': 'loud' as 'error' } })).toThrow(SettingsError);
  });

  it('names the closest rule when an id is misspelt', () => {
    expect(closestRuleId('no-platitudes')).toBe('no-platitude');
    expect(closestRuleId('something-else-entirely')).toBeUndefined();
    expect(() => resolveRules('recommended', { 'no-buzzwords': 'off' })).toThrow(/unknown rule "no-buzzwords" \(did you mean "no-buzzword"\?\)/);
  });
});

describe('no-buzzword', () => {
  it('reports the phrase, offers the plain word, and honours `allow`', () => {
    const text = '## Initiatives\n\n- Leverage the new timetable system so that passengers wait less than 10 minutes by 2026\n';
    const f = lintText(text).findings.find((x) => x.ruleId === 'no-buzzword');
    expect(f).toMatchObject({ text: 'Leverage', line: 3, column: 3 });
    expect(f?.message).toContain('Write "use" instead');
    expect(f?.suggestion).toBe('Use the new timetable system so that passengers wait less than 10 minutes by 2026');
    expect(ids(text, { rules: { 'no-buzzword': ['warning', { allow: ['leverage'] }] } })).not.toContain('no-buzzword');
  });

  it('leaves a statement no-platitude already reports to that rule', () => {
    expect(ids('## Goals\n\n- Foster a holistic culture of excellence\n')).toEqual(expect.arrayContaining(['no-platitude']));
    expect(ids('## Goals\n\n- Foster a holistic culture of excellence\n')).not.toContain('no-buzzword');
  });
});

describe('no-trend-justification', () => {
  it('reports the reason from its connector and builds the rewrite from the initiative', () => {
    const f = lintText('## Initiatives\n\n- Open a TikTok account for the shop by 2026 because everyone else is on it\n').findings.find(
      (x) => x.ruleId === 'no-trend-justification',
    );
    expect(f?.text).toBe('because everyone else is on it');
    expect(f?.suggestion).toBe('Open a TikTok account for the shop by 2026 because <business problem, for whom, with a figure>; success is <metric> by <date>');
  });

  it('does not report a reason set aside, or peer words that give no reason', () => {
    expect(ids('## Initiatives\n\n- Use TikTok, not because everyone is on it but because 40% of applicants find us there\n')).not.toContain('no-trend-justification');
    expect(ids('## Initiatives\n\n- Make sure everyone is using the new rota app by May 2026\n')).not.toContain('no-trend-justification');
  });
});

describe('score', () => {
  const scoreOf = (file: string): number => lintText(readFixture(file), { filePath: file }).score?.score ?? -1;

  it('scores the strong sample above 80 and the weak one below 40, the mixed one between', () => {
    expect(scoreOf('fixtures/plans/strong-plan.md')).toBeGreaterThan(80);
    expect(scoreOf('fixtures/plans/weak-plan.md')).toBeLessThan(40);
    const mixed = scoreOf('fixtures/plans/mixed-plan.md');
    expect(mixed).toBeGreaterThan(scoreOf('fixtures/plans/weak-plan.md'));
    expect(mixed).toBeLessThan(scoreOf('fixtures/plans/strong-plan.md'));
  });

  it('judges the plan the same whatever rules are switched on', () => {
    const text = readFixture('fixtures/plans/weak-plan.md');
    const all = lintText(text).score;
    const none = lintText(text, { rules: Object.fromEntries(rules.map((r) => [r.meta.id, 'off' as const])) });
    expect(none.findings).toEqual([]);
    expect(none.score).toEqual(all);
  });

  it('tallies four categories that add up to the score', () => {
    const score = lintText(readFixture('fixtures/plans/mixed-plan.md')).score;
    expect(Object.keys(score?.categories ?? {})).toEqual(['focus', 'stakeholder-value', 'measurability', 'substance']);
    const sum = Object.values(score?.categories ?? {}).reduce((s, c) => s + c.score, 0);
    expect(Math.abs(sum - (score?.score ?? 0))).toBeLessThanOrEqual(0.5);
    expect(score?.categories.measurability.failed).toBeGreaterThan(0);
  });

  it('gives a plan with no goals nothing for focus', () => {
    expect(lintText('Our office moved to Leeds in 2024.\n').score?.categories.focus.score).toBe(0);
  });
});

describe('value map', () => {
  it('shows social media linked to nobody in the weak sample, and the stakeholder groups it never names', () => {
    const map = mapText(readFixture('fixtures/plans/weak-plan.md'));
    const social = map.tools.find((t) => t.name === 'social media');
    expect(social).toMatchObject({ linked: false, stakeholders: [], values: [] });
    expect(social?.mentions.map((m) => m.line)).toEqual([11]);
    expect(map.groupsMentioned).toEqual(['customers', 'employees']);
    expect(map.groupsMissing).toEqual(expect.arrayContaining(['partners', 'suppliers']));
  });

  it('links a tool to the stakeholders and outcome its statement names, with lines', () => {
    const map = mapText('## Initiatives\n\n- Launch an app so that tenants can report repairs in under two minutes by 2026\n');
    expect(map.tools).toHaveLength(1);
    expect(map.tools[0]).toMatchObject({ name: 'app', linked: true, stakeholders: [{ text: 'tenants', lines: [3] }] });
    expect(map.tools[0]?.values[0]?.text).toMatch(/tenants can report repairs/);
  });

  it('agrees with no-unlinked-tool: the rule reports only tools the map finds unlinked, and all of them when the model passes every statement', () => {
    const text = readFixture('fixtures/plans/mixed-plan.md');
    const unlinked = mapText(text).tools.filter((t) => !t.linked);
    const reported = lintText(text).findings.filter((f) => f.ruleId === 'no-unlinked-tool');
    for (const f of reported) expect(unlinked.map((t) => t.name.toLowerCase())).toContain(f.text.toLowerCase());
    const all = lintText(text, { rules: { 'no-unlinked-tool': ['warning', { threshold: 0.001 }] } }).findings.filter((f) => f.ruleId === 'no-unlinked-tool');
    expect(all).toHaveLength(unlinked.length);
  });
});
