import { Chalk, type ChalkInstance } from 'chalk';

export type ColorMode = 'auto' | 'always' | 'never';

/**
 * SPEC 1: `auto` = on only on a TTY, off when NO_COLOR is set, on when
 * FORCE_COLOR is set to a non-zero value. Decided here and handed to
 * renderers as an instance (chalk's own detection ignores NO_COLOR).
 */
export function colorLevel(mode: ColorMode, isTTY: boolean, env: NodeJS.ProcessEnv): 0 | 1 {
  if (mode === 'always') return 1;
  if (mode === 'never') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return 1;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  return isTTY ? 1 : 0;
}

export function makeChalk(level: 0 | 1): ChalkInstance {
  return new Chalk({ level });
}
