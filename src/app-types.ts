/* The composition root's contract: what buildApp (src/app.ts) is handed and what it returns to
   palisade start, the CLI and the tests. */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { FactsCache } from './authz/index.js';
import type { Config } from './config/schema.js';
import type { NodeKeyring } from './crypto/index.js';
import type { Db } from './db/index.js';
import type { Jobs } from './jobs/index.js';
import type { Clock } from './lib/clock.js';
import type { Incidents } from './incidents/index.js';
import type { Metrics } from './metrics/index.js';
import type { Privacy } from './privacy/index.js';
import type { WebhooksModule } from './webhooks/index.js';

export interface AppDeps {
  config: Config;
  db: Db;
  /** Owner URL of Palisade's database (palisade start): the scheduled backup and drill read every table. */
  ownerUrl?: string | undefined;
  logger: Logger;
  clock?: Clock;
  /** Where mail that cannot be sent (development, no SMTP_URL) is printed: palisade start's stdout. */
  mailConsole?: (text: string) => void;
  /** Where the trust page reads its source and test evidence; tests point it at a copy. */
  trustRoot?: string;
  /** Test-only instrumentation, applied to the HTTP instance before any route is registered. */
  instrument?: (http: FastifyInstance) => void;
}

export interface App {
  http: FastifyInstance;
  /** This node's cache of authorization facts (tests wait on its invalidations; metrics). */
  authzFacts: FactsCache;
  /** The job queue: modules define tasks and schedules on it; tests drain it. */
  jobs: Jobs;
  /** Seals every waiting audit record now, as the sealer's loop does (tests drive it). */
  sealAudit(): Promise<number>;
  /** Runs the privacy jobs that are due (export preparation) and waits for them: tests. */
  privacyIdle(): Promise<void>;
  /** The webhooks and privacy modules (tests run their work through them). */
  webhooks: WebhooksModule;
  privacy: Privacy;
  /** Breach incidents and their notification clock (IR-1). */
  incidents: Incidents;
  /** This node's keyring (tests read its DEK cache: a destroyed key leaves every node's). */
  keyring: NodeKeyring;
  /** Operator metrics (Prometheus text format); metricsPort: the metrics listener's port, if any. */
  metrics: Metrics;
  metricsPort: number | null;
  /** Stop background work (listeners, timers) before the pools close. */
  stop(): Promise<void>;
}
