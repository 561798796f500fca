/**
 * Configuration files: `.planlintrc.json`, `.planlintrc.yaml`/`.yml`, or a `planlint` key in package.json,
 * looked up from each linted file's folder upward. Nearer files win over farther ones, key by key;
 * `root: true` stops the search. Configuration is data only: it is parsed, validated against the JSON
 * Schema, and never executed.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { configSchema } from './schema.js';
import { CONFIGURABLE_LEXICONS, LexiconError, loadLexicon, withLexiconChanges, type LexiconChange } from './lexicon.js';
import { SettingsError, closestRuleId, parsePreset, resolveRules } from './settings.js';
import { rules as allRules } from './registry.js';
import type { PresetName, RuleSetting } from './types.js';

const require = createRequire(import.meta.url);

// Glob and ignore matching load only for configurations that use them: a plain run never pays for them.
let picomatchLib: typeof import('picomatch') | undefined;
const loadPicomatch = (): typeof import('picomatch') => (picomatchLib ??= require('picomatch') as typeof import('picomatch'));

type Ignore = import('ignore').Ignore;
/** A gitignore-syntax matcher (the `ignore` package), loaded on first use. */
export function createIgnore(): Ignore {
  return (require('ignore') as typeof import('ignore'))();
}
const layerIgnores = new WeakMap<object, Ignore>();
function layerIgnore(layer: { ignorePatterns: string[] }): Ignore {
  let ig = layerIgnores.get(layer);
  if (!ig) layerIgnores.set(layer, (ig = createIgnore().add(layer.ignorePatterns)));
  return ig;
}

export const CONFIG_FILES = ['.planlintrc.json', '.planlintrc.yaml', '.planlintrc.yml', 'package.json'];

/** A configuration file that cannot be used: the message names the file, the key path and what is allowed. */
export class ConfigError extends Error {}

interface RawOverride {
  files: string | string[];
  rules?: Record<string, RuleSetting>;
  lexicons?: Record<string, LexiconChange>;
}

interface RawConfig {
  root?: boolean;
  extends?: string | string[];
  rules?: Record<string, RuleSetting>;
  lexicons?: Record<string, LexiconChange>;
  ignorePatterns?: string[];
  overrides?: RawOverride[];
}

/** One layer of configuration, with the folder its relative paths and globs start from. */
interface Layer {
  file: string;
  /** The file says `root: true`. */
  root: boolean;
  dir: string;
  preset?: PresetName;
  rules: Record<string, RuleSetting>;
  lexicons: Record<string, LexiconChange>;
  ignorePatterns: string[];
  overrides: Array<{ files: string[]; rules: Record<string, RuleSetting>; lexicons: Record<string, LexiconChange> }>;
}

/** The configuration that applies to one file. */
export interface FileConfig {
  preset: PresetName;
  rules: Record<string, RuleSetting>;
  lexicons: Record<string, LexiconChange>;
  /** Configuration files it came from, nearest last. */
  files: string[];
}

type Validator = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }> | null };
let validator: Validator | undefined;

/**
 * ajv's options, here and for the validator `npm run build` compiles ahead (scripts/precompile.mjs). Each
 * `$ref` of the schema is a function of its own (inlineRefs: false), so the code of the rules and lexicons,
 * referenced twice, is generated once.
 */
export const AJV_OPTIONS = { allErrors: false, strict: false, inlineRefs: false } as const;

/**
 * The validator compiled at build time from the schema (scripts/precompile.mjs), when it is there and was
 * compiled from this very schema: loading it takes about 2 ms, where compiling the schema takes about 190.
 * Undefined otherwise (the sources run directly, or a build older than the rules).
 */
function precompiledValidator(): Validator | undefined {
  let generated: { validate?: Validator; schema?: string };
  try {
    generated = require('./generated/config-validator.cjs') as typeof generated;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw e;
  }
  return generated.schema === JSON.stringify(configSchema()) ? generated.validate : undefined;
}

function validate(data: unknown): Validator {
  if (!validator) {
    validator = precompiledValidator();
    if (!validator) {
      const Ajv2020 = (require('ajv/dist/2020.js') as { default: new (o: object) => { compile(s: object): Validator } }).default;
      validator = new Ajv2020(AJV_OPTIONS).compile(configSchema());
    }
  }
  validator(data);
  return validator;
}

function keyPath(instancePath: string): string {
  return instancePath === '' ? '(top level)' : instancePath.slice(1).split('/').join('.');
}

