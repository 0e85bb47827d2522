/* The claim registry (DESIGN decision 6). Every ID of shared/CLAIMS.md is here with its kind.
   A `verified` claim names the tests that prove it, as "<test file> > <full test name>"; it is
   shown as verified only when the last recorded test run passed every one of them
   (test/claims-reporter.ts writes that evidence). A claim whose tests are missing, failed or
   not yet written shows `not_yet` — the trust page never states what is not proven. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export type ClaimKind = 'verified' | 'configured' | 'declared';
export type ClaimStatus = 'verified' | 'configured' | 'declared' | 'not_yet';

export interface Claim {
  id: string;
  kind: ClaimKind;
  summary: string;
  /** For verified claims: the tests that prove it ("file > name"). Empty = not yet proven. */
  tests: string[];
}

const c = (id: string, kind: ClaimKind, summary: string, tests: string[] = []): Claim => ({ id, kind, summary, tests });

export const CLAIMS: readonly Claim[] = [
  c('INT-1', 'verified', 'Payment-processor credentials are accepted only as restricted keys; full secret keys are refused and never stored or logged'),
  c('INT-2', 'verified', 'Each integration declares the minimal scopes it needs, shown before connecting'),
  c('INT-3', 'verified', 'Disconnecting a credential destroys its ciphertext'),
  c('INT-4', 'verified', 'Stored credentials are write-only: only a fingerprint and last 4 are ever returned'),
  c('ENC-1', 'configured', 'HTTPS only, with HSTS (≥ 1 year, includeSubDomains, preload)'),
  c('ENC-2', 'configured', 'TLS 1.2 minimum on every connection served or opened'),
  c('ENC-3', 'verified', 'Files and generated documents are encrypted at rest with AES-256-GCM by the application'),
  c('ENC-4', 'verified', 'Secret columns are encrypted with AES-256-GCM, a fresh IV each time, and an authentication tag'),
  c('ENC-5', 'verified', 'Envelope encryption: data keys wrapped by a key-encryption key held apart from the database; rotation without downtime'),
  c('ENC-6', 'verified', 'Deployment secrets come from the environment or a secret store, never the repository or client code'),
  c('ENC-7', 'verified', 'Backups are encrypted'),
  c('DLP-1', 'verified', 'Full card numbers are never stored'),
  c('DLP-2', 'verified', 'Card security codes are never stored'),
  c('DLP-3', 'verified', 'Bank account and routing numbers are never stored outside tenant evidence files'),
  c('DLP-4', 'verified', 'Government IDs are stored only as tenant evidence and can be deleted on demand'),
  c('AUTH-1', 'verified', 'Passwords are hashed with argon2id (OWASP parameters) or bcrypt cost ≥ 12, never kept or shown in plain text'),
  c('AUTH-2', 'verified', 'Session cookies are HttpOnly, Secure and SameSite=Lax'),
  c('AUTH-3', 'verified', 'Sessions are signed tokens expiring on a 30-day rolling window'),
  c('AUTH-4', 'verified', 'Sessions expire on inactivity; users and org admins revoke sessions, effective immediately'),
  c('AUTH-5', 'verified', 'Password reset is by email and enumeration-safe'),
  c('AUTH-6', 'verified', 'An account locks for 15 minutes after 5 failed sign-ins'),
  c('AUTH-7', 'verified', 'Sign-in timing does not reveal whether an address is registered'),
  c('AUTH-8', 'verified', 'Multi-factor authentication (TOTP with recovery codes, passkeys); organisations can require it'),
  c('AUTH-9', 'verified', 'Single sign-on through OpenID Connect, enabled per organisation'),
  c('AUTH-10', 'verified', 'Password strength is enforced; common and breached passwords are refused'),
  c('AUTH-11', 'verified', 'Authentication endpoints are rate limited'),
  c('AUTH-12', 'verified', 'Every authentication event is audit-logged'),
  c('AUTH-13', 'verified', 'Cookie-authenticated state changes are protected against CSRF'),
  c('AUTH-14', 'verified', 'Reset and verification tokens are single-use, short-lived and stored only as hashes'),
  c('TEN-1', 'verified', 'Every data access is scoped to the caller’s organisation, taken from the session or key'),
  c('TEN-2', 'verified', 'The database enforces isolation with row-level security', [
    'src/db/migrations.test.ts > schema > TEN-2: every table with org_id has RLS enabled, forced, and a policy',
    'src/db/rls.security.test.ts > row-level security > TEN-2: the app role cannot read another org’s rows even with a query that forgets the WHERE',
    'src/db/rls.security.test.ts > row-level security > TEN-2: the app role cannot write a row into another org',
    'src/db/rls.security.test.ts > row-level security > TEN-2: the app role is neither superuser nor BYPASSRLS',
  ]),
  c('TEN-3', 'verified', 'Stored files live in per-organisation namespaces'),
  c('TEN-4', 'verified', 'Another organisation’s object answers “not found”, exactly like a missing one'),
  c('RBAC-1', 'verified', 'Built-in roles: admin, operator, viewer'),
  c('RBAC-2', 'verified', 'Organisations define custom roles from granular permissions'),
  c('RBAC-3', 'verified', 'Layered permissions: super-admin, org role, per-resource role, plan entitlements, org policy'),
  c('RBAC-4', 'verified', 'Restricted API keys: scoped, expiring, instantly revocable, stored only as hashes'),
  c('AUD-1', 'verified', 'Every data access and mutation is recorded in an append-only audit log', [
    'src/audit/append.test.ts > audit append > AUD-1: the app role cannot UPDATE or DELETE audit rows',
    'src/audit/append.test.ts > audit append > AUD-1: an audit record commits or rolls back with its change',
    'src/audit/sealer.test.ts > sealer > AUD-1: the sealer cannot rewrite history: palisade_system may not update or delete leaves, nodes or checkpoints',
    'src/audit/routes.test.ts > audit routes > AUD-1: reading the audit log is itself audited, with the reader, source and Palisade-Audit-Reason',
    'test/e2e/audit-coverage.e2e.test.ts > audit coverage > AUD-1: every org-scoped route that completes appends an audit record carrying its request id',
    'test/e2e/audit-coverage.e2e.test.ts > audit coverage > AUD-1: a viewer refused on an org route leaves a denied record naming the deciding layer',
    'test/e2e/audit-sigkill.e2e.test.ts > audit durability > AUD-1: a SIGKILL during a write load loses no audit record of an acknowledged mutation; the log verifies after restart',
  ]),
  c('AUD-2', 'verified', 'Each record carries actor, time, source, action, target and reason', [
    'src/audit/append.test.ts > audit append > AUD-2: records actor, time, source, action, target, outcome and reason',
    'src/audit/routes.test.ts > audit routes > AUD-2: records carry actor, time, source (IP, user agent, request id), action, target, outcome, deny layer and reason; filters and cursor pagination work',
    'src/audit/canonical.test.ts > canonical record encoding (RFC 8785) > AUD-2: encodes every field, with sorted keys, no whitespace and explicit nulls',
  ]),
  c('AUD-3', 'verified', 'The log is tamper-evident and verifiable from published checkpoints', [
    'src/audit/verify.test.ts > palisade audit verify > AUD-3: an untouched log verifies clean and the command exits 0',
    'src/audit/verify.test.ts > palisade audit verify > AUD-3: a record edited and another deleted by the database superuser are each named (org, leaf, event); exit 1',
    'src/audit/verify.test.ts > palisade audit verify > AUD-3: a record rewritten together with its stored leaf hash is caught by the signed root',
    'src/audit/verify.test.ts > palisade audit verify > AUD-3: a deleted leaf row, a truncated tree and a forged checkpoint are reported',
    'src/audit/verify.test.ts > palisade audit verify > AUD-3: with --vkey pinned, checkpoints re-signed under a key swapped into the database fail',
    'src/audit/routes.test.ts > audit routes > AUD-3: an inclusion proof verifies with an independent verifier against a checkpoint that verifies with @noble/curves',
    'src/audit/routes.test.ts > audit routes > AUD-3: a consistency proof between two published checkpoints verifies',
    'src/audit/routes.test.ts > audit routes > AUD-3: the JSON Lines export carries a checkpoint and a verifiable proof for every record',
    'src/audit/note.test.ts > checkpoints (c2sp.org/tlog-checkpoint) > AUD-3: a product checkpoint signed with node:crypto verifies with @noble/curves (a separate Ed25519)',
    'src/audit/note.test.ts > checkpoints (c2sp.org/tlog-checkpoint) > AUD-3: the checkpoint vector is reproduced byte for byte from its seed and the 8-leaf root',
    'src/audit/note.test.ts > signed notes (c2sp.org/signed-note) > AUD-3: the spec example note verifies with its vkey',
    'src/audit/merkle.test.ts > RFC 6962 vectors > AUD-3: roots of 0..8 leaves match the reference values',
    'src/audit/merkle.test.ts > RFC 6962 vectors > AUD-3: inclusion proofs equal the reference proofs and verify with both verifiers',
    'src/audit/merkle.test.ts > RFC 6962 vectors > AUD-3: consistency proofs equal the reference proofs and verify with both verifiers',
    'src/audit/sealer.test.ts > sealer > AUD-3: seals records into per-organisation trees and signs a checkpoint per changed tree',
    'src/audit/sealer.test.ts > sealer > AUD-3: a record whose transaction is still open is not sealed, and records after it wait for it (commit order)',
  ]),
  c('AUD-4', 'configured', 'Audit records are retained 3 years (configurable)', [
    'src/audit/retention.test.ts > audit retention > AUD-4: the retention period defaults to three years (1095 days) and is configurable',
    'src/audit/retention.test.ts > audit retention > AUD-4: deletes only records older than the retention period, through palisade_retention; verify still passes and proofs still work',
    'src/audit/retention.test.ts > audit retention > AUD-4: the retention role cannot delete a record inside the period, nor an unsealed one',
  ]),
  c('AUD-5', 'verified', 'Anomalies on authentication, storage and outbound calls raise alerts in real time', [
    'src/audit/anomalies.test.ts > anomaly detectors (evaluated per record as it arrives) > AUD-5: brute force — N failed sign-ins on one account within the window raise one alert',
    'src/audit/anomalies.test.ts > anomaly detectors (evaluated per record as it arrives) > AUD-5: credential stuffing — failed sign-ins on many accounts from one IP',
    'src/audit/anomalies.test.ts > anomaly detectors (evaluated per record as it arrives) > AUD-5: admin sign-in from a new IP and a new user agent',
    'src/audit/anomalies.test.ts > anomaly detectors (evaluated per record as it arrives) > AUD-5: mass reads above the organisation baseline',
    'src/audit/anomalies.test.ts > anomaly detectors (evaluated per record as it arrives) > AUD-5: bursts of denied requests from one API key',
    'src/audit/anomalies.test.ts > anomaly detectors (evaluated per record as it arrives) > AUD-5: outbound call failures',
    'src/audit/routes.test.ts > audit routes > AUD-5: a brute-force attack raises an alert within one sealing round: stored, listed at /v1/org/alerts, emailed to the org, itself audited',
  ]),
  c('AUD-6', 'verified', 'Logs, errors and telemetry never contain passwords, keys, tokens or card data', [
    'src/http/logger.test.ts > logger > AUD-6: redacts credentials by path, card data anywhere, and token-shaped strings',
    'scripts/check-log-audit.mjs > AUD-6: no secret seen by the API appears in any log line of the whole test run',
  ]),
  c('FILE-1', 'verified', 'Files are kept in object storage under per-organisation paths'),
  c('FILE-2', 'verified', 'Upload and download URLs are signed, organisation-scoped and expire after 5 minutes'),
  c('FILE-3', 'verified', 'Files are deleted by the organisation’s retention policy (default 90 days)'),
  c('FILE-4', 'verified', 'Uploads are rate limited (60 per user per hour)'),
  c('WH-1', 'verified', 'Incoming payment webhooks are signature-verified before processing'),
  c('WH-2', 'verified', 'Each incoming event is processed exactly once'),
  c('WH-3', 'verified', 'Agent/plugin traffic is signed, authenticated and replay-protected'),
  c('WH-4', 'verified', 'Outgoing webhooks are signed, retried, and never aimed at internal addresses'),
  c('PAY-1', 'declared', 'Card data goes from the browser to the payment processor and never reaches the product'),
  c('VAL-1', 'verified', 'All input is validated on the server with strict schemas; unknown fields are refused', [
    'src/http/server.test.ts > HTTP pipeline > VAL-1: accepts a valid body and refuses an unknown field',
    'test/e2e/hostile-input.e2e.test.ts > hostile input > VAL-1: an unknown JSON field is refused with 400 validation_failed',
    'test/e2e/hostile-input.e2e.test.ts > hostile input > VAL-1: a wrong type is refused with 400 validation_failed',
    'test/e2e/hostile-input.e2e.test.ts > hostile input > VAL-1: invalid JSON is refused with 400 invalid_json',
    'test/e2e/hostile-input.e2e.test.ts > hostile input > VAL-1: a 2 MB body is refused with 413 payload_too_large',
    'test/e2e/hostile-input.e2e.test.ts > hostile input > VAL-1: JSON nested deeper than the limit is refused',
  ]),
  c('VAL-2', 'verified', 'All SQL is parameterized; no string-built queries'),
  c('VAL-3', 'verified', 'Content-Security-Policy and same-origin rules on every page', [
    'test/e2e/hostile-input.e2e.test.ts > hostile input > VAL-3: every response carries the strict CSP and same-origin headers',
  ]),
  c('VAL-4', 'verified', 'TypeScript strict mode across the codebase', ['src/trust/typescript.test.ts > TypeScript > VAL-4: tsconfig enables strict mode and the code type-checks']),
  c('DEP-1', 'verified', 'Dependency vulnerabilities are audited on every build; critical ones fail it'),
  c('PRIV-1', 'verified', 'A person can export all data held about them, machine-readable'),
  c('PRIV-2', 'verified', 'Erasure on request within 30 days, backups included (crypto-shredding)'),
  c('PRIV-3', 'verified', 'Data-subject requests are tracked against a 30-day deadline'),
  c('PRIV-4', 'verified', 'AI features are off by default; consent is recorded and can be withdrawn'),
  c('PRIV-5', 'verified', 'Only what an operation needs reaches an AI provider'),
  c('PRIV-6', 'verified', 'AI calls are rate limited per user; core functions work when the AI provider is down'),
  c('PRIV-7', 'verified', 'Retention: expired trial orgs deleted after 30 days; old notifications pruned; security logs kept as configured'),
  c('PRIV-8', 'verified', 'Only strictly necessary cookies (session, CSRF)'),
  c('PRIV-9', 'configured', 'Data residency and subprocessors are published from configuration'),
  c('PRIV-10', 'verified', 'Data about minors flows only where policy and recorded consent allow it'),
  c('PRIV-11', 'declared', 'The product never sells data'),
  c('BAK-1', 'verified', 'Encrypted backups daily, kept 30 days'),
  c('BAK-2', 'verified', 'Restores are drilled automatically'),
  c('IR-1', 'verified', 'A confirmed breach is tracked to notification within 72 hours'),
  c('IR-2', 'configured', 'Vulnerability reports have a published contact (security.txt) and acknowledgement deadline'),
  c('TRUST-1', 'verified', 'The trust page is generated from live configuration and this registry and never overstates'),
];

export const EVIDENCE_FILE = fileURLToPath(new URL('../../test-results/claims-evidence.json', import.meta.url));

export interface Evidence {
  finishedAt: string;
  passed: string[];
}

export async function readEvidence(file = EVIDENCE_FILE): Promise<Evidence | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Evidence;
    return Array.isArray(parsed.passed) ? parsed : null;
  } catch {
    return null;
  }
}

export interface ClaimReport {
  id: string;
  kind: ClaimKind;
  status: ClaimStatus;
  summary: string;
  tests: string[];
}

/** Status of every claim against recorded evidence. Configured claims need a live config check
    (the trust page does that); here they report their kind. */
export function claimStatuses(evidence: Evidence | null, claims: readonly Claim[] = CLAIMS): ClaimReport[] {
  const passed = new Set(evidence?.passed ?? []);
  return claims.map((cl) => {
    let status: ClaimStatus = cl.kind;
    if (cl.kind === 'verified') status = cl.tests.length > 0 && cl.tests.every((t) => passed.has(t)) ? 'verified' : 'not_yet';
    return { id: cl.id, kind: cl.kind, status, summary: cl.summary, tests: cl.tests };
  });
}
