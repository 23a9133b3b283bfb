import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadLedger } from '../adapters/ledger/load-ledger.js';
import { InputError, UsageError, type Issue } from '../core/issues.js';
import type { Ledger } from '../core/portfolio/ledger.js';
import { buildPortfolio, type ContractRun, type FailedContract, type Portfolio } from '../core/portfolio/portfolio.js';
import { loadRequest, type RequestEnv } from './request.js';
import { shownPath } from './paths.js';
import { parseAsOf } from './request-values.js';
import { runAudit } from './run-audit.js';

export type { Portfolio } from '../core/portfolio/portfolio.js';

/** What `portfolio` is given: contract files or folders of them, the period (as audit takes it) and the ledger. */
export interface PortfolioOptions {
  contracts: readonly string[];
  month?: string;
  from?: string;
  to?: string;
  asOf?: string;
  /** claims.yaml, relative to the working folder. */
  ledger?: string;
}

/**
 * Every contract audited with its own policy and inputs, each run on its own: a contract that does not
 * load or audit is kept with its path and problems, and the others go on. A ledger with problems stops the
 * run once its other entries are checked too (against it, every figure would be wrong): its entries for a
 * contract or period this run did not audit are errors at their lines, said with its own problems.
 */
export async function runPortfolio(o: PortfolioOptions, env: RequestEnv): Promise<Portfolio> {
  // One instant for every contract: a portfolio judged at several would not add up.
  const asOf = parseAsOf(o.asOf, env.now);
  const fixed: RequestEnv = { ...env, now: () => asOf };
  const read = o.ledger === undefined ? null : loadLedger(o.ledger, env.cwd);
  const ledger: Ledger | null = read?.ledger ?? null;
  const files = contractFiles(o.contracts, env.cwd, o.ledger === undefined ? null : resolve(env.cwd, o.ledger));
  const runs: ContractRun[] = [];
  const failed: FailedContract[] = [];
  const failedPaths: string[] = [];
  for (const file of files) {
    const shown = shownPath(file, env.cwd);
    try {
      runs.push(await auditContract(file, shown, o, fixed));
    } catch (err) {
      const issues = problemsOf(err, shown);
      if (issues === null) throw err;
      failed.push({ file: shown, issues });
      failedPaths.push(resolve(env.cwd, file));
    }
  }
  const { portfolio, errors } = buildPortfolio(runs, failed, failedPaths, ledger, asOf);
  // A ledger's own problems and those of checking its other entries, together: every figure would be wrong.
  const problems = (read?.issues ?? []).concat(errors);
  if (problems.length > 0) throw new InputError(problems);
  return portfolio;
}

async function auditContract(file: string, shown: string, o: PortfolioOptions, env: RequestEnv): Promise<ContractRun> {
  const request = loadRequest(
    {
      config: file,
      ...(o.month !== undefined ? { month: o.month } : {}),
      ...(o.from !== undefined ? { from: o.from } : {}),
      ...(o.to !== undefined ? { to: o.to } : {}),
    },
    env,
  );
  if (request.tickets.length + request.uptime.length === 0)
    throw new InputError([
      { code: 'PORTFOLIO_NO_INPUTS', args: {}, file: shown, hint: 'list them under inputs: (tickets:, uptime:)' },
    ]);
  const reports = await runAudit(request);
  const c = request.contract;
  return {
    file: shown,
    path: resolve(env.cwd, file),
    vendor: c?.vendor?.name ?? request.policy.name,
    reference: c?.reference ?? null,
    currency: request.currency,
    services: request.serviceDefs?.map((s) => s.name) ?? ['all'],
    reports,
    parties: request.parties!,
  };
}

/** A contract's own problems (its file, its policy, its inputs, its period): the user's to fix, in that contract. */
function problemsOf(err: unknown, file: string): Issue[] | null {
  if (err instanceof InputError) return err.issues;
  if (err instanceof UsageError) return [{ code: 'PORTFOLIO_CONTRACT_REFUSED', args: { reason: err.message }, file }];
  return null;
}

/** The contract files: each file given, and each folder's .yaml / .yml files by name (the ledger excepted). */
function contractFiles(given: readonly string[], cwd: string, ledger: string | null): string[] {
  const out: string[] = [];
  for (const g of given) {
    let dir = false;
    try {
      dir = statSync(resolve(cwd, g)).isDirectory();
    } catch {
      // Not there: kept as a contract, whose loader reports it with its path.
    }
    if (!dir) {
      out.push(g);
      continue;
    }
    const names = readdirSync(resolve(cwd, g))
      .filter((n) => /\.ya?ml$/i.test(n))
      .sort();
    const inside = names.map((n) => join(g, n)).filter((f) => resolve(cwd, f) !== ledger);
    if (inside.length === 0)
      throw new UsageError(`${g} holds no contract file (*.yaml, *.yml): give contract files or a folder of them`);
    for (const f of inside) out.push(f);
  }
  if (out.length === 0) throw new UsageError('portfolio needs contract files or a folder of them');
  return out;
}
