/**
 * Programmatic API, a deliberate list (pinned by test/api.test.ts): what a dashboard or a script needs
 * to run an audit, explain a ticket, make a claim, reconcile, look ahead or audit a portfolio without the CLI, and to render, word and classify what comes
 * back. The engine beneath (readers, calendars, evaluators) is not part of it: it may change without
 * notice. No side effects on import.
 */
// Loading a request and running it.
export {
  loadRequest,
  resolveTier,
  validateContract,
  type AuditRequest,
  type RequestOptions,
  type RequestEnv,
  type ValidContract,
} from './audit/request.js';
export { runAudit, failsOn, failOnReasons, type TicketSink } from './audit/run-audit.js';
export { explainTicket, type TicketExplanation } from './audit/explain.js';
// The other commands as calls: a claim's packets, reconciliation with the vendor's figures, what is at risk, a portfolio.
export { runClaims, type ClaimRun } from './audit/claim.js';
export { runReconcile, type ReconcileOptions, type ReconcileRun } from './audit/reconcile.js';
export { runAtRisk, type AtRiskOptions } from './audit/at-risk.js';
export { runPortfolio, type PortfolioOptions } from './audit/portfolio.js';
export type { InputSource, OnBytes } from './audit/inputs.js';
// The report model.
export type { AuditReport, ReportHead, RowCounts, FailOn, FailReason, FileDigest } from './core/report.js';
export type { TicketResult, MetricResult } from './core/tickets/evaluate.js';
export type { MetricTimeline, CountedSpan } from './core/tickets/explain.js';
export type { AvailabilityRow } from './core/availability/availability.js';
export type { CreditLine, CreditTotal } from './core/credits/credit-line.js';
export type { Period } from './core/period.js';
export type { Policy, TierDef } from './core/policy/model.js';
export type { Contract } from './core/contract.js';
// Renderers: JSON, CSV, Markdown and terminal tables of a report; text and JSON of an explanation.
export { reportJsonText, ReportJsonWriter, SCHEMA_VERSION } from './adapters/render/report-json.js';
export { JsonBytes } from './adapters/render/json-bytes.js';
export { renderReportTable, renderReportMarkdown, creditsCsv } from './adapters/render/report-text.js';
export { ticketsCsv } from './adapters/render/tickets-report.js';
export { availabilityCsv } from './adapters/render/availability-report.js';
export { renderExplain, explainJson } from './adapters/render/explain-render.js';
// Problems: coded issues, their wording, and the two errors (bad input, bad usage).
export {
  printable,
  InputError,
  UsageError,
  type Issue,
  type FindingArg,
  type FindingArgs,
  type Finding,
} from './core/issues.js';
export { formatIssue, formatIssues, issueText } from './adapters/render/format-issues.js';
export { findingText } from './adapters/render/wording.js';
