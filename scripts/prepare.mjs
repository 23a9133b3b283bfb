#!/usr/bin/env node
// npm's `prepare`: build dist/ from the TypeScript sources.
//
// npm runs it after `npm ci` or `npm install` in a clone (the dev dependencies are there), and on
// `npm install -g .` or `npm link` in a fresh clone — where npm only links the folder and installs
// nothing in it, so neither the compiler nor the program's own dependencies are there. Then they are
// installed first (`npm ci`, without scripts: this one is running), so that the README's install
// command works on a fresh clone. npm's settings for the global install (its prefix, --global) are
// not passed on: the dependencies belong in the clone the global command links to.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const npm = (args) => {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^npm_config_(global|location|prefix)$/i.test(key)) delete env[key];
  // The npm that runs this script, whatever is on PATH.
  const cli = process.env.npm_execpath;
  const r = cli
    ? spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit', env })
    : spawnSync('npm', args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!existsSync('node_modules/typescript/bin/tsc')) {
  console.error('sla-audit: installing its dependencies in this folder first (npm ci), to build it');
  npm(['ci', '--ignore-scripts', '--no-audit', '--no-fund']);
}
npm(['run', 'build']);
