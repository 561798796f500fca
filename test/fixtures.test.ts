import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getRule, lintText } from '../src/index.js';
import { expectedFindings, fixtureFiles, readFixture } from './helpers.js';

/**
 * Each fixture runs with the recommended preset; a fixture in a rule's own folder also runs that rule,
 * so the rules that are off by default are checked on their fixtures.
 */
export function fixtureSettings(file: string): Record<string, 'warning'> {
  const own = path.basename(path.dirname(file));
  return getRule(own) ? { [own]: 'warning' } : {};
}

describe('fixtures: every marked line is flagged by the named rule, and nothing else is', () => {
  for (const file of fixtureFiles()) {
    it(file, () => {
      const source = readFixture(file);
      const actual = lintText(source, { filePath: file, rules: fixtureSettings(file) })
        .findings.map((f) => `${f.line}:${f.ruleId}`)
        .sort();
      expect([...new Set(actual)]).toEqual(expectedFindings(source));
    });
  }
});
