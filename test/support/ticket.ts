import type { Ticket } from '../../src/core/tickets/ticket.js';

/** A ticket as a reader gives one, every field empty but what the test says: P1, line 2, created at 0. */
export const ticketOf = (over: Partial<Ticket>): Ticket => ({
  id: 'X',
  line: 2,
  createdAt: 0,
  rawPriority: 'P1',
  priority: 'P1',
  reclassifiedPriority: null,
  firstResponseAt: null,
  resolvedAt: null,
  status: null,
  environment: null,
  incident: null,
  exclusion: null,
  events: null,
  ...over,
});
