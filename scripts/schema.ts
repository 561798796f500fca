/** Writes schema/planlintrc.schema.json from the rule registry (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { configSchema } from '../src/schema.js';

const file = path.resolve(import.meta.dirname, '..', '..', 'schema', 'planlintrc.schema.json');
writeFileSync(file, JSON.stringify(configSchema(), null, 2) + '\n');
process.stdout.write(`wrote ${file}\n`);
