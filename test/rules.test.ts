import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/index.js';
import { expectedFindings, fixtureFiles, readFixture, ROOT } from './helpers.js';

const ruleFiles = readdirSync(path.join(ROOT, 'rules')).filter((f) => f.endsWith('.ts'));

describe('every rule has its source, doc and fixtures, and the registry lists them all', () => {
  it('registers every rules/*.ts file', () => {
    expect(ruleFiles.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(rules.map((r) => r.meta.id).sort());
  });

  for (const rule of rules) {
    const id = rule.meta.id;
    describe(id, () => {
      it('has an id in kebab case that says what it does', () => {
        expect(id).toMatch(/^(no|require|max)-[a-z]+(-[a-z]+)*$/);
        expect(rule.meta.description.length).toBeGreaterThan(20);
      });

      it('has a doc with the sections users look for', () => {
        const doc = path.join(ROOT, 'rules', `${id}.md`);
        expect(existsSync(doc)).toBe(true);
        const text = readFileSync(doc, 'utf8');
        expect(text.startsWith(`# ${id}\n`)).toBe(true);
        for (const heading of ['## What it reports', '## Why', '## Examples', '## Options', '## When not to use it']) {
          expect(text).toContain(heading);
        }
      });

      it('has fixtures that flag it and clean fixtures that do not', () => {
        const own = fixtureFiles().filter((f) => f.startsWith(`fixtures/${id}/`));
        const marked = own.filter((f) => expectedFindings(readFixture(f)).some((e) => e.endsWith(`:${id}`)));
        // Hard negatives: fixtures of the rule where it must stay silent (other rules may fire there, marked).
        const clean = own.filter((f) => !expectedFindings(readFixture(f)).some((e) => e.endsWith(`:${id}`)));
        expect(marked.length).toBeGreaterThan(0);
        expect(clean.length).toBeGreaterThan(0);
      });
    });
  }
});
