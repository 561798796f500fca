import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** Every fixture document under fixtures/, relative to the repository root. */
export function fixtureFiles(dir = path.join(ROOT, 'fixtures')): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...fixtureFiles(full));
    else if (/\.(md|markdown|txt)$/.test(name)) out.push(path.relative(ROOT, full));
  }
  return out;
}

const MARKER_RE = /<!--\s*expect:\s*([^>]*?)\s*-->/g;

/** `line:rule-id` for every `<!-- expect: … -->` marker in a fixture. */
export function expectedFindings(source: string): string[] {
  const expected: string[] = [];
  source.split(/\r\n|\r|\n/).forEach((line, i) => {
    for (const m of line.matchAll(MARKER_RE)) {
      for (const id of (m[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) expected.push(`${i + 1}:${id}`);
    }
  });
  return expected.sort();
}

export function readFixture(rel: string): string {
  return readFileSync(path.join(ROOT, rel), 'utf8');
}
