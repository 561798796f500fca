/**
 * Start-up (issue 6): what the build prepares so that the command line does not do it at every start —
 * the configuration validator, the stems of the word lists, the compiled lexicons (scripts/precompile.mjs),
 * the bundle (scripts/bundle.mjs) — gives exactly what doing it at run time gives; and colours off load
 * no chalk but print what chalk prints. The tests of generated files run on a build that has them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noColor } from '../src/color.js';
import { AJV_OPTIONS } from '../src/config.js';
import { compileLexicon, phraseUnits } from '../src/lexicon.js';
import { configSchema } from '../src/schema.js';
import { BIN, ROOT } from './helpers.js';

const require = createRequire(import.meta.url);
const GENERATED = path.join(ROOT, 'dist', 'src', 'generated');

interface Validator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; keyword: string; params: unknown; message?: string }> | null;
}

describe('colours off', () => {
  it('print what chalk prints at level 0, for every style and chain', () => {
    const chalk = new Chalk({ level: 0 });
    const texts: unknown[][] = [['x'], [''], ['a', 'b'], [3], []];
    for (const args of texts) {
      expect(noColor(...(args as string[]))).toBe(chalk(...(args as string[])));
      expect(noColor.red(...(args as string[]))).toBe(chalk.red(...(args as string[])));
      expect(noColor.red.bold.underline(...(args as string[]))).toBe(chalk.red.bold.underline(...(args as string[])));
      expect(noColor.hex('#ff0000').bgRgb(1, 2, 3)(...(args as string[]))).toBe(chalk.hex('#ff0000').bgRgb(1, 2, 3)(...(args as string[])));
      expect(noColor.visible(...(args as string[]))).toBe(chalk.visible(...(args as string[])));
      expect(noColor.dim.visible.green(...(args as string[]))).toBe(chalk.dim.visible.green(...(args as string[])));
    }
    expect(noColor.level).toBe(0);
  });
});

describe.skipIf(!existsSync(path.join(GENERATED, 'config-validator.cjs')))('the configuration validator compiled at build time', () => {
  const generated = require(path.join(GENERATED, 'config-validator.cjs')) as { validate: Validator; schema: string };

  it('was compiled from the schema of the rule registry, as schema/ holds it', () => {
    expect(JSON.parse(generated.schema)).toEqual(configSchema());
    expect(JSON.parse(readFileSync(path.join(ROOT, 'schema', 'planlintrc.schema.json'), 'utf8'))).toEqual(configSchema());
  });

  it('reports the first error exactly as compiling the schema at run time does', () => {
    const Ajv2020 = (require('ajv/dist/2020.js') as { default: new (o: object) => { compile(s: object): Validator } }).default;
    const atRunTime = new Ajv2020(AJV_OPTIONS).compile(configSchema());
    const first = (v: Validator): unknown => {
      const e = v.errors?.[0];
      return e && { instancePath: e.instancePath, keyword: e.keyword, params: e.params, message: e.message };
    };
    const leaf = fc.oneof(fc.constantFrom('off', 'warn', 'error', 'loud', '', 0, 2, 7, true, null, 1.5), fc.string({ maxLength: 3 }));
    const any = fc.oneof(leaf, fc.array(leaf, { maxLength: 2 }), fc.dictionary(fc.constantFrom('add', 'remove', 'term', 'max', 'allow', 'files', 'zz'), leaf, { maxKeys: 2 }));
    const ruleIds = Object.keys((configSchema().$defs as { rules: { properties: object } }).rules.properties);
    const setting = fc.oneof(leaf, fc.tuple(leaf), fc.tuple(leaf, fc.oneof(any, fc.record({ max: any, allow: any }, { requiredKeys: [] }))), fc.tuple(leaf, any, any));
    const ruleMap = fc.oneof(fc.dictionary(fc.constantFrom(...ruleIds, 'nope'), setting, { maxKeys: 3 }), any);
    const change = fc.oneof(fc.record({ add: fc.oneof(fc.array(fc.oneof(leaf, fc.record({ term: leaf, note: leaf }, { requiredKeys: [] })), { maxLength: 3 }), any), remove: any }, { requiredKeys: [] }), any);
    const lexicons = fc.oneof(fc.dictionary(fc.constantFrom('tools', 'vanity', 'values'), change, { maxKeys: 2 }), any);
    const override = fc.oneof(fc.record({ files: any, rules: ruleMap, lexicons, zz: leaf }, { requiredKeys: [] }), any);
    const config = fc.oneof(
      fc.record({ root: leaf, extends: any, rules: ruleMap, lexicons, ignorePatterns: any, overrides: fc.oneof(fc.array(override, { maxLength: 2 }), any), rule: leaf }, { requiredKeys: [] }),
      any,
    );
    fc.assert(
      fc.property(config, (c) => {
        expect(generated.validate(c)).toBe(atRunTime(c));
        expect(first(generated.validate)).toEqual(first(atRunTime));
      }),
      { numRuns: 3000 },
    );
  });
});

describe.skipIf(!existsSync(path.join(GENERATED, 'lexicons.json')))('the lexicons compiled at build time', () => {
  it('are the lexicons compiled from rules/data now', () => {
    const { lexicons } = JSON.parse(readFileSync(path.join(GENERATED, 'lexicons.json'), 'utf8')) as { lexicons: Record<string, { source: string; lexicon: unknown }> };
    const names = readdirSync(path.join(ROOT, 'rules', 'data')).filter((f) => f.endsWith('.json'));
    expect(Object.keys(lexicons).sort()).toEqual(names.map((f) => f.slice(0, -5)).sort());
    for (const file of names) {
      const source = readFileSync(path.join(ROOT, 'rules', 'data', file), 'utf8');
      const name = file.slice(0, -5);
      expect(lexicons[name]?.source, file).toBe(source);
      expect(lexicons[name]?.lexicon, file).toEqual(compileLexicon(name, JSON.parse(source)));
    }
  });
});

describe('stems of the word lists', () => {
  const table = path.join(ROOT, 'rules', 'data', 'generated', 'stems.json');
  it.skipIf(!existsSync(table))("are natural's stems", () => {
    const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(w: string): string };
    const { words, stems } = JSON.parse(readFileSync(table, 'utf8')) as { words: string[]; stems: string[] };
    expect(words.length).toBeGreaterThan(1000);
    expect(stems).toEqual(words.map((w) => porter.stem(w)));
  });

  it('are taken from words split as before (ASCII words skip the Unicode trimming, with the same result)', () => {
    const trimmed = (term: string): string[] =>
      term
        .replace(/’/g, "'")
        .split(/[\s\-/]+/)
        .map((w) => w.replace(/^[^\p{L}\p{N}*]+|(?<![^\p{L}\p{N}*])[^\p{L}\p{N}*]+$/gu, ''))
        .filter((w) => w.length > 0);
    const units = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '*', '-', ' ', '’', "'", 'é', '.', '!', '/', '\u00a0', '\u{1F600}') });
    fc.assert(
      fc.property(fc.oneof(units, fc.string()), (t) => {
        expect(phraseUnits(t)).toEqual(trimmed(t));
      }),
      { numRuns: 5000 },
    );
  });
});

describe.skipIf(!existsSync(path.join(ROOT, 'dist', 'src', 'cli.bundle.cjs')))('the bundled command line', () => {
  /** Runs the command line from the bundle (with its code cache) or from the modules tsc wrote. */
  const runFrom = (from: 'bundle' | 'modules', args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const launch = JSON.stringify(path.join(ROOT, 'dist', 'src', 'launch.js'));
    const cli = JSON.stringify(path.join(ROOT, 'dist', 'src', 'cli.js'));
    const load =
      from === 'bundle'
        ? `const l = await import(${launch}); const { readFileSync } = await import('node:fs'); const { run, script } = l.compileBundle(readFileSync(l.CODE_CACHE)); if (script.cachedDataRejected) throw new Error('code cache rejected');`
        : `const { run } = await import(${cli});`;
    return spawnSync(process.execPath, ['--input-type=module', '-e', `${load} process.exitCode = await run(['node', 'planlint', ...process.argv.slice(1)]);`, '--', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      input: '',
    });
  };

  it('gives the same reports as the modules tsc wrote', () => {
    const runs = [['-f', 'json', 'fixtures/plans/'], ['fixtures/plans/weak-plan.md'], ['map', 'fixtures/plans/mixed-plan.md'], ['--print-config', 'fixtures/plans/weak-plan.md'], ['rules'], ['nothing/**/*.md']];
    for (const args of runs) {
      const bundled = runFrom('bundle', args);
      const modules = runFrom('modules', args);
      expect(bundled.stderr, args.join(' ')).toBe(modules.stderr);
      expect(bundled.stdout, args.join(' ')).toBe(modules.stdout);
      expect(bundled.status, args.join(' ')).toBe(modules.status);
      expect(bundled.stdout.length + bundled.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
  });

  it('is what bin/planlint.js runs after a build', async () => {
    const launch = (await import(path.join(ROOT, 'dist', 'src', 'launch.js'))) as { bundleIsFresh(): boolean; BUNDLE_MANIFEST: string };
    const { files } = JSON.parse(readFileSync(launch.BUNDLE_MANIFEST, 'utf8')) as { files: Array<[string, number]> };
    expect(files.map(([f]) => f)).toEqual(expect.arrayContaining(['dist/src/cli.js', 'dist/src/linter.js', 'dist/rules/no-tool-as-goal.js']));
    expect(launch.bundleIsFresh()).toBe(true);
    const r = spawnSync(process.execPath, [BIN, '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe((require('../package.json') as { version: string }).version);
  });
});
