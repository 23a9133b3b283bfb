import { dirname, resolve } from 'node:path';
import type { Node } from 'yaml';
import { isCurrency, maxAmountText, minorDigits, readAmount } from '../../core/money.js';
import type { LedgerAnswer, LedgerEntry, LedgerPlace } from '../../core/portfolio/ledger.js';
import { isoDate } from '../policy/decode-calendar.js';
import { join, type YamlReader } from '../policy/yaml-reader.js';

const LEDGER_VERSION = 'sla-claims/v1';

const ENTRY = ['contract', 'period', 'service', 'lines', 'claimed', 'amount', 'currency', 'received', 'denied', 'note'];

/**
 * A claims ledger (`claims.yaml`): `version: sla-claims/v1` and `claims:`, a list of the claims sent,
 * each with what came back. Every problem is left in `r.issues`, at its line; undefined for another
 * version. Paths (an entry's contract given as a file) are relative to the ledger's folder.
 */
export function decodeLedger(r: YamlReader, cwd: string): LedgerEntry[] | undefined {
  const root = r.root;
  const f = r.fields(root, '', ['version', 'claims']);
  const version = r.string(r.required(f, 'version', root, '', LEDGER_VERSION), 'version');
  if (version !== undefined && version !== LEDGER_VERSION) {
    r.report(
      f.get('version'),
      'version',
      'UNSUPPORTED_VERSION',
      { document: 'claims ledger' },
      { expected: JSON.stringify(LEDGER_VERSION), got: JSON.stringify(version) },
    );
    return undefined;
  }
  const base = resolve(cwd, dirname(r.file));
  const claims = r.required(f, 'claims', root, '', 'a list of claims (an empty one: claims: [])');
  const out: LedgerEntry[] = [];
  r.list(claims, 'claims', 'a list of claims').forEach((node, i) => {
    const entry = decodeEntry(r, node, join('claims', i), base);
    if (entry) out.push(entry);
  });
  return out;
}

function decodeEntry(r: YamlReader, node: Node | undefined, at: string, base: string): LedgerEntry | undefined {
  const issuesBefore = r.issues.length;
  const f = r.fields(node, at, ENTRY);
  const place = (n: Node | undefined, path: string): LedgerPlace => ({ file: r.file, ...r.position(n), path });
  const text = (key: string, expected: string) => r.string(r.required(f, key, node, at, expected), join(at, key));
  const contract = text('contract', "the contract's reference, or its file relative to this ledger");
  const period = text('period', 'a period as reports name it: 2026-10, 2026-Q4, FY2027-Q1');
  const service = f.has('service') ? (r.string(f.get('service'), join(at, 'service')) ?? null) : null;
  const lineNodes = f.has('lines') ? r.list(f.get('lines'), join(at, 'lines'), 'a list of credit model ids') : [];
  const lines = lineNodes.map((n, i) => r.string(n, join(join(at, 'lines'), i), 'a credit model id'));
  const claimedOn = isoDate(
    r,
    r.required(f, 'claimed', node, at, 'the date it was sent, YYYY-MM-DD'),
    join(at, 'claimed'),
  );
  const currency = text('currency', 'the ISO 4217 code of the amounts, such as USD');
  let digits: number | undefined;
  if (currency !== undefined) {
    if (isCurrency(currency)) digits = minorDigits(currency);
    else
      r.report(
        f.get('currency'),
        join(at, 'currency'),
        'BAD_CURRENCY',
        {},
        { expected: 'three capital letters such as "USD"', got: JSON.stringify(currency) },
      );
  }
  const amount =
    digits === undefined
      ? undefined
      : money(r, r.required(f, 'amount', node, at, 'the amount claimed, e.g. 123.46'), join(at, 'amount'), digits);
  const received = f.has('received') ? answer(r, f.get('received'), join(at, 'received'), digits, true) : null;
  const denied = f.has('denied') ? answer(r, f.get('denied'), join(at, 'denied'), digits, false) : null;
  for (const [a, key] of [
    [received, 'received'],
    [denied, 'denied'],
  ] as const)
    if (a && claimedOn !== undefined && a.on < claimedOn)
      // A ledger's own code (the reader's report() would word it for every kind of YAML file).
      r.issues.push({
        code: 'LEDGER_ANSWER_BEFORE_CLAIM',
        args: { answer: key },
        file: r.file,
        ...r.position(f.get(key)),
        path: join(join(at, key), 'on'),
      });
  if (r.issues.length > issuesBefore) return undefined;
  return {
    at: place(node, at),
    contract: contract!,
    contractPath: resolve(base, contract!),
    contractAt: place(f.get('contract'), join(at, 'contract')),
    period: period!,
    periodAt: place(f.get('period'), join(at, 'period')),
    service,
    serviceAt: place(f.get('service'), join(at, 'service')),
    lines: lines as string[],
    linesAt: lineNodes.map((n, i) => place(n, join(join(at, 'lines'), i))),
    claimedOn: claimedOn!,
    amountMinor: amount!,
    currency: currency!,
    currencyAt: place(f.get('currency'), join(at, 'currency')),
    received: received ?? null,
    denied: denied ?? null,
  };
}

/** `received: {on, amount, note?}` or `denied: {on, reason?}`. */
function answer(
  r: YamlReader,
  node: Node | undefined,
  at: string,
  digits: number | undefined,
  paid: boolean,
): LedgerAnswer | undefined {
  const f = r.fields(node, at, paid ? ['on', 'amount', 'note'] : ['on', 'reason']);
  const on = isoDate(r, r.required(f, 'on', node, at, 'the date, YYYY-MM-DD'), join(at, 'on'));
  const amount = !paid
    ? null
    : digits === undefined
      ? undefined
      : money(r, r.required(f, 'amount', node, at, 'the amount paid, e.g. 100.00'), join(at, 'amount'), digits);
  const reason = f.has('reason') ? (r.string(f.get('reason'), join(at, 'reason')) ?? null) : null;
  if (on === undefined || amount === undefined) return undefined;
  return { on, amountMinor: amount, reason };
}

/** An amount of the entry's currency, in minor units: digits and at most the currency's decimals. */
function money(r: YamlReader, node: Node | undefined, at: string, digits: number): number | undefined {
  // As written: YAML would read 0x10 as 16 and 1e3 as 1000, amounts no ledger states.
  const text = r.source(node, at, 'an amount such as 123.46');
  if (text === undefined) return undefined;
  const read = readAmount(text, digits);
  if ('minor' in read) return read.minor;
  return read.problem === 'too-large'
    ? r.report(node, at, 'AMOUNT_TOO_LARGE', {}, { expected: `at most ${maxAmountText(digits)}`, got: text })
    : r.report(
        node,
        at,
        'BAD_AMOUNT',
        {},
        { expected: `digits with at most ${digits} decimals, e.g. 123.46`, got: JSON.stringify(text) },
      );
}
