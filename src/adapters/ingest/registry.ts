import { nagiosReader } from './nagios-log.js';
import { intervalsReader, mappedReader, probesReader } from './uptime-canonical.js';
import { uptimeKumaReader } from './uptime-kuma.js';
import type { UptimeReader } from './uptime-reader.js';
import { statusCake } from './uptime-statuscake.js';
import {
  betterStackReader,
  healthchecksReader,
  pingdomReader,
  prometheusReader,
  upptimeReader,
  uptimeRobotReader,
} from './uptime-vendors.js';

/**
 * Every uptime reader, each asked whether it reads a file (read-uptime.ts):
 * one line here per reader. The presets among them are --preset's and a
 * contract's uptime presets, in the order --help and the README list them.
 */
export const UPTIME_READERS: readonly UptimeReader[] = [
  uptimeRobotReader,
  statusCake,
  prometheusReader,
  pingdomReader,
  betterStackReader,
  upptimeReader,
  healthchecksReader,
  uptimeKumaReader,
  nagiosReader,
  probesReader,
  intervalsReader,
  mappedReader,
];

/** The preset reader of that name (a Map lookup elsewhere would do; names are few and fixed). */
export const uptimePreset = (name: string): UptimeReader | undefined =>
  UPTIME_READERS.find((r) => r.preset && r.name === name);
