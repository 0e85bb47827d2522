/* Consent, minors and the AI egress guard (PRIV-4, PRIV-5, PRIV-6, PRIV-10; docs/privacy.md). */
export { createAi, type Ai, type AiDeps, type AiConfig, type ConsentState, type MinorView, type CompletionInput, type CompletionView } from './service.js';
export { aiRoutes, type AiRoutesOptions } from './routes.js';
export { aiConfig } from './config.js';
export { redactText, peopleIndex, type RedactionCategory, type KnownPerson } from './redact.js';
export * from './errors.js';
