/* The files mutation testing covers (issue 21), in groups: each group's `mutate` files are
   mutated and only its `tests` run against them (perTest coverage then picks, per mutant, the
   tests that reach it). A new security-critical module (MFA, files, webhooks, privacy, backups,
   trust guards) adds its group here when it lands. Line ranges (`file:from-to`) confine a large
   file to its security-critical part.
   The RLS migrations are SQL, which Stryker does not mutate: `npm run mutants:rls`
   (scripts/mutants-rls.mjs) mutates the migrated schema instead — each policy's USING and WITH
   CHECK made true or widened to a missing organisation context, a policy dropped or a permissive
   one added, RLS disabled, a grant widened — one mutant at a time against the RLS test files
   (docs/testing.md); src/db/rls.mutants.test.ts keeps its generator honest in CI. */
export const GROUPS = [
  { name: 'rate-limit', mutate: ['src/identity/rate-limit.ts'], tests: ['src/identity/rate-limit.test.ts', 'src/identity/rate-limit.route.test.ts', 'src/identity/sign-in.security.test.ts', 'src/identity/auth-events.security.test.ts'] },
  { name: 'decide', mutate: ['src/authz/decide.ts'], tests: ['src/authz/decide.test.ts'] },
  { name: 'aead', mutate: ['src/crypto/aead.ts'], tests: ['src/crypto/aead.test.ts', 'src/crypto/aead.reasons.test.ts'] },
  { name: 'session-token', mutate: ['src/identity/session-token.ts'], tests: ['src/identity/session-token.test.ts', 'src/identity/session-token.edges.test.ts', 'src/identity/session-token.csrf.test.ts', 'src/identity/sessions.security.test.ts'] },
  { name: 'passwords', mutate: ['src/identity/passwords.ts'], tests: ['src/identity/passwords.test.ts', 'src/identity/passwords.guards.test.ts', 'src/identity/enumeration.security.test.ts'] },
  { name: 'dlp', mutate: ['src/crypto/dlp.ts'], tests: ['src/crypto/dlp.test.ts', 'src/crypto/dlp.edges.test.ts'] },
  // sessions.ts's lifetime rules (rolling window, inactivity, absolute lifetime, refresh) are
  // proved end to end by identity-sessions.e2e.test.ts: without it the group measured the revocation set only.
  // sessions.lifetime (every limit to the millisecond, the cookies, the cap's record) and
  // sessions.barrier (AUTH-4's barrier with the notifications held back) run first: one database
  // and no HTTP server each (session 9).
  { name: 'sessions', mutate: ['src/identity/sessions.ts'], tests: ['src/identity/sessions.lifetime.test.ts', 'src/identity/sessions.barrier.test.ts', 'src/identity/sessions.security.test.ts', 'test/e2e/identity-sessions.e2e.test.ts'] },
  // audit-seal: the pure merkle tests first, then verify's checks fed a log directly (no database,
  // session 9), then one short database run that seals a mixed log and verifies it (session 8), the sealer's rounds
  // attacked (session 9), then the slower sealer and verify suites.
  { name: 'audit-seal', mutate: ['src/audit/sealer.ts', 'src/audit/verify.ts', 'src/audit/merkle.ts'], tests: ['src/audit/merkle.test.ts', 'src/audit/merkle.guards.test.ts', 'src/audit/verify.unit.test.ts', 'src/audit/sealer.outcomes.test.ts', 'src/audit/sealer.rounds.test.ts', 'src/audit/sealer.test.ts', 'src/audit/verify.test.ts', 'src/audit/verify.snapshot.test.ts'] },
  // keyring.guards.test.ts (session 8) attacks the memo, the cache, the bus and KEK look-up that the
  // first run left unreached; it runs first (its own database, no app).
  { name: 'keyring', mutate: ['src/crypto/keyring.ts'], tests: ['src/crypto/keyring.guards.test.ts', 'src/crypto/keyring.test.ts', 'src/crypto/keyring.rotation.test.ts'] },
  // New capabilities' guards (issue 21, deliverable 3). Line ranges name the guard inside a service.
  // MFA: TOTP matching, recovery codes, and the second-factor check with its replay guard.
  // service.guards.test.ts (session 9) drives the check through the service on a test database with
  // no HTTP app, so most service mutants die before the end-to-end suite starts.
  { name: 'mfa', mutate: ['src/identity/mfa/totp.ts', 'src/identity/mfa/recovery.ts', 'src/identity/mfa/service.ts:135-178'], tests: ['src/identity/mfa/totp.test.ts', 'src/identity/mfa/service.guards.test.ts', 'test/e2e/mfa.e2e.test.ts'] },
  // Passkeys: the glue around @simplewebauthn's verification (challenge binding, counters).
  // glue.test.ts (a software authenticator's real signed assertions, no browser) runs first, so a
  // mutant it kills never starts chromium.
  { name: 'passkeys', mutate: ['src/identity/passkeys/service.ts:121-131', 'src/identity/passkeys/service.ts:310-394'], tests: ['src/identity/passkeys/glue.test.ts', 'test/browser/passkeys.browser.test.ts'] },
  // Vault: signed URLs (message, comparison, verification) and the chunked stream format.
  // (Split in session 8: the stream format's unit tests reach all of it in minutes, while the
  // signed-URL checks in the service are reached only by the route tests, about a minute per mutant;
  // session 9: signed-url.service.test.ts drives sign/verify through the service with no HTTP app.)
  { name: 'vault', mutate: ['src/vault/signed-url.ts', 'src/vault/service.ts:167-191'], tests: ['src/vault/signed-url.test.ts', 'src/vault/signed-url.service.test.ts', 'src/vault/routes.test.ts'] },
  { name: 'vault-stream', mutate: ['src/vault/stream-format.ts'], tests: ['src/vault/stream-format.test.ts', 'src/vault/stream-format.edges.test.ts'] },
  // Webhooks: inbound Stripe verification, Standard Webhooks signing, RFC 9421 agent signatures.
  // stripe.inbox.test.ts (session 9): the inbox after verification on a test database, no HTTP app.
  { name: 'webhooks', mutate: ['src/webhooks/stripe.ts', 'src/webhooks/http-signatures.ts', 'src/webhooks/outbound.ts:121-135'], tests: ['src/webhooks/webhooks.guards.test.ts', 'src/webhooks/stripe.inbox.test.ts', 'src/webhooks/http-signatures.test.ts', 'src/webhooks/stripe.test.ts', 'src/webhooks/agents.test.ts', 'src/webhooks/outbound.test.ts'] },
  { name: 'ssrf', mutate: ['src/webhooks/ssrf.ts'], tests: ['src/webhooks/ssrf.test.ts', 'src/webhooks/ssrf.edges.test.ts'] },
  // Privacy: the export download link (its signed message, and the download's signature, expiry and
  // one-time checks) and an admin's read of a member's export (scoped to the organisation, audited).
  // (Session 9: the range 283-292 had drifted off the download onto the member export; both named now.)
  { name: 'privacy-links', mutate: ['src/privacy/signed-link.ts', 'src/privacy/service.ts:228-230', 'src/privacy/service.ts:283-292', 'src/privacy/service.ts:318-341'], tests: ['src/privacy/export.test.ts', 'src/privacy/export-link.test.ts'] },
  // Backups: the frame format and the reader's grammar that restore and verify share.
  { name: 'backup-verify', mutate: ['src/backup/format.ts', 'src/backup/restore.ts:52-124'], tests: ['src/backup/format.test.ts', 'src/backup/backup.test.ts'] },
  // Trust: evidence bound to the source hash.
  { name: 'trust-evidence', mutate: ['src/trust/evidence.ts'], tests: ['src/trust/evidence.test.ts', 'src/trust/evidence.shape.test.ts'] },
];

