/**
 * Money in integer minor units of a currency (cents for USD, yen for JPY):
 * no floating-point drift. Percentages are on a 0–100 scale.
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
  return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('currency').includes(code) ?? true;
}

/** "1234.5" → 123450 for 2 digits; null when not a plain non-negative amount with at most `digits` decimals. */
export function parseAmount(text: string, digits: number): number | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim().replace(/_/g, ''));
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > digits) return null;
  const minor = BigInt(m[1]!) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, '0') || '0');
  return minor > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(minor);
}

/** n / d rounded half up, for non-negative integers. */
function halfUpDiv(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

const PERCENT_SCALE = 1_000_000n;

/** half-up(fee × percent / 100), exact for percentages with up to 6 decimals. */
export function percentOf(feeMinor: number, percent: number): number {
  const p = BigInt(Math.round(percent * Number(PERCENT_SCALE)));
  return Number(halfUpDiv(BigInt(feeMinor) * p, 100n * PERCENT_SCALE));
}

/** half-up(fee × multiple × part / whole): a multiple of the fee for a share of the period, exact (multiple with up to 6 decimals). */
export function proRata(feeMinor: number, multiple: number, part: number, whole: number): number {
  const m = BigInt(Math.round(multiple * Number(PERCENT_SCALE)));
  return Number(halfUpDiv(BigInt(feeMinor) * m * BigInt(part), PERCENT_SCALE * BigInt(whole)));
}

/** The fee of `months` months from an annual one: half-up(annual × months / 12) — a month's is half-up(annual / 12). */
export function shareOfAnnual(annualMinor: number, months = 1): number {
  return Number(halfUpDiv(BigInt(annualMinor) * BigInt(months), 12n));
}

/** Minor units as a decimal number for JSON (61.73). */
export function toDecimal(minor: number, digits: number): number {
  return Number((minor / 10 ** digits).toFixed(digits));
}


/** An amount in minor units as a decimal number of its currency (12500 USD → 125); null stays null. */
export function decimalAmount(minor: number | null, currency: string): number | null {
  return minor === null ? null : toDecimal(minor, minorDigits(currency));
}
