/* Anomaly detectors over the audit stream. Claim AUD-5.

   Each record is evaluated on its own, in tree order, as the sealer folds it in (about a second
   after commit): a stream of sliding windows, not a nightly batch. Windows use the records'
   own occurredAt, so evaluation is deterministic and replayable (no wall clock here).

   Detectors (thresholds from configuration, docs/audit.md "Alerts"):
   - brute_force          refused sign-ins on one account (wrong password, locked, rate-limited:
                          every refusal is audited) ≥ N within S seconds; the default N is the
                          lockout threshold, so the attack that locks an account also alerts
   - account_locked       an account was locked (auth.lockout): one alert per organisation of the
                          member (the record is in each of their logs) and on the platform log
   - credential_stuffing  failed sign-ins on ≥ N distinct accounts from one IP within S seconds
   - admin_new_source     an admin's successful sign-in from an IP *and* a user agent neither
                          seen in that admin's successful sign-ins of the last D days
   - mass_reads           reads in the last hour > max(M, F × the org's hourly 7-day baseline)
   - denied_burst         denied requests by one API key ≥ N within S seconds
   - outbound_failures    failed outbound calls in one organisation ≥ N within S seconds
   An alert for the same (detector, organisation, subject) is not raised again within its
   window (cooldown), so an ongoing attack yields one alert per window, not one per request.
   Memory is bounded: each window keeps at most N timestamps per key, and each map at most
   MAX_KEYS keys (oldest evicted), so a flood of distinct IPs cannot exhaust the process. */
import type { AuditRecord } from './canonical.js';

export type DetectorName = 'brute_force' | 'credential_stuffing' | 'admin_new_source' | 'mass_reads' | 'denied_burst' | 'outbound_failures' | 'account_locked';
export type Severity = 'low' | 'medium' | 'high';

export interface AlertDraft {
  readonly orgId: string;
  readonly detector: DetectorName;
  readonly severity: Severity;
  /** What the alert is about: an account, an IP, a key, or the organisation. */
  readonly subject: string;
  readonly summary: string;
  readonly details: Record<string, unknown>;
  readonly eventIds: string[];
  /** occurredAt of the record that tripped the detector. */
  readonly at: string;
}

export interface Threshold {
  count: number;
  windowSeconds: number;
}

export interface DetectorConfig {
  bruteForce: Threshold;
  credentialStuffing: Threshold;
  deniedBurst: Threshold;
  outboundFailures: Threshold;
  massReads: { factor: number; minimum: number };
  /** 0 turns the admin new-source detector off. */
  adminNewSourceDays: number;
}

/** Parses "N/S" (count per seconds). */
export function parseThreshold(v: string): Threshold {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  if (!m) throw new TypeError(`threshold must be N/S, got ${v}`);
  return { count: Math.max(1, Number(m[1])), windowSeconds: Math.max(1, Number(m[2])) };
}

/** Parses "Fx/M" (factor over baseline, minimum count). */
export function parseMassReads(v: string): { factor: number; minimum: number } {
  const m = /^(\d+(?:\.\d+)?)x\/(\d+)$/.exec(v);
  if (!m) throw new TypeError(`mass-read threshold must be Fx/M, got ${v}`);
  return { factor: Number(m[1]), minimum: Number(m[2]) };
}

/** Actions the detectors understand (the contract with the modules that append them). */
export const SIGN_IN_ACTIONS: ReadonlySet<string> = new Set(['auth.sign_in', 'auth.mfa.verify']);
/** A read is an action whose last word (after the last "." or "_") is one of these, e.g.
    `vault.file.download`, `api_key.listed`, `integration.credential_decrypted`. */
export const READ_VERBS: ReadonlySet<string> = new Set([
  'read', 'list', 'listed', 'get', 'view', 'viewed', 'export', 'exported',
  'download', 'downloaded', 'decrypt', 'decrypted', 'reveal', 'revealed',
]);
/** An account locked by repeated failures (identity's lockout record). */
export const LOCKOUT_ACTION = 'auth.lockout';
export const OUTBOUND_PREFIXES: readonly string[] = ['outbound.', 'webhooks.delivery', 'webhook.delivery'];

export function isRead(action: string): boolean {
  return READ_VERBS.has(action.split(/[._]/).pop() ?? '');
}

