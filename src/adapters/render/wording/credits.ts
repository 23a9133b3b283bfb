import type { FindingArgs } from '../../../core/issues.js';
import { availabilityShown, percentFixed, percentText } from '../../../core/money.js';
import { items, type Wording } from './args.js';

// Why a credit line is owed (or not, or not yet decided): the core gives the numbers, these the sentences.

const METRIC_WORDS: ReadonlyMap<unknown, string> = new Map([
  ['firstResponse', 'first-response'],
  ['ongoingResponse', 'ongoing-response'],
  ['updateCadence', 'update-cadence'],
  ['resolution', 'resolution'],
]);

const ROUNDING: ReadonlyMap<unknown, string> = new Map([
  ['up', 'each started step counts'],
  ['down', 'whole steps only'],
  ['nearest', 'to the nearest step'],
]);

const ORDINAL = ['first', 'second', 'third', 'fourth', 'fifth'];

const num = (v: FindingArgs[string] | undefined): number => Number(v ?? 0);

/** "90 min", "1 min 30 s": a duration of the report's evidence. */
function minutes(ms: number): string {
  // Whole seconds, cut as the JSON's (SPEC 5): 2 595.601 s is 43 min 15 s.
  const s = Math.floor(ms / 1000);
  return s % 60 === 0 ? `${s / 60} min` : s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** "5 min", "3 h 45 min", "30 s": a step or a credited time. */
function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts = [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : '', s % 60 > 0 ? `${s % 60} s` : ''].filter(
    (x) => x !== '',
  );
  return parts.length > 0 ? parts.join(' ') : '0 min';
}

/** "2026-01 to 2026-04, 2026-07" from sorted month labels. */
function monthRanges(labels: readonly string[]): string {
  const index = (l: string) => Number(l.slice(0, 4)) * 12 + Number(l.slice(5, 7));
  const out: string[] = [];
  let from = 0;
  for (let i = 1; i <= labels.length; i++) {
    if (i < labels.length && index(labels[i]!) === index(labels[i - 1]!) + 1) continue;
    out.push(i - 1 > from ? `${labels[from]} to ${labels[i - 1]}` : labels[from]!);
    from = i;
  }
  return out.join(', ');
}

/** The fee a credit is a share of: "the monthly fee", or a service's own ("us-east-1's quarterly fee"). */
function fee(a: FindingArgs): string {
  const name = a.quarter ? 'quarterly fee' : 'monthly fee';
  return a.feeOf !== undefined ? `${a.feeOf}'s ${name}` : `the ${name}`;
}

/** How much of the period thin logs cover, and the bounds availability lies in. */
const coverage = (a: FindingArgs) =>
  `${whole(a) ? `the logs cover ${a.period} but leave downtime undecided (see the warnings)` : `the logs cover ${num(a.coveragePercent).toFixed(1)}% of ${a.period}`}, so availability lies between ${availabilityShown(num(a.noDataAsDown))}% and ${availabilityShown(num(a.noDataAsUp))}%`;

/** Logs that cover the whole period and still leave it open (daily totals, outages across a silence): more coverage is not the fix. */
const whole = (a: FindingArgs) => num(a.coveragePercent) >= 100;
const fix = (a: FindingArgs) => (whole(a) ? '' : ' (give logs that cover the month)');

/** Availability with thin logs: at most the best case, and whether the known downtime alone misses the target. */
const thinAvailability = (a: FindingArgs) =>
  `availability at most ${availabilityShown(num(a.noDataAsUp))}% in ${a.period} (${a.belowTarget ? `below the target whatever the ${whole(a) ? 'undecided' : 'uncovered'} time was` : `the ${whole(a) ? 'undecided' : 'uncovered'} time decides`})`;

/** Whether a band's credit is payable under the model's eligibility (failing months in a row, or the n-th of a year). */
function eligibility(a: FindingArgs): string {
  switch (a.eligibility) {
    case 'EVERY_PERIOD':
      return `payable for every failing ${a.quarter ? 'quarter' : 'month'}`;
    case 'CONSECUTIVE':
      return `${a.previous} also failed (consecutive failing months)`;
    case 'NTH_FAILING':
      return `failing month ${a.failing} of ${a.year} (${a.nth} or more are payable)`;
    case 'UNKNOWN_MONTHS':
      return `cannot be decided: no availability for ${monthRanges(items(a.unknownMonths).map(String))} (give earlier logs or a history)`;
    default:
      return `not payable: ${a.previous} did not fail and this is failing month ${a.failing} of ${a.year}${a.nth !== undefined ? ` (fewer than ${a.nth})` : ''}`;
  }
}

