import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

let cached: string | undefined;

/** The package's `rules/data` folder, found from the sources (src/) and from the build (dist/src/) alike. */
export function dataDir(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, 'rules', 'data');
    if (existsSync(candidate)) return (cached = candidate);
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the rules/data folder of the planlint package');
}

/** The documentation page of a rule (`rules/<id>.md`), shipped with the package. */
export function ruleDocPath(id: string): string {
  return path.join(path.dirname(dataDir()), `${id}.md`);
}

const require = createRequire(import.meta.url);
let cachedVersion: string | undefined;

/** planlint's version, from its package.json (found from src/ and dist/src/ alike). */
export function planlintVersion(): string {
  if (cachedVersion) return cachedVersion;
  for (const p of ['../package.json', '../../package.json']) {
    // From src/ it is ../package.json, from dist/src/ ../../package.json: no exception thrown for the other.
    if (!existsSync(new URL(p, import.meta.url))) continue;
    try {
      const pkg = require(p) as { name?: string; version?: string };
      if (pkg.name === 'planlint' && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}
