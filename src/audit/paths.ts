import { isAbsolute, relative, resolve } from 'node:path';

/** Whether a path lies inside a folder (not the folder itself). */
export const inside = (file: string, dir: string): boolean => {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/** A path as a report shows it: relative to `cwd` when inside it (reports travel; absolute paths name a machine). */
export function shownPath(file: string, cwd: string): string {
  const abs = resolve(cwd, file);
  return inside(abs, cwd) ? relative(cwd, abs) : abs;
}
