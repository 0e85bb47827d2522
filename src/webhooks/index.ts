/* Public surface of the webhooks module: the SSRF guard for every outbound request (webhook
   deliveries, AI egress). */
export {
  safeRequest, assertOutboundUrl, isAddressAllowed, parseAllowList, closeOutboundAgents,
  type SafeRequestOptions, type SafeResponse, type LookupFn,
} from './ssrf.js';
export { outboundAllowList } from './config.js';
export * from './errors.js';
