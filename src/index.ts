/**
 * Programmatic API: the audit as one call, its request loader and report
 * model, the renderers, and the pure core beneath them — for a dashboard or
 * a script that wants the numbers without the CLI. No side effects on import.
 */
export { runAudit, type TicketSink } from './audit/run-audit.js';
export { loadRequest, resolveTier, type AuditRequest, type RequestOptions } from './audit/request.js';
export { failsOn, type AuditReport, type ReportHead, type RowCounts, type FailOn } from './core/report.js';
export { reportJsonText, ReportJsonWriter, SCHEMA_VERSION } from './adapters/render/report-json.js';
export { JsonBytes } from './adapters/render/json-bytes.js';
export { renderReportTable, renderReportMarkdown, creditsCsv } from './adapters/render/report-text.js';
export { ticketsCsv } from './adapters/render/tickets-report.js';
export { availabilityCsv } from './adapters/render/availability-report.js';
export * from './core/issues.js';
export * from './core/policy/model.js';
export type { Contract } from './core/contract.js';
export { dueAt, elapsed } from './core/time/business-time.js';
export { AlwaysOpenCalendar, ScheduleCalendar, type Calendar, type WeeklySchedule } from './core/time/calendar.js';
export { PolicyClocks } from './core/policy/clocks.js';
export { applyContract } from './core/policy/overrides.js';
export { monthPeriod, lastCompleteMonth, type Period } from './core/period.js';
export { evaluateTicket, type TicketResult, type MetricResult } from './core/tickets/evaluate.js';
export type { Ticket, TicketEvent } from './core/tickets/ticket.js';
export { TicketAuditor, type TicketAudit } from './core/audit.js';
export { auditAvailability, incidentCheckFromOutages } from './core/availability/audit-availability.js';
export type { AvailabilityRow } from './core/availability/availability.js';
export type { ServiceEvidence } from './core/availability/evidence.js';
export { creditTotal } from './core/credits/ticket-credits.js';
export type { CreditLine, CreditTotal } from './core/credits/credit-line.js';
export { parsePolicy, loadPolicyFile, resolvePolicy, bundledPolicyIds } from './adapters/policy/load-policy.js';
export { parseContract, loadContractFile, findContract } from './adapters/contract/load-contract.js';
export { readTickets, streamTickets } from './adapters/ingest/read-tickets.js';
export { readUptime } from './adapters/ingest/read-uptime.js';
export type { InputSource } from './adapters/ingest/records.js';
export { PRESETS } from './adapters/ingest/presets.js';
export { CANONICAL } from './adapters/ingest/mapping.js';