function checkShape(file: string, data: unknown): RawConfig {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(`${file}: the configuration must be an object`);
  // Rules first, checked by the engine itself: an unknown id names the closest one, a bad option says what is allowed.
  const checkRules = (r: unknown, where: string): void => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return;
    for (const [id, setting] of Object.entries(r)) {
      if (!allRules.some((x) => x.meta.id === id)) {
        const near = closestRuleId(id);
        throw new ConfigError(`${file}: ${where}.${id}: unknown rule "${id}"${near ? ` (did you mean "${near}"?)` : ''}`);
      }
      try {
        resolveRules('recommended', { [id]: setting as RuleSetting });
      } catch (e) {
        if (e instanceof SettingsError) throw new ConfigError(`${file}: ${where}.${id}: ${e.message.replace(/^rule "[^"]+": /, '')}`);
        throw e;
      }
    }
  };
  const raw = data as Record<string, unknown>;
  checkRules(raw.rules, 'rules');
  if (Array.isArray(raw.overrides)) raw.overrides.forEach((o, i) => checkRules((o as Record<string, unknown> | null)?.rules, `overrides.${i}.rules`));
  const v = validate(data);
  const err = v.errors?.[0];
  if (err) {
    const allowed =
      err.keyword === 'additionalProperties'
        ? `unknown key "${String(err.params.additionalProperty)}"`
        : err.keyword === 'enum'
          ? `${err.message}: ${(err.params.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`
          : (err.message ?? 'invalid');
    throw new ConfigError(`${file}: ${keyPath(err.instancePath)}: ${allowed}`);
  }
  return data as RawConfig;
}

/**
 * yaml prints its tokens to standard output when LOG_TOKENS or LOG_STREAM is set, which would corrupt a
 * report: planlint takes nothing from the environment, so they are unset while it parses.
 */
function withoutYamlDebugSwitches<T>(parse: () => T): T {
  const saved: Array<[string, string]> = [];
  for (const key of ['LOG_TOKENS', 'LOG_STREAM']) {
    const value = process.env[key];
    if (value !== undefined) {
      saved.push([key, value]);
      delete process.env[key];
    }
  }
  try {
    return parse();
  } finally {
    for (const [key, value] of saved) process.env[key] = value;
  }
}