/* The security-critical modules issue 21 names, and each new capability's guard: every one must be
   mutated by some group (test/mutants-groups.test.ts checks it in every CI run, with the groups'
   files, line ranges and tests). A new guard is added here and to a group together. */
export const SECURITY_CRITICAL = [
  'src/identity/session-token.ts', // session and CSRF tokens
  'src/identity/sessions.ts',
  'src/identity/passwords.ts', // hashing, lockout's dummy path
  'src/identity/rate-limit.ts',
  'src/authz/decide.ts',
  'src/crypto/aead.ts',
  'src/crypto/keyring.ts',
  'src/crypto/dlp.ts',
  'src/audit/sealer.ts',
  'src/audit/verify.ts',
  'src/audit/merkle.ts',
  'src/identity/mfa/totp.ts',
  'src/identity/mfa/recovery.ts',
  'src/identity/mfa/service.ts',
  'src/identity/passkeys/service.ts',
  'src/vault/signed-url.ts',
  'src/vault/stream-format.ts',
  'src/vault/service.ts',
  'src/webhooks/stripe.ts',
  'src/webhooks/http-signatures.ts',
  'src/webhooks/outbound.ts',
  'src/webhooks/ssrf.ts',
  'src/privacy/signed-link.ts',
  'src/privacy/service.ts',
  'src/backup/format.ts',
  'src/backup/restore.ts',
  'src/trust/evidence.ts',
];
