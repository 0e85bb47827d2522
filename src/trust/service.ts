/* The trust report behind /trust and /trust.json (TRUST-1): every claim of the registry with its
   status from evidence bound to this source (evidence.ts), a live check (live.ts) or an
   operator declaration (repo.ts), and the published residency, subprocessors and security
   contact (PRIV-9, IR-2). Statuses never overstate:
     verified kind   → verified only when every named test passed in evidence for this source,
                       else not_yet
     configured kind → in_force only when its live check observed it, else not_in_force
     declared kind   → declared only while an operator declaration for it stands (not withdrawn,
                       not past its end date), else not_declared
   The report (and its HTML) is built once and reused, so /trust costs what /readyz costs: it is
   dropped when a declaration changes (NOTIFY palisade_trust through the node bus, on every
   node), whenever the bus cannot vouch that it heard every notification, and after
   PALISADE_TRUST_CHECK_SECONDS so live checks (certificates, expiry) run again. Configuration
   changes need a restart, which starts with no cache. */
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { withSystem, type Db } from '../db/index.js';
import type { NodeBus } from '../db/node-bus.js';
import type { Clock } from '../lib/clock.js';
import { CLAIMS, type Claim, type ClaimKind } from './claims.js';
import { describeEvidence, loadEvidence, passedTests, type EvidenceState } from './evidence.js';
import { runLiveChecks, subprocessors, type Listener, type LiveCheck, type Subprocessor } from './live.js';
import { listDeclarations, type Declaration } from './repo.js';
import { securityTxt, securityTxtSettings } from './security-txt.js';
import { PROJECT_ROOT, sourceHash } from './source.js';

export const TRUST_CHANNEL = 'palisade_trust';

export type TrustStatus = 'verified' | 'not_yet' | 'in_force' | 'not_in_force' | 'declared' | 'not_declared';

export interface PublicDeclaration {
  id: string;
  category: Declaration['category'];
  claimId: string | null;
  title: string;
  detail: string;
  url: string | null;
  dated: string;
  validUntil: string | null;
  declaredAt: string;
  /** Past its end date: shown, but it no longer stands. */
  lapsed: boolean;
}

export interface ClaimEntry {
  id: string;
  kind: ClaimKind;
  summary: string;
  status: TrustStatus;
  tests: Array<{ name: string; passed: boolean }>;
  check: LiveCheck | null;
  declaration: PublicDeclaration | null;
}

export interface TrustReport {
  generatedAt: string;
  source: { hash: string; files: number };
  evidence: { state: EvidenceState['state']; file: string | null; finishedAt: string | null; summary: string };
  counts: Record<TrustStatus, number>;
  claims: ClaimEntry[];
  declarations: PublicDeclaration[];
  residency: string | null;
  subprocessors: Subprocessor[] | null;
  security: {
    published: boolean;
    url: string;
    contact: string[];
    expires: string | null;
    policy: string | null;
    acknowledgementDays: number;
    warning: string | null;
  };
}

export interface TrustDeps {
  db: Db;
  bus: NodeBus;
  config: Config;
  clock: Clock;
  logger: Logger;
  /** The project root whose source and evidence count (tests point it at a copy). */
  root?: string;
}

export interface ProbeContext {
  listener: Listener | null;
  get(path: string): Promise<{ status: number; body: string }>;
}

export interface Trust {
  /** The current report and its rendering (cached; see the header). */
  current(probe: ProbeContext, render: (r: TrustReport) => string): Promise<{ report: TrustReport; html: string; json: string }>;
  stop(): void;
}

const pub = (d: Declaration, today: string): PublicDeclaration => ({
  id: d.id, category: d.category, claimId: d.claimId, title: d.title, detail: d.detail, url: d.url, dated: d.dated, validUntil: d.validUntil,
  declaredAt: d.declaredAt, lapsed: d.validUntil !== null && d.validUntil < today,
});