/** Reads and validates one configuration file. `package.json` without a `planlint` key gives undefined. */
export function readConfigFile(file: string): RawConfig | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let data: unknown;
  const base = path.basename(file);
  try {
    if (/\.ya?ml$/i.test(base)) {
      const YAML = require('yaml') as typeof import('yaml');
      const doc = withoutYamlDebugSwitches(() => YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true }));
      if (doc.errors.length > 0) {
        const first = doc.errors[0] as { message: string; linePos?: Array<{ line: number; col: number }> };
        const at = first.linePos?.[0];
        throw new ConfigError(`${file}${at ? `:${at.line}:${at.col}` : ''}: invalid YAML: ${(first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`);
      }
      data = doc.toJS() ?? {};
    } else {
      data = JSON.parse(text);
    }
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${file}: invalid JSON: ${(e as Error).message}`);
  }
  if (base === 'package.json') {
    const pkg = data as Record<string, unknown> | null;
    if (typeof pkg !== 'object' || pkg === null || !('planlint' in pkg)) return undefined;
    return checkShape(`${file} (key "planlint")`, pkg.planlint);
  }
  return checkShape(file, data);
}

const asArray = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function mergeLexicons(into: Record<string, LexiconChange>, from: Record<string, LexiconChange> | undefined): void {
  for (const [name, change] of Object.entries(from ?? {})) {
    const cur = into[name] ?? {};
    into[name] = { add: [...(cur.add ?? []), ...(change.add ?? [])], remove: [...(cur.remove ?? []), ...(change.remove ?? [])] };
  }
}

/** A configuration file and everything it extends, as layers, farthest first. */
function layersOf(file: string, seen: string[] = []): Layer[] {
  if (seen.includes(file)) throw new ConfigError(`${file}: "extends" makes a cycle: ${[...seen, file].join(' → ')}`);
  const raw = readConfigFile(file);
  if (!raw) return [];
  const dir = path.dirname(file);
  const layers: Layer[] = [];
  let preset: PresetName | undefined;
  for (const ext of asArray(raw.extends)) {
    if (ext.startsWith('planlint:')) {
      try {
        preset = parsePreset(ext);
      } catch (e) {
        throw new ConfigError(`${file}: extends: ${(e as Error).message}`);
      }
      continue;
    }
    if (!ext.startsWith('.') && !path.isAbsolute(ext)) {
      throw new ConfigError(`${file}: extends: "${ext}" is neither a preset (planlint:recommended, planlint:strict) nor a relative path`);
    }
    const target = path.resolve(dir, ext);
    try {
      statSync(target);
    } catch {
      throw new ConfigError(`${file}: extends: "${ext}" does not exist`);
    }
    layers.push(...layersOf(target, [...seen, file]));
  }
  const lexicons: Record<string, LexiconChange> = {};
  mergeLexicons(lexicons, raw.lexicons);
  layers.push({
    file,
    root: raw.root === true,
    dir,
    ...(preset ? { preset } : {}),
    rules: raw.rules ?? {},
    lexicons,
    ignorePatterns: raw.ignorePatterns ?? [],
    overrides: (raw.overrides ?? []).map((o) => ({ files: asArray(o.files), rules: o.rules ?? {}, lexicons: o.lexicons ?? {} })),
  });
  // Lexicon changes are compiled now (rules were checked with the shape), so a broken file fails before any linting.
  checkLexicons(layers[layers.length - 1] as Layer);
  return layers;
}

function checkLexicons(layer: Layer): void {
  const check = (lexicons: Record<string, LexiconChange>, where: string): void => {
    try {
      withLexiconChanges(lexicons, () => CONFIGURABLE_LEXICONS.forEach((n) => loadLexicon(n)));
    } catch (e) {
      if (e instanceof LexiconError) throw new ConfigError(`${layer.file}: ${where}lexicons: ${e.message}`);
      throw e;
    }
  };
  check(layer.lexicons, '');
  layer.overrides.forEach((o, i) => check(o.lexicons, `overrides.${i}.`));
}

function findConfigIn(dir: string): string | undefined {
  for (const name of CONFIG_FILES) {
    const file = path.join(dir, name);
    try {
      if (!statSync(file).isFile()) continue;
    } catch {
      continue;
    }
    if (name !== 'package.json' || readConfigFile(file) !== undefined) return file;
  }
  return undefined;
}

/**
 * Finds configuration for files, caching by folder. `explicit` (from --config) replaces the search.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, Layer[]>();
  private readonly explicit: Layer[] | undefined;

  constructor(explicit?: string) {
    if (explicit !== undefined) {
      try {
        statSync(explicit);
      } catch {
        throw new ConfigError(`${explicit}: no such configuration file`);
      }
      this.explicit = layersOf(path.resolve(explicit));
    }
  }

  /** Layers that apply in a folder, farthest first. */
  private layers(dir: string): Layer[] {
    if (this.explicit) return this.explicit;
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    const file = findConfigIn(dir);
    let layers: Layer[];
    const parent = path.dirname(dir);
    if (file) {
      const own = layersOf(file);
      const root = own[own.length - 1]?.root === true;
      layers = root || parent === dir ? own : [...this.layers(parent), ...own];
    } else {
      layers = parent === dir ? [] : this.layers(parent);
    }
    this.byDir.set(dir, layers);
    return layers;
  }

  /** The configuration that applies to a file (absolute path). */
  forFile(file: string): FileConfig {
    const layers = this.layers(path.dirname(file));
    const config: FileConfig = { preset: 'recommended', rules: {}, lexicons: {}, files: [] };
    for (const layer of layers) {
      if (layer.preset) config.preset = layer.preset;
      Object.assign(config.rules, layer.rules);
      mergeLexicons(config.lexicons, layer.lexicons);
      config.files.push(layer.file);
      const rel = path.relative(layer.dir, file).split(path.sep).join('/');
      for (const o of layer.overrides) {
        if (!loadPicomatch().isMatch(rel, o.files, { dot: true, matchBase: !o.files.some((g) => g.includes('/')) })) continue;
        Object.assign(config.rules, o.rules);
        mergeLexicons(config.lexicons, o.lexicons);
      }
    }
    return config;
  }

  /** Whether the configuration's ignorePatterns skip a file (absolute path). */
  ignores(file: string): boolean {
    for (const layer of this.layers(path.dirname(file))) {
      if (layer.ignorePatterns.length === 0) continue;
      const rel = path.relative(layer.dir, file).split(path.sep).join('/');
      if (rel.startsWith('..')) continue;
      if (layerIgnore(layer).ignores(rel)) return true;
    }
    return false;
  }
}
