/* Public surface of the webhooks module: the SSRF guard for every outbound request (webhook
   deliveries, AI egress), the Stripe inbox, and the module's wiring. */
export {
  safeRequest, assertOutboundUrl, isAddressAllowed, parseAllowList, closeOutboundAgents,
  type SafeRequestOptions, type SafeResponse, type LookupFn,
} from './ssrf.js';
export { outboundAllowList } from './config.js';
export { createStripeInbox, planIntent, STRIPE_ACTOR, type StripeInbox, type StripeReceipt, type PlanSetter, type TrialSetter, trialIntent } from './stripe.js';
export { mountWebhooks, type WebhooksModule, type WebhooksModuleDeps } from './module.js';
export { webhookRoutes } from './routes.js';
export * from './errors.js';