/** Pure: the report from its inputs (unit-tested without a database or a network). */
export function buildReport(input: {
  now: Date; config: Config; source: { hash: string; files: number }; evidence: EvidenceState;
  checks: Record<string, LiveCheck>; declarations: Declaration[]; claims?: readonly Claim[];
}): TrustReport {
  const today = input.now.toISOString().slice(0, 10);
  const passed = new Set(passedTests(input.evidence));
  const decls = input.declarations.map((d) => pub(d, today));
  const claims = (input.claims ?? CLAIMS).map((c): ClaimEntry => {
    const tests = c.tests.map((name) => ({ name, passed: passed.has(name) }));
    const check = c.kind === 'configured' ? input.checks[c.id] ?? { inForce: false, detail: 'Not in force: no live check exists for this claim yet.' } : null;
    const declaration = c.kind === 'declared' ? decls.find((d) => d.claimId === c.id && !d.lapsed) ?? null : null;
    let status: TrustStatus;
    if (c.kind === 'verified') status = tests.length > 0 && tests.every((t) => t.passed) ? 'verified' : 'not_yet';
    else if (c.kind === 'configured') status = check?.inForce ? 'in_force' : 'not_in_force';
    else status = declaration ? 'declared' : 'not_declared';
    return { id: c.id, kind: c.kind, summary: c.summary, status, tests, check, declaration };
  });
  const counts: Record<TrustStatus, number> = { verified: 0, not_yet: 0, in_force: 0, not_in_force: 0, declared: 0, not_declared: 0 };
  for (const c of claims) counts[c.status] += 1;
  const settings = securityTxtSettings(input.config);
  const stxt = securityTxt(settings, input.now);
  const warning = stxt.state === 'ok' && stxt.expiringSoon
    ? `security.txt expires on ${stxt.expires.toISOString()}; the operator must renew it (PALISADE_SECURITY_TXT_EXPIRES).`
    : stxt.state === 'expired' ? `security.txt expired on ${stxt.expires.toISOString()} and is not served.`
      : stxt.state === 'not_configured' ? `No security.txt is published (${stxt.missing.join(', ')} not set).` : null;
  const ev = input.evidence;
  return {
    generatedAt: input.now.toISOString(),
    source: input.source,
    evidence: {
      state: ev.state,
      file: 'file' in ev ? ev.file : null,
      finishedAt: ev.state === 'bound' ? ev.evidence.finishedAt : ev.state === 'source_differs' ? ev.finishedAt : null,
      summary: describeEvidence(ev, input.source.hash),
    },
    counts,
    claims,
    declarations: decls.filter((d) => d.category !== 'claim'),
    residency: input.config.PALISADE_TRUST_RESIDENCY ?? null,
    subprocessors: subprocessors(input.config),
    security: {
      published: stxt.state === 'ok',
      url: settings.canonical,
      contact: settings.contact,
      expires: settings.expires?.toISOString() ?? null,
      policy: settings.policy,
      acknowledgementDays: settings.ackDays,
      warning,
    },
  };
}

export function createTrust(deps: TrustDeps): Trust {
  const root = deps.root ?? PROJECT_ROOT;
  const ttlMs = deps.config.PALISADE_TRUST_CHECK_SECONDS * 1000;
  interface Built { report: TrustReport; html: string; json: string; builtAt: number; epoch: number }
  let cache: Built | null = null;
  let generation = 0;
  let inflight: Promise<Built> | null = null;
  const drop = () => {
    generation += 1;
    cache = null;
  };
  const unsubscribe = deps.bus.subscribe(TRUST_CHANNEL, { message: drop, untrusted: drop });

  const stxt = securityTxt(securityTxtSettings(deps.config), deps.clock.now());
  if (stxt.state === 'expired') deps.logger.warn({ code: 'PAL_WARN_SECURITY_TXT_EXPIRED' }, `security.txt expired on ${stxt.expires.toISOString()} and is not served: set a new PALISADE_SECURITY_TXT_EXPIRES`);
  else if (stxt.state === 'ok' && stxt.expiringSoon) deps.logger.warn({ code: 'PAL_WARN_SECURITY_TXT_EXPIRING' }, `security.txt expires on ${stxt.expires.toISOString()}: renew PALISADE_SECURITY_TXT_EXPIRES before then`);

  async function build(probe: ProbeContext, render: (r: TrustReport) => string): Promise<Built> {
    const gen = generation;
    const epoch = deps.bus.epoch();
    const now = deps.clock.now();
    const source = sourceHash(root);
    const [declarations, checks] = await Promise.all([
      withSystem(deps.db, (tx) => listDeclarations(tx)),
      runLiveChecks({ config: deps.config, now, listener: probe.listener, get: probe.get }),
    ]);
    const report = buildReport({ now, config: deps.config, source, evidence: loadEvidence(source.hash, root), checks, declarations });
    const built = { report, html: render(report), json: JSON.stringify(report), builtAt: now.getTime(), epoch };
    if (gen === generation && deps.bus.trusted()) cache = built;
    return built;
  }

  return {
    async current(probe, render) {
      const c: Built | null = cache;
      if (c && deps.bus.trusted() && deps.bus.epoch() === c.epoch && deps.clock.now().getTime() - c.builtAt < ttlMs) return c;
      inflight ??= build(probe, render).finally(() => {
        inflight = null;
      });
      return inflight;
    },
    stop() {
      unsubscribe();
    },
  };
}