/** How a proportional or days-of-service credit is computed: the rule's sentence, by its code. */
const RULES: Readonly<Record<string, Wording>> = Object.freeze({
  CREDIT_RULE_PER_DOWNTIME: (a) => {
    const per = minutes(num(a.perMs));
    return `${a.percentPer}% per ${per} or part (${a.steps} × ${per})${a.maxPercent !== undefined ? `, at most ${a.maxPercent}%` : ''}: ${a.percent}% of ${fee(a)}`;
  },
  CREDIT_RULE_MULTIPLE: (a) =>
    `${a.multiple}× the fee for the time down (${minutes(num(a.downtimeMs))} of ${minutes(num(a.lengthMs))}): ${percentFixed(num(a.percent), 4)}% of ${fee(a)}`,
  CREDIT_RULE_HOURLY: (a) =>
    `${a.multiple === 1 ? '' : `${a.multiple} × `}${a.steps} × ${duration(num(a.stepMs))} (${ROUNDING.get(a.rounding)}) = ${duration(num(a.creditedMs))} at the hourly price (${fee(a)} / ${a.hours} h)${a.whole ? ', at most the whole fee' : ''}: ${percentText(num(a.percent), 4)}% of ${fee(a)}`,
  CREDIT_RULE_DAYS: (a) =>
    `${a.days} day${a.days === 1 ? '' : 's'} of service${num(a.owed) < num(a.days) ? ` (at most the ${a.of})` : ''} of the ${a.of} days of ${a.period}: ${a.owed}/${a.of} of ${fee(a)} = ${percentText(num(a.percent), 4)}%`,
});

const rule = (a: FindingArgs) => RULES[String(a.rule)]?.(a) ?? '';

const REASONS: Readonly<Record<string, Wording>> = Object.freeze({
  CREDIT_PER_BREACH: (a) =>
    `ticket ${a.ticket} missed its ${METRIC_WORDS.get(a.metric)} target: ${a.percent}% per missed target`,
  CREDIT_MISSED_TARGETS: (a) =>
    `${a.missed} missed targets (${items(a.metrics)
      .map((m) => METRIC_WORDS.get(m))
      .join(', ')}) in ${a.period}: ${a.atLeast} or more give ${a.percent}%`,
  CREDIT_TICKET_UNDECIDED: (a) =>
    `ticket ${a.ticket}'s ${METRIC_WORDS.get(a.metric)} target ${a.status === 'pending' ? 'is not due yet at as-of' : 'is not measured (no evidence)'}: ${a.percent}% if missed, undecided`,
  CREDIT_MISSED_TARGETS_UNDECIDED: (a) =>
    `${a.missed} missed targets (${items(a.metrics)
      .map((m) => METRIC_WORDS.get(m))
      .join(
        ', ',
      )}) in ${a.period} and ${a.undecided} ticket(s) pending or not measured: ${a.atLeast} or more give ${a.percent}%, undecided`,
  CREDIT_DOWNTIME: (a) =>
    `${minutes(num(a.downtimeMs))} down in ${a.period} (availability ${availabilityShown(num(a.availability))}%): ${rule(a)}${a.coverageShort ? `; at least this, ${coverage(a)}` : ''}`,
  CREDIT_DAYS: (a) =>
    a.coverageShort
      ? `${thinAvailability(a)}: ${rule(a)}${a.belowTarget ? ' at least' : ' at most'}${a.settled ? '' : `; cannot be decided: ${coverage(a)}${fix(a)}`}`
      : `availability ${availabilityShown(num(a.availability))}% ${a.boundary} in ${a.period}: ${rule(a)}`,
  CREDIT_AVAILABILITY_UNKNOWN: (a) =>
    `availability of ${a.service} in ${a.period} is unknown (no log covers its eligible time): the credit cannot be decided (give logs that cover the month)`,
  CREDIT_BAND: (a) => {
    const why = a.settled ? eligibility(a) : `cannot be decided: ${coverage(a)}${fix(a)}`;
    return a.coverageShort
      ? `${thinAvailability(a)}: ${a.percent}% of ${fee(a)}${a.belowTarget ? ' at least' : ' at most'}; ${why}`
      : `availability ${availabilityShown(num(a.availability))}% ${a.boundary} in ${a.period}: ${a.percent}% of ${fee(a)}; ${why}`;
  },
});

/** A credit escalated for periods in a row owing it: its reason, and the run that multiplies it. */
function escalated(a: FindingArgs): string {
  if (a.factor === undefined) return '';
  const run = num(a.run);
  const nth = `${ORDINAL[run - 1] ?? `${run}th`} ${a.quarter ? 'quarter' : 'month'} in a row${a.orMore ? ' (or more)' : ''}`;
  const atLeast = a.unknownBefore !== undefined ? ` at least (${a.unknownBefore} has no evidence)` : '';
  return `; the ${nth} owing this credit${atLeast}: ×${a.factor} = ${percentText(num(a.escalated))}%`;
}

/** A line the yearly cap may cut once earlier periods without evidence are known: why it is undecided. */
function yearCapUnknown(a: FindingArgs): string {
  if (a.yearCapUnknown === undefined) return '';
  return `; undecided: the yearly cap may cut it, and ${items(a.yearCapUnknown).map(String).join(', ')} have no evidence (give the earlier exports)`;
}

/** Every credit reason's sentence (any of them may be escalated, or cut by the yearly cap), and every rule's (a proportional line's basis.rule). */
export const CREDIT_WORDING: Readonly<Record<string, Wording>> = Object.freeze({
  ...Object.fromEntries(
    Object.entries(REASONS).map(([code, w]) => [code, (a: FindingArgs) => w(a) + escalated(a) + yearCapUnknown(a)]),
  ),
  ...RULES,
});
