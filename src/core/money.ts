/**
 * Money in integer minor units of a currency (cents for USD, yen for JPY):
 * no floating-point drift. Percentages are on a 0–100 scale, and exact
 * decimals of at most 6 places: every one is computed as an integer count
 * of millionths of a percent, never summed or multiplied as binary floats.
 */

const digitsCache = new Map<string, number>();

/** Decimal places of a currency's minor unit (USD 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, d);
  }
  return d;
}

/** Whether the runtime knows `code` as an ISO 4217 currency. */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return (
    (Intl as unknown as { supportedValuesOf?: (k: string) => string[] })
      .supportedValuesOf?.('currency')
      .includes(code) ?? true
  );
}

/**
 * The largest amount read (a fee, a service's fee, a minimum payable), in minor units: 10^13 − 1
 * (99 999 999 999.99 USD). Everything derived from a fee — a quarter's (×3), a billing year's cap
 * (×12 of a month's), a total over services — then stays an exact integer well inside 2^53 and
 * prints with at most 15 significant digits, which every JSON reader reads back exactly.
 */
export const MAX_AMOUNT_MINOR = 10 ** 13 - 1;

/** The largest amount accepted, as the currency writes it ("99999999999.99" for 2 digits). */
export function maxAmountText(digits: number): string {
  return decimalText(MAX_AMOUNT_MINOR, digits);
}

export type AmountRead = { minor: number } | { problem: 'format' | 'too-large' };

/**
 * The one rule of an amount's text, whatever its currency (--fee, a contract's fees, a policy's, a ledger's):
 * digits, and a decimal point followed by digits — no sign, exponent, radix prefix or separator, since each
 * of those is a number a reader could take two ways. Null when the text breaks it.
 */
export function amountDigits(text: string): { whole: string; frac: string } | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim().replace(/_/g, ''));
  return m ? { whole: m[1]!, frac: m[2] ?? '' } : null;
}

/** "1234.5" → 123450 for 2 digits; a problem when not a plain non-negative amount with at most `digits` decimals, or over MAX_AMOUNT_MINOR. */
export function readAmount(text: string, digits: number): AmountRead {
  const m = amountDigits(text);
  if (!m) return { problem: 'format' };
  const frac = m.frac;
  if (frac.length > digits) return { problem: 'format' };
  const minor = BigInt(m.whole) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, '0') || '0');
  return minor > BigInt(MAX_AMOUNT_MINOR) ? { problem: 'too-large' } : { minor: Number(minor) };
}

/** readAmount's minor units, or null for any problem. */
export function parseAmount(text: string, digits: number): number | null {
  const a = readAmount(text, digits);
  return 'minor' in a ? a.minor : null;
}