function isSignIn(e: AuditRecord): boolean {
  return SIGN_IN_ACTIONS.has(e.action);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/** The account a sign-in record is about: its target (`user`, or `email` with a digest of the
    address typed for an account that does not exist), else the signed-in actor, else
    `metadata.account`. */
export function accountOf(e: AuditRecord): string | null {
  if (e.target?.id && (e.target.type === 'user' || e.target.type === 'email')) return `${e.target.type}:${e.target.id}`;
  if (e.actor.type === 'user' && e.actor.id && e.outcome === 'allowed') return `user:${e.actor.id}`;
  const m = str(e.metadata.account);
  return m ? `account:${m}` : null;
}

function userOf(e: AuditRecord): string | null {
  if (e.actor.type === 'user' || e.actor.type === 'super_admin') return e.actor.id;
  if (e.target?.type === 'user') return e.target.id;
  return null;
}

export interface DetectorDeps {
  config: DetectorConfig;
  /** Average reads per hour for the organisation over the 7 days before `at` (excluding the last hour). */
  readBaseline(orgId: string, at: Date): Promise<number>;
  /** IPs and user agents of the user's successful sign-ins in [since, at), excluding `excludeId`. */
  priorSignIns(orgId: string, userId: string, since: Date, at: Date, excludeId: string): Promise<{ ips: Set<string>; userAgents: Set<string>; count: number }>;
  /** Whether the user is an administrator of the organisation (or a platform super-admin). */
  isAdmin(orgId: string, userId: string): Promise<boolean>;
}

export interface Detectors {
  /** Evaluates one record; returns the alerts it raises (usually none). */
  evaluate(e: AuditRecord): Promise<AlertDraft[]>;
  /** Feeds a record into the windows without raising alerts (warm-up after a restart). */
  replay(e: AuditRecord): void;
  /** Suppresses (detector, org, subject) until `untilMs` (warm-up from stored alerts). */
  suppress(detector: DetectorName, orgId: string, subject: string, untilMs: number): void;
  reset(): void;
}

const MAX_KEYS = 50_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** A Map that forgets its oldest keys past a bound. */
class BoundedMap<V> {
  private readonly m = new Map<string, V>();
  get(k: string): V | undefined {
    return this.m.get(k);
  }
  set(k: string, v: V): void {
    if (!this.m.has(k) && this.m.size >= MAX_KEYS) {
      const oldest = this.m.keys().next();
      if (!oldest.done) this.m.delete(oldest.value);
    }
    this.m.set(k, v);
  }
  delete(k: string): void {
    this.m.delete(k);
  }
  clear(): void {
    this.m.clear();
  }
}

/** Timestamps of the last `keep` hits within the window, plus their event ids. */
interface Hits {
  t: number[];
  ids: string[];
}

function hit(map: BoundedMap<Hits>, key: string, t: number, id: string, windowMs: number, keep: number): Hits {
  const h = map.get(key) ?? { t: [], ids: [] };
  h.t.push(t);
  h.ids.push(id);
  while (h.t.length > 0 && (h.t[0]! <= t - windowMs || h.t.length > keep)) {
    h.t.shift();
    h.ids.shift();
  }
  map.set(key, h);
  return h;
}

export function createDetectors(deps: DetectorDeps): Detectors {
  const c = deps.config;
  const failures = new BoundedMap<Hits>();
  const accountsByIp = new BoundedMap<Map<string, { t: number; id: string }>>();
  const denied = new BoundedMap<Hits>();
  const outbound = new BoundedMap<Hits>();
  const reads = new BoundedMap<Map<number, number>>();
  const cooldown = new BoundedMap<number>();
  const baselines = new BoundedMap<{ hour: number; value: number }>();

  function cooling(det: DetectorName, org: string, subject: string, t: number): boolean {
    const until = cooldown.get(`${det}|${org}|${subject}`);
    return until !== undefined && t < until;
  }
  function cool(det: DetectorName, org: string, subject: string, t: number, ms: number): void {
    cooldown.set(`${det}|${org}|${subject}`, t + ms);
  }

  /** Updates the windows; returns the candidate alerts (before cooldown and async checks). */
  function observe(e: AuditRecord, t: number): { drafts: AlertDraft[]; adminSignIn: boolean; readCount: number | null } {
    const drafts: AlertDraft[] = [];
    const org = e.orgId;
    let adminSignIn = false;
    let readCount: number | null = null;

    if (isSignIn(e) && e.outcome !== 'allowed') {
      const account = accountOf(e);
      if (account) {
        const bf = c.bruteForce;
        const h = hit(failures, `${org}|${account}`, t, e.id, bf.windowSeconds * 1000, bf.count);
        if (h.t.length >= bf.count) {
          drafts.push({
            orgId: org, detector: 'brute_force', severity: 'high', subject: account, at: e.occurredAt,
            summary: `${h.t.length} failed sign-ins on one account within ${bf.windowSeconds} s`,
            details: { account, failures: h.t.length, windowSeconds: bf.windowSeconds, lastIp: e.source.ip },
            eventIds: [...h.ids],
          });
        }
        const ip = e.source.ip;
        if (ip) {
          const cs = c.credentialStuffing;
          const key = `${org}|${ip}`;
          const m = accountsByIp.get(key) ?? new Map<string, { t: number; id: string }>();
          m.delete(account); // re-insert so iteration order stays oldest-first
          m.set(account, { t, id: e.id });
          for (const [a, v] of m) {
            if (v.t > t - cs.windowSeconds * 1000) break;
            m.delete(a);
          }
          while (m.size > cs.count * 4) {
            const first = m.keys().next();
            if (first.done) break;
            m.delete(first.value);
          }
          accountsByIp.set(key, m);
          if (m.size >= cs.count) {
            drafts.push({
              orgId: org, detector: 'credential_stuffing', severity: 'high', subject: `ip:${ip}`, at: e.occurredAt,
              summary: `Failed sign-ins on ${m.size} different accounts from ${ip} within ${cs.windowSeconds} s`,
              details: { ip, accounts: m.size, windowSeconds: cs.windowSeconds },
              eventIds: [...m.values()].map((v) => v.id).slice(-50),
            });
          }
        }
      }
    }

    if (e.action === LOCKOUT_ACTION && e.target?.type === 'user' && e.target.id) {
      const lockedUntil = str(e.metadata.lockedUntil);
      drafts.push({
        orgId: org, detector: 'account_locked', severity: 'medium', subject: `user:${e.target.id}`, at: e.occurredAt,
        summary: `A member's account was locked after repeated failed sign-ins${lockedUntil ? ` (until ${lockedUntil})` : ''}`,
        details: { userId: e.target.id, reason: e.reason, lockedUntil, lastIp: e.source.ip },
        eventIds: [e.id],
      });
    }

    if (isSignIn(e) && e.outcome === 'allowed' && e.action === 'auth.sign_in' && c.adminNewSourceDays > 0) adminSignIn = true;

    if (e.outcome === 'denied' && e.actor.type === 'api_key' && e.actor.id) {
      const db = c.deniedBurst;
      const h = hit(denied, `${org}|${e.actor.id}`, t, e.id, db.windowSeconds * 1000, db.count);
      if (h.t.length >= db.count) {
        drafts.push({
          orgId: org, detector: 'denied_burst', severity: 'medium', subject: `api_key:${e.actor.id}`, at: e.occurredAt,
          summary: `${h.t.length} denied requests by API key ${e.actor.id} within ${db.windowSeconds} s`,
          details: { apiKeyId: e.actor.id, denied: h.t.length, windowSeconds: db.windowSeconds, lastDenyLayer: e.denyLayer },
          eventIds: [...h.ids],
        });
      }
    }

    if (e.outcome === 'failed' && OUTBOUND_PREFIXES.some((p) => e.action.startsWith(p))) {
      const of = c.outboundFailures;
      const h = hit(outbound, org, t, e.id, of.windowSeconds * 1000, of.count);
      if (h.t.length >= of.count) {
        drafts.push({
          orgId: org, detector: 'outbound_failures', severity: 'medium', subject: `org:${org}`, at: e.occurredAt,
          summary: `${h.t.length} failed outbound calls within ${of.windowSeconds} s`,
          details: { failures: h.t.length, windowSeconds: of.windowSeconds, lastAction: e.action, lastTarget: e.target },
          eventIds: [...h.ids],
        });
      }
    }

    if (isRead(e.action) && e.outcome === 'allowed') {
      const minute = Math.floor(t / MINUTE_MS);
      const b = reads.get(org) ?? new Map<number, number>();
      b.set(minute, (b.get(minute) ?? 0) + 1);
      let total = 0;
      for (const [m, n] of b) {
        if (m <= minute - 60) b.delete(m);
        else total += n;
      }
      reads.set(org, b);
      readCount = total;
    }
    return { drafts, adminSignIn, readCount };
  }

  return {
    async evaluate(e) {
      const t = Date.parse(e.occurredAt);
      const { drafts, adminSignIn, readCount } = observe(e, t);
      const out: AlertDraft[] = [];
      const windowMs: Record<DetectorName, number> = {
        brute_force: c.bruteForce.windowSeconds * 1000,
        credential_stuffing: c.credentialStuffing.windowSeconds * 1000,
        denied_burst: c.deniedBurst.windowSeconds * 1000,
        outbound_failures: c.outboundFailures.windowSeconds * 1000,
        mass_reads: HOUR_MS,
        admin_new_source: 0,
        // A lock lasts minutes; a second lock of the same account within the brute-force window
        // is the same attack, already reported.
        account_locked: c.bruteForce.windowSeconds * 1000,
      };
      for (const d of drafts) {
        if (cooling(d.detector, d.orgId, d.subject, t)) continue;
        cool(d.detector, d.orgId, d.subject, t, windowMs[d.detector]);
        out.push(d);
      }

      // Mass reads: only consult the baseline once the cheap minimum is crossed.
      if (readCount !== null && readCount > c.massReads.minimum && !cooling('mass_reads', e.orgId, `org:${e.orgId}`, t)) {
        const hour = Math.floor(t / HOUR_MS);
        let base = baselines.get(e.orgId);
        if (!base || base.hour !== hour) {
          base = { hour, value: await deps.readBaseline(e.orgId, new Date(t)) };
          baselines.set(e.orgId, base);
        }
        const limit = Math.max(c.massReads.minimum, c.massReads.factor * base.value);
        if (readCount > limit) {
          cool('mass_reads', e.orgId, `org:${e.orgId}`, t, HOUR_MS);
          out.push({
            orgId: e.orgId, detector: 'mass_reads', severity: 'medium', subject: `org:${e.orgId}`, at: e.occurredAt,
            summary: `${readCount} reads in the last hour, above ${Math.round(limit)} (baseline ${base.value.toFixed(1)}/h)`,
            details: { readsLastHour: readCount, baselinePerHour: base.value, limit, lastActor: e.actor, lastAction: e.action },
            eventIds: [e.id],
          });
        }
      }

      if (adminSignIn) {
        const user = userOf(e);
        const ip = e.source.ip;
        const ua = e.source.userAgent;
        if (user && ip && ua && !cooling('admin_new_source', e.orgId, `user:${user}`, t) && (e.actor.type === 'super_admin' || (await deps.isAdmin(e.orgId, user)))) {
          const since = new Date(t - c.adminNewSourceDays * 86_400_000);
          const prior = await deps.priorSignIns(e.orgId, user, since, new Date(t), e.id);
          // Only with history: a first-ever sign-in is not "new" against anything.
          if (prior.count > 0 && !prior.ips.has(ip) && !prior.userAgents.has(ua)) {
            cool('admin_new_source', e.orgId, `user:${user}`, t, HOUR_MS);
            out.push({
              orgId: e.orgId, detector: 'admin_new_source', severity: 'high', subject: `user:${user}`, at: e.occurredAt,
              summary: `Administrator signed in from a new IP address and a new browser (${ip})`,
              details: { userId: user, ip, userAgent: ua, lookbackDays: c.adminNewSourceDays, priorSignIns: prior.count },
              eventIds: [e.id],
            });
          }
        }
      }
      return out;
    },
    replay(e) {
      observe(e, Date.parse(e.occurredAt));
    },
    suppress(detector, orgId, subject, untilMs) {
      cooldown.set(`${detector}|${orgId}|${subject}`, untilMs);
    },
    reset() {
      failures.clear();
      accountsByIp.clear();
      denied.clear();
      outbound.clear();
      reads.clear();
      cooldown.clear();
      baselines.clear();
    },
  };
}
