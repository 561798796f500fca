/**
 * Property tests (fast-check): for random, plan-like, HTML and Word documents and the fixtures mutated,
 * planlint never throws, every finding's range lies inside the document (its text the text at that range),
 * the same input gives the same output, and LF, CRLF and CR line endings give the same findings at the same
 * places; reports parse back and file bytes in any encoding never cause an internal error.
 *
 * The properties are those of `npm run fuzz` (scripts/fuzz.ts), run here with a fixed seed and a few
 * cases each so that `npm test` stays fast and repeatable; the fuzz run tries thousands of new cases.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lintText, parseDocument } from '../src/index.js';
import { checkResult, endingFree, FIXTURES, lineTable, mixEndings, mutate, planLike, PROPERTIES, withEndings, type Case } from '../scripts/fuzz.js';

/** Fixed, so that `npm test` checks the same cases every time; `npm run fuzz` picks a new seed each run. */
const SEED = 20260707;

describe('properties (fast-check)', () => {
  for (const p of PROPERTIES) {
    it(`${p.name}: ${p.description}`, async () => {
      const outcome = await p.run({ numRuns: p.testRuns, seed: SEED });
      if (outcome.failed) throw new Error(`${p.name} failed: ${outcome.error}\ncounterexample: ${outcome.counterexample}\n\n${outcome.report}`);
      expect(outcome.numRuns).toBe(p.testRuns);
    });
  }
});

describe('the checks themselves', () => {
  const plan = (source: string, format: Case['format'] = 'markdown'): Case => ({ source, format, preset: 'recommended', unused: false, inlineConfig: true });

  it('lines end at LF, CRLF and CR', () => {
    expect(lineTable('a\r\nbc\rd\n\ne')).toEqual({ starts: [0, 3, 6, 8, 9], lengths: [1, 2, 1, 0, 1] });
    expect(lineTable('')).toEqual({ starts: [0], lengths: [0] });
  });

  it('a finding outside the document, or whose text is not the source there, fails the check', () => {
    const source = '## Goals\n\n- Become the leader in social media\n';
    const r = lintText(source, { filePath: 'plan.md' });
    expect(r.findings.length).toBeGreaterThan(0);
    expect(() => checkResult(plan(source), r)).not.toThrow();
    const f = r.findings[0]!;
    const bad = (change: Partial<typeof f>): typeof r => ({ ...r, findings: [{ ...f, ...change }, ...r.findings.slice(1)] });
    expect(() => checkResult(plan(source), bad({ line: 99 }))).toThrow(/outside/);
    expect(() => checkResult(plan(source), bad({ endColumn: 200 }))).toThrow(/outside/);
    expect(() => checkResult(plan(source), bad({ text: 'nope' }))).toThrow(/text is not the source/);
    expect(() => checkResult(plan(source), bad({ endLine: f.line, endColumn: f.column - 1 }))).toThrow(/ends before it starts|text is not/);
  });

  it('line endings are compared with line breaks in texts read as LF', () => {
    const source = '## Goals\n\n- Become the leader\n  in social media\n';
    const lf = lintText(source, { filePath: 'plan.md' });
    const crlf = lintText(withEndings(source, '\r\n'), { filePath: 'plan.md' });
    expect(lf.findings.some((f) => f.text.includes('\n'))).toBe(true);
    expect(endingFree(crlf)).toEqual(endingFree(lf));
    // Mixed endings never merge two line breaks into one CRLF.
    expect(mixEndings('a\r\n\rb\nc', ['\r', '\n'])).toBe('a\r\r\nb\rc');
    expect(lineTable(mixEndings('a\n\nb\n', ['\r', '\n'])).lengths).toEqual(lineTable('a\n\nb\n').lengths);
  });

  it('mutations change the fixtures, and plan-like documents hold findings', () => {
    const fixture = FIXTURES[0]!;
    expect(FIXTURES.length).toBeGreaterThan(20);
    expect(mutate(fixture.text, [{ kind: 'delete-line', at: 0 }])).not.toBe(fixture.text);
    expect(mutate('a\nb\n', [{ kind: 'duplicate-line', at: 1 }])).toBe('a\nb\nb\n');
    expect(mutate('a\nb\n', [{ kind: 'line-endings', eol: '\r\n' }])).toBe('a\r\nb\r\n');
    const samples = fc.sample(planLike, { numRuns: 40, seed: SEED });
    const flagged = samples.filter((s) => lintText(s, { filePath: 'plan.md' }).findings.length > 0);
    expect(flagged.length).toBeGreaterThan(10);
  });

  it('parseDocument: statement ranges lie inside the document whatever the input', () => {
    fc.assert(
      fc.property(planLike, fc.constantFrom('markdown' as const, 'text' as const, 'html' as const), (source, format) => {
        const doc = parseDocument(source, format);
        const { lengths } = lineTable(source);
        for (const s of doc.statements) {
          for (const p of [s.range.start, s.range.end]) {
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.line).toBeLessThanOrEqual(lengths.length);
            expect(p.column).toBeGreaterThanOrEqual(1);
            expect(p.column).toBeLessThanOrEqual(lengths[p.line - 1]! + 1);
            expect(p.offset).toBeGreaterThanOrEqual(0);
            expect(p.offset).toBeLessThanOrEqual(source.length);
          }
          expect(s.range.start.offset).toBeLessThanOrEqual(s.range.end.offset);
        }
      }),
      { numRuns: 60, seed: SEED },
    );
  });
});
