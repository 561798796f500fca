/**
 * How bin/planlint.js loads the command line, for start-up time (issue 6).
 *
 * `npm run build` bundles the command line into one file, dist/src/cli.bundle.cjs, and records V8's code
 * cache for it (scripts/bundle.mjs): Node 20 loads ES modules one by one, and compiles every function
 * the first time it runs; the bundle is one file to load, and the code cache holds the bytecode of the
 * functions a lint runs, compiled already. Together they take about 100 ms off every start.
 *
 * The bundle is used only when none of planlint's files it was built from has changed since (a `tsc` run
 * alone, for instance, makes the command line run from the modules tsc wrote, dist/src/cli.js), and the
 * code cache only when it was recorded after the bundle was written; V8 itself refuses a cache made by
 * another version of Node or with other V8 flags (the bundle is then compiled as usual).
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { run as runCli } from './cli.js';

// Most runs lint a few files, with code V8 has just compiled: by default a function gets the vector its
// inline caches learn in only after it has run several times, and until then every property access takes
// the slow path. Giving every function its vector from the first call takes about a fifth off linting one
// small file. Set here, before the bundle is compiled, by the command line and by the build that records the
// code cache alike: V8 accepts a code cache only under the flags it was recorded with.
setFlagsFromString('--no-lazy-feedback-allocation');

export type Run = typeof runCli;

const here = path.dirname(fileURLToPath(import.meta.url));
/** The package's root folder (this module is dist/src/launch.js). */
const root = path.resolve(here, '..', '..');
export const BUNDLE = path.join(here, 'cli.bundle.cjs');
/** planlint's files the bundle was built from, with their sizes: `{ files: [[path from the root, size], …] }`. */
export const BUNDLE_MANIFEST = path.join(here, 'cli.bundle.json');
export const CODE_CACHE = path.join(here, 'cli.bundle.cache');

const mtime = (file: string): number => statSync(file).mtimeMs;

/** Whether the bundle was built from planlint's files as they are now (none changed since). */
export function bundleIsFresh(): boolean {
  try {
    const built = mtime(BUNDLE);
    const { files } = JSON.parse(readFileSync(BUNDLE_MANIFEST, 'utf8')) as { files: Array<[string, number]> };
    return files.every(([file, size]) => {
      const stat = statSync(path.join(root, file));
      return stat.size === size && stat.mtimeMs <= built;
    });
  } catch {
    return false;
  }
}

/**
 * The bundle compiled (with the code cache when `cachedData` is given) and run as a CommonJS module:
 * its `run`, and the script, whose `createCachedData()` records the code cache.
 */
export function compileBundle(cachedData?: Buffer): { run: Run; script: vm.Script } {
  const source = readFileSync(BUNDLE, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __planlintImport) {${source}\n})`, {
    filename: BUNDLE,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as { run?: Run } };
  // The bundle's dynamic imports (tinypool, tinyglobby, the Word reader: scripts/bundle.mjs makes them
  // calls of `__planlintImport`) are this module's, from the same folder: code compiled from a code cache
  // cannot import() itself in Node 20.
  const importer = (specifier: string): Promise<unknown> => import(specifier);
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE), module, BUNDLE, here, importer);
  if (typeof module.exports.run !== 'function') throw new Error(`${BUNDLE}: exports no run function`);
  return { run: module.exports.run, script };
}

/** The code cache recorded for the bundle, when it was recorded after the bundle was written. */
function codeCache(): Buffer | undefined {
  try {
    return mtime(CODE_CACHE) >= mtime(BUNDLE) ? readFileSync(CODE_CACHE) : undefined;
  } catch {
    return undefined;
  }
}

/** The command line's `run`: from the bundle when it is fresh, else from the modules tsc wrote. */
export async function loadCli(): Promise<Run> {
  if (bundleIsFresh()) return compileBundle(codeCache()).run;
  return (await import('./cli.js')).run;
}
