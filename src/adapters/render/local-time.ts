// The wall-clock text of instants is the core's: warnings the audit writes show instants as tables do.
export { localTimeFormatter } from '../../core/time/local-time.js';
