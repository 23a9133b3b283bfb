import type { UptimeReader } from './uptime-reader.js';

/*
 * Every reader by name: what --preset and a contract's presets accept, what --help and the README
 * list, and where each uptime reader's code is. Names and imports only: checking a request's
 * presets loads no reader, and a run loads the uptime readers only when it reads uptime logs.
 * Adding a reader is its file and one line here. A test holds each kind's lines to its readers.
 */

export type InputKind = 'tickets' | 'events' | 'uptime';

interface Entry {
  name: string;
  /** Selectable with --preset (and a contract's presets); the others are asked without one. */
  preset: boolean;
  /** One line, for the README's tables. */
  description: string;
}

/**
 * Ticket and event readers are preset data (presets.ts, event-mapping.ts); an uptime reader is
 * code, imported when a run reads uptime logs.
 */
export type Registered =
  (Entry & { kind: 'tickets' | 'events' }) | (Entry & { kind: 'uptime'; load: () => Promise<UptimeReader> });

const tickets = (name: string, description: string): Registered => ({
  name,
  kind: 'tickets',
  preset: true,
  description,
});
const events = (name: string, description: string): Registered => ({ name, kind: 'events', preset: true, description });
const uptime = (name: string, description: string, load: () => Promise<UptimeReader>, preset = true): Registered => ({
  name,
  kind: 'uptime',
  preset,
  description,
  load,
});

// Each uptime reader's module, imported when a run reads uptime logs.
const vendors = () => import('./uptime-vendors.js');
const canonical = () => import('./uptime-canonical.js');

/** In the order --help and the README list them; uptime readers in the order they are asked. */
export const REGISTRY: readonly Registered[] = [
  tickets('zendesk', 'Zendesk API lists, incremental exports, warehouse tables and the UI CSV export'),
  tickets('jira', 'Jira / JSM CSV (English or Spanish) and REST issue lists, with comments and changelog'),
  tickets('freshdesk', 'Freshdesk ticket CSV and API v2 JSON'),
  tickets('redmine', 'Redmine REST issues, one with its journals or a list'),
  tickets('servicenow', 'ServiceNow incidents: Table API, JSONv2, list CSV and the XML unload'),
  tickets('servicenow-event-log', 'ServiceNow incident event logs, one row per update: the last row wins'),
  events('zendesk-audits', 'Zendesk ticket audits: public comments and status changes'),
  events('zendesk-metric-events', 'Zendesk ticket metric events: reply times fulfilled and activated'),
  events('freshdesk-conversations', 'Freshdesk conversations: incoming messages and agent replies'),
  events('servicenow-journal', 'ServiceNow sys_journal_field: comments and work notes'),
  events('servicenow-audit', 'ServiceNow sys_audit: state changes'),
  uptime('uptimerobot', 'UptimeRobot log exports and API v2 logs', async () => (await vendors()).uptimeRobotReader),
  uptime('statuscake', 'StatusCake uptime periods', async () => (await import('./uptime-statuscake.js')).statusCake),
  uptime('prometheus', 'Prometheus query_range: up, probe_success', async () => (await vendors()).prometheusReader),
  uptime('pingdom', 'Pingdom summary.outage states', async () => (await vendors()).pingdomReader),
  uptime('betterstack', 'Better Stack incidents', async () => (await vendors()).betterStackReader),
  uptime('upptime', 'Upptime history/summary.json: minutes down per day', async () => (await vendors()).upptimeReader),
  uptime('healthchecks', 'Healthchecks.io flips', async () => (await vendors()).healthchecksReader),
  uptime('uptime-kuma', 'Uptime Kuma heartbeats', async () => (await import('./uptime-kuma.js')).uptimeKumaReader),
  uptime('nagios', 'Nagios Core and Icinga logs', async () => (await import('./nagios-log.js')).nagiosReader),
  uptime('probes', 'probe samples: timestamp, status[, service]', async () => (await canonical()).probesReader, false),
  uptime('intervals', 'outage intervals: start, end', async () => (await canonical()).intervalsReader, false),
  uptime('map', "a log read through the map's uptime: block", async () => (await canonical()).mappedReader, false),
];

const BY_NAME = new Map(REGISTRY.filter((r) => r.preset).map((r) => [r.name, r]));

/** The preset of that name (any case), or undefined: a name from a flag or a file is looked up, never indexed. */
export const presetNamed = (name: string): Registered | undefined => BY_NAME.get(name.toLowerCase());

/** The preset names of a kind, in the registry's order. */
export const presetNames = (kind: InputKind): string[] =>
  REGISTRY.filter((r) => r.preset && r.kind === kind).map((r) => r.name);

/** Every preset name, tickets', events' and uptime logs'. */
export const PRESET_NAMES: readonly string[] = [...BY_NAME.keys()];

/** --preset's help: the ticket presets, then the event and uptime presets. */
export const PRESET_HELP = `export format (repeatable): ${presetNames('tickets').join(', ')}; events: ${presetNames('events').join(', ')}; uptime: ${presetNames('uptime').join(', ')}`;

/** Every uptime reader, loaded, in the order they are asked. */
export async function uptimeReaders(): Promise<Array<{ preset: boolean; reader: UptimeReader }>> {
  const entries = REGISTRY.flatMap((r) => (r.kind === 'uptime' ? [r] : []));
  const readers = await Promise.all(entries.map((r) => r.load()));
  return entries.map((r, i) => ({ preset: r.preset, reader: readers[i]! }));
}
