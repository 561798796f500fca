import { describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { expectedFindings, fixtureFiles, readFixture } from './helpers.js';

describe('fixtures: every marked line is flagged by the named rule, and nothing else is', () => {
  for (const file of fixtureFiles()) {
    it(file, () => {
      const source = readFixture(file);
      const actual = lintText(source, { filePath: file })
        .findings.map((f) => `${f.line}:${f.ruleId}`)
        .sort();
      expect([...new Set(actual)]).toEqual(expectedFindings(source));
    });
  }
});
