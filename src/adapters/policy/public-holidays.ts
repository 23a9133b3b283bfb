import { createRequire } from 'node:module';
import type { FindingArgs } from '../../core/issues.js';
import { daysFromCivil } from '../../core/time/civil.js';
import type { PublicHolidays } from '../../core/policy/model.js';

/** The part of date-holidays this adapter uses. */
interface HolidayLibrary {
  getCountries(): Record<string, string>;
  getStates(country: string): Record<string, string> | undefined;
  getRegions(country: string, state: string): Record<string, string> | undefined;
  getHolidays(year: number): Array<{ date: string; type: string; name: string }>;
}
type HolidaysConstructor = new (
  country?: string,
  state?: string,
  region?: string,
  opts?: { types?: string[] },
) => HolidayLibrary;

let library: HolidaysConstructor | null = null;
/**
 * date-holidays, loaded on first use: its rule data takes a tenth of a second
 * to load, and most policies name no country.
 */
function holidaysLibrary(): HolidaysConstructor {
  if (library === null) library = createRequire(import.meta.url)('date-holidays') as HolidaysConstructor;
  return library;
}

/**
 * A country's public holidays, e.g. "US-CA" or "DE-BY" (country, then state or province, then region,
 * as the date-holidays library codes them), or why the code is not one (a problem's code and values).
 */
export function publicHolidays(code: string): PublicHolidays | { problem: string; args: FindingArgs } {
  const [country, state, region, ...rest] = code.trim().split('-');
  const Holidays = holidaysLibrary();
  const lib = new Holidays();
  const countries = lib.getCountries();
  // Object.hasOwn, not `in`: a region named "__proto__" or "constructor" is in every object's prototype chain.
  if (!country || rest.length > 0 || !Object.hasOwn(countries, country.toUpperCase()))
    return { problem: 'UNKNOWN_HOLIDAYS', args: { code } };
  if (state) {
    const states = lib.getStates(country.toUpperCase()) ?? {};
    if (!Object.hasOwn(states, state.toUpperCase()))
      return {
        problem: 'UNKNOWN_HOLIDAY_STATE',
        args: { state, country: country.toUpperCase(), states: Object.keys(states).slice(0, 20) },
      };
    const regions = lib.getRegions(country.toUpperCase(), state.toUpperCase()) ?? {};
    if (region && !Object.hasOwn(regions, region.toLowerCase()) && !Object.hasOwn(regions, region.toUpperCase())) {
      return {
        problem: 'UNKNOWN_HOLIDAY_REGION',
        args: { region, of: `${country.toUpperCase()}-${state.toUpperCase()}` },
      };
    }
  }
  // Public holidays only (not bank holidays or observances); observed substitute days included.
  const hd = new Holidays(country.toUpperCase(), state?.toUpperCase(), region, { types: ['public'] });
  const byYear = new Map<number, Set<number>>();
  const year = (y: number): Set<number> => {
    let days = byYear.get(y);
    if (!days) {
      days = new Set(
        hd
          .getHolidays(y)
          .filter((h) => h.type === 'public')
          .map((h) =>
            daysFromCivil(Number(h.date.slice(0, 4)), Number(h.date.slice(5, 7)), Number(h.date.slice(8, 10))),
          ),
      );
      byYear.set(y, days);
    }
    return days;
  };
  return {
    code: [country, state, region].filter(Boolean).join('-').toUpperCase(),
    // The day's year from its number: 365.2425 days a year, checked both ways at year ends.
    has: (day) => {
      const guess = 1970 + Math.floor(day / 365.2425);
      return year(guess).has(day) || year(guess - 1).has(day) || year(guess + 1).has(day);
    },
  };
}
