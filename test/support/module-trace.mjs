// Registered with `node --import`: every module of dist/ the run loads is named on stderr, so a test
// can tell which parts of sla-audit a command needed.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`export async function load(url, context, next) {
  if (url.includes('/dist/')) process.stderr.write('loaded ' + url.slice(url.indexOf('/dist/') + 1) + '\\n');
  return next(url, context);
}`),
);
