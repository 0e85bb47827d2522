/* Operator metrics in the Prometheus text format (prom-client; docs/operations.md). One registry
   per app (never prom-client's global one), so two apps in one process never mix their counts.

   What is counted where
   - HTTP: every response, by method, route pattern (never the URL: no ids or query values become
     label values) and status, and its latency; counted on the node that answered.
   - Authentication failures and lockouts: from the sealed audit stream (after each seal round
     commits), so they are counted once, on the node that sealed them — sum across nodes in
     PromQL. A refused sign-in, second step or step-up is an `auth.*` record with outcome failed
     or denied; a lockout is `auth.lockout` or `auth.mfa_lockout`.
   - Sealer lag, job queue depth, the newest backup, the last drill, open incidents and the time
     left to their deadlines: read from the database at each scrape (gauges; any node answers
     the same).
   Invariants: no label carries a user-supplied value other than a route pattern the server
   registered, an HTTP method from a closed list, a status code, or an audit action. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { withSystem, type Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import * as repo from './repo.js';

export interface MetricsDeps {
  db: Db;
  clock: Clock;
}

/** One sealed audit record, as the sealer hands it on. */
export interface SealedRecordLike {
  readonly record: { readonly action: string; readonly outcome: string };
}

export interface Metrics {
  readonly registry: Registry;
  /** The HTTP response hook: method, route pattern (undefined: no route matched), status, seconds. */
  observeRequest(method: string, route: string | undefined, status: number, seconds: number): void;
  /** The sealer's post-commit hook. */
  onSealed(events: readonly SealedRecordLike[]): void;
  /** The text exposition (Prometheus 0.0.4). */
  render(): Promise<{ contentType: string; body: string }>;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const UNSEALED_CAP = 100_000;

export function createMetrics(deps: MetricsDeps): Metrics {
  const { db, clock } = deps;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'palisade_' });

  const requests = new Counter({ name: 'palisade_http_requests_total', help: 'HTTP responses by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'palisade_http_request_duration_seconds', help: 'HTTP response time by method and route pattern', labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  const authFailures = new Counter({ name: 'palisade_auth_failures_total', help: 'Refused authentication attempts (sign-in, second step, step-up, passkey) by audit action', labelNames: ['action'], registers: [registry] });
  const lockouts = new Counter({ name: 'palisade_auth_lockouts_total', help: 'Accounts or known devices locked after repeated failures: of the password (auth.lockout) or of the second step (auth.mfa_lockout)', labelNames: ['factor'], registers: [registry] });
  lockouts.inc({ factor: 'password' }, 0);
  lockouts.inc({ factor: 'mfa' }, 0);

  // Gauges read at scrape time, in one platform-path transaction.
  let snapshot: Promise<Awaited<ReturnType<typeof readAll>>> | null = null;
  const readAll = () => withSystem(db, async (tx) => ({
    seal: await repo.sealLag(tx, UNSEALED_CAP),
    jobs: await repo.jobDepth(tx),
    backupAt: await repo.lastBackupAt(tx),
    drill: await repo.lastDrill(tx),
    incidents: await repo.openIncidents(tx),
  }));
  /** Every gauge of one scrape reads the same snapshot. */
  const read = () => (snapshot ??= readAll().finally(() => { setImmediate(() => { snapshot = null; }); }));
  const seconds = (d: Date) => d.getTime() / 1000;

  new Gauge({ name: 'palisade_audit_unsealed_records', help: `Audit records waiting for the sealer (counted up to ${UNSEALED_CAP})`, registers: [registry], async collect() { this.set((await read()).seal.waiting); } });
  new Gauge({ name: 'palisade_audit_seal_lag_seconds', help: 'Age of the oldest audit record the sealer has not sealed yet (0: none waits)', registers: [registry], async collect() { this.set((await read()).seal.lagSeconds); } });
  new Gauge({
    name: 'palisade_jobs_queue_depth', help: 'Jobs on the queue by state: ready (due), scheduled (later), running, failed (out of attempts)', labelNames: ['state'], registers: [registry],
    async collect() { for (const [state, n] of Object.entries((await read()).jobs)) this.set({ state }, n); },
  });
  new Gauge({
    name: 'palisade_backup_last_success_timestamp_seconds', help: 'When the newest backup was taken (Unix seconds; 0: never)', registers: [registry],
    async collect() { const at = (await read()).backupAt; this.set(at ? seconds(at) : 0); },
  });
  new Gauge({
    name: 'palisade_backup_age_seconds', help: 'Age of the newest backup (+Inf: never taken)', registers: [registry],
    async collect() { const at = (await read()).backupAt; this.set(at ? Math.max(0, (clock.now().getTime() - at.getTime()) / 1000) : Infinity); },
  });
  new Gauge({
    name: 'palisade_backup_drill_last_success', help: 'Result of the last restore drill: 1 passed, 0 failed or no drill yet (an untested backup is not a backup)', registers: [registry],
    async collect() { const d = (await read()).drill; this.set(d?.ok ? 1 : 0); },
  });
  new Gauge({
    name: 'palisade_backup_drill_last_timestamp_seconds', help: 'When the last restore drill finished (Unix seconds; 0: never)', registers: [registry],
    async collect() { const d = (await read()).drill; this.set(d ? seconds(d.at) : 0); },
  });
  new Gauge({
    name: 'palisade_incidents_open', help: 'Incidents not closed, by state: suspected, confirmed (notices not sent), notified', labelNames: ['state'], registers: [registry],
    async collect() {
      const open = (await read()).incidents;
      const count = (f: (i: (typeof open)[number]) => boolean) => open.filter(f).length;
      this.set({ state: 'suspected' }, count((i) => !i.confirmed));
      this.set({ state: 'confirmed' }, count((i) => i.confirmed && !i.notified));
      this.set({ state: 'notified' }, count((i) => i.notified));
    },
  });
  new Gauge({
    name: 'palisade_incident_deadline_seconds', help: 'Seconds left until the 72-hour notification deadline of each confirmed incident whose notices are not sent (negative: overdue)', labelNames: ['incident'], registers: [registry],
    async collect() {
      this.reset();
      const now = clock.now().getTime();
      for (const i of (await read()).incidents) if (i.deadline && !i.notified) this.set({ incident: i.id }, Math.round((i.deadline.getTime() - now) / 1000));
    },
  });

  return {
    registry,
    observeRequest(method, route, status, secs) {
      const m = METHODS.has(method) ? method : 'OTHER';
      const r = route ?? '(unmatched)';
      requests.inc({ method: m, route: r, status: String(status) });
      latency.observe({ method: m, route: r }, secs);
    },
    onSealed(events) {
      for (const { record } of events) {
        if (record.action === 'auth.lockout') lockouts.inc({ factor: 'password' });
        else if (record.action === 'auth.mfa_lockout') lockouts.inc({ factor: 'mfa' });
        else if (record.action.startsWith('auth.') && record.outcome !== 'allowed') authFailures.inc({ action: record.action });
      }
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
