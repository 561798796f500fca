import { describe, expect, it } from 'vitest';
import { lintText, parseDocument } from '../src/index.js';

const weak = `# Plan

## Strategic priorities

1. Put customers at the heart of our strategy
2. Improve employee well-being
3. Become a leader in social media
`;

describe('plan model', () => {
  it('builds sections with heading paths and classifies statements', () => {
    const doc = parseDocument(
      '# Plan\n\nWe face falling footfall. Rents rose 12% last year.\n\n## Goals\n\n- Grow repeat visits by 20% by 2027\n\n### Digital\n\n- Launch a new app\n',
      'markdown',
    );
    const [s1, s2, g1, g2] = doc.statements;
    expect(s1?.text).toBe('We face falling footfall.');
    expect(s1?.kind).toBe('prose');
    expect(s2?.text).toBe('Rents rose 12% last year.');
    expect(g1?.kind).toBe('goal');
    expect(g1?.headingPath).toEqual(['Plan', 'Goals']);
    expect(g2?.headingPath).toEqual(['Plan', 'Goals', 'Digital']);
    expect(g2?.kind).toBe('goal');
    expect(doc.sections.map((s) => s.role)).toEqual(['other', 'other', 'goals', 'goals']);
  });

  it('gives exact 1-based ranges for list items and sentences', () => {
    const doc = parseDocument('## Goals\n\n- First *goal* here\n\nSome prose. Our goal is to grow.\n', 'markdown');
    const item = doc.statements[0];
    expect(item?.text).toBe('First goal here');
    expect(item?.range.start).toMatchObject({ line: 3, column: 3 });
    expect(item?.range.end).toMatchObject({ line: 3, column: 20 });
    const second = doc.statements[2];
    expect(second?.text).toBe('Our goal is to grow.');
    expect(second?.range.start).toMatchObject({ line: 5, column: 13 });
    expect(second?.kind).toBe('goal');
  });

  it('never judges code, HTML comments, front matter or link URLs', () => {
    const source = [
      '---',
      'title: Become a leader in social media',
      '---',
      '## Goals',
      '',
      '```',
      'Become a leader in social media',
      '```',
      '',
      '<!-- Become a leader in social media -->',
      '',
      '- See [our plan](https://example.org/become-a-leader-in-social-media) for details by 2026',
      '',
    ].join('\n');
    expect(lintText(source).findings).toEqual([]);
  });

  it('reads enumerated plain-text lines as list items, with a "…:" line as their heading', () => {
    const doc = parseDocument('City plan\n\nOur priorities:\n1) Become a leader in social media\n2°) Halve rough sleeping by 2027\na) Build homes\n• Launch an app\n', 'text');
    const items = doc.statements.filter((s) => s.origin === 'list-item');
    expect(items.map((s) => s.text)).toEqual(['Become a leader in social media', 'Halve rough sleeping by 2027', 'Build homes', 'Launch an app']);
    expect(items.every((s) => s.kind === 'goal')).toBe(true);
    expect(items[0]?.range.start).toMatchObject({ line: 4, column: 4 });
  });

  it('reports the same positions whatever the line endings', () => {
    const lf = lintText(weak).findings.map((f) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn]);
    const crlf = lintText(weak.replace(/\n/g, '\r\n')).findings.map((f) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn]);
    const cr = lintText(weak.replace(/\n/g, '\r')).findings.map((f) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn]);
    expect(lf.length).toBeGreaterThan(0);
    expect(crlf).toEqual(lf);
    expect(cr).toEqual(lf);
    const txt = lintText(weak.replace(/\n/g, '\r\n'), { filePath: 'plan.txt' }).findings.map((f) => [f.ruleId, f.line, f.column]);
    expect(txt).toEqual(lf.map(([r, l, c]) => [r, l, c]));
  });
});

describe('lintText', () => {
  it('flags each bad priority of the weak plan with the right rule, and quotes it', () => {
    const { findings, errorCount } = lintText(weak, { filePath: 'weak.md' });
    const at = (line: number): string[] => findings.filter((f) => f.line === line).map((f) => f.ruleId);
    expect(at(5)).toContain('no-platitude');
    expect(at(6)).toContain('no-platitude');
    expect(at(7)).toContain('no-tool-as-goal');
    expect(errorCount).toBe(1);
    const tool = findings.find((f) => f.ruleId === 'no-tool-as-goal');
    expect(tool?.message).toContain('"Become a leader in social media"');
    expect(tool?.suggestion).toContain('using social media as a means');
    expect(tool?.text).toBe('Become a leader in social media');
  });

  it('turns rules off and changes severities', () => {
    const r = lintText(weak, { rules: { 'no-tool-as-goal': 'warning', 'no-platitude': 'off' } });
    expect(r.errorCount).toBe(0);
    expect(r.findings.some((f) => f.ruleId === 'no-platitude')).toBe(false);
    expect(r.findings.find((f) => f.ruleId === 'no-tool-as-goal')?.severity).toBe('warning');
  });

  it('rejects an unknown rule id', () => {
    expect(() => lintText(weak, { rules: { 'no-such-rule': 'off' } })).toThrow(/unknown rule "no-such-rule"/);
  });

  it('reports an unlinked tool once, at its first mention, and not when a later statement links it', () => {
    // A low threshold lets the model pass every statement: what is tested is the plan-wide reading.
    const rules = { 'no-unlinked-tool': ['warning', { threshold: 0.01 }] } as const;
    const unlinked = lintText('## Initiatives\n\n- Build a data lake by 2026\n- Migrate the data lake to new servers by 2027\n', { rules: rules as never });
    const found = unlinked.findings.filter((f) => f.ruleId === 'no-unlinked-tool');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 3, text: 'data lake' });
    const linked = lintText(
      '## Initiatives\n\n- Build a data lake by 2026\n- Use the data lake to send our suppliers weekly sales reports, so that out-of-stock days fall from 12 to 4\n',
      { rules: rules as never },
    );
    expect(linked.findings.filter((f) => f.ruleId === 'no-unlinked-tool')).toEqual([]);
  });

  it('handles empty and whitespace-only text', () => {
    expect(lintText('').findings).toEqual([]);
    expect(lintText('  \n\n\t\n').findings).toEqual([]);
  });
});
