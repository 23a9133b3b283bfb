/** Programmatic API: the pure core and the loaders. No side effects on import. */
export * from './core/issues.js';
export * from './core/policy/model.js';
export { dueAt, elapsed } from './core/time/business-time.js';
export { AlwaysOpenCalendar, ScheduleCalendar, type Calendar, type WeeklySchedule } from './core/time/calendar.js';
export { parsePolicy, loadPolicyFile, resolvePolicy, bundledPolicyIds } from './adapters/policy/load-policy.js';
