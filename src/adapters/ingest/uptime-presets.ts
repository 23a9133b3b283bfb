/**
 * The names --preset (and a contract's presets) take for uptime logs, in the order --help and the
 * README list them. Names only: checking a request's presets must not load every uptime reader, so
 * a run without uptime logs loads none. The registry's readers marked as presets are exactly these
 * (a test holds the two together).
 */
export const UPTIME_PRESETS: readonly string[] = [
  'uptimerobot',
  'statuscake',
  'prometheus',
  'pingdom',
  'betterstack',
  'upptime',
  'healthchecks',
  'uptime-kuma',
  'nagios',
];

/** The uptime part of --preset's help: `uptime: uptimerobot, statuscake, …`. */
export const UPTIME_PRESET_HELP = `uptime: ${UPTIME_PRESETS.join(', ')}`;
