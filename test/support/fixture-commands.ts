import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run-cli.js';

/** One fixtures/<case>/ folder's command (cmd.json), run in that folder. */
export interface FixtureCommand {
  name: string;
  dir: string;
  args: string[];
  /** The value after a flag, or undefined when the flag is absent. */
  flag(name: string): string | undefined;
  /** The ticket export it audits (the `tickets` command's file or `--tickets`), or null. */
  ticketFile: string | null;
}

export function fixtureCommands(): FixtureCommand[] {
  return readdirSync(join(ROOT, 'fixtures'))
    .filter((name) => existsSync(join(ROOT, 'fixtures', name, 'cmd.json')))
    .map((name) => {
      const dir = join(ROOT, 'fixtures', name);
      const { args } = JSON.parse(readFileSync(join(dir, 'cmd.json'), 'utf8')) as { args: string[] };
      const flag = (f: string) => (args.includes(f) ? args[args.indexOf(f) + 1] : undefined);
      return { name, dir, args, flag, ticketFile: args[0] === 'tickets' ? args[1]! : (flag('--tickets') ?? null) };
    });
}
