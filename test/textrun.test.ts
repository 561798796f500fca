/**
 * TextRun keeps its source offsets as segments. Every offset it answers must be the one a plain list of
 * one offset per character gives, for any sequence of appends and slices.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextRun } from '../src/source.js';

/** The reference: one offset per character, as TextRun kept them before segments. */
class PlainRun {
  text = '';
  offsets: number[] = [];
  verbatim(text: string, at: number): void {
    for (let i = 0; i < text.length; i++) this.offsets.push(at + i);
    this.text += text;
  }
  aligned(text: string, source: string, start: number, end: number): void {
    if (source.slice(start, end) === text) return this.verbatim(text, start);
    let s = start;
    for (let i = 0; i < text.length; i++) {
      let k = s;
      const limit = Math.min(end, s + 16);
      while (k < limit && source[k] !== text[i]) k++;
      if (k < limit) {
        this.offsets.push(k);
        s = k + 1;
      } else {
        this.offsets.push(Math.min(s, Math.max(start, end - 1)));
      }
    }
    this.text += text;
  }
  mapped(text: string, offsets: number[]): void {
    for (let i = 0; i < text.length; i++) this.offsets.push(offsets[i] ?? offsets[offsets.length - 1] ?? 0);
    this.text += text;
  }
  gap(text: string, at: number): void {
    for (let i = 0; i < text.length; i++) this.offsets.push(at);
    this.text += text;
  }
  offset(i: number): number {
    if (this.offsets.length === 0) return 0;
    if (i >= this.offsets.length) return (this.offsets[this.offsets.length - 1] as number) + 1;
    return this.offsets[Math.max(0, i)] as number;
  }
  slice(start: number, end: number): PlainRun {
    const run = new PlainRun();
    run.text = this.text.slice(start, end);
    run.offsets = this.offsets.slice(start, end);
    return run;
  }
}

const RUNS = Number(process.env.PLANLINT_TEXTRUN_RUNS ?? 5000);

const SOURCE = 'Grow the share of tenants\\* who *report* repairs online\n  from 20% to 60% by 2027. ';

type Op =
  | { kind: 'verbatim'; text: string; at: number }
  | { kind: 'aligned'; text: string; start: number; end: number }
  | { kind: 'mapped'; text: string; offsets: number[] }
  | { kind: 'gap'; text: string; at: number };

const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '*', '\n', 'G', 'r', 'o', 'w'), maxLength: 6 });
const at = fc.integer({ min: 0, max: SOURCE.length });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('verbatim' as const), text, at }),
  fc.record({ kind: fc.constant('aligned' as const), text, start: at, end: at }).map((o) => ({ ...o, start: Math.min(o.start, o.end), end: Math.max(o.start, o.end) })),
  // Aligned text taken from the source, verbatim or with a character dropped, as an escape would be.
  fc.record({ kind: fc.constant('aligned' as const), start: at, len: fc.integer({ min: 0, max: 12 }), drop: fc.integer({ min: -1, max: 11 }) }).map(({ start, len, drop }) => {
    const end = Math.min(SOURCE.length, start + len);
    const piece = SOURCE.slice(start, end);
    return { kind: 'aligned' as const, text: drop >= 0 ? piece.slice(0, drop) + piece.slice(drop + 1) : piece, start, end };
  }),
  fc.record({ kind: fc.constant('mapped' as const), text, offsets: fc.array(at, { maxLength: 6 }) }),
  fc.record({ kind: fc.constant('gap' as const), text, at }),
);

function build(ops: Op[]): [TextRun, PlainRun] {
  const run = new TextRun();
  const plain = new PlainRun();
  for (const o of ops) {
    if (o.kind === 'verbatim') {
      run.appendVerbatim(o.text, o.at);
      plain.verbatim(o.text, o.at);
    } else if (o.kind === 'aligned') {
      run.appendAligned(o.text, SOURCE, o.start, o.end);
      plain.aligned(o.text, SOURCE, o.start, o.end);
    } else if (o.kind === 'mapped') {
      run.appendMapped(o.text, o.offsets);
      plain.mapped(o.text, o.offsets);
    } else {
      run.appendGap(o.text, o.at);
      plain.gap(o.text, o.at);
    }
  }
  return [run, plain];
}

function expectSame(run: TextRun, plain: PlainRun): void {
  expect(run.text).toBe(plain.text);
  for (let i = -1; i <= plain.text.length + 1; i++) expect(run.sourceOffset(i), `offset ${i} of ${JSON.stringify(plain.text)}`).toBe(plain.offset(i));
}

describe('TextRun offsets', () => {
  it('are those of one offset per character, after any appends and slices', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), fc.nat(), fc.nat(), fc.nat(), fc.nat(), (ops, a, b, c, d) => {
        const [run, plain] = build(ops);
        expectSame(run, plain);
        const n = plain.text.length;
        const s = n === 0 ? 0 : a % (n + 1);
        const e = s + (n === 0 ? 0 : b % (n - s + 1));
        const [r1, p1] = [run.slice(s, e), plain.slice(s, e)];
        expectSame(r1, p1);
        // A slice of a slice, and appends after a slice.
        const m = p1.text.length;
        const s2 = m === 0 ? 0 : c % (m + 1);
        const e2 = s2 + (m === 0 ? 0 : d % (m - s2 + 1));
        const [r2, p2] = [r1.slice(s2, e2), p1.slice(s2, e2)];
        expectSame(r2, p2);
        r2.appendVerbatim('xy', 3);
        p2.verbatim('xy', 3);
        r2.appendGap(' ', 3);
        p2.gap(' ', 3);
        expectSame(r2, p2);
      }),
      { numRuns: RUNS, seed: 11 },
    );
  }, 30_000 + RUNS);

  it('keeps text copied as written in one segment, however long', () => {
    const run = new TextRun();
    for (let i = 0; i < 1000; i++) run.appendVerbatim('ab', 2 * i);
    run.appendGap('   ', 2000);
    run.appendVerbatim('cd', 2001);
    expect(run.sourceOffset(1999)).toBe(1999);
    expect([run.sourceOffset(2000), run.sourceOffset(2002), run.sourceOffset(2003), run.sourceOffset(2005)]).toEqual([2000, 2000, 2001, 2003]);
    // One segment for the copied text, one for the gap, one after it: the private arrays hold three entries.
    expect((run as unknown as { at: number[] }).at.length).toBe(3);
  });
});
