// Registered with `node --import`: every module the run loads is named on stderr — sla-audit's own as
// `dist/…`, its dependencies' as `node_modules/…` (node's built-ins are not counted) — so a test can tell
// which parts of sla-audit and of its dependencies a command needed.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`export async function load(url, context, next) {
  const dep = url.lastIndexOf('/node_modules/');
  const own = url.indexOf('/dist/');
  if (dep >= 0) process.stderr.write('loaded ' + url.slice(dep + 1) + '\\n');
  else if (own >= 0) process.stderr.write('loaded ' + url.slice(own + 1) + '\\n');
  return next(url, context);
}`),
);
