/* The webhooks module's slice of the configuration. */
import type { Config } from '../config/schema.js';
import { parseAllowList } from './ssrf.js';

/** The operator allow-list of the SSRF guard (PALISADE_OUTBOUND_ALLOW), parsed; empty by default. */
export function outboundAllowList(config: Pick<Config, 'PALISADE_OUTBOUND_ALLOW'>): string[] {
  return parseAllowList(config.PALISADE_OUTBOUND_ALLOW);
}