/** n / d rounded half up, for non-negative integers. */
function halfUpDiv(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** A percentage's unit: a millionth of a percent. */
const MICRO = 1_000_000;
const MICRO_N = 1_000_000n;

/**
 * A percentage (or a factor) of at most 6 decimals as its integer count of millionths: 0.1 → 100 000.
 * Exact for every such number below 2^53 millionths: the double nearest the decimal rounds back to it.
 */
export function toMicro(percent: number): number {
  return Math.round(percent * MICRO);
}

/** Millionths of a percent as the percentage: the double nearest the decimal, which JavaScript prints as that decimal. */
export function fromMicro(micro: number): number {
  return micro / MICRO;
}

/** The exact sum of percentages of at most 6 decimals (three 0.1 % lines are 0.3 %, not 0.30000000000000004). */
export function sumPercents(percents: Iterable<number>): number {
  let micro = 0;
  for (const p of percents) micro += toMicro(p);
  return fromMicro(micro);
}

/** a − b, exactly (percentages of at most 6 decimals). */
export function subtractPercent(a: number, b: number): number {
  return fromMicro(toMicro(a) - toMicro(b));
}

/**
 * The percentage n / d (a share of the fee that may have no finite decimal: 3/31 is 9.677419…%),
 * in its stated representation: rounded half up to the millionth of a percent. Amounts are never
 * computed from it but from n / d itself.
 */
export function ratioPercent(n: bigint, d: bigint): number {
  return Number(halfUpDiv(n * MICRO_N, d)) / MICRO;
}

/** percent × factor (each at most 6 decimals), rounded half up to the millionth (a product has up to 12). */
export function scalePercent(percent: number, factor: number): number {
  return ratioPercent(BigInt(toMicro(percent)) * BigInt(toMicro(factor)), MICRO_N * MICRO_N);
}

/** What `amountMinor` is of `feeMinor`, in percent (to the millionth); null for a fee of nothing, of which no share can be said. */
export function percentOfFee(amountMinor: number, feeMinor: number): number | null {
  return feeMinor === 0 ? null : ratioPercent(BigInt(amountMinor) * 100n, BigInt(feeMinor));
}

/** half-up(fee × percent / 100), exact for percentages with up to 6 decimals. */
export function percentOf(feeMinor: number, percent: number): number {
  return Number(halfUpDiv(BigInt(feeMinor) * BigInt(toMicro(percent)), 100n * MICRO_N));
}

/** half-up(fee × percent × factor / 100), exact (each with up to 6 decimals): an escalated credit from its unrounded product. */
export function scaledPercentOf(feeMinor: number, percent: number, factor: number): number {
  return Number(
    halfUpDiv(BigInt(feeMinor) * BigInt(toMicro(percent)) * BigInt(toMicro(factor)), 100n * MICRO_N * MICRO_N),
  );
}

/** half-up(fee × multiple × part / whole): a multiple of the fee for a share of the period, exact (multiple with up to 6 decimals). */
export function proRata(feeMinor: number, multiple: number, part: number, whole: number): number {
  return Number(halfUpDiv(BigInt(feeMinor) * BigInt(toMicro(multiple)) * BigInt(part), MICRO_N * BigInt(whole)));
}

/** The fee of `months` months from an annual one: half-up(annual × months / 12) — a month's is half-up(annual / 12). */
export function shareOfAnnual(annualMinor: number, months = 1): number {
  return Number(halfUpDiv(BigInt(annualMinor) * BigInt(months), 12n));
}

/** The exact decimal text of an integer count of 10^-digits (12345, 2 → "123.45"; 5, 2 → "0.05"), every digit kept. */
export function decimalText(minor: number, digits: number): string {
  const negative = minor < 0;
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  const text = digits === 0 ? s : `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  return negative ? `-${text}` : text;
}

/** A percentage as its decimal with exactly `decimals` places (at most 6), rounded half up: for reasons and tables. */
export function percentFixed(percent: number, decimals = 6): string {
  const micro = toMicro(percent);
  const drop = 10 ** (6 - decimals);
  // Half up, away from zero for the rare negative (a difference of totals).
  const scaled = Math.sign(micro) * Math.floor((Math.abs(micro) + drop / 2) / drop);
  return decimalText(scaled, decimals);
}

/** A percentage as its decimal without trailing zeros ("0.3", "9.677419", "10"), at most `decimals` places: exact at 6. */
export function percentText(percent: number, decimals = 6): string {
  const text = percentFixed(percent, decimals);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** An amount with its currency, every digit of the currency's minor unit: "123.46 USD", "1000 JPY". */
export function moneyText(minor: number, currency: string): string {
  return `${decimalText(minor, minorDigits(currency))} ${currency}`;
}

/** A percentage as a table shows it: exact when it has at most 2 decimals, else to 4 (JSON keeps every digit). */
export function percentShown(percent: number): string {
  return toMicro(percent) % 100 === 0 ? percentText(percent) : percentFixed(percent, 4);
}

/**
 * An availability as tables and sentences show it, to 4 decimals cut, never rounded up: 99.89999996% is
 * 99.8999%, not a 99.9000% that would read as meeting a 99.9% target it misses. (The nudge of 1e-7 of a
 * shown unit only undoes binary fractions such as 99.94999999999999 for an exact 99.95.)
 */
export function availabilityShown(percent: number): string {
  return (Math.floor(percent * 10_000 + 1e-7) / 10_000).toFixed(4);
}

/** Minor units as a decimal number for JSON (61.73): the number nearest the exact decimal, which prints as it. */
export function toDecimal(minor: number, digits: number): number {
  return Number(decimalText(minor, digits));
}

/** An amount in minor units as a decimal number of its currency (12500 USD → 125); null stays null. */
export function decimalAmount(minor: number | null, currency: string): number | null {
  return minor === null ? null : toDecimal(minor, minorDigits(currency));
}
