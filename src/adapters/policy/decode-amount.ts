import type { Node } from 'yaml';
import { amountDigits, maxAmountText, minorDigits, readAmount } from '../../core/money.js';
import type { YamlReader } from './yaml-reader.js';

/** An amount as its document writes it, and where. */
export interface Amount {
  node: Node | undefined;
  path: string;
  text: string;
}

/** The advice --fee gives for an amount it refuses: one rule, one way of saying how to write it. */
export const HOW_TO_WRITE_AMOUNT = 'write digits and a decimal point only, without separators or a currency sign';

/** What to check in a fee too large: most often a year's fee given as a month's, or a wrong currency. */
export const TOO_LARGE_HINT =
  'check the amount and its currency: is it the fee of one month (or of a year, for fee.annual)?';

/** "2500.00" for 2 decimals, "2500" for none: an example the currency itself would accept. */
function example(whole: string, digits: number | null): string {
  return digits === 0 ? whole : `${whole}.${'0'.repeat(digits ?? 2)}`;
}

/**
 * An amount of a YAML document (`text` as written: see YamlReader.source) checked by the rule --fee is
 * checked by, and reported once, at its line. With `currency` null (a contract whose currency is its
 * policy's, not yet known) only its shape is checked; else its decimals and its size too, against that
 * currency's own largest. Whether it passed.
 */
export function checkAmount(
  r: YamlReader,
  at: Amount,
  currency: string | null,
  what: { whole: string; tooLargeHint: string },
): boolean {
  const digits = currency === null ? null : minorDigits(currency);
  const read = digits === null ? (amountDigits(at.text) ? null : 'format') : problemOf(readAmount(at.text, digits));
  if (read === null) return true;
  if (read === 'format')
    r.report(
      at.node,
      at.path,
      'BAD_AMOUNT',
      {},
      {
        expected:
          digits === null
            ? `digits with an optional decimal point, e.g. ${example(what.whole, null)}`
            : `an amount in ${currency} with at most ${digits} decimals, e.g. ${example(what.whole, digits)}`,
        got: JSON.stringify(at.text),
        hint: HOW_TO_WRITE_AMOUNT,
      },
    );
  else
    r.report(
      at.node,
      at.path,
      'AMOUNT_TOO_LARGE',
      {},
      {
        expected: `at most ${maxAmountText(digits!)} ${currency}`,
        got: JSON.stringify(at.text),
        hint: what.tooLargeHint,
      },
    );
  return false;
}

function problemOf(read: ReturnType<typeof readAmount>): 'format' | 'too-large' | null {
  return 'problem' in read ? read.problem : null;
}
