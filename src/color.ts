/**
 * Colours for the command line. chalk is loaded only when colours are on (a terminal, or `--color`):
 * without them — a pipe, a file, CI logs, `--no-color` — every style is the identity and chalk, with the
 * colour detection it runs when imported, is never loaded (about 10 ms of start-up).
 */
import { createRequire } from 'node:module';
import type { ChalkInstance } from 'chalk';

const require = createRequire(import.meta.url);

/** chalk's styles that take arguments and return a style (`color.hex('#f00')('text')`). */
const STYLE_FACTORIES = new Set(['rgb', 'hex', 'ansi256', 'bgRgb', 'bgHex', 'bgAnsi256']);

/**
 * What chalk does at level 0: any chain of styles returns its text (the arguments joined with a space), and
 * `visible` returns the empty string.
 */
function plainStyle(empty: boolean): ChalkInstance {
  const style: ChalkInstance = new Proxy((() => undefined) as unknown as ChalkInstance, {
    apply: (_target, _this, args: unknown[]) => (empty ? '' : args.length === 1 ? String(args[0]) : args.join(' ')),
    get: (_target, key) => {
      if (key === 'level') return 0;
      if (typeof key !== 'string') return undefined;
      if (key === 'visible') return emptyStyle;
      return STYLE_FACTORIES.has(key) ? () => style : style;
    },
    set: () => false,
  });
  return style;
}
const emptyStyle = plainStyle(true);

/** A chalk instance that never colours, without loading chalk. */
export const noColor: ChalkInstance = plainStyle(false);

/** chalk at a colour level; level 0 does not load chalk. */
export function colorAt(level: 0 | 1 | 2 | 3): ChalkInstance {
  if (level === 0) return noColor;
  const { Chalk } = require('chalk') as typeof import('chalk');
  return new Chalk({ level });
}
