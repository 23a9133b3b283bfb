import type { PriorityReason } from '../../core/tickets/effective-priority.js';

/** The one place where reason codes become sentences. */
export function priorityReasonText(r: PriorityReason): string {
  switch (r.code) {
    case 'PRIORITY_DEFAULTED':
      return `no priority in the export: the policy's default ${r.to}`;
    case 'PRIORITY_RECLASSIFIED':
      return `reclassified by the vendor from ${r.from} to ${r.to}`;
    case 'PRIORITY_DOWNGRADED_NO_INCIDENT':
      return `${r.from} without an associated unavailability incident is downgraded to ${r.to}`;
    case 'PRIORITY_NON_PRODUCTION':
      return `${r.from} on a non-production environment (${r.detail}) is treated as ${r.to}`;
    case 'PRIORITY_BY_RULE':
      return `${r.from} ${r.detail} is ${r.to} by the policy's rule`;
  }
}

export const METRIC_NAMES = {
  firstResponse: 'first response',
  ongoingResponse: 'ongoing response',
  updateCadence: 'update cadence',
  resolution: 'resolution',
} as const;
