// The --preset help, from the registry alone: a command's start does not load the readers.
export { PRESET_HELP } from '../adapters/ingest/registry.js';
